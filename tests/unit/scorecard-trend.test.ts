import { describe, expect, it } from "vitest";
import { scorecardChartData, type ScorecardPeriodView } from "@/components/scorecard/scorecard-view";
import { periodContaining } from "@/lib/domain/calendar";
import type { KpiResult } from "@/lib/domain/kpi";
import { periodProgressOn } from "@/lib/domain/period-to-date";

// The scorecard's trend charts draw a month in progress as partial (fiscal year from February): never a drop to zero.
const nov = periodContaining("2026-11-15", "MONTH", 2);
const k = (metric: string, unit: KpiResult["unit"], actual: number | null): KpiResult => ({ metric: metric as KpiResult["metric"], label: metric, category: "LEADING", unit, actual, target: null, status: "no_target" });
const period = (label: string, activities: number, winRate: number | null, today?: string): ScorecardPeriodView => ({
  label,
  current: !!today,
  kpis: [k("activities", "count", activities), k("win_rate", "percent", winRate)],
  progress: today ? periodProgressOn(nov, today) : undefined,
});

describe("scorecard trend of a period in progress", () => {
  it("day 1 (1 Nov): the month is drawn apart as its figures so far, not as a finished month of 0 activities", () => {
    const { data, inProgress } = scorecardChartData([period("Sep 2026", 60, 30), period("Oct 2026", 62, 25), period("Nov 2026", 0, null, "2026-11-01")]);
    expect(inProgress).toBe(true);
    expect(data[2]).toMatchObject({ period: "Nov 2026 (so far)", activities: null, activities__pace: null, activities__sofar: 0, win_rate: null, win_rate__pace: null });
    // The solid line ends at the last complete month, where the dashed segment starts.
    expect(data[1]).toMatchObject({ activities: 62, activities__pace: 62, activities__sofar: null });
    expect(data[0]).toMatchObject({ activities: 60, activities__pace: null });
  });

  it("day 15 of 30: the dashed segment goes to the month's end at its pace; a rate to its figure so far", () => {
    const { data } = scorecardChartData([period("Oct 2026", 62, 25), period("Nov 2026", 31, 40, "2026-11-15")]);
    expect(data[1]).toMatchObject({ activities: null, activities__pace: 62, activities__sofar: 31, win_rate: null, win_rate__pace: 40 });
  });

  it("last local day (30 Nov) still in progress; once the month has ended it is an ordinary point", () => {
    expect(scorecardChartData([period("Oct 2026", 62, 25), period("Nov 2026", 58, 30, "2026-11-30")]).data[1]).toMatchObject({ activities__pace: 58, activities__sofar: 58 });
    const ended = scorecardChartData([period("Oct 2026", 62, 25), period("Nov 2026", 58, 30, "2026-12-01")]);
    expect(ended.inProgress).toBe(false);
    expect(ended.data[1]).toEqual({ period: "Nov 2026", activities: 58, win_rate: 30 });
  });
});
