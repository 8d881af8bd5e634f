import { describe, expect, it } from "vitest";
import { startOfLocalDay } from "@/lib/domain/calendar";
import {
  closeDateShift,
  daysSinceMovement,
  followsMethodology,
  isPaused,
  isPush,
  isStale,
  nextStepState,
  upFrontContractProblems,
} from "@/lib/domain/deal-rules";

const NY = "America/New_York";
const org = { organisationDays: 14 };
/** An instant at a local time on a calendar day in New York. */
const at = (date: string, hh = 10, mm = 0) => new Date(startOfLocalDay(date, NY).getTime() + (hh * 60 + mm) * 60_000);
const open = (movedOn: Date, extra = {}) => ({ status: "OPEN" as const, lastMovedAt: movedOn, ...extra });

describe("the 14-day rule", () => {
  it("moved on 1 March: 13 days and fresh on the 14th, stale on the 15th", () => {
    const deal = open(at("2026-03-01"));
    expect(daysSinceMovement(deal.lastMovedAt, "2026-03-14", NY)).toBe(13);
    expect(isStale(deal, "2026-03-14", NY, org)).toBe(false);
    expect(daysSinceMovement(deal.lastMovedAt, "2026-03-15", NY)).toBe(14);
    expect(isStale(deal, "2026-03-15", NY, org)).toBe(true);
    expect(isStale(deal, "2026-03-16", NY, org)).toBe(true);
  });

  it("counts a move at 23:30 local time on its local day, not the UTC day", () => {
    const late = at("2026-03-01", 23, 30); // 04:30 UTC on 2 March
    expect(late.toISOString().slice(0, 10)).toBe("2026-03-02");
    expect(daysSinceMovement(late, "2026-03-15", NY)).toBe(14);
    expect(isStale(open(late), "2026-03-15", NY, org)).toBe(true);
  });

  it("is not shifted by the daylight-saving weeks (spring forward and fall back)", () => {
    // Clocks go forward on 8 March 2026 and back on 1 November 2026 in New York.
    expect(daysSinceMovement(at("2026-02-28", 23, 30), "2026-03-14", NY)).toBe(14);
    expect(isStale(open(at("2026-02-28", 23, 30)), "2026-03-14", NY, org)).toBe(true);
    expect(daysSinceMovement(at("2026-10-25", 0, 30), "2026-11-08", NY)).toBe(14);
    expect(daysSinceMovement(at("2026-10-25", 23, 59), "2026-11-07", NY)).toBe(13);
  });

  it("uses a stage's own threshold when it has one", () => {
    const negotiation = open(at("2026-03-01"), { stageStaleThresholdDays: 7 });
    expect(isStale(negotiation, "2026-03-07", NY, org)).toBe(false);
    expect(isStale(negotiation, "2026-03-08", NY, org)).toBe(true);
  });

  it("uses the organisation's threshold", () => {
    expect(isStale(open(at("2026-03-01")), "2026-03-21", NY, { organisationDays: 21 })).toBe(false);
    expect(isStale(open(at("2026-03-01")), "2026-03-22", NY, { organisationDays: 21 })).toBe(true);
  });

  it("never calls a closed deal stale", () => {
    expect(isStale({ status: "WON", lastMovedAt: at("2025-01-01") }, "2026-03-15", NY, org)).toBe(false);
  });

  it("keeps a paused deal out until its resume date: paused until yesterday, today and tomorrow", () => {
    const base = at("2026-03-01");
    expect(isPaused({ pausedUntil: "2026-03-19" }, "2026-03-20")).toBe(false);
    expect(isStale(open(base, { pausedUntil: "2026-03-19" }), "2026-03-20", NY, org)).toBe(true);
    expect(isPaused({ pausedUntil: "2026-03-20" }, "2026-03-20")).toBe(false); // resumes today
    expect(isStale(open(base, { pausedUntil: "2026-03-20" }), "2026-03-20", NY, org)).toBe(true);
    expect(isPaused({ pausedUntil: "2026-03-21" }, "2026-03-20")).toBe(true);
    expect(isStale(open(base, { pausedUntil: "2026-03-21" }), "2026-03-20", NY, org)).toBe(false);
  });
});

describe("the up-front contract", () => {
  it("needs a next step and its date; a past date is overdue", () => {
    expect(nextStepState({ nextStep: "Call CFO", nextStepDate: "2026-03-20" }, "2026-03-20")).toBe("ok");
    expect(nextStepState({ nextStep: "Call CFO", nextStepDate: "2026-03-19" }, "2026-03-20")).toBe("overdue");
    expect(nextStepState({ nextStep: "Call CFO", nextStepDate: null }, "2026-03-20")).toBe("missing");
    expect(nextStepState({ nextStep: "  ", nextStepDate: "2026-03-25" }, "2026-03-20")).toBe("missing");
    expect(nextStepState({ nextStep: null, nextStepDate: null }, "2026-03-20")).toBe("missing");
  });

  it("explains, field by field, why a stage move is refused", () => {
    expect(upFrontContractProblems({ nextStep: "x", nextStepDate: "2026-03-20" }, "2026-03-20")).toEqual({});
    expect(Object.keys(upFrontContractProblems({ nextStep: "", nextStepDate: null }, "2026-03-20"))).toEqual(["nextStep", "nextStepDate"]);
    expect(upFrontContractProblems({ nextStep: "x", nextStepDate: "2026-03-19" }, "2026-03-20").nextStepDate).toMatch(/past/);
  });
});

describe("slips and pull-ins", () => {
  const q1 = { start: "2026-01-01", end: "2026-03-31" };
  it("a close date moved within the period is not a slip", () => {
    expect(closeDateShift("2026-02-10", "2026-03-25", q1)).toBe("moved_within");
  });
  it("a close date moved across the period end is a slip", () => {
    expect(closeDateShift("2026-03-25", "2026-04-02", q1)).toBe("slipped");
    expect(closeDateShift("2026-03-31", "2026-04-01", q1)).toBe("slipped");
  });
  it("a close date moved back into the period is a pull-in", () => {
    expect(closeDateShift("2026-04-15", "2026-03-30", q1)).toBe("pulled_in");
  });
  it("counts a push when the close date moves into a later fiscal quarter", () => {
    expect(isPush("2026-03-25", "2026-04-02", 1)).toBe(true);
    expect(isPush("2026-02-10", "2026-03-25", 1)).toBe(false);
    expect(isPush("2026-04-02", "2026-03-25", 1)).toBe(false);
    expect(isPush("2026-03-25", "2026-04-02", 2)).toBe(false); // Feb–Apr is one quarter when the year starts in February
  });
});

describe("methodology adoption", () => {
  it("needs fresh, a contract and a close date not in the past", () => {
    const good = { status: "OPEN" as const, lastMovedAt: at("2026-03-10"), nextStep: "x", nextStepDate: "2026-03-21", closeDate: "2026-04-30" };
    expect(followsMethodology(good, "2026-03-20", NY, org)).toBe(true);
    expect(followsMethodology({ ...good, closeDate: "2026-03-19" }, "2026-03-20", NY, org)).toBe(false);
    expect(followsMethodology({ ...good, nextStepDate: null }, "2026-03-20", NY, org)).toBe(false);
    expect(followsMethodology({ ...good, lastMovedAt: at("2026-03-01") }, "2026-03-20", NY, org)).toBe(false);
  });
});
