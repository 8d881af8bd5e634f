// Calendar arithmetic in the organisation's time zone: local days, weeks, months and fiscal quarters.
// Calendar dates are ISO strings "YYYY-MM-DD"; instants are Date objects. No clock is read here.
import { TZDate } from "@date-fns/tz";

export type IsoDate = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const HOUR_MS = 3_600_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The time zone's UTC offset (ms) at an instant, to the second, read from Intl (the exact but slow path). */
function utcOffsetAt(ms: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const v: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== "literal") v[part.type] = Number(part.value);
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - Math.floor(ms / 1000) * 1000;
}

// The offset per (time zone, UTC hour), when it is the same at both ends of that hour (NaN when a transition falls
// inside it). Pages turn hundreds of instants into local days per request; this makes each one arithmetic.
const hourOffsets = new Map<string, number>();

/** The calendar day on which an instant falls in the given time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = utcOffsetAt(hour * HOUR_MS, timeZone);
    offset = start === utcOffsetAt(hour * HOUR_MS + HOUR_MS - 1, timeZone) ? start : Number.NaN;
    if (hourOffsets.size >= 100_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (Number.isNaN(offset)) offset = utcOffsetAt(ms, timeZone);
  return new Date(ms + offset).toISOString().slice(0, 10);
}

/** A @db.Date value as Prisma returns it (midnight UTC) to an ISO calendar date. */
export function dateOnly(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

/** An ISO calendar date to the Date that Prisma stores in a @db.Date column. */
export function toDbDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function parseIsoDate(date: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isValidIsoDate(date: string): boolean {
  return parseIsoDate(date) !== null;
}

/**
 * The dates Cadence accepts from anyone (forms, query strings, import files). Year 9999 or 0100 is a typo, and
 * arithmetic around it (the next day, the same quarter last year) leaves the four-digit years that PostgreSQL and
 * ISO strings share: such input answered 500 before (issue 18). docs/decisions/0015-input-date-range.md.
 */
export const EARLIEST_DATE: IsoDate = "1900-01-01";
export const LATEST_DATE: IsoDate = "2200-12-31";

/** A real calendar date "YYYY-MM-DD" between EARLIEST_DATE and LATEST_DATE. */
export function isSaneIsoDate(date: string): boolean {
  return isValidIsoDate(date) && date >= EARLIEST_DATE && date <= LATEST_DATE;
}

function utcOf(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(p.year, p.month - 1, p.day);
}

/** Whole calendar days from a to b (b − a). Independent of daylight saving: both are calendar dates. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcOf(b) - utcOf(a)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date)!;
  const first = new Date(Date.UTC(p.year, p.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(p.day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The instant a calendar day starts in the time zone (for timestamptz range filters). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const p = parseIsoDate(date)!;
  return new Date(new TZDate(p.year, p.month - 1, p.day, 0, 0, 0, 0, timeZone).getTime());
}

/** Monday of the ISO week containing the date. */
export function startOfWeek(date: IsoDate): IsoDate {
  const weekday = new Date(utcOf(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export type PeriodKind = "MONTH" | "QUARTER" | "YEAR";

/** A period of calendar days, start and end inclusive. */
export interface Period {
  kind: PeriodKind;
  start: IsoDate;
  end: IsoDate;
  label: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The period of the given kind that contains the date. Quarters and years follow the fiscal year,
 * which starts on the first day of `fiscalYearStartMonth` (1–12). The fiscal year is named after
 * the calendar year in which it ends (FY2027 starts in February 2026 when the start month is February).
 */
export function periodContaining(date: IsoDate, kind: PeriodKind, fiscalYearStartMonth = 1): Period {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  if (kind === "MONTH") {
    const start = `${p.year}-${String(p.month).padStart(2, "0")}-01`;
    return { kind, start, end: addDays(addMonths(start, 1), -1), label: `${MONTHS[p.month - 1]} ${p.year}` };
  }
  const monthsIntoFiscalYear = (p.month - fiscalYearStartMonth + 12) % 12;
  const fyStartYear = p.month >= fiscalYearStartMonth ? p.year : p.year - 1;
  const fyStart = `${fyStartYear}-${String(fiscalYearStartMonth).padStart(2, "0")}-01`;
  const fyName = fiscalYearStartMonth === 1 ? fyStartYear : fyStartYear + 1;
  if (kind === "YEAR") {
    return { kind, start: fyStart, end: addDays(addMonths(fyStart, 12), -1), label: `FY${fyName}` };
  }
  const quarterIndex = Math.floor(monthsIntoFiscalYear / 3);
  const start = addMonths(fyStart, quarterIndex * 3);
  return { kind, start, end: addDays(addMonths(start, 3), -1), label: `FY${fyName} Q${quarterIndex + 1}` };
}

/** The period `offset` periods after (or before, when negative) the given one. */
export function shiftPeriod(period: Period, offset: number, fiscalYearStartMonth = 1): Period {
  const months = period.kind === "MONTH" ? 1 : period.kind === "QUARTER" ? 3 : 12;
  return periodContaining(addMonths(period.start, offset * months), period.kind, fiscalYearStartMonth);
}

export function inPeriod(date: IsoDate, period: Pick<Period, "start" | "end">): boolean {
  return date >= period.start && date <= period.end;
}

/** The instants [from, to) that cover a period's calendar days in the time zone. */
export function periodInstants(period: Pick<Period, "start" | "end">, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(period.start, timeZone), to: startOfLocalDay(addDays(period.end, 1), timeZone) };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
