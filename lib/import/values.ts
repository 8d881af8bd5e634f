// Pure parsers for the values CRM exports contain: amounts with symbols and separators, dates in common formats.
import { EARLIEST_DATE, LATEST_DATE, isSaneIsoDate, isValidIsoDate, type IsoDate } from "@/lib/domain/calendar";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const CURRENCY_NOISE = /[\s\u00a0\u202f$€£¥₹]|[A-Z]{3}/g;

/**
 * An amount as people type or export it, to integer minor units (2 decimals):
 * "$12,500.00", "12.500,00 €", "12 500", "EUR 1,234.5", "-300". Anything ambiguous or with more than two decimals
 * is refused rather than guessed, because a wrong amount is worse than a rejected row.
 */
export function parseAmount(raw: string): Parsed<bigint> {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "The amount is empty." };
  let negative = false;
  let body = text;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1);
  }
  body = body.replace(CURRENCY_NOISE, "");
  if (body.startsWith("-")) {
    negative = !negative;
    body = body.slice(1);
  }
  if (!/^[0-9.,']+$/.test(body) || !/[0-9]/.test(body)) return { ok: false, reason: `"${text}" is not an amount.` };
  body = body.replace(/'/g, "");
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  let intPart: string;
  let fraction = "";
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal mark, the other groups thousands.
    const decimal = lastDot > lastComma ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [i, f, ...more] = body.split(decimal);
    if (more.length) return { ok: false, reason: `"${text}" is not an amount.` };
    if (!validGroups(i, group)) return { ok: false, reason: `"${text}" has misplaced thousands separators.` };
    intPart = i.split(group).join("");
    fraction = f;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const parts = body.split(mark);
    if (parts.length > 2) {
      // "1,234,567" or "1.234.567": grouping only.
      if (!validGroups(body, mark)) return { ok: false, reason: `"${text}" has misplaced thousands separators.` };
      intPart = parts.join("");
    } else if (parts[1].length === 3 && parts[0].length > 0 && parts[0] !== "0") {
      // "12,500" or "12.500": a group of three digits reads as thousands in every CRM export we know of.
      intPart = parts.join("");
    } else {
      intPart = parts[0] || "0";
      fraction = parts[1];
    }
  } else {
    intPart = body;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fraction)) return { ok: false, reason: `"${text}" is not an amount.` };
  if (fraction.length > 2) return { ok: false, reason: `"${text}" has more than two decimals.` };
  const minor = BigInt(intPart || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  if (minor > 100_000_000_000_000n) return { ok: false, reason: `"${text}" is too large.` };
  return { ok: true, value: negative ? -minor : minor };
}

function validGroups(integer: string, group: string): boolean {
  const groups = integer.split(group);
  if (groups.length === 1) return true;
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** How to read a slashed date such as 03/04/2026 when both readings are valid. */
export type DateOrder = "auto" | "MDY" | "DMY";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function iso(year: number, month: number, day: number): IsoDate | null {
  const value = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isValidIsoDate(value) ? value : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/**
 * A calendar date from a CRM export: 2026-01-05, 2026-01-05T10:00:00Z (the date part), 01/05/2026 (MDY or DMY:
 * by the chosen order, or by whichever reading is the only valid one), 5.1.2026 (DMY), "Jan 5, 2026", "5 Jan 2026".
 */
export function parseDate(raw: string, order: DateOrder = "auto"): Parsed<IsoDate> {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "The date is empty." };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return orInvalid(iso(+m[1], +m[2], +m[3]), text);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return orInvalid(iso(+m[1], +m[2], +m[3]), text);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s.*)?$/.exec(text);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const year = fullYear(m[3]);
    const mdy = iso(year, a, b);
    const dmy = iso(year, b, a);
    if (order === "MDY") return orInvalid(mdy, text);
    if (order === "DMY") return orInvalid(dmy, text);
    if (mdy && dmy && mdy !== dmy) {
      return { ok: false, reason: `"${text}" could be month/day or day/month: choose the date order for this file.` };
    }
    return orInvalid(mdy ?? dmy, text);
  }
  m = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(text);
  if (m) return orInvalid(order === "MDY" ? iso(+m[3], +m[1], +m[2]) : iso(+m[3], +m[2], +m[1]), text);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[1].toLowerCase().slice(0, 3)];
    return month ? orInvalid(iso(+m[3], month, +m[2]), text) : invalidDate(text);
  }
  m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[2].toLowerCase().slice(0, 3)];
    return month ? orInvalid(iso(+m[3], month, +m[1]), text) : invalidDate(text);
  }
  return invalidDate(text);
}

function orInvalid(value: IsoDate | null, text: string): Parsed<IsoDate> {
  if (value && !isSaneIsoDate(value)) return { ok: false, reason: `"${text}" is outside the dates Cadence accepts (${EARLIEST_DATE.slice(0, 4)}–${LATEST_DATE.slice(0, 4)}).` };
  return value ? { ok: true, value } : invalidDate(text);
}

function invalidDate(text: string): Parsed<IsoDate> {
  return { ok: false, reason: `"${text}" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY or "Jan 5, 2026").` };
}

/** Open / won / lost from a status column or a "Closed Won" style stage name; null when it says neither. */
export function parseStatus(raw: string): "OPEN" | "WON" | "LOST" | null {
  const t = raw.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  if (!t) return null;
  if (/^(open|active|in progress)$/.test(t)) return "OPEN";
  if (/^(won|closed won|closedwon|win)$/.test(t)) return "WON";
  if (/^(lost|closed lost|closedlost|loss)$/.test(t)) return "LOST";
  return null;
}
