// The revenue impact calculator's figures, hand-computed.
import { describe, expect, it } from "vitest";
import { conversionImprovementValue, revenueAtRisk, shorterCycleValue } from "@/lib/domain/revenue-impact";

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
