"use client";
// Open action items with a one-click "done" for their owner or the team's manager.
import { useTransition, useState } from "react";
import Link from "next/link";
import { updateActionItem } from "@/lib/actions/inspection/update-action-item";
import { formatDate } from "@/lib/format";
import type { OpenActionItem } from "@/lib/data/inspection";

export function ActionItemList({ items, canUpdate, today, label }: { items: OpenActionItem[]; canUpdate: boolean; today: string; label: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <p className="text-sm text-slate-600">No open action items.</p>;
  return (
    <div>
      {error && <p role="alert" className="mb-2 text-sm text-red-700">{error}</p>}
      <ul className="divide-y divide-slate-100 text-sm" aria-label={label}>
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="open-action-item">
            <div className="min-w-0 wrap-anywhere">
              <p className="font-medium">{a.description}</p>
              <p className="text-xs text-slate-600">
                {a.ownerName} · due <span className={a.dueDate < today ? "font-semibold text-red-700" : ""}>{formatDate(a.dueDate)}</span>
                {a.dealId && (
                  <>
                    {" "}· <Link href={`/deals/${a.dealId}`} className="text-brand-700 hover:underline">{a.dealName}</Link>
                  </>
                )}
                {a.fromSession && <> · from the inspection of {formatDate(a.fromSession)}</>}
              </p>
            </div>
            {canUpdate && (
              <button
                type="button"
                disabled={pending}
                className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                onClick={() =>
                  start(async () => {
                    const fd = new FormData();
                    fd.set("actionItemId", a.id);
                    fd.set("status", "DONE");
                    const r = await updateActionItem(fd);
                    setError(r.ok ? null : r.message);
                  })
                }
              >
                Mark done
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
