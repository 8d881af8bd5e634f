// Rep scorecard KPIs as pure functions over (data, period, time zone): monthly figures rolled up into months or
// fiscal quarters, the leading / lagging / quality KPIs of DOMAIN.md, and their verdict against targets and quota.
import { daysBetween, localDate, shiftPeriod, type IsoDate, type Period } from "@/lib/domain/calendar";
import { followsMethodology, type StaleInput, type Thresholds } from "@/lib/domain/deal-rules";
import { changeRatio, salesCycleDays, share, winRate } from "@/lib/domain/metrics";
import { judge, resolveTarget, type KpiStatus, type TargetRow } from "@/lib/domain/targets";
import { paceOf, type Pace, type PeriodProgress } from "@/lib/domain/period-to-date";

export type KpiCategoryKind = "LEADING" | "LAGGING" | "QUALITY";
export type KpiUnit = "count" | "money" | "percent" | "change" | "days";

export interface MetricDef {
  key: MetricKey;
  label: string;
  category: KpiCategoryKind;
  unit: KpiUnit;
  /** The direction a new target of this metric usually takes. */
  defaultDirection: "AT_LEAST" | "AT_MOST";
  /** Whether targets of this metric are a % change against a comparison period. */
  relative: boolean;
  /** Whether a rep who joined mid-period gets a prorated target (volume metrics only). */
  prorate: boolean;
  help: string;
}

export type MetricKey =
  | "qualified_leads"
  | "activities"
  | "new_opportunities"
  | "closed_won_revenue"
  | "closed_won_revenue_change"
  | "sales_cycle_days"
  | "sales_cycle_days_change"
  | "win_rate"
  | "data_integrity";

export const KPI_METRICS: readonly MetricDef[] = [
  { key: "qualified_leads", label: "Qualified leads created", category: "LEADING", unit: "count", defaultDirection: "AT_LEAST", relative: false, prorate: true, help: "Leads meeting the ideal-customer profile created in the period." },
  { key: "activities", label: "Activities logged", category: "LEADING", unit: "count", defaultDirection: "AT_LEAST", relative: false, prorate: true, help: "Calls, meetings, emails and notes dated in the period." },
  { key: "new_opportunities", label: "New opportunities created", category: "LEADING", unit: "count", defaultDirection: "AT_LEAST", relative: false, prorate: true, help: "Deals created in the period." },
  { key: "closed_won_revenue", label: "Closed-won revenue vs quota", category: "LAGGING", unit: "money", defaultDirection: "AT_LEAST", relative: false, prorate: false, help: "Booked revenue of deals won in the period, judged against the rep's quota for the period." },
  { key: "closed_won_revenue_change", label: "Closed-won revenue change vs previous period", category: "LAGGING", unit: "change", defaultDirection: "AT_LEAST", relative: true, prorate: false, help: "Quarter over quarter in the quarter view, month over month in the month view." },
  { key: "sales_cycle_days", label: "Sales cycle length (days)", category: "QUALITY", unit: "days", defaultDirection: "AT_MOST", relative: false, prorate: false, help: "Mean days from first contact to close over deals won in the period." },
  { key: "sales_cycle_days_change", label: "Sales cycle change vs same period last year", category: "QUALITY", unit: "change", defaultDirection: "AT_MOST", relative: true, prorate: false, help: "Negative is faster; the source's target is −15%." },
  { key: "win_rate", label: "Win rate", category: "QUALITY", unit: "percent", defaultDirection: "AT_LEAST", relative: false, prorate: false, help: "Won ÷ (won + lost) by count among deals closed in the period." },
  { key: "data_integrity", label: "Data integrity (methodology adoption)", category: "QUALITY", unit: "percent", defaultDirection: "AT_LEAST", relative: false, prorate: false, help: "Share of open deals that are not stale, have an up-front contract and a close date not in the past. Measured today, so shown for the current period only." },
];

export const METRIC_BY_KEY = new Map(KPI_METRICS.map((m) => [m.key, m]));
/** Metrics a KpiTarget can be set for (revenue is judged against the quota instead). */
export const TARGETABLE_METRICS = KPI_METRICS.filter((m) => m.key !== "closed_won_revenue");

