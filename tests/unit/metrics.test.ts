import { describe, expect, it } from "vitest";
import {
  averageDealSize,
  changeRatio,
  coverage,
  forecastAccuracy,
  forecastWithinBenchmark,
  opportunitiesNeeded,
  pipelineVelocity,
  salesCycleDays,
  weightedPipeline,
  winRate,
} from "@/lib/domain/metrics";

const won = (amount: number) => ({ status: "WON" as const, amountMinor: BigInt(amount) });
const lost = (amount: number) => ({ status: "LOST" as const, amountMinor: BigInt(amount) });

describe("win rate", () => {
  it("is won ÷ (won + lost) by count, with the value figure beside it", () => {
    const r = winRate([won(100_00), lost(300_00), lost(100_00), won(500_00)]);
    expect(r.byCount).toBe(0.5);
    expect(r.byValue).toBeCloseTo(600 / 1000, 10);
  });
  it("is undefined (null), not NaN, with no closed deals", () => {
    expect(winRate([])).toEqual({ won: 0, lost: 0, byCount: null, byValue: null });
  });
});

describe("average deal size and cycle", () => {
  it("averages won amounts exactly to the cent", () => {
    expect(averageDealSize([100_00n, 200_01n])).toBe(150_01n); // 150.005 rounds half up
    expect(averageDealSize([])).toBeNull();
  });
  it("averages cycle days, null with no won deals", () => {
    expect(salesCycleDays([30, 45, 60])).toBe(45);
    expect(salesCycleDays([])).toBeNull();
  });
});

describe("weighted pipeline", () => {
  it("is Σ amount × probability", () => {
    expect(weightedPipeline([{ amountMinor: 10_000_00n, probability: 25 }, { amountMinor: 2_000_00n, probability: 80 }])).toBe(4_100_00n);
  });
});

describe("coverage", () => {
  it("is open pipeline in the period ÷ (quota − closed won), shown beside 1 ÷ win rate", () => {
    const c = coverage({ openPipelineMinor: 900_000_00n, quotaMinor: 500_000_00n, closedWonMinor: 200_000_00n, winRate: 0.25 });
    expect(c.ratio).toBe(3);
    expect(c.neededRatio).toBe(4);
    expect(c.gapMinor).toBe(300_000_00n);
  });
  it("is undefined when the quota is already met", () => {
    const c = coverage({ openPipelineMinor: 900_000_00n, quotaMinor: 500_000_00n, closedWonMinor: 500_000_00n, winRate: 0.25 });
    expect(c).toMatchObject({ ratio: null, quotaMet: true, gapMinor: 0n });
  });
  it("is undefined without a quota, and has no needed ratio without a win rate", () => {
    expect(coverage({ openPipelineMinor: 1n, quotaMinor: null, closedWonMinor: 0n, winRate: null })).toMatchObject({ ratio: null, neededRatio: null, quotaMet: false });
  });
});

describe("velocity, forecast accuracy and the opportunities the quota needs", () => {
  it("computes velocity from its four inputs", () => {
    expect(pipelineVelocity({ openQualifiedDeals: 20, winRate: 0.25, averageDealSizeMinor: 40_000_00n, cycleDays: 50 })).toBe(400_000);
    expect(pipelineVelocity({ openQualifiedDeals: 20, winRate: null, averageDealSizeMinor: 40_000_00n, cycleDays: 50 })).toBeNull();
  });
  it("scores a forecast as 1 − |forecast − actual| ÷ actual", () => {
    expect(forecastAccuracy(90_00n, 100_00n)).toEqual({ accuracy: 0.9, errorRatio: 0.1 });
    expect(forecastAccuracy(110_00n, 100_00n).errorRatio).toBeCloseTo(0.1);
    expect(forecastAccuracy(100_00n, 0n)).toEqual({ accuracy: null, errorRatio: null });
    expect(forecastWithinBenchmark(0.04)).toBe("excellent");
    expect(forecastWithinBenchmark(0.1)).toBe("ok");
    expect(forecastWithinBenchmark(0.2)).toBe("off");
  });
  it("works out the new opportunities per week the quota needs, step by step", () => {
    const need = opportunitiesNeeded({ gapMinor: 200_000_00n, averageDealSizeMinor: 25_000_00n, winRate: 0.25, daysLeft: 56 });
    expect(need).toMatchObject({ dealsToWin: 8, opportunitiesNeeded: 32, weeksLeft: 8, perWeek: 4 });
    expect(opportunitiesNeeded({ gapMinor: 0n, averageDealSizeMinor: null, winRate: null, daysLeft: 10 }).perWeek).toBe(0);
    expect(opportunitiesNeeded({ gapMinor: 10n, averageDealSizeMinor: null, winRate: 0.3, daysLeft: 10 }).perWeek).toBeNull();
  });
  it("reports period-over-period change, null against zero", () => {
    expect(changeRatio(110, 100)).toBeCloseTo(0.1);
    expect(changeRatio(85, 100)).toBeCloseTo(-0.15);
    expect(changeRatio(5, 0)).toBeNull();
  });
});
