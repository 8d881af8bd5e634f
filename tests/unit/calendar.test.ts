import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  isValidIsoDate,
  localDate,
  periodContaining,
  periodInstants,
  shiftPeriod,
  startOfLocalDay,
  startOfWeek,
} from "@/lib/domain/calendar";

describe("localDate", () => {
  it("puts an instant on the organisation's calendar day", () => {
    // 03:30 UTC on 2 March is still 1 March in New York (22:30 EST).
    expect(localDate(new Date("2026-03-02T03:30:00Z"), "America/New_York")).toBe("2026-03-01");
    expect(localDate(new Date("2026-03-02T03:30:00Z"), "Europe/London")).toBe("2026-03-02");
    expect(localDate(new Date("2026-03-01T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-02");
  });
});

describe("localDate agrees with Intl to the minute", () => {
  // localDate caches the offset per UTC hour; this walks every 7 minutes through days with a transition in zones with
  // odd offsets and half-hour DST (Lord Howe), where a cached hour must never leak across the change.
  const reference = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
  const cases: [string, string][] = [
    ["America/New_York", "2026-03-08T00:00:00Z"],
    ["America/New_York", "2026-11-01T00:00:00Z"],
    ["Europe/London", "2026-03-29T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T12:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T12:00:00Z"],
    ["Asia/Kathmandu", "2026-06-01T00:00:00Z"],
    ["Pacific/Chatham", "2026-04-04T12:00:00Z"],
    ["America/St_Johns", "2026-11-01T00:00:00Z"],
  ];
  it.each(cases)("%s around %s", (timeZone, from) => {
    const start = Date.parse(from);
    for (let ms = start; ms < start + 2 * 86_400_000; ms += 7 * 60_000) {
      expect(localDate(new Date(ms), timeZone)).toBe(reference(ms, timeZone));
    }
  });
});

describe("daysBetween", () => {
  it("counts whole calendar days", () => {
    expect(daysBetween("2026-03-01", "2026-03-14")).toBe(13);
    expect(daysBetween("2026-03-01", "2026-03-15")).toBe(14);
    expect(daysBetween("2026-03-15", "2026-03-01")).toBe(-14);
  });

  it("is not thrown off by the daylight-saving change", () => {
    // US clocks go forward on 8 March 2026, back on 1 November 2026.
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-10-31", "2026-11-02")).toBe(2);
  });
});

describe("startOfLocalDay", () => {
  it("knows that a local day can be 23 or 25 hours long", () => {
    const spring = startOfLocalDay("2026-03-09", "America/New_York").getTime() - startOfLocalDay("2026-03-08", "America/New_York").getTime();
    const autumn = startOfLocalDay("2026-11-02", "America/New_York").getTime() - startOfLocalDay("2026-11-01", "America/New_York").getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });
});

describe("date arithmetic", () => {
  it("adds days and months, clamping to the end of short months", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });

  it("rejects impossible dates", () => {
    expect(isValidIsoDate("2026-02-30")).toBe(false);
    expect(isValidIsoDate("2026-13-01")).toBe(false);
    expect(isValidIsoDate("26-1-1")).toBe(false);
    expect(isValidIsoDate("2028-02-29")).toBe(true);
  });

  it("starts weeks on Monday", () => {
    expect(startOfWeek("2026-11-23")).toBe("2026-11-23"); // a Monday
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23"); // Sunday
  });
});

describe("periods", () => {
  it("uses calendar quarters when the fiscal year starts in January", () => {
    expect(periodContaining("2026-11-23", "QUARTER", 1)).toEqual({ kind: "QUARTER", start: "2026-10-01", end: "2026-12-31", label: "FY2026 Q4" });
    expect(periodContaining("2026-11-23", "MONTH")).toMatchObject({ start: "2026-11-01", end: "2026-11-30" });
  });

  it("follows a fiscal year that starts in February", () => {
    expect(periodContaining("2026-01-31", "QUARTER", 2)).toMatchObject({ start: "2025-11-01", end: "2026-01-31", label: "FY2026 Q4" });
    expect(periodContaining("2026-02-01", "QUARTER", 2)).toMatchObject({ start: "2026-02-01", end: "2026-04-30", label: "FY2027 Q1" });
    expect(periodContaining("2026-02-01", "YEAR", 2)).toMatchObject({ start: "2026-02-01", end: "2027-01-31", label: "FY2027" });
  });

  it("steps to earlier and later periods", () => {
    const q = periodContaining("2026-11-23", "QUARTER", 2); // Nov–Jan
    expect(shiftPeriod(q, -1, 2)).toMatchObject({ start: "2026-08-01", end: "2026-10-31" });
    expect(shiftPeriod(q, 1, 2)).toMatchObject({ start: "2027-02-01", end: "2027-04-30" });
  });

  it("gives the instants that bound a period in the time zone", () => {
    const { from, to } = periodInstants({ start: "2026-10-01", end: "2026-12-31" }, "America/New_York");
    expect(from.toISOString()).toBe("2026-10-01T04:00:00.000Z");
    expect(to.toISOString()).toBe("2027-01-01T05:00:00.000Z");
  });
});