export const CATEGORY_LABELS: Record<KpiCategoryKind, string> = { LEADING: "Leading", LAGGING: "Lagging", QUALITY: "Quality" };

/** One rep's (or several reps') figures for one calendar month in the organisation's time zone: "YYYY-MM". */
export interface MonthFigures {
  month: string;
  qualifiedLeads: number;
  activities: number;
  newOpportunities: number;
  won: number;
  lost: number;
  wonMinor: bigint;
  /** Σ days from first contact to close over won deals, and how many deals that sum covers. */
  cycleDaysTotal: number;
  cycleDeals: number;
}

export type PeriodFigures = Omit<MonthFigures, "month">;

export const EMPTY_FIGURES: PeriodFigures = { qualifiedLeads: 0, activities: 0, newOpportunities: 0, won: 0, lost: 0, wonMinor: 0n, cycleDaysTotal: 0, cycleDeals: 0 };

/** Raw rows, for the pure twin of the SQL aggregation (tests and small data sets). */
export interface RawKpiRows {
  leads: readonly { createdOn: IsoDate; icpQualified: boolean }[];
  activities: readonly { occurredOn: IsoDate }[];
  opportunities: readonly { createdAt: Date }[];
  closedDeals: readonly { status: "WON" | "LOST"; amountMinor: bigint; closedAt: Date; createdAt: Date; firstContactDate: IsoDate | null }[];
}

