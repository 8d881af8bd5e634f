// The rep scorecard: every KPI by category for seven periods, each marked met / missed / no target / no data, and the
// trends drawn with the lazily loaded recharts chart. Values arrive as plain numbers.
import { Badge } from "@/components/ui/badge";
import { LazyTrendChart } from "@/components/charts/lazy-line-chart";
import { CATEGORY_LABELS, KPI_METRICS, type KpiCategoryKind, type KpiResult, type KpiUnit } from "@/lib/domain/kpi";
import { STATUS_LABELS, type KpiStatus } from "@/lib/domain/targets";
import { trendPointParts, type PeriodProgress } from "@/lib/domain/period-to-date";
import { formatMoney, formatNumber, NO_DATA } from "@/lib/format";

export interface ScorecardPeriodView {
  label: string;
  current: boolean;
  kpis: KpiResult[];
  /** The current period's progress: in progress, it is drawn as partial on the trend charts. */
  progress?: PeriodProgress;
}

const TONE: Record<KpiStatus, "good" | "bad" | "neutral" | "warn"> = {
  met: "good",
  missed: "bad",
  no_target: "neutral",
  no_data: "neutral",
  on_pace: "good",
  behind: "warn",
  too_early: "neutral",
};

export function formatKpi(value: number | null, unit: KpiUnit, currency: string): string {
  if (value === null) return NO_DATA;
  switch (unit) {
    case "money":
      return formatMoney(value, currency);
    case "percent":
      return `${formatNumber(value, 0)}%`;
    case "change":
      return `${value > 0 ? "+" : ""}${formatNumber(value, 1)}%`;
    case "days":
      return `${formatNumber(value, 1)} days`;
    default:
      return formatNumber(value, Number.isInteger(value) ? 0 : 1);
  }
}

function targetText(k: KpiResult, currency: string): string {
  if (!k.target) return "";
  const sign = k.target.direction === "AT_LEAST" ? "≥" : "≤";
  const scope = k.target.source === "quota" ? "quota" : k.target.scope.toLowerCase();
  return `${sign} ${formatKpi(k.target.value, k.unit, currency)} (${scope}${k.target.prorated ? ", prorated" : ""})`;
}

