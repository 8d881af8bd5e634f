// The quarterly review's pure rules against hand-computed fixtures.
import { describe, expect, it } from "vitest";
import { periodInstants } from "@/lib/domain/calendar";
import { coverage, winRate } from "@/lib/domain/metrics";
import {
  findConstraint,
  forecastScoringCutoff,
  leadingKpiAttainment,
  median,
  outcomeInPeriod,
  parseQuarterParam,
  quarterOptions,
  stageConversion,
  standingSubmission,
} from "@/lib/domain/quarterly";

const STAGES = [
  { id: "s1", name: "Discovery", order: 1 },
  { id: "s2", name: "Solution", order: 2 },
  { id: "s3", name: "Proposal", order: 3 },
];

describe("the quarter named in the URL", () => {
  it("reads a label, a date inside the quarter, or nothing (today's quarter)", () => {
    expect(parseQuarterParam("FY2026 Q3", "2026-11-23", 1)).toMatchObject({ start: "2026-07-01", end: "2026-09-30", label: "FY2026 Q3" });
    expect(parseQuarterParam("2026-08-15", "2026-11-23", 1)).toMatchObject({ start: "2026-07-01", label: "FY2026 Q3" });
    expect(parseQuarterParam(null, "2026-11-23", 1)).toMatchObject({ start: "2026-10-01", label: "FY2026 Q4" });
  });

  it("follows a fiscal year starting in February (FY2027 starts 1 Feb 2026)", () => {
    expect(parseQuarterParam("FY2027 Q1", "2026-11-23", 2)).toMatchObject({ start: "2026-02-01", end: "2026-04-30", label: "FY2027 Q1" });
    expect(parseQuarterParam("FY2027 Q4", "2026-11-23", 2)).toMatchObject({ start: "2026-11-01", end: "2027-01-31" });
    expect(parseQuarterParam("2027-01-31", "2026-11-23", 2)?.label).toBe("FY2027 Q4");
    expect(quarterOptions("2026-11-23", 2).slice(0, 2)).toEqual(["FY2028 Q1", "FY2027 Q4"]);
  });

  it("answers null (a clear message on the page) for anything that is not a quarter", () => {
    for (const bad of ["Q9", "FY2026 Q5", "2026-02-30", "'; drop table", "FY99999 Q1"]) expect(parseQuarterParam(bad, "2026-11-23", 1)).toBeNull();
  });
});

describe("a deal closed at a quarter boundary, in the organisation's time zone", () => {
  it("belongs to the quarter whose first local instant it closed at, and not to the one before", () => {
    const q3 = periodInstants(parseQuarterParam("FY2026 Q3", "2026-11-23", 1)!, "America/New_York");
    const q2 = periodInstants(parseQuarterParam("FY2026 Q2", "2026-11-23", 1)!, "America/New_York");
    const atMidnight = new Date("2026-07-01T04:00:00.000Z"); // 00:00 EDT on 1 July
    const justBefore = new Date(atMidnight.getTime() - 1); // 23:59:59.999 on 30 June, New York
    expect(outcomeInPeriod([{ at: atMidnight, newStatus: "WON" }], q3)).toBe("WON");
    expect(outcomeInPeriod([{ at: atMidnight, newStatus: "WON" }], q2)).toBeNull();
    expect(outcomeInPeriod([{ at: justBefore, newStatus: "WON" }], q2)).toBe("WON");
    expect(outcomeInPeriod([{ at: justBefore, newStatus: "WON" }], q3)).toBeNull();
  });
});

describe("a deal reopened after it was lost", () => {
  const q3 = periodInstants(parseQuarterParam("FY2026 Q3", "2026-11-23", 1)!, "UTC");
  it("is not a loss of the quarter when it was reopened (LOST → OPEN)", () => {
    const history = [
      { at: new Date("2026-08-01T10:00:00Z"), newStatus: "LOST" as const },
      { at: new Date("2026-08-20T10:00:00Z"), newStatus: "OPEN" as const },
    ];
    expect(outcomeInPeriod(history, q3)).toBeNull();
  });
  it("counts where it finally closed, once closed again", () => {
    const history = [
      { at: new Date("2026-08-01T10:00:00Z"), newStatus: "LOST" as const },
      { at: new Date("2026-08-20T10:00:00Z"), newStatus: "OPEN" as const },
      { at: new Date("2026-09-10T10:00:00Z"), newStatus: "WON" as const },
    ];
    expect(outcomeInPeriod(history, q3)).toBe("WON");
  });
});

describe("no closed deals", () => {
  it("gives no data, never NaN or Infinity", () => {
    const conv = stageConversion(STAGES, []);
    expect(conv.map((c) => c.rate)).toEqual([null, null, null]);
    expect(findConstraint(conv)).toBeNull();
    expect(winRate([]).byCount).toBeNull();
    expect(median([])).toBeNull();
    expect(leadingKpiAttainment({}, [], 0).every((k) => k.attainment === null)).toBe(true);
  });
});

