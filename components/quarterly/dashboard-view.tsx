// The executive dashboard's sections, rendered on the server from the loader's result. Every figure links to the
// deals behind it; the pack page renders the same sections without charts and calculator.
import { daysInPeriod, type QuarterlyDashboard } from "@/lib/data/quarterly";
import { forecastAsOf, type QuarterToDateResult } from "@/lib/data/quarterly-to-date";
import { changeRatio } from "@/lib/domain/metrics";
import { paceOf, shortLabel, type Pace, type PaceStatus } from "@/lib/domain/period-to-date";
import { formatDate, formatMoney, formatMultiple, formatNumber, formatPercent, NO_DATA } from "@/lib/format";
import { Card, Stat } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import Link from "next/link";
import { dashboardHref, drillHref, exportHref, type QuarterlyFilters } from "./links";

type Tone = "good" | "bad" | "neutral";

// A plain anchor, not next/link: the forecast table alone has a row per rep (500 in a large organisation), and each
// next/link hydrates, watches the viewport and prefetches, which blocked the main thread for seconds on load.
function DrillLink({ href, children, label }: { href: string; children: React.ReactNode; label: string }) {
  return (
    <a href={href} className="underline decoration-dotted underline-offset-4 hover:text-brand-700" aria-label={label}>
      {children}
    </a>
  );
}

function ExportLink({ filters, table, print }: { filters: QuarterlyFilters; table: string; print?: boolean }) {
  if (print) return null;
  return (
    <a href={exportHref(filters, table)} className="no-print text-sm text-brand-700 underline" download>
      Export CSV
    </a>
  );
}

const signed = (r: number | null) => (r === null ? NO_DATA : `${r >= 0 ? "+" : ""}${(r * 100).toFixed(0)}%`);
const toneOf = (ok: boolean | null): Tone => (ok === null ? "neutral" : ok ? "good" : "bad");
const benchmarkBadge = (b: "excellent" | "ok" | "off" | null) =>
  b === null ? <Badge>no data</Badge> : b === "excellent" ? <Badge tone="good">within 5%</Badge> : b === "ok" ? <Badge tone="info">within 10%</Badge> : <Badge tone="bad">off by more than 10%</Badge>;

/**
 * For a table that can run to hundreds of rows (the forecast has one per rep: 500 in a large organisation): the browser
 * skips its style, layout and paint while it is off screen. On load that work, for thousands of cells nobody sees yet,
 * blocked the main thread for seconds. The reserved height (a row is 37 px, the header 33 px) keeps the scroll bar
 * steady; `auto` then remembers the real height. The rows stay in the page, for find-in-page and screen readers.
 */
