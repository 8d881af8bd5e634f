// A 30-day development plan: objectives tied to Behavior, Technique or Attitude, success criteria, actions with owner, due date and status, and
// the verdict it got when it was reviewed.
import { Badge } from "@/components/ui/badge";
import { ActionStatusForm, AcknowledgePlanForm } from "@/components/coaching/plan-forms";
import { ACTION_STATUS_LABELS, BAT_LABELS, VERDICT_LABELS, isActionOverdue, type BatDimensionKind, type VerdictKind } from "@/lib/domain/coaching";
import type { PlanView } from "@/lib/data/coaching";
import { formatDate } from "@/lib/format";

const VERDICT_TONE = { ACHIEVED: "good", PARTLY: "warn", NOT_ACHIEVED: "bad" } as const;

export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (!verdict) return null;
  return <Badge tone={VERDICT_TONE[verdict as VerdictKind]}>{VERDICT_LABELS[verdict as VerdictKind]}</Badge>;
}

export function PlanCard({
  plan,
  today,
  editableOwnerId,
  canAcknowledge = false,
}: {
  plan: PlanView;
  today: string;
  /** Actions owned by this user get a status form; null: read-only. "*" edits all (the rep's managers). */
  editableOwnerId?: string | null;
  canAcknowledge?: boolean;
}) {
  return (
    <div className="space-y-4" data-testid="development-plan">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>
          {formatDate(plan.startsOn)} – {formatDate(plan.endsOn)}
        </span>
        {plan.acknowledged ? <Badge tone="good">Acknowledged</Badge> : <Badge tone="warn">Not acknowledged yet</Badge>}
        {plan.reviewed ? (
          <span className="flex items-center gap-1">
            Reviewed: <VerdictBadge verdict={plan.verdict} />
          </span>
        ) : (
          <Badge tone="info">Open</Badge>
        )}
      </div>
      {plan.verdictNotes && <p className="text-sm text-slate-700">Review notes: {plan.verdictNotes}</p>}
      {canAcknowledge && !plan.acknowledged && <AcknowledgePlanForm planId={plan.id} />}
      <ol className="space-y-3">
        {plan.objectives.map((o, i) => (
          <li key={o.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone="info">{BAT_LABELS[o.dimension as BatDimensionKind]}</Badge>
              <h4 className="font-medium">
                {i + 1}. {o.title}
              </h4>
              <VerdictBadge verdict={o.verdict} />
            </div>
            <p className="mt-1 text-sm text-slate-600">Success criterion: {o.successCriterion}</p>
            <div className="relative mt-2 overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Actions for {o.title}</caption>
                <thead>
                  <tr className="text-left text-xs uppercase text-slate-500">
                    <th className="py-1 pr-2 font-medium">Action</th>
                    <th className="py-1 pr-2 font-medium">Owner</th>
                    <th className="py-1 pr-2 font-medium">Due</th>
                    <th className="py-1 font-medium">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {o.actions.map((a) => (
                    <tr key={a.id} className="border-t border-slate-100 align-top">
                      <td className="py-1.5 pr-2">{a.description}</td>
                      <td className="py-1.5 pr-2">{a.ownerName}</td>
                      <td className="py-1.5 pr-2 whitespace-nowrap">
                        {formatDate(a.dueDate)} {isActionOverdue(a, today) && <Badge tone="bad">Overdue</Badge>}
                      </td>
                      <td className="py-1.5">
                        {editableOwnerId && (editableOwnerId === "*" || editableOwnerId === a.ownerId) && !plan.reviewed ? (
                          <ActionStatusForm actionId={a.id} status={a.status} description={a.description} />
                        ) : (
                          <Badge tone={a.status === "DONE" ? "good" : "neutral"}>{ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS]}</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
