// Generated deal histories (fast-check) for the as-of reconstruction and the pipeline flow: each deal is a creation
// followed by timed events, replayed forward (the truth at any instant) and recorded as "Deal" + "DealChange" rows as
// Cadence writes them. Some closes are recorded only through closedAt (as an import may), which the rule must honour.
import fc from "fast-check";
import type { AsOfStatus, DealAsOf, DealChangeRow, DealNow } from "@/lib/domain/as-of";

export const STAGES = ["st_a", "st_b", "st_c"] as const;
/** The time line: minutes after this origin. */
export const ORIGIN = Date.parse("2026-01-05T05:00:00.000Z");
export const minute = (m: number) => new Date(ORIGIN + m * 60_000);

type Event =
  | { kind: "stage"; value: (typeof STAGES)[number] }
  | { kind: "amount"; value: bigint }
  | { kind: "close"; value: string }
  | { kind: "status"; value: AsOfStatus }
  | { kind: "noise" };

export interface GeneratedDeal {
  id: string;
  /** Minutes after ORIGIN. */
  created: number;
  initial: { status: AsOfStatus; stageId: string; amountMinor: bigint; closeDate: string };
  /** Minutes after creation (non-decreasing) and what happened. */
  events: { gap: number; event: Event }[];
  /** Record the final close through closedAt only (no status row). */
  silentFinalClose: boolean;
}

const dateArb = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.constantFrom(...STAGES).map((value) => ({ kind: "stage" as const, value })),
  fc.bigInt({ min: 1n, max: 5_000_000_00n }).map((value) => ({ kind: "amount" as const, value })),
  dateArb.map((value) => ({ kind: "close" as const, value })),
  fc.constantFrom<AsOfStatus>("OPEN", "WON", "LOST").map((value) => ({ kind: "status" as const, value })),
  fc.constant({ kind: "noise" as const }),
);

export const dealArb: fc.Arbitrary<Omit<GeneratedDeal, "id">> = fc.record({
  created: fc.integer({ min: 0, max: 2_000 }),
  initial: fc.record({
    status: fc.constant<AsOfStatus>("OPEN"),
    stageId: fc.constantFrom(...STAGES),
    amountMinor: fc.bigInt({ min: 0n, max: 5_000_000_00n }),
    closeDate: dateArb,
  }),
  // Gaps of 0 put several changes at one instant (one save), as applyDealPatch does.
  events: fc.array(fc.record({ gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })), event: eventArb }), { maxLength: 8 }),
  silentFinalClose: fc.boolean(),
});

export const dealsArb = (max = 25) =>
  fc.array(dealArb, { minLength: 1, maxLength: max }).map((deals) => deals.map((d, i): GeneratedDeal => ({ ...d, id: `gd_${String(i).padStart(3, "0")}` })));

const FIELD: Record<Exclude<Event["kind"], "noise">, keyof GeneratedDeal["initial"]> = {
  stage: "stageId",
  amount: "amountMinor",
  close: "closeDate",
  status: "status",
};
const DB_FIELD: Record<keyof GeneratedDeal["initial"], string> = { status: "status", stageId: "stageId", amountMinor: "amountMinor", closeDate: "closeDate" };

/** The deal's timed changes as the truth: [instant, field, old, new], in order. */
function replay(deal: GeneratedDeal) {
  const state = { ...deal.initial };
  const steps: { at: Date; field: keyof GeneratedDeal["initial"] | "nextStep"; oldValue: string | null; newValue: string | null }[] = [];
  let t = deal.created;
  for (const { gap, event } of deal.events) {
    t += gap;
    if (event.kind === "noise") {
      steps.push({ at: minute(t), field: "nextStep", oldValue: null, newValue: "call" });
      continue;
    }
    const field = FIELD[event.kind];
    const oldValue = String(state[field]);
    const newValue = String(event.value);
    if (oldValue === newValue) continue;
    (state as Record<string, unknown>)[field] = event.value;
    steps.push({ at: minute(t), field, oldValue, newValue });
  }
  return { state, steps };
}

/** The deal's true state at an instant: every change made before it applied, forward. */
export function truthAt(deal: GeneratedDeal, at: Date): DealAsOf | null {
  if (minute(deal.created).getTime() >= at.getTime()) return null;
  const s: Record<string, string> = { status: "OPEN", stageId: deal.initial.stageId, amountMinor: String(deal.initial.amountMinor), closeDate: deal.initial.closeDate };
  for (const step of replay(deal).steps) if (step.at.getTime() < at.getTime() && step.field !== "nextStep") s[step.field] = step.newValue!;
  return { id: deal.id, status: s.status as AsOfStatus, stageId: s.stageId, amountMinor: BigInt(s.amountMinor), closeDate: s.closeDate };
}

/** The deal as Cadence stores it: its current row and its history (with creation rows, as the factories write). */
export function recorded(deal: GeneratedDeal): { now: DealNow; changes: DealChangeRow[] } {
  const { state, steps } = replay(deal);
  const createdAt = minute(deal.created);
  const statusSteps = steps.filter((s) => s.field === "status");
  const lastStatus = statusSteps.at(-1);
  const closedAt = state.status !== "OPEN" && lastStatus ? lastStatus.at : null;
  let id = 0;
  const changes: DealChangeRow[] = [
    { id: ++id, at: createdAt, field: "created", oldValue: null, newValue: null },
    { id: ++id, at: createdAt, field: "stageId", oldValue: null, newValue: deal.initial.stageId },
    { id: ++id, at: createdAt, field: "amountMinor", oldValue: null, newValue: String(deal.initial.amountMinor) },
    { id: ++id, at: createdAt, field: "closeDate", oldValue: null, newValue: deal.initial.closeDate },
  ];
  for (const s of steps) {
    // The final close from the open pipeline may be recorded only as closedAt (closedAt is the instant the deal left
    // the open pipeline); earlier status changes, and a change from one close to another, always have their row.
    if (deal.silentFinalClose && s === lastStatus && closedAt && s.oldValue === "OPEN") continue;
    changes.push({ id: ++id, at: s.at, field: s.field === "nextStep" ? "nextStep" : DB_FIELD[s.field], oldValue: s.oldValue, newValue: s.newValue });
  }
  return {
    now: { id: deal.id, createdAt, closedAt, status: state.status, stageId: state.stageId, amountMinor: state.amountMinor, closeDate: state.closeDate },
    changes,
  };
}

/** Instants to probe: before, at and just after each event, and far after. */
export const instantArb = fc.integer({ min: -10, max: 8_000 }).map(minute);