function offscreenUntilScrolled(rows: number): React.CSSProperties {
  return { contentVisibility: "auto", containIntrinsicHeight: `auto ${33 + rows * 37}px` };
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 text-sm tabular-nums";

/**
 * A quarter in progress is compared at the same point (the prior quarter's and last year's first N days) and judged
 * red or green only after a week of data; an ended quarter, or the print pack without `toDate`, whole against whole.
 */
function samepoint(d: QuarterlyDashboard, toDate: QuarterToDateResult | undefined) {
  const w = toDate?.prior ? toDate : null;
  const priorDays = w ? daysInPeriod(w.comparison.priorWindow) : 0;
  const lastYearDays = w ? daysInPeriod(w.lastYearWindow) : 0;
  return {
    inProgress: !!w,
    verdict: toDate ? toDate.comparison.progress.verdict : true,
    prior: w?.prior ?? d.prior,
    lastYear: w?.sameQuarterLastYear ?? d.sameQuarterLastYear,
    priorName: w ? `${shortLabel(w.comparison.prior)} at day ${priorDays}` : "prior quarter",
    priorLabel: w ? `${d.previous.label} at day ${priorDays}` : d.previous.label,
    lastYearName: w ? `${d.lastYear.label} at day ${lastYearDays}` : d.lastYear.label,
    revenueChange: w ? changeRatio(d.current.wonMinor, w.prior.wonMinor) : d.revenueChange,
    cycleChange: w ? changeRatio(d.current.cycleDays, w.sameQuarterLastYear.cycleDays) : d.cycleChange,
  };
}

const EARLY = "too early to judge: less than a week of data";

export function HeadlineStats({ d, filters, toDate }: { d: QuarterlyDashboard; filters: QuarterlyFilters; toDate?: QuarterToDateResult }) {
  const c = d.currency;
  const cur = d.current;
  const cov = d.nextQuarter.coverage;
  const sp = samepoint(d, toDate);
  const judged = (ok: boolean | null): Tone => (sp.verdict ? toneOf(ok) : "neutral");
  const forecast = toDate ? forecastAsOf(d.forecast, toDate.comparison) : null;
  const standing = forecast ? (forecast.organisation ?? forecast.teams[0] ?? null) : null;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="headline-stats">
      <Stat
        label="Closed-won revenue"
        value={
          <DrillLink href={drillHref(filters, "won")} label="Closed-won revenue: see the deals">
            <span data-testid="won-revenue">{formatMoney(cur.wonMinor, c)}</span>
          </DrillLink>
        }
        tone={judged(sp.revenueChange === null ? null : sp.revenueChange >= d.revenueTargetChange)}
        detail={
          <>
            <p>
              Quota {formatMoney(d.quotaMinor, c)} · attainment {formatPercent(d.attainment)}
            </p>
            <p>
              vs {sp.priorName} (<DrillLink href={drillHref(filters, "won_prior")} label="Prior quarter's won deals">{formatMoney(sp.prior.wonMinor, c)}</DrillLink>):{" "}
              {signed(sp.revenueChange)} (target {signed(d.revenueTargetChange)})
            </p>
            {!sp.verdict && <p>{EARLY}</p>}
          </>
        }
      />
      <Stat
        label="Win rate"
        value={
          <DrillLink href={drillHref(filters, "closed")} label="Win rate: see the closed deals">
            {formatPercent(cur.winRateByCount)}
          </DrillLink>
        }
        detail={
          <p>
            by value {formatPercent(cur.winRateByValue)} · {cur.won} won, <DrillLink href={drillHref(filters, "lost")} label="Lost deals">{cur.lost} lost</DrillLink>
          </p>
        }
      />
      <Stat
        label="Average deal size"
        value={
          <DrillLink href={drillHref(filters, "won")} label="Average deal size: see the won deals">
            {formatMoney(cur.averageDealSizeMinor, c)}
          </DrillLink>
        }
        detail={<p>mean of {cur.won} deals won</p>}
      />
      <Stat
        label="Sales cycle"
        value={cur.cycleDays === null ? NO_DATA : `${formatNumber(cur.cycleDays, 1)} days`}
        tone={judged(sp.cycleChange === null ? null : sp.cycleChange <= d.cycleTargetChange)}
        detail={
          <p>
            vs {sp.lastYearName} (<DrillLink href={drillHref(filters, "won_last_year")} label="Same quarter last year's won deals">{sp.lastYear.cycleDays === null ? NO_DATA : `${formatNumber(sp.lastYear.cycleDays, 1)} days`}</DrillLink>):{" "}
            {signed(sp.cycleChange)} (target {signed(d.cycleTargetChange)})
          </p>
        }
      />
      <Stat
        label={`Coverage of ${d.next.label}`}
        value={
          <DrillLink href={drillHref(filters, "next_pipeline")} label="Coverage: see the open deals closing next quarter">
            <span data-testid="coverage">{cov.quotaMet ? "quota met" : d.nextQuarter.quotaMinor === null ? "no quota" : formatMultiple(cov.ratio)}</span>
          </DrillLink>
        }
        tone={cov.ratio === null ? "neutral" : toneOf(cov.ratio >= (cov.neededRatio ?? 3))}
        detail={
          <p>
            {cov.quotaMet ? "Coverage is undefined: nothing is left to win. " : ""}
            needed ≈ 1 ÷ win rate = {formatMultiple(cov.neededRatio)} (rule of thumb 3×) · pipeline {formatMoney(d.nextQuarter.pipelineMinor, c)} vs gap{" "}
            {formatMoney(cov.gapMinor, c)}
          </p>
        }
      />
      {forecast && !forecast.scored ? (
        <Stat
          label="Forecast (quarter in progress)"
          value={<span data-testid="forecast-standing">{standing?.commitMinor == null ? "no commit" : formatMoney(standing.commitMinor, c)}</span>}
          detail={
            <p>
              standing commit · closed so far {formatMoney(standing?.actualMinor ?? 0n, c)} · gap {standing?.gapMinor == null ? NO_DATA : formatMoney(standing.gapMinor, c)}. Accuracy is
              scored once the quarter has ended.
            </p>
          }
        />
      ) : (
        <Stat
          label="Forecast accuracy"
          value={d.forecast.organisation ? formatPercent(d.forecast.organisation.accuracy) : formatPercent(d.forecast.teams[0]?.accuracy ?? null)}
          detail={<p>commit standing at the end of week {d.forecast.scoringWeek} ({formatDate(d.forecast.cutoffDay)}) vs actual; benchmark: error within 5–10%</p>}
        />
      )}
      <Stat
        label="Methodology adoption"
        value={
          <DrillLink href={drillHref(filters, "not_adopted")} label="Methodology adoption: see the deals failing it">
            {formatPercent(d.open.adoption)}
          </DrillLink>
        }
        tone={d.open.adoption === null ? "neutral" : toneOf(d.open.adoption >= 1)}
        detail={<p>of {d.open.deals} open deals: fresh, with an up-front contract and a close date not in the past (target 100%)</p>}
      />
      <Stat
        label="Revenue at risk (stale)"
        value={
          <DrillLink href={drillHref(filters, "stale")} label="Revenue at risk: see the stale deals">
            {formatMoney(d.open.staleWeightedMinor, c)}
          </DrillLink>
        }
        detail={<p>{d.open.staleDeals} stale deals, weighted by stage probability (as of {formatDate(d.today)})</p>}
      />
    </div>
  );
}

