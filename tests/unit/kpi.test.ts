import { describe, expect, it } from "vitest";
import { periodContaining, startOfLocalDay } from "@/lib/domain/calendar";
import { buildScorecard, dataIntegrity, employedShare, monthlyFigures, periodFigures, scorecardPeriod, EMPTY_FIGURES, type KpiResult } from "@/lib/domain/kpi";
import type { TargetRow } from "@/lib/domain/targets";

const NY = "America/New_York";
/** A local wall-clock time in New York as an instant. */
const ny = (date: string, hh: number, mm = 0) => new Date(startOfLocalDay(date, NY).getTime() + (hh * 60 + mm) * 60_000);
const kpi = (results: KpiResult[], metric: string) => results.find((r) => r.metric === metric)!;

const orgTarget = (metric: string, value: number, extra: Partial<TargetRow> = {}): TargetRow => ({
  id: `t-${metric}`, metric, periodType: "MONTH", periodStart: null, scope: "ORGANISATION", teamId: null, userId: null, direction: "AT_LEAST", value, isRelative: false, ...extra,
});

const rep = { id: "rep1", teamId: "east", startDate: null };

describe("monthly figures in the organisation's time zone", () => {
  it("counts a deal closed 23:30 local on the last day in that month, and 00:30 the next day in the next", () => {
    const months = monthlyFigures(
      {
        leads: [],
        activities: [],
        opportunities: [],
        closedDeals: [
          // 23:30 in New York on 30 Nov is already 1 Dec in UTC: it still belongs to November.
          { status: "WON", amountMinor: 500_000n, closedAt: ny("2026-11-30", 23, 30), createdAt: ny("2026-11-10", 9), firstContactDate: null },
          { status: "WON", amountMinor: 300_000n, closedAt: ny("2026-12-01", 0, 30), createdAt: ny("2026-11-01", 9), firstContactDate: "2026-10-22" },
        ],
      },
      NY,
    );
    const nov = periodFigures(months, periodContaining("2026-11-15", "MONTH"));
    const dec = periodFigures(months, periodContaining("2026-12-15", "MONTH"));
    expect(nov).toMatchObject({ won: 1, wonMinor: 500_000n, cycleDaysTotal: 20, cycleDeals: 1 });
    expect(dec).toMatchObject({ won: 1, wonMinor: 300_000n, cycleDaysTotal: 40, cycleDeals: 1 });
  });

  it("counts only ICP-qualified leads, and opportunities by their local creation day", () => {
    const months = monthlyFigures(
      {
        leads: [{ createdOn: "2026-11-02", icpQualified: true }, { createdOn: "2026-11-03", icpQualified: false }, { createdOn: "2026-10-31", icpQualified: true }],
        activities: [{ occurredOn: "2026-11-30" }, { occurredOn: "2026-12-01" }],
        opportunities: [{ createdAt: ny("2026-10-31", 22) }, { createdAt: ny("2026-11-01", 1) }],
        closedDeals: [],
      },
      NY,
    );
    expect(periodFigures(months, periodContaining("2026-11-01", "MONTH"))).toMatchObject({ qualifiedLeads: 1, activities: 1, newOpportunities: 1 });
  });

  it("rolls months into fiscal quarters of a year that starts in February", () => {
    const months = monthlyFigures(
      {
        leads: [],
        activities: [],
        opportunities: [],
        closedDeals: [
          { status: "WON", amountMinor: 100n, closedAt: ny("2026-01-31", 12), createdAt: ny("2026-01-01", 9), firstContactDate: null },
          { status: "WON", amountMinor: 200n, closedAt: ny("2026-02-01", 12), createdAt: ny("2026-01-01", 9), firstContactDate: null },
          { status: "LOST", amountMinor: 900n, closedAt: ny("2026-04-30", 12), createdAt: ny("2026-01-01", 9), firstContactDate: null },
          { status: "WON", amountMinor: 400n, closedAt: ny("2026-05-01", 12), createdAt: ny("2026-01-01", 9), firstContactDate: null },
        ],
      },
      NY,
    );
    const q1 = periodContaining("2026-03-10", "QUARTER", 2);
    expect(q1).toMatchObject({ start: "2026-02-01", end: "2026-04-30", label: "FY2027 Q1" });
    expect(periodFigures(months, q1)).toMatchObject({ won: 1, lost: 1, wonMinor: 200n });
    const q4 = periodContaining("2026-01-10", "QUARTER", 2);
    expect(q4).toMatchObject({ start: "2025-11-01", end: "2026-01-31", label: "FY2026 Q4" });
    expect(periodFigures(months, q4)).toMatchObject({ won: 1, wonMinor: 100n });
  });
});

