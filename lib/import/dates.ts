// Dates and instants as CRM exports write them, read in the organisation's time zone, with the day/month order
// inferred from every date of the file at once (11/10/2026 beside 12/18/2026 is month-first). Pure: no clock.
import { TZDate } from "@date-fns/tz";
import { addDays, isValidIsoDate, localDate as localDateOf, startOfLocalDay, type IsoDate } from "@/lib/domain/calendar";
import { parseDate, type DateOrder, type Parsed } from "@/lib/import/values";

/** A value of a date column: its calendar day, and the instant when the export gave a time of day. */
export interface DateValue {
  date: IsoDate;
  /** null for a date without a time ("2026-11-10", "11/10/2026"). */
  instant: Date | null;
}

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T,]+(.*))?$/;
const ISO_WITH_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?$/i;

/** What the slashed dates of a file say about their order: only one reading is possible, both are, or they contradict. */
export type OrderEvidence = "MDY" | "DMY" | "ambiguous" | "none" | "conflict";

/**
 * The order every slashed value of the given columns allows. A first part above 12 proves day-first, a second part
 * above 12 proves month-first; a file with both is contradictory, one with neither is ambiguous (asked once).
 */
export function inferDateOrder(values: Iterable<string>): OrderEvidence {
  let seen = false;
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of values) {
    const m = SLASHED.exec(raw.trim());
    if (!m) continue;
    seen = true;
    if (+m[1] > 12) dayFirst = true;
    if (+m[2] > 12) monthFirst = true;
  }
  if (!seen) return "none";
  if (dayFirst && monthFirst) return "conflict";
  if (dayFirst) return "DMY";
  if (monthFirst) return "MDY";
  return "ambiguous";
}

/** The local wall-clock time in the time zone to an instant (DST-correct). */
export function localInstant(date: IsoDate, hours: number, minutes: number, seconds: number, ms: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, hours, minutes, seconds, ms, timeZone).getTime());
}

function readTime(text: string): { h: number; m: number; s: number } | null {
  const t = TIME.exec(text.trim());
  if (!t) return null;
  let h = +t[1];
  const m = +t[2];
  const s = t[3] ? +t[3] : 0;
  const meridiem = t[4]?.replace(/\./g, "").toUpperCase();
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    if (meridiem === "AM" && h === 12) h = 0;
    if (meridiem === "PM" && h !== 12) h += 12;
  }
  if (h > 23 || m > 59 || s > 59) return null;
  return { h, m, s };
}

/**
 * A date or date-and-time cell: ISO instants with a zone (2026-11-10T14:03:00Z), local times in the organisation's
 * zone (HubSpot's "2026-11-10 14:03", Salesforce's "11/10/2026 2:03 PM"), and every date parseDate reads.
 */
export function parseDateValue(raw: string, order: DateOrder, timeZone: string): Parsed<DateValue> {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "The date is empty." };
  const iso = ISO_WITH_TIME.exec(text);
  if (iso) {
    const date = `${iso[1]}-${iso[2].padStart(2, "0")}-${iso[3].padStart(2, "0")}`;
    const h = +iso[4];
    const min = +iso[5];
    const s = iso[6] ? +iso[6] : 0;
    const ms = iso[7] ? +iso[7].padEnd(3, "0") : 0;
    if (!isValidIsoDate(date) || h > 23 || min > 59 || s > 59) return { ok: false, reason: `"${text}" is not a date.` };
    if (iso[8]) {
      const zone = iso[8].toUpperCase() === "Z" ? "Z" : iso[8].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
      const instant = new Date(`${date}T${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ms).padStart(3, "0")}${zone}`);
      if (Number.isNaN(instant.getTime())) return { ok: false, reason: `"${text}" is not a date.` };
      return { ok: true, value: { date: localDateOf(instant, timeZone), instant } };
    }
    return { ok: true, value: { date, instant: localInstant(date, h, min, s, ms, timeZone) } };
  }
  const slashed = SLASHED.exec(text);
  if (slashed && slashed[4]) {
    const day = parseDate(`${slashed[1]}/${slashed[2]}/${slashed[3]}`, order);
    if (!day.ok) return day;
    const time = readTime(slashed[4]);
    if (!time) return { ok: false, reason: `"${text}" has a time that is not h:mm, h:mm AM or HH:mm:ss.` };
    return { ok: true, value: { date: day.value, instant: localInstant(day.value, time.h, time.m, time.s, 0, timeZone) } };
  }
  const day = parseDate(text, order);
  return day.ok ? { ok: true, value: { date: day.value, instant: null } } : day;
}

/** The instant a date-only event is taken to happen: the start of its local day (it did happen that day). */
export function eventInstant(v: DateValue, timeZone: string): Date {
  return v.instant ?? startOfLocalDay(v.date, timeZone);
}

/**
 * A closed deal's close instant (docs/decisions/0021-imported-dates-and-history.md): the last millisecond of its close
 * day in the organisation's zone, so it is on that day wherever it is read and after every event of that day. A time
 * the export gives (a Closed Date column with a time, the closing row of the history) wins when it is on that day.
 */
export function closeInstant(closeDay: IsoDate, timeZone: string, known: Date | null): Date {
  if (known && localDateOf(known, timeZone) === closeDay) return known;
  return new Date(startOfLocalDay(addDays(closeDay, 1), timeZone).getTime() - 1);
}
