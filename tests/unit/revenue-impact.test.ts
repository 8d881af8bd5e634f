// The revenue impact calculator's figures, hand-computed.
import { describe, expect, it } from "vitest";
import { checkConversionInputs, checkCycleInputs, checkProbability, conversionImprovementValue, revenueAtRisk, shorterCycleValue } from "@/lib/domain/revenue-impact";

describe("revenue at risk in stale deals", () => {
  it("weights each stale deal by its stage probability, to the cent", () => {
    // 80,000.00 at 60% + 10,000.01 at 25% = 48,000.00 + 2,500.0025 → 50,500.00
    expect(revenueAtRisk([{ amountMinor: 8_000_000, probability: 60 }, { amountMinor: 1_000_001, probability: 25 }])).toBe(5_050_000);
    expect(revenueAtRisk([])).toBe(0);
  });
});

describe("a better conversion at one stage", () => {
  it("is the extra deals advancing × the later win rate × the average deal size", () => {
    // 40 deals reach Solution; 50% → 60% is 4 more advancing; half of those win: 2 × 25,000 = 50,000
    const r = conversionImprovementValue({ dealsReachingStage: 40, currentRate: 0.5, improvedRate: 0.6, winRateAfterStage: 0.5, averageDealSizeMinor: 2_500_000 });
    expect(r.extraDealsAdvancing).toBeCloseTo(4, 10);
    expect(r.extraDealsWon).toBeCloseTo(2, 10);
    expect(r.valueMinor).toBe(5_000_000);
  });

  it("is worth nothing (never NaN) without deals or with a worse rate clamped to the same", () => {
    expect(conversionImprovementValue({ dealsReachingStage: 0, currentRate: 0.5, improvedRate: 0.9, winRateAfterStage: 1, averageDealSizeMinor: 100 }).valueMinor).toBe(0);
    expect(conversionImprovementValue({ dealsReachingStage: Number.NaN, currentRate: 0.5, improvedRate: 1.5, winRateAfterStage: 1, averageDealSizeMinor: 100 }).valueMinor).toBe(0);
  });
});

describe("a shorter sales cycle", () => {
  it("is the velocity gained over the horizon", () => {
    // 30 deals × 25% × 10,000.00 ÷ 60 days = 1,250.00/day; ÷ 50 days = 1,500.00/day; +250.00 × 92 days = 23,000.00
    const r = shorterCycleValue({ openQualifiedDeals: 30, winRate: 0.25, averageDealSizeMinor: 1_000_000, currentCycleDays: 60, shorterCycleDays: 50, horizonDays: 92 });
    expect(r.velocityNow).toBeCloseTo(125_000, 6);
    expect(r.velocityShorter).toBeCloseTo(150_000, 6);
    expect(r.valueMinor).toBe(2_300_000);
  });

  it("is undefined without a cycle length (no won deals)", () => {
    expect(shorterCycleValue({ openQualifiedDeals: 30, winRate: 0.25, averageDealSizeMinor: 1_000_000, currentCycleDays: 0, shorterCycleDays: 0, horizonDays: 92 }).valueMinor).toBeNull();
  });
});

describe("the calculator refuses nonsense and says why", () => {
  it("a conversion outside 0–100%, negative deals or amounts", () => {
    expect(checkConversionInputs({ improvedPct: 120, reaching: -3, winAfterPct: -1, dealSize: -500 })).toEqual({
      improvedPct: "The improved conversion must be between 0% and 100%.",
      reaching: "The number of deals reaching the stage cannot be negative.",
      winAfterPct: "The win rate after the stage must be between 0% and 100%.",
      dealSize: "The average deal size cannot be negative.",
    });
    expect(checkConversionInputs({ improvedPct: 100, reaching: 0, winAfterPct: 0, dealSize: 0 })).toEqual({});
    expect(checkConversionInputs({ improvedPct: Number.NaN, reaching: 1, winAfterPct: 50, dealSize: 1 })).toEqual({ improvedPct: "Enter the improved conversion as a number." });
  });

  it("a shorter cycle longer than today's, or not positive", () => {
    expect(checkCycleInputs({ openDeals: 10, winRatePct: 30, cycleNow: 60, cycleShorter: 75 })).toEqual({ cycleShorter: "The shorter cycle cannot be longer than today's (60 days)." });
    expect(checkCycleInputs({ openDeals: 10, winRatePct: 30, cycleNow: 60, cycleShorter: 60 })).toEqual({});
    expect(checkCycleInputs({ openDeals: -1, winRatePct: 101, cycleNow: 0, cycleShorter: 0 })).toEqual({
      openDeals: "The number of open qualified deals cannot be negative.",
      winRatePct: "The win rate must be between 0% and 100%.",
      cycleNow: "Today's cycle length must be more than 0 days.",
      cycleShorter: "The shorter cycle must be more than 0 days.",
    });
    expect(checkProbability(101)).toBe("The probability must be between 0% and 100%.");
    expect(checkProbability(40)).toBeUndefined();
  });
});
