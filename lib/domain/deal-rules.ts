// The deal rules of DOMAIN.md: the 14-day stale rule, last touch, pauses, the up-front contract, slips and pulls.
// Pure functions of (deal, today, time zone, thresholds).
import { daysBetween, localDate, periodContaining, type IsoDate, type Period } from "@/lib/domain/calendar";

export interface StaleInput {
  status: "OPEN" | "WON" | "LOST";
  /** The instant of the last movement (creation if it never moved). */
  lastMovedAt: Date;
  stageStaleThresholdDays?: number | null;
  pausedUntil?: IsoDate | null;
}

export interface Thresholds {
  /** The organisation's stale threshold (14 by default). */
  organisationDays: number;
}

/** The threshold that applies to a deal: the stage's override when set, else the organisation's. */
export function staleThreshold(deal: Pick<StaleInput, "stageStaleThresholdDays">, thresholds: Thresholds): number {
  return deal.stageStaleThresholdDays ?? thresholds.organisationDays;
}

/** Whole calendar days, in the organisation's time zone, from the day of the last movement to today. */
export function daysSinceMovement(lastMovedAt: Date, today: IsoDate, timeZone: string): number {
  return daysBetween(localDate(lastMovedAt, timeZone), today);
}

/** Days since anything happened on the deal (the second clock; it never resets the stale clock). */
export function daysSinceTouch(lastTouchedAt: Date, today: IsoDate, timeZone: string): number {
  return daysBetween(localDate(lastTouchedAt, timeZone), today);
}

/** Paused deals leave the stale and next-step lists until their resume date (the resume day counts again). */
export function isPaused(deal: { pausedUntil?: IsoDate | null }, today: IsoDate): boolean {
  return !!deal.pausedUntil && deal.pausedUntil > today;
}

/** Stale: open, not paused, and at least the threshold of whole days since the last movement. */
export function isStale(deal: StaleInput, today: IsoDate, timeZone: string, thresholds: Thresholds): boolean {
  if (deal.status !== "OPEN" || isPaused(deal, today)) return false;
  return daysSinceMovement(deal.lastMovedAt, today, timeZone) >= staleThreshold(deal, thresholds);
}

export type NextStepState = "ok" | "missing" | "overdue";

/**
 * The characters a next step may consist of and still be empty: JavaScript's `trim` set, spelled out so that the SQL
 * twin (lib/data/deal-rules-sql.ts) trims exactly the same ones (PostgreSQL's btrim alone trims only spaces).
 */
export const BLANK_CHARACTERS = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** Text that says something: not missing and not only blanks ("   " is no next step). */
export function isFilledIn(text: string | null | undefined): boolean {
  if (!text) return false;
  for (const ch of text) if (!BLANK_CHARACTERS.includes(ch)) return true;
  return false;
}

/**
 * The one definition of "has an up-front contract" (DOMAIN.md): a next step that is not blank and a next-step date.
 * Every page and query uses it or its SQL twin `hasUpFrontContractSql` (lib/data/deal-rules-sql.ts).
 */
export function hasUpFrontContract(deal: { nextStep?: string | null; nextStepDate?: IsoDate | null }): boolean {
  return isFilledIn(deal.nextStep) && !!deal.nextStepDate;
}

/** The up-front contract: a next step (text) and a next-step date; a date before today is overdue. */
export function nextStepState(deal: { nextStep?: string | null; nextStepDate?: IsoDate | null }, today: IsoDate): NextStepState {
  if (!hasUpFrontContract(deal) || !deal.nextStepDate) return "missing";
  if (deal.nextStepDate < today) return "overdue";
  return "ok";
}

/** Whether an open deal may move to another stage: it needs a next step dated today or later. */
export function upFrontContractProblems(deal: { nextStep?: string | null; nextStepDate?: IsoDate | null }, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isFilledIn(deal.nextStep)) problems.nextStep = "Set a next step before moving the deal to another stage.";
  if (!deal.nextStepDate) problems.nextStepDate = "Set a next-step date before moving the deal to another stage.";
  else if (deal.nextStepDate < today) problems.nextStepDate = "The next-step date is in the past: set today or later to move the deal.";
  return problems;
}

export type CloseDateShift = "slipped" | "pulled_in" | "moved_within" | "unchanged";

/**
 * How a close-date change relates to a period: a slip moves a date from inside the period to a later one; a pull-in
 * moves a date from a later period into this one; moving later but still inside the period is not a slip.
 */
export function closeDateShift(oldDate: IsoDate, newDate: IsoDate, period: Pick<Period, "start" | "end">): CloseDateShift {
  if (oldDate === newDate) return "unchanged";
  const oldIn = oldDate >= period.start && oldDate <= period.end;
  const newIn = newDate >= period.start && newDate <= period.end;
  if (oldIn && newDate > period.end) return "slipped";
  if (oldDate > period.end && newIn) return "pulled_in";
  return "moved_within";
}

/** A push, for a deal's push count: the close date moved into a later fiscal quarter. */
export function isPush(oldDate: IsoDate, newDate: IsoDate, fiscalYearStartMonth: number): boolean {
  if (newDate <= oldDate) return false;
  return periodContaining(newDate, "QUARTER", fiscalYearStartMonth).start > periodContaining(oldDate, "QUARTER", fiscalYearStartMonth).start;
}

/** Methodology adoption for one open deal: not stale, an up-front contract, and a close date not in the past. */
export function followsMethodology(
  deal: StaleInput & { nextStep?: string | null; nextStepDate?: IsoDate | null; closeDate: IsoDate },
  today: IsoDate,
  timeZone: string,
  thresholds: Thresholds,
): boolean {
  return !isStale(deal, today, timeZone, thresholds) && nextStepState(deal, today) === "ok" && deal.closeDate >= today;
}
