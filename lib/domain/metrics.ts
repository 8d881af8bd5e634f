// Revenue metrics of DOMAIN.md as pure functions. Money is integer minor units (bigint); a metric that is undefined
// for its inputs (no closed deals, quota met) is null, never NaN or Infinity.

export interface ClosedDeal {
  status: "WON" | "LOST";
  amountMinor: bigint;
}

export interface WinRate {
  won: number;
  lost: number;
  /** won ÷ (won + lost) by count; null with no closed deals. */
  byCount: number | null;
  /** won amount ÷ closed amount; null when nothing closed or all amounts are zero. */
  byValue: number | null;
}

export function winRate(deals: readonly ClosedDeal[]): WinRate {
  let won = 0;
  let lost = 0;
  let wonValue = 0n;
  let lostValue = 0n;
  for (const d of deals) {
    if (d.status === "WON") {
      won++;
      wonValue += d.amountMinor;
    } else {
      lost++;
      lostValue += d.amountMinor;
    }
  }
  return {
    won,
    lost,
    byCount: won + lost === 0 ? null : won / (won + lost),
    byValue: wonValue + lostValue === 0n ? null : Number(wonValue) / Number(wonValue + lostValue),
  };
}

/**
 * numerator ÷ denominator rounded once to a whole number, half away from zero: the one rounding of every weighted or
 * averaged money figure (docs/decisions/0007-metric-conventions.md). Sum the exact numerators first, divide last.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** Mean amount of the deals won in the period, in minor units (rounded once to the cent); null with none won. */
export function averageDealSize(wonAmounts: readonly bigint[]): bigint | null {
  if (wonAmounts.length === 0) return null;
  const total = wonAmounts.reduce((s, a) => s + a, 0n);
  return divideRounded(total, BigInt(wonAmounts.length));
}

/** Mean days from first contact to close over won deals; null with none. */
export function salesCycleDays(cycleDays: readonly number[]): number | null {
  if (cycleDays.length === 0) return null;
  return cycleDays.reduce((s, d) => s + d, 0) / cycleDays.length;
}

/** Σ amount × stage probability (percent) over open deals, in minor units. */
export function weightedPipeline(open: readonly { amountMinor: bigint; probability: number }[]): bigint {
  let total = 0n;
  for (const d of open) total += d.amountMinor * BigInt(Math.round(d.probability * 100));
  return divideRounded(total, 10_000n);
}

/**
 * Σ amount × probability (whole percent) rounded once at the end: for amounts already summed per probability (a
 * stage's open or stale total), so that no cent is lost to rounding each stage.
 */
export function weightedTotal(rows: readonly { amountMinor: bigint; probability: number }[]): bigint {
  return weightedPipeline(rows);
}

export interface Coverage {
  /** Open pipeline with a close date in the period ÷ (quota − closed-won); null when the quota is met or unset. */
  ratio: number | null;
  /** The remaining gap to quota, in minor units (0 when met). */
  gapMinor: bigint;
  /** About 1 ÷ win rate: the coverage this team actually needs. */
  neededRatio: number | null;
  /** The usual rule of thumb. */
  ruleOfThumb: 3;
  quotaMet: boolean;
}

export function coverage(input: { openPipelineMinor: bigint; quotaMinor: bigint | null; closedWonMinor: bigint; winRate: number | null }): Coverage {
  const gap = input.quotaMinor === null ? 0n : input.quotaMinor - input.closedWonMinor;
  const quotaMet = input.quotaMinor !== null && gap <= 0n;
  return {
    ratio: input.quotaMinor === null || gap <= 0n ? null : Number(input.openPipelineMinor) / Number(gap),
    gapMinor: gap > 0n ? gap : 0n,
    neededRatio: input.winRate && input.winRate > 0 ? 1 / input.winRate : null,
    ruleOfThumb: 3,
    quotaMet,
  };
}

