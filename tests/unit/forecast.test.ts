// Forecast amounts typed into the form, and what the open deals suggest.
import { describe, expect, it } from "vitest";
import { parseForecastAmount, suggestedForecast } from "@/lib/domain/forecast";

describe("a forecast amount", () => {
  it("accepts zero, whole amounts, cents and thousands separators", () => {
    expect(parseForecastAmount("0")).toEqual({ ok: true, minor: 0n });
    expect(parseForecastAmount("125,000.50")).toEqual({ ok: true, minor: 12_500_050n });
    expect(parseForecastAmount("$90000")).toEqual({ ok: true, minor: 9_000_000n });
  });

  it("refuses negative, non-numeric, empty and absurd amounts with a message for the field", () => {
    expect(parseForecastAmount("-5")).toEqual({ ok: false, message: "A forecast cannot be negative." });
    expect(parseForecastAmount("$-5")).toMatchObject({ ok: false, message: "A forecast cannot be negative." });
    expect(parseForecastAmount("lots")).toMatchObject({ ok: false, message: expect.stringContaining("Enter a number") });
    expect(parseForecastAmount("")).toMatchObject({ ok: false });
    expect(parseForecastAmount("1e6")).toMatchObject({ ok: false });
    expect(parseForecastAmount("99999999999999")).toMatchObject({ ok: false });
  });
});

describe("what the deals suggest", () => {
  it("adds closed-won so far to the late-stage, weighted and total open pipeline", () => {
    const s = suggestedForecast({ wonMinor: 100n, weightedOpenMinor: 30n, lateStageMinor: 50n, lateStageDeals: 2, openMinor: 120n });
    expect(s).toEqual({ commitMinor: 150n, expectedMinor: 130n, bestCaseMinor: 220n });
  });
});
