"use client";
// One kind of change since the last inspection, as a list of deals. A client component for the same reason as
// DealFlagTable: compact pre-formatted rows in the RSC payload rather than a serialized element tree per item.
import Link from "next/link";

export interface ChangeRow {
  id: string;
  name: string;
  owner: string;
  /** "Discovery → Proposal", "$10,000 → $12,000", a date move; null when the kind has no from/to. */
  detail: string | null;
  pushes: number;
}

export function ChangeList({ rows }: { rows: ChangeRow[] }) {
  return (
    <ul className="mt-1 space-y-1 pl-4 text-sm">
      {rows.map((c) => (
        <li key={c.id}>
          <Link href={`/deals/${c.id}`} prefetch={false} className="link">{c.name}</Link> · {c.owner}
          {c.detail && <span className="text-slate-600"> — {c.detail}</span>}
          <span className="text-xs text-slate-500"> · pushed {c.pushes}×</span>
        </li>
      ))}
    </ul>
  );
}