describe("a quota already met", () => {
  it("leaves coverage undefined (not a division error) and shows 1 ÷ win rate beside it", () => {
    const c = coverage({ openPipelineMinor: 500_000_00n, quotaMinor: 100_000_00n, closedWonMinor: 120_000_00n, winRate: 0.25 });
    expect(c.ratio).toBeNull();
    expect(c.quotaMet).toBe(true);
    expect(c.gapMinor).toBe(0n);
    expect(c.neededRatio).toBe(4);
  });
});

describe("stage conversion, time in stage and the constraint", () => {
  // Ten closed deals: 4 stopped in Discovery, 1 in Solution, 1 lost in Proposal, 4 won.
  const deals = [
    { maxOrder: 1, won: false, count: 4 },
    { maxOrder: 2, won: false, count: 1 },
    { maxOrder: 3, won: false, count: 1 },
    { maxOrder: 3, won: true, count: 4 },
  ];
  const flow = [
    { stageId: "s1", entered: 10, medianDays: 12 },
    { stageId: "s2", entered: 6, medianDays: 20 },
    { stageId: "s3", entered: 5, medianDays: 7.5 },
  ];
  const conv = stageConversion(STAGES, deals, flow);

  it("counts a deal as passing every stage up to the highest it reached", () => {
    expect(conv.map((c) => [c.reached, c.advanced])).toEqual([
      [10, 6],
      [6, 5],
      [5, 4],
    ]);
    expect(conv[2].nextName).toBe("Won");
    expect(conv[1].medianDays).toBe(20);
  });

  it("names the stage with the lowest conversion and explains it in words", () => {
    const c = findConstraint(conv)!;
    expect(c.name).toBe("Discovery");
    expect(c.rate).toBeCloseTo(0.6, 10);
    expect(c.stalled).toBe(4);
    expect(c.explanation).toContain("only 60% of the 10 closed deals that reached Discovery went on to Solution");
    expect(c.explanation).toContain("median of 12.0 days");
  });

  it("breaks a tie by the longer median time in stage, and ignores stages too few deals reached", () => {
    // Discovery 2 of 4 advance (50%), Solution 1 of 2 (50%): a tie, and Solution's deals wait longer.
    const tie = stageConversion(
      STAGES,
      [
        { maxOrder: 1, won: false, count: 2 },
        { maxOrder: 2, won: false, count: 1 },
        { maxOrder: 3, won: true, count: 1 },
      ],
      [
        { stageId: "s1", entered: 4, medianDays: 3 },
        { stageId: "s2", entered: 2, medianDays: 9 },
        { stageId: "s3", entered: 1, medianDays: 1 },
      ],
    );
    expect(findConstraint(tie, 2)!.name).toBe("Solution");
    // With the default minimum of 3 deals, Solution (2 deals) cannot be named.
    expect(findConstraint(tie)!.name).toBe("Discovery");
    expect(findConstraint(stageConversion(STAGES, [{ maxOrder: 1, won: false, count: 2 }]))).toBeNull();
  });
});

describe("forecast accuracy at the scoring week", () => {
  // FY2026 Q3 starts Wednesday 1 July 2026; week 1 runs Monday 29 June to Sunday 5 July (New York).
  const q3 = parseQuarterParam("FY2026 Q3", "2026-11-23", 1)!;
  it("ends week 1 at midnight after the Sunday of the quarter's first week, in the organisation's time zone", () => {
    const cutoff = forecastScoringCutoff(q3, 1, "America/New_York");
    expect(cutoff.lastDay).toBe("2026-07-05");
    expect(cutoff.before.toISOString()).toBe("2026-07-06T04:00:00.000Z");
    expect(forecastScoringCutoff(q3, 2, "America/New_York").lastDay).toBe("2026-07-12");
  });

  it("scores the latest submission made on or before the end of that week", () => {
    const { before } = forecastScoringCutoff(q3, 1, "America/New_York");
    const subs = [
      { commitMinor: 90n, submittedAt: new Date("2026-06-29T13:00:00Z") },
      { commitMinor: 95n, submittedAt: new Date("2026-07-06T03:59:59Z") },
      { commitMinor: 200n, submittedAt: new Date("2026-07-06T04:00:00Z") },
    ];
    expect(standingSubmission(subs, before)?.commitMinor).toBe(95n);
    expect(standingSubmission(subs.slice(2), before)).toBeNull();
  });
});

describe("leading KPI attainment", () => {
  it("scales a monthly per-rep target to the quarter and the reps in scope", () => {
    const kpis = leadingKpiAttainment({ qualified_leads: 180, activities: 100, new_opportunities: 0 }, [
      { metric: "qualified_leads", periodType: "MONTH", value: 15 },
      { metric: "activities", periodType: "QUARTER", value: 50 },
    ], 4);
    expect(kpis.find((k) => k.metric === "qualified_leads")).toMatchObject({ target: 180, attainment: 1 });
    expect(kpis.find((k) => k.metric === "activities")).toMatchObject({ target: 200, attainment: 0.5 });
    expect(kpis.find((k) => k.metric === "new_opportunities")).toMatchObject({ target: null, attainment: null });
  });
});
