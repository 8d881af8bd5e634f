import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listQuotas, listTargets } from "@/lib/data/targets";
import { readOnly } from "@/lib/data/read-replica";
import { periodContaining, shiftPeriod } from "@/lib/domain/calendar";
import { CATEGORY_LABELS, METRIC_BY_KEY, TARGETABLE_METRICS, type KpiCategoryKind, type MetricKey } from "@/lib/domain/kpi";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { DeleteTargetForm, QuotaForm, TargetForm } from "@/components/targets/target-forms";
import { formatDate, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Targets" };

export default async function Page() {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const fy = org.fiscalYearStartMonth;
  const quarter = periodContaining(today, "QUARTER", fy);
  const month = periodContaining(today, "MONTH", fy);
  const quarters = [quarter, shiftPeriod(quarter, 1, fy)];
  const months = [month, shiftPeriod(month, 1, fy), shiftPeriod(month, 2, fy)];
  const [{ teams, reps, targets }, quarterQuotas] = await readOnly(user, () => Promise.all([listTargets(user), listQuotas(user, "QUARTER", quarters.map((q) => q.start))]));
  const canSet = user.role !== "REP";
  const canSetOrg = user.role === "EXECUTIVE" || user.role === "ADMIN";
  const quotaOf = new Map(quarterQuotas.map((q) => [`${q.userId}|${q.periodStart}`, BigInt(q.amountMinor)]));

  const scopes = [...(canSetOrg ? [{ value: "ORGANISATION", label: "The whole organisation" }] : []), { value: "TEAM", label: "A team" }, { value: "REP", label: "A rep" }];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Targets and quotas"
        description="KPI targets by metric, period, scope and direction. Where several apply, the most specific wins: rep over team over organisation, and a target for one period over a recurring one."
        actions={
          user.role === "REP" ? (
            <Link href={`/coaching/scorecard/${user.id}`} className={buttonClass("secondary")}>
              My scorecard
            </Link>
          ) : undefined
        }
      />
      <Card title="KPI targets">
        {targets.length === 0 ? (
          <EmptyState title="No targets yet">Every KPI shows “no target” until one is set.</EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">KPI targets</caption>
              <thead>
                <tr className="text-left text-xs uppercase text-slate-500">
                  <th className="py-2 pr-3 font-medium">Category</th>
                  <th className="py-2 pr-3 font-medium">Metric</th>
                  <th className="py-2 pr-3 font-medium">For</th>
                  <th className="py-2 pr-3 font-medium">Period</th>
                  <th className="py-2 pr-3 font-medium">Target</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets.map((t) => {
                  const def = METRIC_BY_KEY.get(t.metric as MetricKey);
                  const label = `${def?.label ?? t.metric} for ${t.scopeName}`;
                  const unit = t.isRelative || def?.unit === "percent" ? "%" : def?.unit === "days" ? " days" : "";
                  return (
                    <tr key={t.id} className="border-t border-slate-100">
                      <td className="py-2 pr-3">{CATEGORY_LABELS[t.category as KpiCategoryKind]}</td>
                      <td className="py-2 pr-3">{def?.label ?? t.metric}</td>
                      <td className="py-2 pr-3">{t.scopeName}</td>
                      <td className="py-2 pr-3">
                        {t.periodType.toLowerCase()}
                        {t.periodStart ? ` starting ${formatDate(t.periodStart)}` : ", every period"}
                      </td>
                      <td className="py-2 pr-3 tabular-nums">
                        {t.direction === "AT_LEAST" ? "at least" : "at most"} {t.isRelative && t.value > 0 ? "+" : ""}
                        {t.value}
                        {unit}
                        {t.isRelative && " change"}
                      </td>
                      <td className="py-2 text-right">{t.canEdit && <DeleteTargetForm targetId={t.id} label={label} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {canSet && (
        <Card title="Set a target" description={canSetOrg ? "For the organisation, a team or a rep." : "For your teams and their reps."}>
          <TargetForm
            metrics={TARGETABLE_METRICS.map((m) => ({ value: m.key, label: `${CATEGORY_LABELS[m.category]}: ${m.label}` }))}
            scopes={scopes}
            teams={teams.map((t) => ({ value: t.id, label: t.name }))}
            reps={reps.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Card>
      )}
      <Card title="Quotas" description="Closed-won revenue is judged against the quota of the rep for the period.">
        {reps.length === 0 ? (
          <EmptyState title="No reps" />
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Quarterly quotas</caption>
              <thead>
                <tr className="text-left text-xs uppercase text-slate-500">
                  <th className="py-2 pr-3 font-medium">Rep</th>
                  {quarters.map((q) => (
                    <th key={q.start} className="py-2 pr-3 font-medium">
                      {q.label}
                    </th>
                  ))}
                  <th className="py-2 font-medium">
                    <span className="sr-only">Scorecard</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {reps.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-2 pr-3">{r.name}</td>
                    {quarters.map((q) => (
                      <td key={q.start} className="py-2 pr-3 tabular-nums">
                        {quotaOf.has(`${r.id}|${q.start}`) ? formatMoney(quotaOf.get(`${r.id}|${q.start}`)!, org.currency) : "no quota"}
                      </td>
                    ))}
                    <td className="py-2 text-right">
                      <Link href={`/coaching/scorecard/${r.id}`} className="text-brand-700 hover:underline" aria-label={`Scorecard of ${r.name}`}>
                        Scorecard
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {canSet && reps.length > 0 && (
        <Card title="Set a quota" description={`Amounts in ${org.currency}.`}>
          <QuotaForm
            reps={reps.map((r) => ({ value: r.id, label: r.name }))}
            periods={[...quarters.map((q) => ({ type: "QUARTER" as const, start: q.start, label: q.label })), ...months.map((m) => ({ type: "MONTH" as const, start: m.start, label: m.label }))]}
          />
        </Card>
      )}
    </div>
  );
}
