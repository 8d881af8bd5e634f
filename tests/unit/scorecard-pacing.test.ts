import { describe, expect, it } from "vitest";
import { periodContaining } from "@/lib/domain/calendar";
import { EMPTY_FIGURES, scorecardPeriod, type ScorecardPeriodInput } from "@/lib/domain/kpi";
import { periodProgressOn } from "@/lib/domain/period-to-date";
import type { TargetRow } from "@/lib/domain/targets";

// A rep's scorecard in a month in progress (fiscal year from February): targets are paced, never "missed" on day 1.
const nov = periodContaining("2026-11-15", "MONTH", 2);
const target = (metric: string, value: number, direction: "AT_LEAST" | "AT_MOST" = "AT_LEAST"): TargetRow => ({
  id: metric, metric, periodType: "MONTH", periodStart: null, scope: "ORGANISATION", teamId: null, userId: null, direction, value, isRelative: false,
});
const targets = [target("qualified_leads", 15), target("win_rate", 30)];
const input = (today: string, figures: Partial<typeof EMPTY_FIGURES>, quotaMinor: bigint | null = 3_000_000n): ScorecardPeriodInput => ({
  period: nov,
  figures: { ...EMPTY_FIGURES, ...figures },
  previous: EMPTY_FIGURES,
  lastYear: EMPTY_FIGURES,
  quotaMinor,
  rep: { id: "r", teamId: null, startDate: null },
  progress: periodProgressOn(nov, today),
});
const kpi = (today: string, figures: Partial<typeof EMPTY_FIGURES>, metric: string) => scorecardPeriod(input(today, figures), targets).find((k) => k.metric === metric)!;

describe("scorecard pacing", () => {
  it("day 1 (1 Nov): nothing yet is too early, not missed, with the prorated target and the run rate", () => {
    const leads = kpi("2026-11-01", {}, "qualified_leads");
    expect(leads.status).toBe("too_early");
    expect(leads.pace).toMatchObject({ actual: 0, target: 15, runRate: 0 });
    expect(leads.pace!.proratedTarget).toBeCloseTo(0.5, 10);
    expect(kpi("2026-11-01", {}, "closed_won_revenue").status).toBe("too_early");
    expect(kpi("2026-11-01", { won: 0, lost: 1 }, "win_rate").status).toBe("too_early");
  });

  it("mid-month: on pace or behind against the prorated target; the quota too", () => {
    expect(kpi("2026-11-15", { qualifiedLeads: 8 }, "qualified_leads")).toMatchObject({ status: "on_pace", pace: { proratedTarget: 7.5, runRate: 16 } });
    expect(kpi("2026-11-15", { qualifiedLeads: 6 }, "qualified_leads").status).toBe("behind");
    expect(kpi("2026-11-15", { wonMinor: 1_500_000n, won: 1 }, "closed_won_revenue").status).toBe("on_pace");
    expect(kpi("2026-11-15", { won: 1, lost: 9 }, "win_rate").status).toBe("behind");
  });

  it("last day (30 Nov): short of the target is still behind; reached is met", () => {
    expect(kpi("2026-11-30", { qualifiedLeads: 14 }, "qualified_leads").status).toBe("behind");
    expect(kpi("2026-11-30", { qualifiedLeads: 15 }, "qualified_leads").status).toBe("met");
  });

  it("once the month has ended it is met or missed", () => {
    expect(kpi("2026-12-01", { qualifiedLeads: 14 }, "qualified_leads").status).toBe("missed");
    expect(kpi("2026-12-01", { qualifiedLeads: 14 }, "qualified_leads").pace).toBeUndefined();
    expect(kpi("2026-12-01", { won: 1, lost: 9 }, "win_rate").status).toBe("missed");
  });
});