export function ConstraintCallout({ d, filters }: { d: QuarterlyDashboard; filters: QuarterlyFilters }) {
  if (!d.constraint) {
    return <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">No constraint can be named: too few deals closed in {d.period.label} (no data).</p>;
  }
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-4" role="note" aria-label="The constraint">
      <p className="font-semibold text-red-800">
        The constraint: <DrillLink href={drillHref(filters, "stage", { stage: d.constraint.stageId })} label={`Deals that reached ${d.constraint.name}`}>{d.constraint.name}</DrillLink>
      </p>
      <p className="mt-1 text-sm text-red-900" data-testid="constraint-explanation">
        {d.constraint.explanation}
      </p>
    </div>
  );
}

export function StageTable({ d, filters, print }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean }) {
  return (
    <Card title="Stage-to-stage conversion and time in stage" description={`Deals closed in ${d.period.label}, from their stage history.`} actions={<ExportLink filters={filters} table="stages" print={print} />}>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead>
            <tr>
              <th className={th}>Stage</th>
              <th className={th}>Reached</th>
              <th className={th}>Went on to</th>
              <th className={th}>Conversion</th>
              <th className={th}>Median days in stage</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.stages.map((s) => {
              const isConstraint = d.constraint?.stageId === s.stageId;
              return (
                <tr key={s.stageId} className={isConstraint ? "bg-red-50" : undefined}>
                  <td className={td}>
                    {s.name} {isConstraint && <Badge tone="bad">constraint</Badge>}
                  </td>
                  <td className={td}>
                    <DrillLink href={drillHref(filters, "stage", { stage: s.stageId })} label={`Deals that reached ${s.name}`}>
                      {s.reached}
                    </DrillLink>
                  </td>
                  <td className={td}>
                    {s.advanced} to {s.nextName}
                  </td>
                  <td className={td}>{formatPercent(s.rate)}</td>
                  <td className={td}>{formatNumber(s.medianDays, 1)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function VelocityTable({ d, filters, print, toDate }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean; toDate?: QuarterToDateResult }) {
  const c = d.currency;
  const sp = samepoint(d, toDate);
  const prior = sp.prior;
  const rows: { label: string; prior: string; current: string; change: number | null; href?: string }[] = [
    { label: "Open qualified deals", prior: formatNumber(prior.openQualifiedAtEnd), current: formatNumber(d.current.openQualifiedAtEnd), change: ratio(d.current.openQualifiedAtEnd, prior.openQualifiedAtEnd), href: drillHref(filters, "open_qualified") },
    { label: "Win rate", prior: formatPercent(prior.winRateByCount), current: formatPercent(d.current.winRateByCount), change: ratio(d.current.winRateByCount, prior.winRateByCount), href: drillHref(filters, "closed") },
    { label: "Average deal size", prior: formatMoney(prior.averageDealSizeMinor, c), current: formatMoney(d.current.averageDealSizeMinor, c), change: ratio(num(d.current.averageDealSizeMinor), num(prior.averageDealSizeMinor)), href: drillHref(filters, "won") },
    { label: "Sales cycle (days)", prior: formatNumber(prior.cycleDays, 1), current: formatNumber(d.current.cycleDays, 1), change: ratio(d.current.cycleDays, prior.cycleDays) },
    { label: "Pipeline velocity (per day)", prior: formatMoney(prior.velocityPerDayMinor, c), current: formatMoney(d.current.velocityPerDayMinor, c), change: ratio(d.current.velocityPerDayMinor, prior.velocityPerDayMinor) },
  ];
  return (
    <Card
      title="Pipeline velocity and its four inputs"
      description={`Open qualified deals × win rate × average deal size ÷ cycle length, ${d.previous.label} vs ${d.period.label}. Open deals are counted at each quarter's end (today for a quarter in progress).`}
      actions={<ExportLink filters={filters} table="velocity" print={print} />}
    >
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead>
            <tr>
              <th className={th}>Input</th>
              <th className={th}>{sp.priorLabel}</th>
              <th className={th}>{sp.inProgress ? `${d.period.label} to date` : d.period.label}</th>
              <th className={th}>Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.label}>
                <td className={td}>{r.label}</td>
                <td className={td}>{r.prior}</td>
                <td className={td}>{r.href ? <DrillLink href={r.href} label={`${r.label}: see the deals`}>{r.current}</DrillLink> : r.current}</td>
                <td className={td}>{signed(r.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

const num = (v: bigint | null) => (v === null ? null : Number(v));
function ratio(a: number | null, b: number | null) {
  if (a === null || b === null || b === 0) return null;
  return (a - b) / Math.abs(b);
}

/** Rep rows the forecast table shows before "Show all": an organisation of 500 reps otherwise renders 500 rows. */
export const FORECAST_REP_PREVIEW = 25;

export function ForecastTable({ d, filters, print, showAllReps = false, toDate }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean; showAllReps?: boolean; toDate?: QuarterToDateResult }) {
  const c = d.currency;
  // A quarter in progress is not scored: the standing commit, what has closed so far and the gap between them.
  const forecast = toDate ? forecastAsOf(d.forecast, toDate.comparison) : { ...d.forecast, scored: true };
  const gapOf = (r: object) => ("gapMinor" in r ? (r.gapMinor as bigint | null) : null);
  // The print pack and the CSV export always hold every rep; on screen the list past the first 25 is one click away.
  const capped = !print && !showAllReps && d.forecast.reps.length > FORECAST_REP_PREVIEW;
  const reps = capped ? forecast.reps.slice(0, FORECAST_REP_PREVIEW) : forecast.reps;
  const rows = [
    ...(forecast.organisation ? [{ key: "org", who: "Organisation", kind: "organisation", ...forecast.organisation, href: drillHref(filters, "won") }] : []),
    ...forecast.teams.map((t) => ({ key: t.teamId, who: t.name, kind: "team", ...t, href: drillHref({ ...filters, team: t.teamId }, "won") })),
    ...reps.map((r) => ({ key: r.userId, who: r.name, kind: "rep", ...r, href: drillHref(filters, "rep_won", { owner: r.userId }) })),
  ];
  return (
    <Card
      title={forecast.scored ? "Forecast accuracy" : "Forecast (quarter in progress)"}
      description={
        forecast.scored
          ? `The commit standing at the end of week ${d.forecast.scoringWeek} (${formatDate(d.forecast.cutoffDay)}) against closed-won. Benchmark: error within 5–10%.`
          : `The commit standing at the end of week ${d.forecast.scoringWeek} (${formatDate(d.forecast.cutoffDay)}), what has closed so far and the gap still to close. Accuracy is scored once the quarter has ended.`
      }
      actions={<ExportLink filters={filters} table="forecast" print={print} />}
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No data.</p>
      ) : (
        <div className="overflow-x-auto" style={print ? undefined : offscreenUntilScrolled(rows.length)}>
          <table className="min-w-full divide-y divide-slate-200">
            <thead>
              <tr>
                <th className={th}>Who</th>
                <th className={th}>{forecast.scored ? "Commit" : "Standing commit"}</th>
                <th className={th}>{forecast.scored ? "Actual" : "Closed so far"}</th>
                <th className={th}>{forecast.scored ? "Accuracy" : "Gap to commit"}</th>
                {forecast.scored && <th className={th}>Benchmark</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.key}`} className={r.kind === "rep" ? undefined : "font-medium"}>
                  <td className={td}>
                    {r.who} <span className="text-xs text-slate-500">{r.kind}</span>
                  </td>
                  <td className={td}>{r.commitMinor === null ? "no submission" : formatMoney(r.commitMinor, c)}</td>
                  <td className={td}>
                    <DrillLink href={r.href} label={`${r.who}: see the won deals`}>
                      {formatMoney(r.actualMinor, c)}
                    </DrillLink>
                  </td>
                  {forecast.scored ? (
                    <>
                      <td className={td}>{formatPercent(r.accuracy)}</td>
                      <td className={td}>{benchmarkBadge(r.benchmark)}</td>
                    </>
                  ) : (
                    <td className={td}>{gapOf(r) === null ? "no submission" : formatMoney(gapOf(r), c)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!print && d.forecast.reps.length > FORECAST_REP_PREVIEW && (
        <p className="mt-2 text-sm">
          {capped ? (
            <>
              <span className="text-slate-600">Showing {FORECAST_REP_PREVIEW} of {d.forecast.reps.length} reps. </span>
              <Link href={dashboardHref(filters, "forecast")} className="link" scroll={false}>Show all {d.forecast.reps.length} reps</Link>
            </>
          ) : (
            <Link href={dashboardHref(filters)} className="link" scroll={false}>Show the first {FORECAST_REP_PREVIEW} reps only</Link>
          )}
        </p>
      )}
    </Card>
  );
}

export function LostReasonsTable({ d, filters, print }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean }) {
  return (
    <Card title="Lost reasons" description={`Deals lost in ${d.period.label}.`} actions={<ExportLink filters={filters} table="lost-reasons" print={print} />}>
      {d.lostReasons.length === 0 ? (
        <p className="text-sm text-slate-600">No data: no deal was lost in this quarter.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200">
            <thead>
              <tr>
                <th className={th}>Reason</th>
                <th className={th}>Deals</th>
                <th className={th}>Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.lostReasons.map((r) => (
                <tr key={r.reason}>
                  <td className={td}>{r.reason}</td>
                  <td className={td}>
                    <DrillLink href={drillHref(filters, "lost_reason", { reason: r.reason })} label={`Deals lost for ${r.reason}`}>
                      {r.deals}
                    </DrillLink>
                  </td>
                  <td className={td}>{formatMoney(r.amountMinor, d.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function KpiTable({ d, filters, print, toDate }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean; toDate?: QuarterToDateResult }) {
  // A quarter in progress is paced: actual against the target prorated to the days elapsed, never "below" on day 1.
  const progress = toDate && toDate.comparison.progress.state === "in_progress" ? toDate.comparison.progress : null;
  return (
    <Card title="Leading KPIs" description={`Each of the ${d.reps} active reps counts with the target that applies to them (their own, else their team's, else the organisation's), over the quarter.`} actions={<ExportLink filters={filters} table="kpis" print={print} />}>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead>
            <tr>
              <th className={th}>KPI</th>
              <th className={th}>Actual</th>
              <th className={th}>Target</th>
              <th className={th}>Attainment</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.kpis.map((k) => (
              <tr key={k.metric}>
                <td className={td}>{k.label}</td>
                <td className={td}>{formatNumber(k.actual)}</td>
                <td className={td}>
                  {k.target === null ? "no target" : formatNumber(k.target)}
                  {k.target !== null && k.targetNote && <span className="block text-xs text-slate-500">{k.targetNote}</span>}
                </td>
                <td className={td}>
                  {progress && k.target !== null ? (
                    <PaceCell pace={paceOf(k.actual, k.target, progress)} />
                  ) : (
                    <>
                      {formatPercent(k.attainment)} {k.attainment !== null && (k.attainment >= 1 ? <Badge tone="good">met</Badge> : <Badge tone="warn">below</Badge>)}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

const PACE_BADGE: Record<PaceStatus, { tone: "good" | "bad" | "neutral" | "warn"; text: string }> = {
  met: { tone: "good", text: "met" },
  on_pace: { tone: "good", text: "on pace" },
  behind: { tone: "warn", text: "behind pace" },
  too_early: { tone: "neutral", text: "too early to judge" },
  missed: { tone: "bad", text: "missed" },
};

/** Pace of a target in a period in progress: the prorated target so far, the run rate and the verdict. */
export function PaceCell({ pace }: { pace: Pace }) {
  const badge = PACE_BADGE[pace.status];
  return (
    <span data-testid="pace">
      <Badge tone={badge.tone}>{badge.text}</Badge>
      <span className="block text-xs text-slate-500">
        {formatNumber(pace.actual, 1)} of {formatNumber(pace.proratedTarget, 1)} due so far · run rate {formatNumber(pace.runRate, 1)} of {formatNumber(pace.target, 1)}
      </span>
    </span>
  );
}

export function TrendTable({ d, filters, print }: { d: QuarterlyDashboard; filters: QuarterlyFilters; print?: boolean }) {
  const c = d.currency;
  return (
    <Card title="Five quarters" description="Closed-won revenue, win rate, deal size and cycle length by quarter." actions={<ExportLink filters={filters} table="trend" print={print} />}>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead>
            <tr>
              <th className={th}>Quarter</th>
              <th className={th}>Won</th>
              <th className={th}>Lost</th>
              <th className={th}>Closed-won</th>
              <th className={th}>Win rate</th>
              <th className={th}>Avg deal</th>
              <th className={th}>Cycle (days)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.trend.map((q) => (
              <tr key={q.label}>
                <td className={td}>{q.label}</td>
                <td className={td}>{q.won}</td>
                <td className={td}>{q.lost}</td>
                <td className={td}>
                  <DrillLink href={drillHref({ ...filters, q: q.label }, "won")} label={`${q.label}: won deals`}>
                    {formatMoney(q.wonMinor, c)}
                  </DrillLink>
                </td>
                <td className={td}>{formatPercent(q.winRateByCount)}</td>
                <td className={td}>{formatMoney(q.averageDealSizeMinor, c)}</td>
                <td className={td}>{formatNumber(q.cycleDays, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
