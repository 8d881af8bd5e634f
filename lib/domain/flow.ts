// The pipeline flow (docs/decisions/0018-pipeline-flow.md): how the open pipeline went from its value at a window's
// start to its value at the end, deal by deal. Start + ins − outs = end holds to the cent by construction: every
// deal's contribution (open amount at the end − open amount at the start) lands in exactly one in or out category.
// Pure: the window, `now` and the time zone come in.
import {
  addDays,
  isValidIsoDate,
  periodContaining,
  startOfLocalDay,
  startOfWeek,
  type IsoDate,
} from "@/lib/domain/calendar";
import { closeDateShift } from "@/lib/domain/deal-rules";
import type { DealAsOf } from "@/lib/domain/as-of";

export const FLOW_IN = ["new", "reopened", "increased"] as const;
export const FLOW_OUT = ["won", "lost", "decreased"] as const;
export type FlowInCategory = (typeof FLOW_IN)[number];
export type FlowOutCategory = (typeof FLOW_OUT)[number];
export type FlowCategory = FlowInCategory | FlowOutCategory;
/** Informational: close dates moved across the window's end; they do not change the open pipeline's total. */
export type FlowShift = "pushed" | "pulled_in";

export const FLOW_LABELS: Record<FlowCategory | FlowShift, string> = {
  new: "New deals",
  reopened: "Reopened",
  increased: "Amounts up",
  won: "Won",
  lost: "Lost",
  decreased: "Amounts down",
  pushed: "Pushed out",
  pulled_in: "Pulled in",
};

export function isFlowCategory(value: string | null | undefined): value is FlowCategory | FlowShift {
  return !!value && Object.prototype.hasOwnProperty.call(FLOW_LABELS, value);
}

export interface FlowEntry {
  category: FlowCategory;
  /** Always positive: what the deal added (an in) or took away (an out). */
  amountMinor: bigint;
}

/**
 * A deal's place in the flow from its state at the window's start and at its end (null: not existing or not known).
 * - open at both: the amount change (up or down; none when equal);
 * - open only at the end: new (created in the window) or reopened;
 * - open only at the start: won or lost (its amount at the start);
 * - created in the window and closed by its end: new and won/lost with the same amount (at the end), so both show.
 */
export function classifyDealFlow(start: DealAsOf | null, end: DealAsOf | null, createdInWindow: boolean): FlowEntry[] {
  const openStart = start?.status === "OPEN";
  const openEnd = end?.status === "OPEN";
  if (openStart && openEnd) {
    const delta = end!.amountMinor - start!.amountMinor;
    if (delta > 0n) return [{ category: "increased", amountMinor: delta }];
    if (delta < 0n) return [{ category: "decreased", amountMinor: -delta }];
    return [];
  }
  if (openEnd) return [{ category: createdInWindow ? "new" : "reopened", amountMinor: end!.amountMinor }];
  if (openStart) return [{ category: end?.status === "WON" ? "won" : "lost", amountMinor: start!.amountMinor }];
  if (createdInWindow && end && end.status !== "OPEN") {
    return [
      { category: "new", amountMinor: end.amountMinor },
      { category: end.status === "WON" ? "won" : "lost", amountMinor: end.amountMinor },
    ];
  }
  return [];
}

/** A close-date move across the window's end of a deal open at both ends (DOMAIN.md's slip and pull-in). */
export function flowShift(start: DealAsOf | null, end: DealAsOf | null, window: { start: IsoDate; end: IsoDate }): FlowShift | null {
  if (start?.status !== "OPEN" || end?.status !== "OPEN") return null;
  const shift = closeDateShift(start.closeDate, end.closeDate, window);
  return shift === "slipped" ? "pushed" : shift === "pulled_in" ? "pulled_in" : null;
}

export interface FlowBucket {
  deals: number;
  amountMinor: bigint;
}

export interface FlowTotals {
  start: FlowBucket;
  end: FlowBucket;
  ins: Record<FlowInCategory, FlowBucket>;
  outs: Record<FlowOutCategory, FlowBucket>;
  shifts: Record<FlowShift, FlowBucket>;
}

export function emptyFlowTotals(): FlowTotals {
  const b = (): FlowBucket => ({ deals: 0, amountMinor: 0n });
  return {
    start: b(),
    end: b(),
    ins: { new: b(), reopened: b(), increased: b() },
    outs: { won: b(), lost: b(), decreased: b() },
    shifts: { pushed: b(), pulled_in: b() },
  };
}

