// Pure rules of the quarterly revenue review: which quarter a URL names, stage conversion, time in stage, the
// constraint, the forecast scoring cut-off, the outcome of a deal in a period and leading-KPI attainment.
import {
  addDays,
  isSaneIsoDate,
  periodContaining,
  shiftPeriod,
  startOfLocalDay,
  startOfWeek,
  type IsoDate,
  type Period,
} from "@/lib/domain/calendar";

/**
 * The quarter a `q` URL parameter names: a label such as "FY2027 Q1" (as periodContaining names them) or any
 * calendar date inside the quarter. Missing: the quarter containing today. Unrecognised: null (the page says so).
 */
export function parseQuarterParam(raw: string | null | undefined, today: IsoDate, fiscalYearStartMonth: number): Period | null {
  if (raw === null || raw === undefined || raw.trim() === "") return periodContaining(today, "QUARTER", fiscalYearStartMonth);
  const text = raw.trim();
  if (isSaneIsoDate(text)) return periodContaining(text, "QUARTER", fiscalYearStartMonth);
  const m = /^FY\s?(\d{4})\s*[- ]?\s*Q([1-4])$/i.exec(text);
  if (!m) return null;
  const fyName = Number(m[1]);
  const quarter = Number(m[2]);
  if (fyName < 1970 || fyName > 2200) return null;
  // FY names follow the calendar year in which the fiscal year ends (calendar.ts); January years are their own.
  const fyStartYear = fiscalYearStartMonth === 1 ? fyName : fyName - 1;
  const fyStart = `${fyStartYear}-${String(fiscalYearStartMonth).padStart(2, "0")}-01`;
  const first = periodContaining(fyStart, "QUARTER", fiscalYearStartMonth);
  return shiftPeriod(first, quarter - 1, fiscalYearStartMonth);
}

/**
 * The instant before which a submission counts as "the commit at the scoring week": the end of week `scoringWeek`
 * of the period, where week 1 is the (Monday-based) week containing the period's first day. A Monday submission
 * made just before the quarter starts therefore still counts for week 1, as a forecast call would.
 */
export function forecastScoringCutoff(period: Pick<Period, "start">, scoringWeek: number, timeZone: string): { lastDay: IsoDate; before: Date } {
  const week = Math.max(1, Math.floor(scoringWeek));
  const lastDay = addDays(startOfWeek(period.start), week * 7 - 1);
  return { lastDay, before: startOfLocalDay(addDays(lastDay, 1), timeZone) };
}

export interface Submission {
  commitMinor: bigint;
  submittedAt: Date;
}

/** The submission standing at the cut-off: the latest one made before it; null when none was made in time. */
export function standingSubmission<T extends Submission>(submissions: readonly T[], before: Date): T | null {
  let best: T | null = null;
  for (const s of submissions) {
    if (s.submittedAt.getTime() >= before.getTime()) continue;
    if (!best || s.submittedAt.getTime() > best.submittedAt.getTime()) best = s;
  }
  return best;
}

export type PeriodOutcome = "WON" | "LOST" | null;

/**
 * What a deal's status history means for a period (instants [from, to)). The deal's status at the end of its
 * history decides: a deal lost and then reopened (LOST → OPEN) is not a loss of that period, because the loss
 * was taken back; it counts again only when it closes again, in the period of that close. This is also what the
 * SQL does, which counts deals by their current status and closedAt (a reopened deal is OPEN with no closedAt).
 */
export function outcomeInPeriod(history: readonly { at: Date; newStatus: "OPEN" | "WON" | "LOST" }[], period: { from: Date; to: Date }): PeriodOutcome {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = sorted.at(-1);
  if (!last || last.newStatus === "OPEN") return null;
  if (last.at.getTime() < period.from.getTime() || last.at.getTime() >= period.to.getTime()) return null;
  return last.newStatus;
}

export interface StageDef {
  id: string;
  name: string;
  order: number;
}

export interface StageFlowRow {
  stageId: string;
  /** Deals of the cohort that entered this stage at least once. */
  entered: number;
  /** Median whole-or-fractional days spent in the stage per visit; null with none. */
  medianDays: number | null;
}

export interface StageConversion {
  stageId: string;
  name: string;
  /** Deals that reached this stage or a later one (skipping a stage still passes it). */
  reached: number;
  /** The next step: the next stage's name, or "Won" after the last stage. */
  nextName: string;
  /** Deals that reached the next stage or a later one (or won, after the last stage). */
  advanced: number;
  /** advanced ÷ reached; null with none reached. */
  rate: number | null;
  medianDays: number | null;
}

/**
 * Stage-to-stage conversion over a cohort of closed deals, from the highest stage each deal reached.
 * `maxOrderReached` is, per deal, the highest stage order in its stageId history and whether it was won.
 */