describe("KPIs of a period", () => {
  const november = periodContaining("2026-11-15", "MONTH");

  it("shows no data for win rate and cycle in a period without closed deals, never a pass", () => {
    const results = scorecardPeriod(
      { period: november, figures: { ...EMPTY_FIGURES, qualifiedLeads: 16 }, previous: EMPTY_FIGURES, lastYear: EMPTY_FIGURES, quotaMinor: null, rep },
      [orgTarget("win_rate", 30), orgTarget("sales_cycle_days", 60, { direction: "AT_MOST" }), orgTarget("qualified_leads", 15)],
    );
    expect(kpi(results, "win_rate")).toMatchObject({ actual: null, status: "no_data" });
    expect(kpi(results, "sales_cycle_days")).toMatchObject({ actual: null, status: "no_data" });
    expect(kpi(results, "closed_won_revenue")).toMatchObject({ actual: 0, status: "no_target", note: "No quota set." });
    expect(kpi(results, "closed_won_revenue_change")).toMatchObject({ actual: null, status: "no_data" });
    expect(kpi(results, "qualified_leads")).toMatchObject({ actual: 16, status: "met" });
    expect(kpi(results, "activities")).toMatchObject({ actual: 0, status: "no_target" });
    expect(kpi(results, "data_integrity")).toMatchObject({ status: "no_data", note: "Measured for the current period only." });
  });

  it("prorates a volume target for a rep who joined mid-period", () => {
    // Joined 16 Nov: on the team 15 of November's 30 days, so the 15-lead target becomes 7.5.
    const joiner = { ...rep, startDate: "2026-11-16" };
    expect(employedShare(november, joiner.startDate)).toBe(0.5);
    const results = scorecardPeriod(
      { period: november, figures: { ...EMPTY_FIGURES, qualifiedLeads: 8, activities: 9 }, previous: EMPTY_FIGURES, lastYear: EMPTY_FIGURES, quotaMinor: 1_000_000n, rep: joiner },
      [orgTarget("qualified_leads", 15), orgTarget("activities", 20)],
    );
    expect(kpi(results, "qualified_leads")).toMatchObject({ actual: 8, status: "met", target: { value: 7.5, prorated: true } });
    expect(kpi(results, "activities")).toMatchObject({ actual: 9, status: "missed", target: { value: 10, prorated: true } });
    // The quota is set per rep per period already: not prorated.
    expect(kpi(results, "closed_won_revenue")).toMatchObject({ actual: 0, status: "missed", target: { value: 1_000_000 } });
    const october = periodContaining("2026-10-15", "MONTH");
    const before = scorecardPeriod({ period: october, figures: EMPTY_FIGURES, previous: EMPTY_FIGURES, lastYear: EMPTY_FIGURES, quotaMinor: null, rep: joiner }, [orgTarget("qualified_leads", 15)]);
    expect(kpi(before, "qualified_leads")).toMatchObject({ status: "no_data", note: "Not on the team yet." });
  });

  it("judges relative targets: +10% quarter over quarter revenue and −15% cycle year over year", () => {
    const quarter = periodContaining("2026-11-15", "QUARTER");
    const results = scorecardPeriod(
      {
        period: quarter,
        figures: { ...EMPTY_FIGURES, won: 3, lost: 7, wonMinor: 1_100_000n, cycleDaysTotal: 255, cycleDeals: 3 },
        previous: { ...EMPTY_FIGURES, won: 2, wonMinor: 1_000_000n },
        lastYear: { ...EMPTY_FIGURES, won: 2, wonMinor: 1n, cycleDaysTotal: 200, cycleDeals: 2 },
        quotaMinor: 1_200_000n,
        rep,
      },
      [
        orgTarget("closed_won_revenue_change", 10, { periodType: "QUARTER", isRelative: true }),
        orgTarget("sales_cycle_days_change", -15, { periodType: "QUARTER", isRelative: true, direction: "AT_MOST" }),
        orgTarget("win_rate", 30, { periodType: "QUARTER" }),
      ],
    );
    expect(kpi(results, "closed_won_revenue_change").actual).toBeCloseTo(10, 9);
    expect(kpi(results, "closed_won_revenue_change").status).toBe("met");
    // 85 days against 100 last year: exactly −15%, which meets "at most −15%".
    expect(kpi(results, "sales_cycle_days")).toMatchObject({ actual: 85 });
    expect(kpi(results, "sales_cycle_days_change").actual).toBeCloseTo(-15, 9);
    expect(kpi(results, "sales_cycle_days_change").status).toBe("met");
    expect(kpi(results, "win_rate").actual).toBeCloseTo(30, 9);
    expect(kpi(results, "win_rate").status).toBe("met");
    expect(kpi(results, "closed_won_revenue")).toMatchObject({ status: "missed" });
  });

  it("builds seven periods, measuring data integrity for the current one only", () => {
    const months = [{ month: "2026-11", ...EMPTY_FIGURES, activities: 25 }, { month: "2026-05", ...EMPTY_FIGURES, activities: 5 }];
    const card = buildScorecard({
      current: november,
      fiscalYearStartMonth: 1,
      months,
      quotas: new Map(),
      targets: [orgTarget("activities", 20), orgTarget("data_integrity", 100)],
      dataIntegrityNow: 75,
      rep,
    });
    expect(card.map((p) => p.period.label)).toEqual(["May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]);
    expect(kpi(card[6].kpis, "activities")).toMatchObject({ actual: 25, status: "met" });
    expect(kpi(card[0].kpis, "activities")).toMatchObject({ actual: 5, status: "missed" });
    expect(kpi(card[6].kpis, "data_integrity")).toMatchObject({ actual: 75, status: "missed" });
    expect(kpi(card[5].kpis, "data_integrity")).toMatchObject({ actual: null, status: "no_data" });
  });
});

describe("data integrity", () => {
  const today = "2026-11-23";
  const base = { status: "OPEN" as const, lastMovedAt: ny("2026-11-20", 10), nextStep: "Call", nextStepDate: "2026-11-25", closeDate: "2026-12-15" };
  it("is the share of open deals that are fresh, have an up-front contract and a close date not in the past", () => {
    const deals = [
      base,
      { ...base, lastMovedAt: ny("2026-11-09", 10) }, // 14 days: stale
      { ...base, nextStepDate: "2026-11-22" }, // overdue next step
      { ...base, closeDate: "2026-11-22" }, // close date in the past
    ];
    expect(dataIntegrity(deals, today, NY, { organisationDays: 14 })).toBe(0.25);
    expect(dataIntegrity([], today, NY, { organisationDays: 14 })).toBeNull();
  });
});
