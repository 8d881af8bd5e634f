import { describe, expect, it } from "vitest";
import { periodContaining } from "@/lib/domain/calendar";
import { MIN_DAYS_FOR_VERDICT, paceOf, periodProgress, toDateComparison, trendPointParts } from "@/lib/domain/period-to-date";

// A fiscal year starting in February: FY2027 runs 1 Feb 2026 – 31 Jan 2027; its Q4 is Nov–Jan (92 days), its Q3
// Aug–Oct (92 days), its Q1 Feb–Apr (89 days in 2026).
const FEB = 2;
const NY = "America/New_York";
const AKL = "Pacific/Auckland";
const q4 = periodContaining("2026-12-02", "QUARTER", FEB);

describe("to-date comparison, fiscal year from February", () => {
  it("names the quarters as the organisation does", () => {
    expect(q4).toMatchObject({ label: "FY2027 Q4", start: "2026-11-01", end: "2027-01-31" });
  });

  it("New York, first local minute of the quarter (1 Nov 00:00 EDT = 04:00 UTC): day 1 of 92 against Q3's first day", () => {
    const c = toDateComparison(q4, new Date("2026-11-01T04:00:00Z"), NY, FEB);
    expect(c.label).toBe("QTD, day 1 of 92 · vs Q3 at day 1");
    expect(c.progress).toMatchObject({ state: "in_progress", elapsedDays: 1, totalDays: 92, verdict: false });
    expect(c.priorWindow).toMatchObject({ start: "2026-08-01", end: "2026-08-01" });
    // The prior window is Q3's first local day in New York: 1 Aug 00:00 EDT to 2 Aug 00:00 EDT.
    expect(c.priorWindow.from.toISOString()).toBe("2026-08-01T04:00:00.000Z");
    expect(c.priorWindow.to.toISOString()).toBe("2026-08-02T04:00:00.000Z");
    expect(c.currentWindow.from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(c.currentWindow.to.toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });

  it("New York, one minute earlier (31 Oct 23:59 EDT) is still the last day of Q3, compared with Q2's 92 days", () => {
    const q3 = periodContaining("2026-10-31", "QUARTER", FEB);
    const c = toDateComparison(q3, new Date("2026-11-01T03:59:00Z"), NY, FEB);
    expect(c.label).toBe("QTD, day 92 of 92 · vs Q2 at day 92");
    expect(c.priorWindow).toMatchObject({ start: "2026-05-01", end: "2026-07-31" });
    expect(periodProgress(q4, new Date("2026-11-01T03:59:00Z"), NY).state).toBe("not_started");
  });

  it("New York, last local minute of the quarter (31 Jan 23:59 EST = 04:59 UTC): day 92, against the whole of Q3", () => {
    const c = toDateComparison(q4, new Date("2027-02-01T04:59:00Z"), NY, FEB);
    expect(c.label).toBe("QTD, day 92 of 92 · vs Q3 at day 92");
    expect(c.priorWindow).toMatchObject({ start: "2026-08-01", end: "2026-10-31" });
    expect(c.priorWindow.to.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    // A minute later the quarter has ended: whole against whole.
    const ended = toDateComparison(q4, new Date("2027-02-01T05:00:00Z"), NY, FEB);
    expect(ended.progress).toMatchObject({ state: "ended", elapsedDays: 92, elapsedShare: 1, verdict: true });
    expect(ended.label).toBe("FY2027 Q4 · vs FY2027 Q3");
    expect(ended.currentWindow.to.toISOString()).toBe("2027-02-01T05:00:00.000Z");
  });

  it("Auckland, first local minute of the quarter (1 Nov 00:00 NZDT = 31 Oct 11:00 UTC), and the minute before", () => {
    const c = toDateComparison(q4, new Date("2026-10-31T11:00:00Z"), AKL, FEB);
    expect(c.label).toBe("QTD, day 1 of 92 · vs Q3 at day 1");
    expect(c.priorWindow.from.toISOString()).toBe("2026-07-31T12:00:00.000Z"); // 1 Aug 00:00 NZST
    expect(c.priorWindow.to.toISOString()).toBe("2026-08-01T12:00:00.000Z");
    expect(periodProgress(q4, new Date("2026-10-31T10:59:00Z"), AKL).state).toBe("not_started");
  });

  it("Auckland, last local minute of the quarter (31 Jan 23:59 NZDT = 31 Jan 10:59 UTC): day 92 of 92", () => {
    expect(toDateComparison(q4, new Date("2027-01-31T10:59:00Z"), AKL, FEB).label).toBe("QTD, day 92 of 92 · vs Q3 at day 92");
    expect(periodProgress(q4, new Date("2027-01-31T11:00:00Z"), AKL).state).toBe("ended");
  });

  it("the same instant is a different day in each zone", () => {
    const now = new Date("2026-11-15T02:00:00Z"); // 14 Nov 21:00 in New York, 15 Nov 15:00 in Auckland
    expect(toDateComparison(q4, now, NY, FEB).label).toBe("QTD, day 14 of 92 · vs Q3 at day 14");
    expect(toDateComparison(q4, now, AKL, FEB).label).toBe("QTD, day 15 of 92 · vs Q3 at day 15");
  });

  it("a longer quarter late in its days is compared with the whole of a shorter prior quarter", () => {
    // FY2027 Q2 (May–Jul, 92 days) against Q1 (Feb–Apr 2026, 89 days).
    const q2 = periodContaining("2026-06-01", "QUARTER", FEB);
    const c = toDateComparison(q2, new Date("2026-07-31T16:00:00Z"), NY, FEB);
    expect(c.label).toBe("QTD, day 92 of 92 · vs Q1 at day 89");
    expect(c.priorWindow).toMatchObject({ start: "2026-02-01", end: "2026-04-30" });
  });

  it("the first quarter of a fiscal year is compared with the last of the year before", () => {
    const q1 = periodContaining("2026-02-10", "QUARTER", FEB);
    const c = toDateComparison(q1, new Date("2026-02-10T17:00:00Z"), NY, FEB);
    expect(c.label).toBe("QTD, day 10 of 89 · vs Q4 at day 10");
    expect(c.priorWindow).toMatchObject({ start: "2025-11-01", end: "2025-11-10" });
  });

  it("months and fiscal years say MTD and YTD", () => {
    const feb = periodContaining("2027-02-28", "MONTH", FEB);
    expect(toDateComparison(feb, new Date("2027-02-28T17:00:00Z"), NY, FEB).label).toBe("MTD, day 28 of 28 · vs Jan 2027 at day 28");
    const fy = periodContaining("2026-02-01", "YEAR", FEB);
    expect(toDateComparison(fy, new Date("2026-02-01T05:00:00Z"), NY, FEB).label).toBe("YTD, day 1 of 365 · vs FY2026 at day 1");
  });

  it("gives no verdict before a week of data, and one from day 7", () => {
    expect(MIN_DAYS_FOR_VERDICT).toBe(7);
    // Day 6 ends at 7 Nov 00:00 EST (05:00 UTC; daylight saving ended on 1 Nov).
    expect(periodProgress(q4, new Date("2026-11-07T04:59:00Z"), NY)).toMatchObject({ elapsedDays: 6, verdict: false });
    expect(periodProgress(q4, new Date("2026-11-07T05:00:00Z"), NY)).toMatchObject({ elapsedDays: 7, verdict: true });
  });
});

describe("pacing", () => {
  const nov = periodContaining("2026-11-01", "MONTH", FEB); // 30 days

  it("on day 1 a monthly target is never missed: too early, with the prorated target and the run rate", () => {
    const progress = periodProgress(nov, new Date("2026-11-01T04:00:00Z"), NY);
    const p = paceOf(0, 15, progress);
    expect(p.status).toBe("too_early");
    expect(p.proratedTarget).toBeCloseTo(0.5, 10); // 15 × 1/30
    expect(p.runRate).toBe(0);
    const one = paceOf(1, 15, progress);
    expect(one.runRate).toBe(30); // one lead on day 1 is 30 at this pace
    expect(one.status).toBe("too_early");
  });

  it("halfway through the month: on pace at or above the prorated target, behind below it", () => {
    const progress = periodProgress(nov, new Date("2026-11-15T17:00:00Z"), NY); // day 15 of 30
    expect(paceOf(8, 15, progress)).toMatchObject({ proratedTarget: 7.5, runRate: 16, status: "on_pace" });
    expect(paceOf(7.5, 15, progress).status).toBe("on_pace");
    expect(paceOf(6, 15, progress)).toMatchObject({ runRate: 12, status: "behind", paceRatio: 0.8 });
  });

  it("a target reached before the end is met; on the last local minute short of it is behind, not yet missed", () => {
    const lastMinute = periodProgress(nov, new Date("2026-12-01T04:59:00Z"), NY); // 30 Nov 23:59 EST
    expect(lastMinute).toMatchObject({ state: "in_progress", elapsedDays: 30 });
    expect(paceOf(14, 15, lastMinute).status).toBe("behind");
    expect(paceOf(15, 15, periodProgress(nov, new Date("2026-11-03T17:00:00Z"), NY)).status).toBe("met");
  });

  it("an ended period is met or missed against the whole target", () => {
    const ended = periodProgress(nov, new Date("2026-12-01T05:00:00Z"), NY);
    expect(paceOf(14, 15, ended)).toMatchObject({ status: "missed", proratedTarget: 15, runRate: 14 });
    expect(paceOf(15, 15, ended).status).toBe("met");
  });

  it("Auckland: the month starts at 1 Nov 00:00 NZDT", () => {
    expect(periodProgress(nov, new Date("2026-10-31T11:00:00Z"), AKL)).toMatchObject({ state: "in_progress", elapsedDays: 1 });
    expect(periodProgress(nov, new Date("2026-11-30T10:59:00Z"), AKL)).toMatchObject({ state: "in_progress", elapsedDays: 30 });
    expect(periodProgress(nov, new Date("2026-11-30T11:00:00Z"), AKL).state).toBe("ended");
  });
});

describe("trend points of a period in progress", () => {
  const nov = periodContaining("2026-11-01", "MONTH", FEB);
  it("draws complete periods as they are", () => {
    expect(trendPointParts(120, periodProgress(nov, new Date("2026-12-05T12:00:00Z"), NY))).toEqual({ complete: 120, toDate: null, projectedRest: null });
  });
  it("on day 1 draws the young period apart (to date, no projection), never as a complete zero", () => {
    const p = trendPointParts(0, periodProgress(nov, new Date("2026-11-01T04:00:00Z"), NY));
    expect(p).toEqual({ complete: null, toDate: 0, projectedRest: null });
  });
  it("from day 7 adds the rest projected at the pace so far", () => {
    // 70 by the end of day 7 of 30: 300 at this pace, 230 still to come.
    const p = trendPointParts(70, periodProgress(nov, new Date("2026-11-07T17:00:00Z"), NY));
    expect(p.complete).toBeNull();
    expect(p.toDate).toBe(70);
    expect(p.projectedRest).toBeCloseTo(230, 10);
  });
});
