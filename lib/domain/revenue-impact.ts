// The revenue impact calculator: money figures on the leaks (stale deals, one weak stage, a long cycle) from the
// organisation's own rates. Pure and clock-free so the client calculator and the tests compute the same figures.
// Amounts are minor units as numbers (estimates rounded to the cent): the calculator runs in the browser.

export interface StaleDealInput {
  amountMinor: number;
  /** Stage probability in percent (0..100). */
  probability: number;
}

/** Revenue at risk in stale deals: Σ amount × stage probability, rounded to the cent. */
export function revenueAtRisk(staleDeals: readonly StaleDealInput[]): number {
  let total = 0;
  for (const d of staleDeals) total += (d.amountMinor * d.probability) / 100;
  return Math.round(total);
}

export interface ConversionImprovementInput {
  /** Deals expected to reach the stage over the next quarter (by default: as many as last quarter). */
  dealsReachingStage: number;
  /** Today's conversion from the stage to the next step (0..1). */
  currentRate: number;
  /** The improved conversion (0..1). */
  improvedRate: number;
  /** Chance that a deal which passes the stage is eventually won (0..1); 1 after the last stage. */
  winRateAfterStage: number;
  averageDealSizeMinor: number;
}

export interface ConversionImprovement {
  extraDealsAdvancing: number;
  extraDealsWon: number;
  valueMinor: number;
}

/** What a better conversion at one stage is worth: the extra deals advancing × later win rate × deal size. */
export function conversionImprovementValue(input: ConversionImprovementInput): ConversionImprovement {
  const clamp = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
  const delta = clamp(input.improvedRate) - clamp(input.currentRate);
  const reaching = Math.max(0, Number.isFinite(input.dealsReachingStage) ? input.dealsReachingStage : 0);
  const extraDealsAdvancing = reaching * delta;
  const extraDealsWon = extraDealsAdvancing * clamp(input.winRateAfterStage);
  const size = Math.max(0, Number.isFinite(input.averageDealSizeMinor) ? input.averageDealSizeMinor : 0);
  return { extraDealsAdvancing, extraDealsWon, valueMinor: Math.round(extraDealsWon * size) };
}

export interface ShorterCycleInput {
  openQualifiedDeals: number;
  winRate: number;
  averageDealSizeMinor: number;
  currentCycleDays: number;
  shorterCycleDays: number;
  /** Days in the horizon (the next quarter). */
  horizonDays: number;
}

export interface ShorterCycle {
  /** Pipeline velocity today and with the shorter cycle, minor units per day; null when undefined. */
  velocityNow: number | null;
  velocityShorter: number | null;
  valueMinor: number | null;
}

/**
 * What a shorter sales cycle is worth: pipeline velocity (deals × win rate × size ÷ cycle) at the shorter cycle
 * minus today's, over the horizon. Undefined (null) without a positive cycle length.
 */
export function shorterCycleValue(input: ShorterCycleInput): ShorterCycle {
  const { openQualifiedDeals: n, winRate: w, averageDealSizeMinor: size, currentCycleDays: now, shorterCycleDays: next, horizonDays } = input;
  const ok = (x: number) => Number.isFinite(x);
  if (![n, w, size, now, next, horizonDays].every(ok) || now <= 0 || next <= 0) {
    return { velocityNow: null, velocityShorter: null, valueMinor: null };
  }
  const velocityNow = (n * w * size) / now;
  const velocityShorter = (n * w * size) / next;
  return { velocityNow, velocityShorter, valueMinor: Math.round((velocityShorter - velocityNow) * horizonDays) };
}

/** Why an assumption is refused, per field of the calculator; empty when every field makes sense. */
export type ImpactFieldErrors = Partial<Record<string, string>>;

const isNumber = (x: number) => typeof x === "number" && Number.isFinite(x);

function checkPercent(errors: ImpactFieldErrors, field: string, label: string, value: number) {
  if (!isNumber(value)) errors[field] = `Enter the ${label} as a number.`;
  else if (value < 0 || value > 100) errors[field] = `The ${label} must be between 0% and 100%.`;
}

function checkNonNegative(errors: ImpactFieldErrors, field: string, label: string, value: number) {
  if (!isNumber(value)) errors[field] = `Enter the ${label} as a number.`;
  else if (value < 0) errors[field] = `The ${label} cannot be negative.`;
}

/** A better conversion's assumptions (percentages 0–100, counts and amounts in the form's units). */
export function checkConversionInputs(input: { improvedPct: number; reaching: number; winAfterPct: number; dealSize: number }): ImpactFieldErrors {
  const errors: ImpactFieldErrors = {};
  checkPercent(errors, "improvedPct", "improved conversion", input.improvedPct);
  checkNonNegative(errors, "reaching", "number of deals reaching the stage", input.reaching);
  checkPercent(errors, "winAfterPct", "win rate after the stage", input.winAfterPct);
  checkNonNegative(errors, "dealSize", "average deal size", input.dealSize);
  return errors;
}

/** A shorter cycle's assumptions: the shorter cycle is more than 0 days and not longer than today's. */
export function checkCycleInputs(input: { openDeals: number; winRatePct: number; cycleNow: number; cycleShorter: number }): ImpactFieldErrors {
  const errors: ImpactFieldErrors = {};
  checkNonNegative(errors, "openDeals", "number of open qualified deals", input.openDeals);
  checkPercent(errors, "winRatePct", "win rate", input.winRatePct);
  if (!isNumber(input.cycleNow) || input.cycleNow <= 0) errors.cycleNow = "Today's cycle length must be more than 0 days.";
  if (!isNumber(input.cycleShorter) || input.cycleShorter <= 0) errors.cycleShorter = "The shorter cycle must be more than 0 days.";
  else if (isNumber(input.cycleNow) && input.cycleShorter > input.cycleNow) errors.cycleShorter = `The shorter cycle cannot be longer than today's (${input.cycleNow} days).`;
  return errors;
}

/** A stale stage's probability: 0–100%. */
export function checkProbability(value: number): string | undefined {
  const errors: ImpactFieldErrors = {};
  checkPercent(errors, "p", "probability", value);
  return errors.p;
}
