import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { loadForecastPage } from "@/lib/data/forecast";
import { readOnly } from "@/lib/data/read-replica";
import { suggestedForecast } from "@/lib/domain/forecast";
import { forecastScoringCutoff } from "@/lib/domain/quarterly";
import { formatDate, formatInstant, formatMoney } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastForm } from "@/components/forecast/forecast-form";

export const metadata: Metadata = { title: "Forecast" };

export default async function Page() {
  const actor = await requireRole("REP", "MANAGER");
  const org = await getOrganisation();
  const today = todayIn(org);
  const { period, targets } = await readOnly(actor, () => loadForecastPage(actor, org, today));
  const cutoff = forecastScoringCutoff(period, org.forecastScoringWeek, org.timeZone);
  const c = org.currency;
  return (
    <>
      <PageHeader
        title={`Forecast · ${period.label}`}
        description={`Submit your commit and best case each week. Every submission is kept; accuracy scores the commit standing at the end of week ${org.forecastScoringWeek} (${formatDate(cutoff.lastDay)}).`}
      />
      {targets.length === 0 && <EmptyState title="Nothing to forecast">You do not manage a team yet.</EmptyState>}
      <div className="space-y-8">
        {targets.map((t) => {
          const s = suggestedForecast(t.suggestion);
          const idPrefix = `fc-${t.teamId ?? "me"}`;
          const latest = t.history[0];
          return (
            <section key={`${t.scope}-${t.teamId}`} aria-labelledby={`${idPrefix}-title`} className="space-y-4">
              <h2 id={`${idPrefix}-title`} className="text-lg font-semibold">
                {t.title}
              </h2>
              <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
                <Stat label="Closed-won so far" value={formatMoney(t.suggestion.wonMinor, c)} />
                <Stat label="Deals suggest: commit" value={formatMoney(s.commitMinor, c)} detail={<p>won + {t.suggestion.lateStageDeals} late-stage deals closing this quarter ({formatMoney(t.suggestion.lateStageMinor, c)})</p>} />
                <Stat label="Deals suggest: expected" value={formatMoney(s.expectedMinor, c)} detail={<p>won + weighted open pipeline closing this quarter ({formatMoney(t.suggestion.weightedOpenMinor, c)})</p>} />
                <Stat label="Deals suggest: best case" value={formatMoney(s.bestCaseMinor, c)} detail={<p>won + every open deal closing this quarter</p>} />
              </div>
              <div className="grid gap-6 xl:grid-cols-2">
                <Card title="This week's submission" description={latest ? `Your last: commit ${formatMoney(latest.commitMinor, c)}, best case ${formatMoney(latest.bestCaseMinor, c)}.` : "No submission yet this quarter."}>
                  <ForecastForm scope={t.scope} teamId={t.teamId} idPrefix={idPrefix} currency={c} />
                </Card>
                <Card title="History" description="Append-only: a new submission never replaces an old one.">
                  {t.history.length === 0 ? (
                    <p className="text-sm text-slate-600">No submissions yet.</p>
                  ) : (
                    <div className="overflow-x-auto">
                      <table className="min-w-full divide-y divide-slate-200" aria-label={`${t.title} history`}>
                        <thead>
                          <tr>
                            <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">Submitted</th>
                            <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">Commit</th>
                            <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">Best case</th>
                            <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">By</th>
                          </tr>
                        </thead>
                        <tbody className="divide-y divide-slate-100">
                          {t.history.map((h) => (
                            <tr key={h.id}>
                              <td className="px-3 py-2 text-sm">{formatInstant(h.submittedAt, org.timeZone)}</td>
                              <td className="px-3 py-2 text-sm tabular-nums">{formatMoney(h.commitMinor, c)}</td>
                              <td className="px-3 py-2 text-sm tabular-nums">{formatMoney(h.bestCaseMinor, c)}</td>
                              <td className="px-3 py-2 text-sm">{h.by}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </Card>
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
