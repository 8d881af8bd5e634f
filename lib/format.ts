// Formatting for people: money in the organisation's currency, calendar dates, percentages, "no data".
import { parseIsoDate, type IsoDate } from "@/lib/domain/calendar";

export const NO_DATA = "no data";

const moneyFormatters = new Map<string, Intl.NumberFormat>();

/** Minor units (cents) to "$12,345" (whole units) or "$12,345.67" with `cents`. */
export function formatMoney(minor: bigint | number | null | undefined, currency: string, opts: { cents?: boolean; compact?: boolean } = {}): string {
  if (minor === null || minor === undefined) return NO_DATA;
  const value = typeof minor === "bigint" ? Number(minor) / 100 : minor / 100;
  if (!Number.isFinite(value)) return NO_DATA;
  const key = `${currency}|${opts.cents ? 1 : 0}|${opts.compact ? 1 : 0}`;
  let f = moneyFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      notation: opts.compact ? "compact" : "standard",
      minimumFractionDigits: opts.cents ? 2 : 0,
      maximumFractionDigits: opts.cents ? 2 : opts.compact ? 1 : 0,
    });
    moneyFormatters.set(key, f);
  }
  return f.format(value);
}

/** A ratio (0.25) as "25%", or "no data" when undefined or not finite. */
export function formatPercent(ratio: number | null | undefined, digits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return NO_DATA;
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "3.2×" for coverage-style ratios. */
export function formatMultiple(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  return `${value.toFixed(1)}×`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "23 Nov 2026" for a calendar date. */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return "—";
  const p = parseIsoDate(date);
  if (!p) return date;
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** An instant in the organisation's time zone: "23 Nov 2026, 14:05". */
export function formatInstant(instant: Date | string, timeZone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(d);
}

/** Parses a money amount typed by a person ("12,500", "$12,500.50") to minor units; null if it is not one. */
export function parseMoneyInput(raw: string): bigint | null {
  const cleaned = raw.trim().replace(/[\s,]/g, "").replace(/^[$€£¥]/, "");
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ""] = cleaned.split(".");
  return BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
}

/** "1 day", "2 days", "0 deals": a count with its noun, singular only for exactly one. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