/** Adds one deal to the totals (the oracle the SQL is tested against). */
export function addDealToFlow(
  totals: FlowTotals,
  start: DealAsOf | null,
  end: DealAsOf | null,
  createdInWindow: boolean,
  window: { start: IsoDate; end: IsoDate },
): FlowTotals {
  const add = (b: FlowBucket, amount: bigint) => {
    b.deals += 1;
    b.amountMinor += amount;
  };
  if (start?.status === "OPEN") add(totals.start, start.amountMinor);
  if (end?.status === "OPEN") add(totals.end, end.amountMinor);
  for (const e of classifyDealFlow(start, end, createdInWindow)) {
    add((FLOW_IN as readonly string[]).includes(e.category) ? totals.ins[e.category as FlowInCategory] : totals.outs[e.category as FlowOutCategory], e.amountMinor);
  }
  const shift = flowShift(start, end, window);
  if (shift) add(totals.shifts[shift], end!.amountMinor);
  return totals;
}

export function totalIn(t: FlowTotals): bigint {
  return FLOW_IN.reduce((a, c) => a + t.ins[c].amountMinor, 0n);
}

export function totalOut(t: FlowTotals): bigint {
  return FLOW_OUT.reduce((a, c) => a + t.outs[c].amountMinor, 0n);
}

/** Start + ins − outs = end, to the cent. */
export function flowBalances(t: FlowTotals): boolean {
  return t.start.amountMinor + totalIn(t) - totalOut(t) === t.end.amountMinor;
}

export type FlowPreset = "week" | "month" | "quarter" | "custom";

export interface FlowWindow {
  preset: FlowPreset;
  /** First and last calendar day (inclusive) in the organisation's time zone. */
  start: IsoDate;
  end: IsoDate;
  /** The instants the flow compares: the window's first instant and its end (now, for a window in progress). */
  from: Date;
  to: Date;
  inProgress: boolean;
  label: string;
}

/**
 * The window a URL names: `preset` week (Monday-based, the default), month or quarter (fiscal) containing today, or
 * custom `from`/`to` dates (1900–2200, start not after end, not starting after today, at most 3 years).
 */
export function resolveFlowWindow(
  params: { preset?: string | null; from?: string | null; to?: string | null },
  ctx: { today: IsoDate; now: Date; timeZone: string; fiscalYearStartMonth: number },
): { ok: true; window: FlowWindow } | { ok: false; message: string } {
  const preset = (params.preset?.trim() || (params.from || params.to ? "custom" : "week")) as string;
  let start: IsoDate;
  let end: IsoDate;
  let label: string;
  switch (preset) {
    case "week":
      start = startOfWeek(ctx.today);
      end = addDays(start, 6);
      label = `Week of ${start}`;
      break;
    case "month":
    case "quarter": {
      const p = periodContaining(ctx.today, preset === "month" ? "MONTH" : "QUARTER", ctx.fiscalYearStartMonth);
      start = p.start;
      end = p.end;
      label = p.label;
      break;
    }
    case "custom": {
      const from = params.from?.trim() ?? "";
      const to = params.to?.trim() ?? "";
      if (!isValidIsoDate(from) || !isValidIsoDate(to)) return { ok: false, message: "Choose a start and an end date (YYYY-MM-DD)." };
      if (from < "1900-01-01" || to > "2200-12-31") return { ok: false, message: "Dates must lie between 1900 and 2200." };
      if (from > to) return { ok: false, message: "The start date must not be after the end date." };
      if (from > ctx.today) return { ok: false, message: "The window starts in the future: there is no flow to show yet." };
      if (to > addDays(from, 366 * 3)) return { ok: false, message: "Choose a window of at most three years." };
      start = from;
      end = to;
      label = `${from} to ${to}`;
      break;
    }
    default:
      return { ok: false, message: "Choose a window: week, month, quarter or custom dates." };
  }
  const from = startOfLocalDay(start, ctx.timeZone);
  const endInstant = startOfLocalDay(addDays(end, 1), ctx.timeZone);
  const inProgress = endInstant.getTime() > ctx.now.getTime();
  return { ok: true, window: { preset: preset as FlowPreset, start, end, from, to: inProgress ? ctx.now : endInstant, inProgress, label } };
}
