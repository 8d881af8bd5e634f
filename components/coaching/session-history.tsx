// A rep's coaching history: each session's ratings, shared notes and the plan with its verdict. No manager-only notes.
import Link from "next/link";
import { PlanCard, VerdictBadge } from "@/components/coaching/plan-card";
import { EmptyState } from "@/components/ui/empty-state";
import type { PlanView } from "@/lib/data/coaching";
import { formatDate } from "@/lib/format";
import { BAT_DIMENSIONS, BAT_KEYS, BAT_LABELS } from "@/lib/domain/coaching-vocabulary";

export interface HistorySession {
  id: string;
  heldOn: string;
  managerName: string;
  behavior: number | null;
  technique: number | null;
  attitude: number | null;
  sharedNotes: string | null;
  plan: PlanView | null;
}

export function SessionHistory({ sessions, today }: { sessions: HistorySession[]; today: string }) {
  if (sessions.length === 0) return <EmptyState title="No coaching sessions yet" />;
  return (
    <ol className="space-y-4">
      {sessions.map((s) => (
        <li key={s.id} className="rounded-md border border-slate-200 p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">
              <Link href={`/coaching/sessions/${s.id}`} className="text-brand-700 hover:underline">
                Session of {formatDate(s.heldOn)}
              </Link>{" "}
              <span className="text-sm font-normal text-slate-600">with {s.managerName}</span>
            </h3>
            <p className="text-sm tabular-nums">
              {BAT_DIMENSIONS.map((d) => `${BAT_LABELS[d]} ${s[BAT_KEYS[d]] ?? "–"}`).join(" · ")}
            </p>
          </div>
          {s.sharedNotes && <p className="mt-1 text-sm text-slate-700">{s.sharedNotes}</p>}
          {s.plan && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">
                30-day plan {s.plan.reviewed ? <VerdictBadge verdict={s.plan.verdict} /> : <span className="text-slate-600">(open)</span>}
              </summary>
              <div className="mt-2">
                <PlanCard plan={s.plan} today={today} />
              </div>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