/** Buckets raw rows by calendar month in the time zone: a deal closed 23:30 local on the 30th counts in that month. */
export function monthlyFigures(rows: RawKpiRows, timeZone: string): MonthFigures[] {
  const months = new Map<string, MonthFigures>();
  const get = (date: IsoDate) => {
    const key = date.slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = { month: key, ...EMPTY_FIGURES }));
    return m;
  };
  for (const l of rows.leads) if (l.icpQualified) get(l.createdOn).qualifiedLeads++;
  for (const a of rows.activities) get(a.occurredOn).activities++;
  for (const o of rows.opportunities) get(localDate(o.createdAt, timeZone)).newOpportunities++;
  for (const d of rows.closedDeals) {
    const closedOn = localDate(d.closedAt, timeZone);
    const m = get(closedOn);
    if (d.status === "WON") {
      m.won++;
      m.wonMinor += d.amountMinor;
      m.cycleDaysTotal += daysBetween(d.firstContactDate ?? localDate(d.createdAt, timeZone), closedOn);
      m.cycleDeals++;
    } else m.lost++;
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Sums the months that fall inside the period (months and fiscal quarters are whole months). */
export function periodFigures(months: readonly MonthFigures[], period: Pick<Period, "start" | "end">): PeriodFigures {
  const out = { ...EMPTY_FIGURES };
  const from = period.start.slice(0, 7);
  const to = period.end.slice(0, 7);
  for (const m of months) {
    if (m.month < from || m.month > to) continue;
    out.qualifiedLeads += m.qualifiedLeads;
    out.activities += m.activities;
    out.newOpportunities += m.newOpportunities;
    out.won += m.won;
    out.lost += m.lost;
    out.wonMinor += m.wonMinor;
    out.cycleDaysTotal += m.cycleDaysTotal;
    out.cycleDeals += m.cycleDeals;
  }
  return out;
}

/** Methodology adoption over open deals as of `today`; null with no open deals. */
export function dataIntegrity(
  openDeals: readonly (StaleInput & { nextStep?: string | null; nextStepDate?: IsoDate | null; closeDate: IsoDate })[],
  today: IsoDate,
  timeZone: string,
  thresholds: Thresholds,
): number | null {
  const following = openDeals.filter((d) => followsMethodology(d, today, timeZone, thresholds)).length;
  return share(following, openDeals.length);
}

/** Share of the period's days on which the rep was on the team (1 when the start date is unknown or earlier). */
export function employedShare(period: Pick<Period, "start" | "end">, startDate: IsoDate | null): number {
  if (!startDate || startDate <= period.start) return 1;
  if (startDate > period.end) return 0;
  const days = daysBetween(period.start, period.end) + 1;
  return (daysBetween(startDate, period.end) + 1) / days;
}

export interface KpiResult {
  metric: MetricKey;
  label: string;
  category: KpiCategoryKind;
  unit: KpiUnit;
  /** In the metric's unit: counts, minor units, percent points (30 = 30%), change in percent points, days. */
  actual: number | null;
  /** The comparison figure behind a change metric, or the quota for revenue. */
  target: { value: number; direction: "AT_LEAST" | "AT_MOST"; scope: string; prorated: boolean; source: "target" | "quota" } | null;
  status: KpiStatus;
  note?: string;
  /** A volume target (or the quota) in a period in progress: actual against the prorated target, and the run rate. */
  pace?: Pace;
}

export interface ScorecardPeriodInput {
  period: Period;
  figures: PeriodFigures;
  /** The period before (quarter over quarter, month over month). */
  previous: PeriodFigures;
  /** The same period a year earlier. */
  lastYear: PeriodFigures;
  quotaMinor: bigint | null;
  /** Percent points 0–100 for the current period; undefined for periods it is not measured for. */
  dataIntegrity?: number | null;
  rep: { id: string; teamId: string | null; startDate: IsoDate | null };
  /** The period's progress when it is in progress: targets are paced, never "missed" before the period ends. */
  progress?: PeriodProgress;
}

function cycle(f: PeriodFigures): number | null {
  return f.cycleDeals === 0 ? null : f.cycleDaysTotal / f.cycleDeals;
}

const pct = (ratio: number | null) => (ratio === null ? null : ratio * 100);

/** The KPI figures of one period in their target units. */
export function kpiValues(input: Omit<ScorecardPeriodInput, "rep" | "period" | "quotaMinor">): Record<MetricKey, number | null> {
  const f = input.figures;
  const rate = winRate([
    ...Array.from({ length: f.won }, () => ({ status: "WON" as const, amountMinor: 0n })),
    ...Array.from({ length: f.lost }, () => ({ status: "LOST" as const, amountMinor: 0n })),
  ]).byCount;
  const thisCycle = cycle(f);
  return {
    qualified_leads: f.qualifiedLeads,
    activities: f.activities,
    new_opportunities: f.newOpportunities,
    closed_won_revenue: Number(f.wonMinor),
    closed_won_revenue_change: pct(changeRatio(f.wonMinor, input.previous.wonMinor)),
    sales_cycle_days: salesCycleDays(thisCycle === null ? [] : [thisCycle]),
    sales_cycle_days_change: pct(changeRatio(thisCycle, cycle(input.lastYear))),
    win_rate: pct(rate),
    data_integrity: input.dataIntegrity === undefined ? null : input.dataIntegrity,
  };
}

/** Every KPI of one period with its verdict, paced while the period is in progress. */
export function scorecardPeriod(input: ScorecardPeriodInput, targets: readonly TargetRow[]): KpiResult[] {
  const progress = input.progress?.state === "in_progress" ? input.progress : null;
  return judgedPeriod(input, targets).map((k) => {
    if (!progress || !k.target || k.actual === null || (k.status !== "met" && k.status !== "missed")) return k;
    // Volumes and the quota accrue over the period: judged against the prorated target. Rates and changes are judged
    // as they stand, but not in the first week and never "missed" before the end.
    if (k.target.direction === "AT_LEAST" && (METRIC_BY_KEY.get(k.metric)?.prorate || k.metric === "closed_won_revenue")) {
      const pace = paceOf(k.actual, k.target.value, progress);
      return { ...k, pace, status: pace.status as KpiStatus };
    }
    if (!progress.verdict) return { ...k, status: "too_early" as const };
    return k.status === "missed" ? { ...k, status: "behind" as const } : k;
  });
}

/** Every KPI of one period with its verdict: the most specific target, prorated for a mid-period joiner. */
function judgedPeriod(input: ScorecardPeriodInput, targets: readonly TargetRow[]): KpiResult[] {
  const values = kpiValues(input);
  const employed = employedShare(input.period, input.rep.startDate);
  return KPI_METRICS.map((def) => {
    const actual = values[def.key];
    const base = { metric: def.key, label: def.label, category: def.category, unit: def.unit, actual };
    if (employed === 0) return { ...base, actual: null, target: null, status: "no_data" as const, note: "Not on the team yet." };
    if (def.key === "data_integrity" && input.dataIntegrity === undefined) {
      return { ...base, target: null, status: "no_data" as const, note: "Measured for the current period only." };
    }
    if (def.key === "closed_won_revenue") {
      if (input.quotaMinor === null) return { ...base, target: null, status: "no_target" as const, note: "No quota set." };
      const quota = Number(input.quotaMinor);
      return { ...base, target: { value: quota, direction: "AT_LEAST" as const, scope: "quota", prorated: false, source: "quota" as const }, status: judge(actual, { direction: "AT_LEAST", value: quota }) };
    }
    const t = resolveTarget(targets, { metric: def.key, periodType: input.period.kind, periodStart: input.period.start, repId: input.rep.id, teamId: input.rep.teamId });
    if (!t) return { ...base, target: null, status: actual === null ? ("no_data" as const) : ("no_target" as const) };
    const prorated = def.prorate && !t.isRelative && employed < 1;
    const value = prorated ? Math.round(t.value * employed * 10) / 10 : t.value;
    const target = { value, direction: t.direction, scope: t.scope, prorated, source: "target" as const };
    return { ...base, target, status: judge(actual, target), note: prorated ? `Joined ${input.rep.startDate}: target prorated to ${Math.round(employed * 100)}% of the period.` : undefined };
  });
}

/** The periods a scorecard shows: the current one and the `count - 1` before it, oldest first. */
export function scorecardPeriods(current: Period, fiscalYearStartMonth: number, count = 7): Period[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, i - (count - 1), fiscalYearStartMonth));
}

