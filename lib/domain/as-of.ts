// A deal's state at an instant T, reconstructed exactly from its current state and its history (DealChange): the
// one rule behind every figure labelled "at the start/end of a period" (velocity, the pipeline flow). Pure; the SQL
// twin is lib/data/as-of.ts, and tests prove the two equal on generated histories.
//
// The rule (docs/decisions/0017-as-of-reconstruction.md):
// - "as of T" means after every change made before T (changes at T or later are undone);
// - a deal exists at T when it was created before T;
// - each field's value at T is the old value of the earliest change of that field at or after T (ties: lowest id),
//   else its current value;
// - status: when no status change follows T but the deal closed at or after T (`closedAt`), it was OPEN at T — an
//   import or a seed may record the close without a status row;
// - a reconstructed required value that is missing or malformed (no old value, an amount that is not an integer,
//   a close date that is not YYYY-MM-DD) means the deal is not known at T and is left out (null).

export type AsOfStatus = "OPEN" | "WON" | "LOST";

/** The fields the as-of state carries (the ones a pipeline figure reads). */
export const AS_OF_FIELDS = ["status", "stageId", "amountMinor", "closeDate"] as const;
export type AsOfField = (typeof AS_OF_FIELDS)[number];

export interface DealNow {
  id: string;
  createdAt: Date;
  closedAt: Date | null;
  status: AsOfStatus;
  stageId: string;
  amountMinor: bigint;
  /** YYYY-MM-DD */
  closeDate: string;
}

export interface DealChangeRow {
  /** The row's id: breaks ties between changes made at the same instant. */
  id: number;
  at: Date;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface DealAsOf {
  id: string;
  status: AsOfStatus;
  stageId: string;
  amountMinor: bigint;
  closeDate: string;
}

const AMOUNT = /^-?[0-9]{1,18}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const STATUSES: readonly string[] = ["OPEN", "WON", "LOST"];

/** The earliest change of each as-of field made at or after T: its old value is the field's value at T. */
function firstChangesFrom(changes: readonly DealChangeRow[], at: Date): Map<string, DealChangeRow> {
  const first = new Map<string, DealChangeRow>();
  const t = at.getTime();
  for (const c of changes) {
    if (c.at.getTime() < t || !(AS_OF_FIELDS as readonly string[]).includes(c.field)) continue;
    const best = first.get(c.field);
    if (!best || c.at.getTime() < best.at.getTime() || (c.at.getTime() === best.at.getTime() && c.id < best.id)) first.set(c.field, c);
  }
  return first;
}

/** The deal as it stood at `at` (after every change made before it), or null when it did not exist or is not known. */
export function dealAsOf(deal: DealNow, changes: readonly DealChangeRow[], at: Date): DealAsOf | null {
  if (deal.createdAt.getTime() >= at.getTime()) return null;
  const first = firstChangesFrom(changes, at);
  const value = (field: AsOfField, current: string): string | null => (first.has(field) ? first.get(field)!.oldValue : current);
  let status = value("status", deal.status);
  if (!first.has("status") && deal.closedAt && deal.closedAt.getTime() >= at.getTime()) status = "OPEN";
  const stageId = value("stageId", deal.stageId);
  const amount = value("amountMinor", deal.amountMinor.toString());
  const closeDate = value("closeDate", deal.closeDate);
  if (status === null || !STATUSES.includes(status) || stageId === null || amount === null || !AMOUNT.test(amount) || closeDate === null || !DATE.test(closeDate)) {
    return null;
  }
  return { id: deal.id, status: status as AsOfStatus, stageId, amountMinor: BigInt(amount), closeDate };
}

/** Whether the deal was in the open pipeline at `at`. */
export function isOpenAsOf(deal: DealNow, changes: readonly DealChangeRow[], at: Date): boolean {
  return dealAsOf(deal, changes, at)?.status === "OPEN";
}
