// Forecast submission rules: what an amount typed into the forecast form may be, and what the open deals suggest.
import { parseMoneyInput } from "@/lib/format";

/** Ten billion in the organisation's currency: a forecast above it is a typo. */
export const MAX_FORECAST_MINOR = 1_000_000_000_000n;

/** A forecast amount typed by a person to minor units, or the message to show next to the field. */
export function parseForecastAmount(raw: unknown): { ok: true; minor: bigint } | { ok: false; message: string } {
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  if (text === "") return { ok: false, message: "Enter an amount (0 if you expect nothing)." };
  if (/^-/.test(text.replace(/^[$€£¥]/, "")) || /^[$€£¥]?\s*-/.test(text)) return { ok: false, message: "A forecast cannot be negative." };
  const minor = parseMoneyInput(text);
  if (minor === null) return { ok: false, message: "Enter a number such as 125000 or 125,000.50." };
  if (minor > MAX_FORECAST_MINOR) return { ok: false, message: "That amount is too large: the limit is 10,000,000,000." };
  return { ok: true, minor };
}

export interface ForecastSuggestion {
  /** Closed-won so far in the period. */
  wonMinor: bigint;
  /** Σ amount × stage probability over open deals with a close date in the period. */
  weightedOpenMinor: bigint;
  /** Open late-stage deals (commit candidates) closing in the period. */
  lateStageMinor: bigint;
  lateStageDeals: number;
  /** All open deals closing in the period (the ceiling of a best case). */
  openMinor: bigint;
}

/** What the deals suggest: commit ≈ won + late-stage deals; expected ≈ won + weighted; best case ≈ won + all open. */
export function suggestedForecast(s: ForecastSuggestion) {
  return {
    commitMinor: s.wonMinor + s.lateStageMinor,
    expectedMinor: s.wonMinor + s.weightedOpenMinor,
    bestCaseMinor: s.wonMinor + s.openMinor,
  };
}