/** The first calendar day whose figures a scorecard needs: a year before the oldest period shown. */
export function scorecardDataStart(current: Period, fiscalYearStartMonth: number, count = 7): IsoDate {
  const oldest = shiftPeriod(current, -(count - 1), fiscalYearStartMonth);
  const yearBefore = shiftPeriod(oldest, current.kind === "MONTH" ? -12 : current.kind === "QUARTER" ? -4 : -1, fiscalYearStartMonth);
  const periodBefore = shiftPeriod(oldest, -1, fiscalYearStartMonth);
  return yearBefore.start < periodBefore.start ? yearBefore.start : periodBefore.start;
}

/** A scorecard: for each period shown, every KPI with its verdict. */
export function buildScorecard(input: {
  current: Period;
  fiscalYearStartMonth: number;
  months: readonly MonthFigures[];
  quotas: ReadonlyMap<IsoDate, bigint>;
  targets: readonly TargetRow[];
  dataIntegrityNow: number | null;
  rep: ScorecardPeriodInput["rep"];
  count?: number;
  /** The current period's progress (periodProgressOn(current, today)). */
  progress?: PeriodProgress;
}): { period: Period; kpis: KpiResult[] }[] {
  const fy = input.fiscalYearStartMonth;
  const yearShift = input.current.kind === "MONTH" ? -12 : input.current.kind === "QUARTER" ? -4 : -1;
  return scorecardPeriods(input.current, fy, input.count ?? 7).map((period) => ({
    period,
    kpis: scorecardPeriod(
      {
        period,
        figures: periodFigures(input.months, period),
        previous: periodFigures(input.months, shiftPeriod(period, -1, fy)),
        lastYear: periodFigures(input.months, shiftPeriod(period, yearShift, fy)),
        quotaMinor: input.quotas.get(period.start) ?? null,
        dataIntegrity: period.start === input.current.start ? input.dataIntegrityNow : undefined,
        rep: input.rep,
        progress: period.start === input.current.start ? input.progress : undefined,
      },
      input.targets,
    ),
  }));
}
