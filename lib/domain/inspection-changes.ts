// "What changed since the last inspection": classifies a window of deal history rows into new deals, won, lost,
// stage forward/back, amount up/down, and close dates slipped out of or pulled into the period. Pure.
import type { IsoDate, Period } from "@/lib/domain/calendar";
import { closeDateShift } from "@/lib/domain/deal-rules";

export interface ChangeEvent {
  dealId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  at: Date;
}

export interface DealDelta {
  dealId: string;
  /** The value before the window (the first row's old value) and after it (the last row's new value). */
  from: string | null;
  to: string | null;
}

export interface ChangeSummary {
  newDeals: DealDelta[];
  won: DealDelta[];
  lost: DealDelta[];
  stageForward: DealDelta[];
  stageBack: DealDelta[];
  amountUp: DealDelta[];
  amountDown: DealDelta[];
  slipped: DealDelta[];
  pulledIn: DealDelta[];
}

export const CHANGE_FIELDS = ["created", "status", "stageId", "amountMinor", "closeDate"] as const;

const isInt = (v: string | null): v is string => v !== null && /^-?\d+$/.test(v);

/**
 * Nets each deal's changes over the window (a stage moved forward then back again is no net move), then classifies.
 * `stageOrder` maps stage ids to their order; `period` is the period slips and pull-ins are judged against.
 */
export function classifyChanges(
  events: readonly ChangeEvent[],
  stageOrder: ReadonlyMap<string, number> | Record<string, number>,
  period: Pick<Period, "start" | "end">,
): ChangeSummary {
  const order = (id: string | null) => (id === null ? undefined : stageOrder instanceof Map ? stageOrder.get(id) : (stageOrder as Record<string, number>)[id]);
  const summary: ChangeSummary = { newDeals: [], won: [], lost: [], stageForward: [], stageBack: [], amountUp: [], amountDown: [], slipped: [], pulledIn: [] };
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const net = new Map<string, { dealId: string; field: string; from: string | null; to: string | null }>();
  const created = new Set<string>();
  for (const e of sorted) {
    if (e.field === "created") {
      if (!created.has(e.dealId)) summary.newDeals.push({ dealId: e.dealId, from: null, to: null });
      created.add(e.dealId);
      continue;
    }
    const key = `${e.dealId}|${e.field}`;
    const seen = net.get(key);
    if (seen) seen.to = e.newValue;
    else net.set(key, { dealId: e.dealId, field: e.field, from: e.oldValue, to: e.newValue });
  }
  for (const { dealId, field, from, to } of net.values()) {
    // A deal created in the window is reported as new; its first values are not moves.
    if (from === null || to === null || from === to) continue;
    const delta = { dealId, from, to };
    switch (field) {
      case "status":
        if (to === "WON") summary.won.push(delta);
        else if (to === "LOST") summary.lost.push(delta);
        break;
      case "stageId": {
        const a = order(from);
        const b = order(to);
        if (a === undefined || b === undefined || a === b) break;
        (b > a ? summary.stageForward : summary.stageBack).push(delta);
        break;
      }
      case "amountMinor":
        if (!isInt(from) || !isInt(to)) break;
        if (BigInt(to) > BigInt(from)) summary.amountUp.push(delta);
        else if (BigInt(to) < BigInt(from)) summary.amountDown.push(delta);
        break;
      case "closeDate": {
        const shift = closeDateShift(from as IsoDate, to as IsoDate, period);
        if (shift === "slipped") summary.slipped.push(delta);
        else if (shift === "pulled_in") summary.pulledIn.push(delta);
        break;
      }
    }
  }
  return summary;
}

/** The labels shown on the inspection page, in display order. */
export const CHANGE_LABELS: Record<keyof ChangeSummary, string> = {
  newDeals: "New deals",
  won: "Won",
  lost: "Lost",
  stageForward: "Stage forward",
  stageBack: "Stage back",
  amountUp: "Amount up",
  amountDown: "Amount down",
  slipped: "Slipped out of the quarter",
  pulledIn: "Pulled into the quarter",
};