/** Open qualified deals × win rate × average deal size ÷ average cycle length: money (minor units) per day. */
export function pipelineVelocity(input: { openQualifiedDeals: number; winRate: number | null; averageDealSizeMinor: bigint | null; cycleDays: number | null }): number | null {
  const { openQualifiedDeals, winRate: rate, averageDealSizeMinor: size, cycleDays } = input;
  if (rate === null || size === null || cycleDays === null || cycleDays <= 0) return null;
  return (openQualifiedDeals * rate * Number(size)) / cycleDays;
}

/**
 * Pipeline velocity from the exact totals, rounded once to the cent: open qualified deals × won ÷ (won + lost) ×
 * (won amount ÷ won) ÷ (cycle days ÷ won) = deals × won amount × won ÷ ((won + lost) × cycle days). Null when undefined.
 */
export function pipelineVelocityMinor(input: { openQualifiedDeals: number; won: number; lost: number; wonMinor: bigint; cycleDaysTotal: bigint }): bigint | null {
  const { openQualifiedDeals, won, lost, wonMinor, cycleDaysTotal } = input;
  if (won <= 0 || cycleDaysTotal <= 0n) return null;
  return divideRounded(BigInt(openQualifiedDeals) * wonMinor * BigInt(won), BigInt(won + lost) * cycleDaysTotal);
}

/** 1 − |forecast − actual| ÷ actual; null when the actual is zero (undefined) or there is no forecast. */
export function forecastAccuracy(forecastMinor: bigint | null, actualMinor: bigint): { accuracy: number | null; errorRatio: number | null } {
  if (forecastMinor === null || actualMinor === 0n) return { accuracy: null, errorRatio: null };
  const diff = forecastMinor > actualMinor ? forecastMinor - actualMinor : actualMinor - forecastMinor;
  const errorRatio = Number(diff) / Number(actualMinor);
  return { accuracy: 1 - errorRatio, errorRatio };
}

/** The benchmark: a forecast error within 10% (5% is excellent). */
export function forecastWithinBenchmark(errorRatio: number | null): "excellent" | "ok" | "off" | null {
  if (errorRatio === null) return null;
  if (errorRatio <= 0.05) return "excellent";
  if (errorRatio <= 0.1) return "ok";
  return "off";
}

export interface OpportunityNeed {
  /** New opportunities needed per week to close the gap, or null when it cannot be computed. */
  perWeek: number | null;
  /** The steps, for showing how the figure was computed. */
  gapMinor: bigint;
  dealsToWin: number | null;
  opportunitiesNeeded: number | null;
  weeksLeft: number;
}

/**
 * New opportunities per week that the quota needs: the remaining gap ÷ average deal size gives the deals to win;
 * ÷ win rate gives the opportunities to create; ÷ the weeks left in the period gives the weekly rate.
 */
export function opportunitiesNeeded(input: { gapMinor: bigint; averageDealSizeMinor: bigint | null; winRate: number | null; daysLeft: number }): OpportunityNeed {
  const weeksLeft = Math.max(1, Math.ceil(input.daysLeft / 7));
  const base = { gapMinor: input.gapMinor, weeksLeft };
  if (input.gapMinor <= 0n) return { ...base, perWeek: 0, dealsToWin: 0, opportunitiesNeeded: 0 };
  if (!input.averageDealSizeMinor || input.averageDealSizeMinor <= 0n || !input.winRate) {
    return { ...base, perWeek: null, dealsToWin: null, opportunitiesNeeded: null };
  }
  const dealsToWin = Math.ceil(Number(input.gapMinor) / Number(input.averageDealSizeMinor));
  const opps = Math.ceil(dealsToWin / input.winRate);
  return { ...base, dealsToWin, opportunitiesNeeded: opps, perWeek: opps / weeksLeft };
}

/** A change between two periods as a ratio (+0.1 = +10%); null when the base is zero or missing. */
export function changeRatio(current: number | bigint | null, previous: number | bigint | null): number | null {
  if (current === null || previous === null) return null;
  const p = Number(previous);
  if (p === 0) return null;
  return (Number(current) - p) / Math.abs(p);
}

/** Share (0..1) of items meeting a condition; null for none. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