export function stageConversion(
  stages: readonly StageDef[],
  deals: readonly { maxOrder: number; won: boolean; count?: number }[],
  flow: readonly StageFlowRow[] = [],
): StageConversion[] {
  const ordered = [...stages].sort((a, b) => a.order - b.order);
  const median = new Map(flow.map((f) => [f.stageId, f.medianDays]));
  return ordered.map((stage, i) => {
    const next = ordered[i + 1];
    let reached = 0;
    let advanced = 0;
    for (const d of deals) {
      const n = d.count ?? 1;
      if (d.maxOrder >= stage.order) {
        reached += n;
        if (next ? d.maxOrder >= next.order : d.won) advanced += n;
      }
    }
    return {
      stageId: stage.id,
      name: stage.name,
      reached,
      nextName: next ? next.name : "Won",
      advanced,
      rate: reached === 0 ? null : advanced / reached,
      medianDays: median.get(stage.id) ?? null,
    };
  });
}

export interface Constraint {
  stageId: string;
  name: string;
  rate: number;
  medianDays: number | null;
  /** Deals that stopped at this stage (reached it, did not advance). */
  stalled: number;
  explanation: string;
}

/**
 * The constraint: the stage where deals stall most, i.e. the lowest conversion to the next step among stages
 * that at least `minReached` deals reached (so one odd deal does not name the constraint). Ties go to the stage
 * with the longer median time in stage. Null when no stage has enough deals.
 */
export function findConstraint(conversions: readonly StageConversion[], minReached = 3): Constraint | null {
  let best: StageConversion | null = null;
  for (const c of conversions) {
    if (c.rate === null || c.reached < minReached) continue;
    if (
      !best ||
      c.rate < (best.rate as number) ||
      (c.rate === best.rate && (c.medianDays ?? -1) > (best.medianDays ?? -1))
    ) {
      best = c;
    }
  }
  if (!best || best.rate === null) return null;
  const pct = Math.round(best.rate * 100);
  const stalled = best.reached - best.advanced;
  const time = best.medianDays === null ? "" : ` Deals spend a median of ${best.medianDays.toFixed(1)} days in ${best.name}.`;
  return {
    stageId: best.stageId,
    name: best.name,
    rate: best.rate,
    medianDays: best.medianDays,
    stalled,
    explanation:
      `${best.name} is the constraint: only ${pct}% of the ${best.reached} closed deals that reached ${best.name} went on to ${best.nextName}, ` +
      `the lowest conversion of any stage; ${stalled} deal${stalled === 1 ? "" : "s"} stopped there.${time} ` +
      `Improving this one step lifts every stage after it.`,
  };
}

export interface LeadingKpi {
  metric: string;
  label: string;
  actual: number;
  /** Target for the whole quarter and scope (per-rep monthly target × months × reps); null when none is set. */
  target: number | null;
  attainment: number | null;
}

const KPI_LABELS: Record<string, string> = {
  qualified_leads: "Qualified leads",
  activities: "Activities",
  new_opportunities: "New opportunities",
};

/**
 * Attainment of the leading KPIs. Targets are per rep per month or per quarter (DOMAIN.md: "qualified leads per
 * rep … in a month"), so the quarter's target is value × months in the quarter × reps in scope.
 */
export function leadingKpiAttainment(
  actuals: Record<string, number>,
  targets: readonly { metric: string; periodType: "MONTH" | "QUARTER" | "YEAR"; value: number }[],
  reps: number,
): LeadingKpi[] {
  return Object.keys(KPI_LABELS).map((metric) => {
    const t = targets.find((x) => x.metric === metric);
    const perQuarter = t ? (t.periodType === "MONTH" ? t.value * 3 : t.periodType === "YEAR" ? t.value / 4 : t.value) : null;
    const target = perQuarter === null ? null : perQuarter * reps;
    const actual = actuals[metric] ?? 0;
    return { metric, label: KPI_LABELS[metric], actual, target, attainment: target && target > 0 ? actual / target : null };
  });
}

/** Whether a change met a relative target: at least +10% (AT_LEAST 0.10) or at most −15% (AT_MOST −0.15). */
export function meetsChangeTarget(change: number | null, target: number, direction: "AT_LEAST" | "AT_MOST"): boolean | null {
  if (change === null) return null;
  return direction === "AT_LEAST" ? change >= target : change <= target;
}

/** Median of a list of numbers; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The quarters a picker offers: the next quarter, the current one and the seven before it, newest first. */
export function quarterOptions(today: IsoDate, fiscalYearStartMonth: number): string[] {
  const current = periodContaining(today, "QUARTER", fiscalYearStartMonth);
  return [1, 0, -1, -2, -3, -4, -5, -6, -7].map((o) => shiftPeriod(current, o, fiscalYearStartMonth).label);
}

/** One value of a URL search parameter (the first when repeated). */
export function firstParam(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