export function ScorecardTable({ periods, currency }: { periods: ScorecardPeriodView[]; currency: string }) {
  const categories: KpiCategoryKind[] = ["LEADING", "LAGGING", "QUALITY"];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="scorecard-table">
        <caption className="sr-only">KPIs against targets for the current period and the six before</caption>
        <thead>
          <tr className="text-left text-xs uppercase text-slate-500">
            <th className="py-2 pr-3 font-medium">KPI</th>
            {periods.map((p) => (
              <th key={p.label} className={`py-2 pr-3 font-medium ${p.current ? "text-slate-900" : ""}`} scope="col">
                {p.label}
                {p.current && " (current)"}
              </th>
            ))}
          </tr>
        </thead>
        {categories.map((category) => (
          <tbody key={category}>
            <tr>
              <th colSpan={periods.length + 1} scope="colgroup" className="bg-slate-50 px-2 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                {CATEGORY_LABELS[category]}
              </th>
            </tr>
            {KPI_METRICS.filter((m) => m.category === category).map((m) => (
              <tr key={m.key} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 text-left font-medium">
                  {m.label}
                  <span className="block text-xs font-normal text-slate-500">{m.help}</span>
                </th>
                {periods.map((p) => {
                  const k = p.kpis.find((x) => x.metric === m.key)!;
                  return (
                    <td key={p.label} className="py-2 pr-3" data-testid={p.current ? `kpi-${m.key}` : undefined}>
                      <div className="tabular-nums">{formatKpi(k.actual, k.unit, currency)}</div>
                      <Badge tone={TONE[k.status]}>{STATUS_LABELS[k.status]}</Badge>
                      {k.target && <div className="text-xs text-slate-500">{targetText(k, currency)}</div>}
                      {k.pace && (
                        <div className="text-xs text-slate-500" data-testid={p.current ? `pace-${m.key}` : undefined}>
                          {formatKpi(k.pace.actual, k.unit, currency)} of {formatKpi(k.pace.proratedTarget, k.unit, currency)} due so far · run rate{" "}
                          {formatKpi(k.pace.runRate, k.unit, currency)}
                        </div>
                      )}
                      {k.note && <div className="text-xs text-slate-500">{k.note}</div>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

const COLORS = ["#2563eb", "#16a34a", "#d97706"];

/**
 * The chart data of the scorecard: complete periods as they are; a period in progress apart, never as a complete one
 * that dropped to zero: its figures so far (hollow points), and from its second week a dashed segment from the last
 * complete period to where it ends at its pace (volumes) or to its figure so far (rates).
 */
export function scorecardChartData(periods: readonly ScorecardPeriodView[]) {
  const last = periods.length - 1;
  const progress = periods[last]?.progress;
  const inProgress = progress?.state === "in_progress";
  const data = periods.map((p, i) =>
    Object.fromEntries([
      ["period", inProgress && i === last ? `${p.label} (so far)` : p.label],
      ...p.kpis.flatMap((k) => {
        const value = k.unit === "money" && k.actual !== null ? k.actual / 100 : k.actual;
        if (!inProgress) return [[k.metric, value]];
        if (i === last) {
          const volume = k.unit === "count" || k.unit === "money";
          const parts = trendPointParts(value, progress);
          // Rounded to the cent (or a hundredth of a count): the tooltip shows it as it is.
          const paced = volume ? (parts.projectedRest === null ? null : Math.round((parts.toDate! + parts.projectedRest) * 100) / 100) : progress.verdict ? value : null;
          return [[k.metric, null], [`${k.metric}__pace`, paced], [`${k.metric}__sofar`, value]];
        }
        return [[k.metric, value], [`${k.metric}__pace`, i === last - 1 ? value : null], [`${k.metric}__sofar`, null]];
      }),
    ]),
  );
  return { data, inProgress };
}

/** Trend charts per category, with the figures of the table above. */
export function ScorecardCharts({ periods }: { periods: ScorecardPeriodView[] }) {
  const { data, inProgress } = scorecardChartData(periods);
  const series = (keys: string[]) =>
    keys.flatMap((key, i) => {
      const def = KPI_METRICS.find((m) => m.key === key)!;
      const color = COLORS[i % COLORS.length];
      const volume = def.unit === "count" || def.unit === "money";
      return [
        { key, label: def.label, color },
        ...(inProgress
          ? [
              { key: `${key}__pace`, label: `${def.label}: ${volume ? "at this pace (in progress)" : "so far (in progress)"}`, color, dashed: true, hideInLegend: true },
              { key: `${key}__sofar`, label: `${def.label}: so far (in progress)`, color, pointsOnly: true, hideInLegend: true },
            ]
          : []),
      ];
    });
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div>
        <h3 className="text-sm font-medium">Leading</h3>
        <LazyTrendChart label="Leading KPIs trend" data={data} xKey="period" series={series(["qualified_leads", "activities", "new_opportunities"])} />
      </div>
      <div>
        <h3 className="text-sm font-medium">Closed-won revenue</h3>
        <LazyTrendChart label="Closed-won revenue trend" data={data} xKey="period" series={series(["closed_won_revenue"])} />
      </div>
      <div>
        <h3 className="text-sm font-medium">Quality</h3>
        <LazyTrendChart label="Win rate and sales cycle trend" data={data} xKey="period" series={series(["win_rate", "sales_cycle_days"])} />
      </div>
      {inProgress && (
        <p className="text-xs text-slate-600 lg:col-span-3" data-testid="scorecard-trend-partial">
          The current period is in progress: hollow points are its figures so far; from its second week a dashed line shows where it ends at its pace (a rate: its figure so far). It is never drawn as a finished period.
        </p>
      )}
    </div>
  );
}
