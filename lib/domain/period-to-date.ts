// Periods in progress, judged fairly: how far into its period "now" is (in the organisation's time zone), the same
// point of the prior period to compare with, and the pace of a target (actual against the prorated target, run rate).
// Pure: `now` and the time zone come in; nothing reads the clock. docs/decisions/0024-periods-in-progress.md.
import { addDays, daysBetween, localDate, periodInstants, shiftPeriod, type IsoDate, type Period } from "@/lib/domain/calendar";

/** Fewer days of data than this and a period in progress shows its figures without a red or green verdict. */
export const MIN_DAYS_FOR_VERDICT = 7;

export type PeriodState = "ended" | "in_progress" | "not_started";

export interface PeriodProgress {
  state: PeriodState;
  /** Calendar days of the period: 28–31, 89–92, 365–366. */
  totalDays: number;
  /** Days of the period up to and including today: 1 on its first day, totalDays once ended, 0 before it starts. */
  elapsedDays: number;
  /** elapsedDays ÷ totalDays. */
  elapsedShare: number;
  /** Whether the figures may be judged (red/green): ended, or in progress for at least a week. */
  verdict: boolean;
}

/** How far into the period the organisation's today is. */
export function periodProgress(period: Pick<Period, "start" | "end">, now: Date, timeZone: string): PeriodProgress {
  return periodProgressOn(period, localDate(now, timeZone));
}

/** The same, from the organisation's calendar date of today. */
export function periodProgressOn(period: Pick<Period, "start" | "end">, today: IsoDate): PeriodProgress {
  const totalDays = daysBetween(period.start, period.end) + 1;
  if (today > period.end) return { state: "ended", totalDays, elapsedDays: totalDays, elapsedShare: 1, verdict: true };
  if (today < period.start) return { state: "not_started", totalDays, elapsedDays: 0, elapsedShare: 0, verdict: false };
  const elapsedDays = daysBetween(period.start, today) + 1;
  return { state: "in_progress", totalDays, elapsedDays, elapsedShare: elapsedDays / totalDays, verdict: elapsedDays >= MIN_DAYS_FOR_VERDICT };
}

/** The calendar days [start, end] and instants [from, to) of a window of a period. */
export interface PeriodWindow {
  start: IsoDate;
  end: IsoDate;
  from: Date;
  to: Date;
}

export interface ToDateComparison {
  current: Period;
  prior: Period;
  progress: PeriodProgress;
  /** The current period so far: its first day up to now (the whole period once ended). */
  currentWindow: PeriodWindow;
  /** The prior period's first N days, N = the current period's elapsed days (its whole length once ended). */
  priorWindow: PeriodWindow;
  /** "QTD, day 1 of 92 · vs Q3 at day 1", or "FY2027 Q1 · vs FY2026 Q4" for an ended period. */
  label: string;
}

const TO_DATE: Record<Period["kind"], string> = { MONTH: "MTD", QUARTER: "QTD", YEAR: "YTD" };

/** The short name of a period as the comparison label uses it: "Q3", "Nov 2026", "FY2027". */
export function shortLabel(period: Period): string {
  if (period.kind === "QUARTER") return period.label.replace(/^FY\d{4}\s+/, "");
  return period.label;
}

/**
 * A period compared with the one before it at the same point. In progress on day N: the current period up to now
 * against the prior period's first N days (the prior period's whole length when it is shorter, e.g. day 92 against a
 * 90-day quarter). Ended: the two whole periods. Days are the organisation's calendar days.
 */
export function toDateComparison(current: Period, now: Date, timeZone: string, fiscalYearStartMonth: number, prior: Period = shiftPeriod(current, -1, fiscalYearStartMonth)): ToDateComparison {
  const progress = periodProgress(current, now, timeZone);
  const whole = periodInstants(current, timeZone);
  const currentWindow: PeriodWindow =
    progress.state === "in_progress"
      ? { start: current.start, end: localDate(now, timeZone), from: whole.from, to: now }
      : progress.state === "ended"
        ? { start: current.start, end: current.end, ...whole }
        : { start: current.start, end: addDays(current.start, -1), from: whole.from, to: whole.from };
  const priorDays = Math.min(progress.elapsedDays, daysBetween(prior.start, prior.end) + 1);
  const priorEnd = addDays(prior.start, priorDays - 1);
  const priorWindow: PeriodWindow = { start: prior.start, end: priorEnd, ...periodInstants({ start: prior.start, end: priorEnd }, timeZone) };
  const label =
    progress.state === "in_progress"
      ? `${TO_DATE[current.kind]}, day ${progress.elapsedDays} of ${progress.totalDays} · vs ${shortLabel(prior)} at day ${priorDays}`
      : progress.state === "ended"
        ? `${current.label} · vs ${prior.label}`
        : `${current.label} has not started`;
  return { current, prior, progress, currentWindow, priorWindow, label };
}

export type PaceStatus = "met" | "on_pace" | "behind" | "too_early" | "missed";

export interface Pace {
  actual: number;
  /** The whole period's target. */
  target: number;
  /** The target for the days elapsed: target × elapsed share (the whole target once the period ended). */
  proratedTarget: number;
  /** Where the period ends at the pace so far: actual ÷ elapsed days × total days; null before any day elapsed. */
  runRate: number | null;
  /** actual ÷ prorated target; null when the prorated target is zero. */
  paceRatio: number | null;
  status: PaceStatus;
}

/**
 * The pace of a volume target ("at least 15 qualified leads a month"). An ended period is met or missed. In progress,
 * a target already reached is met; otherwise it is on pace or behind against the prorated target, and during the
 * first week it is too early to tell. A period in progress is never "missed".
 */
export function paceOf(actual: number, target: number, progress: PeriodProgress): Pace {
  const share = progress.state === "ended" ? 1 : progress.elapsedShare;
  const proratedTarget = target * share;
  const runRate = progress.elapsedDays === 0 ? null : (actual / progress.elapsedDays) * progress.totalDays;
  const paceRatio = proratedTarget === 0 ? null : actual / proratedTarget;
  const epsilon = 1e-9;
  let status: PaceStatus;
  if (actual + epsilon >= target) status = "met";
  else if (progress.state === "ended") status = "missed";
  else if (!progress.verdict) status = "too_early";
  else status = actual + epsilon >= proratedTarget ? "on_pace" : "behind";
  return { actual, target, proratedTarget, runRate, paceRatio, status };
}

export interface TrendPointParts {
  /** The value of a complete period (drawn solid); null for the period in progress. */
  complete: number | null;
  /** The period in progress so far (drawn as partial); null for complete periods. */
  toDate: number | null;
  /** What the period in progress adds at its pace so far (run rate − to date, drawn dashed); null during its first
   *  week, when a run rate would say more about the calendar than about the team. */
  projectedRest: number | null;
}

/**
 * How a trend chart draws a volume (revenue, counts) for a period: complete periods as they are; the period in
 * progress as "to date" plus, from its second week, the rest projected at its pace. The line never drops to zero
 * merely because the period is young: the young period is drawn apart, never as a complete one.
 */
export function trendPointParts(value: number | null, progress: PeriodProgress): TrendPointParts {
  if (progress.state !== "in_progress") return { complete: value, toDate: null, projectedRest: null };
  if (value === null) return { complete: null, toDate: null, projectedRest: null };
  const runRate = (value / progress.elapsedDays) * progress.totalDays;
  return { complete: null, toDate: value, projectedRest: progress.verdict ? Math.max(0, runRate - value) : null };
}
