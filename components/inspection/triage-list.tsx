"use client";
// The inspection's one triage list: each flagged deal once with every flag as a chip. One element per deal that is a
// card on narrow screens and a table-like row from 1024 px, so a tablet (820 px) and a phone (390 px) never scroll
// sideways. A client component fed compact rows formatted on the server (see docs/decisions/0010).
import Link from "next/link";
import { FlagChips } from "@/components/inspection/flag-chips";

/** One flagged deal as shown, formatted on the server. */
export interface TriageRow {
  id: string;
  name: string;
  account: string | null;
  owner: string;
  stage: string;
  amount: string;
  close: string;
  nextStep: string | null;
  nextStepDate: string | null;
  moved: number;
  threshold: number;
  pushes: number;
  flags: string[];
  /** "until 1 Dec 2026 — reason" for a paused deal. */
  pause: string | null;
}

const COLS = "lg:grid lg:grid-cols-[minmax(0,2.2fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.6fr)_minmax(0,2fr)] lg:gap-3";

export function TriageList({ rows, label, empty }: { rows: TriageRow[]; label: string; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div>
      <div className={`hidden px-2 pb-1 text-xs uppercase tracking-wide text-slate-500 ${COLS}`} aria-hidden="true">
        <span>Deal</span>
        <span>Owner · stage</span>
        <span className="text-right">Amount · close</span>
        <span>Next step</span>
        <span>Flags</span>
      </div>
      <ul aria-label={label} className="space-y-2 lg:space-y-0 lg:divide-y lg:divide-slate-100">
        {rows.map((d) => (
          <li key={d.id} data-testid="inspected-deal" className={`min-w-0 rounded-md border border-slate-200 p-3 text-sm lg:rounded-none lg:border-0 lg:px-2 lg:py-2 ${COLS}`}>
            <div className="min-w-0 break-words">
              <Link href={`/deals/${d.id}`} prefetch={false} className="link font-medium">{d.name}</Link>
              {d.account && <span className="block text-xs text-slate-500">{d.account}</span>}
            </div>
            <div className="min-w-0 break-words text-slate-700">
              {d.owner} <span className="text-slate-500">· {d.stage}</span>
            </div>
            <div className="min-w-0 tabular-nums lg:text-right">
              {d.amount} <span className="text-xs text-slate-500">· close {d.close}</span>
            </div>
            <div className="min-w-0 break-words">
              {d.nextStep ?? <span className="text-slate-400">No next step</span>}
              {d.nextStepDate && <span className="block text-xs text-slate-500">{d.nextStepDate}</span>}
              {d.pause && <span className="block text-xs text-slate-500">Paused {d.pause}</span>}
            </div>
            <div className="mt-1 min-w-0 lg:mt-0">
              <FlagChips flags={d.flags} moved={d.moved} threshold={d.threshold} pushes={d.pushes} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
