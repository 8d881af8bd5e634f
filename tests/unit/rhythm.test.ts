import { describe, expect, it } from "vitest";
import { localDate, startOfWeek } from "@/lib/domain/calendar";
import { adherenceShare, coachingAdherence, inspectionWeeks, ritualDate, ritualState, ritualWeeks } from "@/lib/domain/rhythm";

const Q4 = { start: "2026-10-01", end: "2026-12-31" };

describe("inspection adherence", () => {
  it("takes the weeks whose ritual day falls in the quarter", () => {
    // Thursday 1 Oct: a Monday ritual starts with the week of 5 Oct, a Thursday one with the week of 28 Sep.
    expect(ritualWeeks(Q4.start, Q4.end, 1)[0]).toBe("2026-10-05");
    expect(ritualWeeks(Q4.start, Q4.end, 4)[0]).toBe("2026-09-28");
    expect(ritualWeeks(Q4.start, Q4.end, 4).at(-1)).toBe("2026-12-28");
    expect(ritualWeeks(Q4.start, Q4.end, 5).at(-1)).toBe("2026-12-21"); // Friday 1 Jan is next quarter's
    expect(ritualWeeks(Q4.start, Q4.end, 1)).toHaveLength(13);
  });

  it("is on time up to the ritual's day, late after it; a week in progress counts only once met", () => {
    const done = new Map([
      ["2026-10-05", "2026-10-05"], // Monday: on time
      ["2026-10-12", "2026-10-13"], // Tuesday: late
      ["2026-10-19", "2026-10-19"], // this week, on time
    ]);
    const weeks = inspectionWeeks(Q4, 1, done, "2026-10-21");
    expect(weeks.map((w) => [w.weekStart, w.onTime, w.counted])).toEqual([
      ["2026-10-05", true, true],
      ["2026-10-12", false, true],
      ["2026-10-19", true, true],
    ]);
    // Not done this week yet (Wednesday, past Monday's ritual): in progress, not counted as missed.
    done.delete("2026-10-19");
    expect(inspectionWeeks(Q4, 1, done, "2026-10-21").map((w) => w.counted)).toEqual([true, true, false]);
    // On Monday 26 Oct the week of 19 Oct has ended: missed.
    expect(inspectionWeeks(Q4, 1, done, "2026-10-26").filter((w) => w.counted)).toHaveLength(3);
  });

  it("shares nothing when nothing was due", () => {
    expect(adherenceShare(0, 0)).toBeNull();
    expect(adherenceShare(1, 4)).toBe(0.25);
  });
});

describe("coaching adherence", () => {
  const months = [
    { month: "2026-10", reps: 4, held: 3 },
    { month: "2026-11", reps: 4, held: 1 },
    { month: "2026-12", reps: 4, held: 0 },
  ];
  it("counts ended months in full and the month in progress only for what was held", () => {
    expect(coachingAdherence(months, "2026-11-30")).toEqual({ due: 5, held: 4 });
    expect(coachingAdherence(months, "2026-12-01")).toEqual({ due: 8, held: 4 });
    expect(coachingAdherence(months, "2027-01-01")).toEqual({ due: 12, held: 4 });
  });
});

describe("this week's state of a ritual", () => {
  it("is done by a record, planned before its day, due on it, missed after; other rituals stay open", () => {
    expect(ritualState("align", "2026-11-23", "2026-11-22", null)).toBe("planned");
    expect(ritualState("align", "2026-11-23", "2026-11-23", null)).toBe("due");
    expect(ritualState("align", "2026-11-23", "2026-11-24", null)).toBe("missed");
    expect(ritualState("align", "2026-11-23", "2026-11-24", "2026-11-24")).toBe("done");
    expect(ritualState("close", "2026-11-26", "2026-11-27", null)).toBe("open");
    expect(ritualState("close", "2026-11-26", "2026-11-25", null)).toBe("planned");
  });

  it("takes today in the organisation's time zone, across midnight and the daylight-saving change", () => {
    // 04:30 UTC on Tuesday 24 Nov is still Monday evening in New York: Monday's align is due, not missed.
    const now = new Date("2026-11-24T04:30:00Z");
    const today = localDate(now, "America/New_York");
    const day = ritualDate(startOfWeek(today), 1);
    expect(ritualState("align", day, today, null)).toBe("due");
    expect(ritualState("align", ritualDate(startOfWeek(localDate(now, "Europe/Berlin")), 1), localDate(now, "Europe/Berlin"), null)).toBe("missed");
    // Sunday 1 Nov 2026 (US clocks go back): 04:30 UTC is Sunday 00:30 in New York, still last week.
    const sunday = localDate(new Date("2026-11-02T04:30:00Z"), "America/New_York");
    expect(sunday).toBe("2026-11-01");
    expect(startOfWeek(sunday)).toBe("2026-10-26");
  });
});
