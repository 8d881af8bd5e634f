// A new deal's history rebuilt from its file row and its dated events: creation, stage moves, wins and losses,
// amount and close-date changes, each at its real instant; then the clocks (created, last moved, closed) and the
// push count follow from them. Pure: no clock (an instant of null means "at the import").
import { localDate, startOfLocalDay, type IsoDate } from "@/lib/domain/calendar";
import { isPush } from "@/lib/domain/deal-rules";
import { closeInstant } from "@/lib/import/dates";
import type { HistoryEvent } from "@/lib/import/history";

/** A history row to insert; `at` null is the import's instant. */
export interface ImportedChange {
  at: Date | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  /** Who made the change as the history file names them; absent for what the import itself records. */
  author?: string | null;
  /** The author resolved (lib/import/validate.ts): a Cadence user, or no user and the name as written. Both
   *  undefined: the import itself made the change (the importing user). */
  actorId?: string | null;
  actorName?: string | null;
}

export type StageLookup = (raw: string) => { stageId: string } | { status: "WON" | "LOST" } | null;

export interface RebuildInput {
  status: "OPEN" | "WON" | "LOST";
  stageId: string;
  /** The file's stage was a closing stage ("Closed Won"), so the deal's open stage is unknown from the file alone. */
  stageFromStatus: boolean;
  amountMinor: bigint;
  closeDate: IsoDate;
  createdAt: Date | null;
  /** The Closed Date column's day and time, when the file has one. */
  closedDay: IsoDate | null;
  closedKnownAt: Date | null;
  /** The best movement date of the file (Stage Change Date, else Last Modified, else Created) when there is no history. */
  fallbackMovedAt: Date | null;
  lastModifiedAt: Date | null;
}

export interface RebuildResult {
  createdAt: Date | null;
  closedAt: Date | null;
  lastMovedAt: Date | null;
  lastTouchedAt: Date | null;
  stageId: string;
  pushCount: number;
  changes: ImportedChange[];
  /** History events that could not be placed (an unmapped stage), with why. */
  skipped: { line: number; reason: string }[];
}

const later = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a.getTime() >= b.getTime() ? a : b);

export function rebuildDeal(row: RebuildInput, events: readonly HistoryEvent[], ctx: { timeZone: string; fiscalYearStartMonth: number; lookup: StageLookup }): RebuildResult {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.line - b.line);
  const skipped: RebuildResult["skipped"] = [];
  const earliest = sorted[0]?.at ?? null;
  const createdEvent = sorted.find((e) => e.field === "created")?.at ?? null;
  let createdAt = row.createdAt ?? createdEvent ?? earliest;
  if (createdAt && earliest && earliest.getTime() < createdAt.getTime()) createdAt = earliest;
  // A Created Date without a time (local midnight) is refined by the history's first row on that day: the deal was
  // created then, by that row's author, not at midnight by nobody.
  if (createdAt && earliest && !createdEvent && createdAt.getTime() === startOfLocalDay(localDate(createdAt, ctx.timeZone), ctx.timeZone).getTime() && localDate(earliest, ctx.timeZone) === localDate(createdAt, ctx.timeZone)) {
    createdAt = earliest;
  }

  // The initial values: the old value of the first change, or the first value the history records, or the file's.
  const firstOf = (field: HistoryEvent["field"]) => sorted.find((e) => e.field === field);
  const consumed = new Set<HistoryEvent>();
  const initial = (field: HistoryEvent["field"]): string | null => {
    const e = firstOf(field);
    if (!e) return null;
    if (e.oldValue !== null) return e.oldValue;
    consumed.add(e);
    return e.newValue;
  };

  // The creation's author: the history's creation row, else its first row when that row is the creation itself.
  const first = sorted[0];
  const creator = (sorted.find((e) => e.field === "created")?.author ?? (first && createdAt && first.at.getTime() === createdAt.getTime() ? first.author : null)) || null;
  const changes: ImportedChange[] = [];
  changes.push({ at: createdAt, field: "created", oldValue: null, newValue: null, author: creator });
  const initialStageRaw = initial("stage");
  const initialResolved = initialStageRaw === null ? null : ctx.lookup(initialStageRaw);
  let stageId = initialResolved && "stageId" in initialResolved ? initialResolved.stageId : row.stageFromStatus ? null : row.stageId;
  let status: "OPEN" | "WON" | "LOST" = "OPEN";
  if (initialStageRaw !== null && !initialResolved) skipped.push({ line: firstOf("stage")!.line, reason: `The stage "${initialStageRaw}" is not mapped to a Cadence stage.` });
  stageId ??= row.stageId;
  changes.push({ at: createdAt, field: "stageId", oldValue: null, newValue: stageId, author: creator });
  if (initialResolved && "status" in initialResolved) {
    status = initialResolved.status;
    changes.push({ at: createdAt, field: "status", oldValue: "OPEN", newValue: status, author: creator });
  }
  let amount = initial("amount") ?? row.amountMinor.toString();
  changes.push({ at: createdAt, field: "amountMinor", oldValue: null, newValue: amount, author: creator });
  let closeDate = initial("closeDate") ?? row.closeDate;
  changes.push({ at: createdAt, field: "closeDate", oldValue: null, newValue: closeDate, author: creator });

  let pushCount = 0;
  let lastMoved: Date | null = createdAt;
  let lastEvent: Date | null = createdAt;
  let closingAt: Date | null = null;
  for (const e of sorted) {
    if (consumed.has(e) || e.field === "created") continue;
    lastEvent = later(lastEvent, e.at);
    if (e.field === "stage" || e.field === "status") {
      const target = e.field === "status" ? (e.newValue === "WON" || e.newValue === "LOST" ? { status: e.newValue as "WON" | "LOST" } : null) : e.newValue === null ? null : ctx.lookup(e.newValue);
      if (e.field === "stage" && !target) {
        skipped.push({ line: e.line, reason: `The stage "${e.newValue}" is not mapped to a Cadence stage.` });
        continue;
      }
      if (e.field === "status" && e.newValue === "OPEN") {
        if (status !== "OPEN") {
          changes.push({ at: e.at, field: "status", oldValue: status, newValue: "OPEN", author: e.author ?? null });
          status = "OPEN";
          lastMoved = e.at;
          closingAt = null;
        }
        continue;
      }
      if (target && "status" in target) {
        if (status !== target.status) {
          changes.push({ at: e.at, field: "status", oldValue: status, newValue: target.status, author: e.author ?? null });
          status = target.status;
          lastMoved = e.at;
          closingAt = e.at;
        }
        continue;
      }
      if (target && "stageId" in target) {
        if (status !== "OPEN") {
          // Back to an open stage after a win or loss: the deal was reopened.
          changes.push({ at: e.at, field: "status", oldValue: status, newValue: "OPEN", author: e.author ?? null });
          status = "OPEN";
          closingAt = null;
          lastMoved = e.at;
        }
        if (target.stageId !== stageId) {
          changes.push({ at: e.at, field: "stageId", oldValue: stageId, newValue: target.stageId, author: e.author ?? null });
          stageId = target.stageId;
          lastMoved = e.at;
        }
      }
      continue;
    }
    if (e.field === "amount" && e.newValue !== null && e.newValue !== amount) {
      changes.push({ at: e.at, field: "amountMinor", oldValue: amount, newValue: e.newValue, author: e.author ?? null });
      amount = e.newValue;
    }
    if (e.field === "closeDate" && e.newValue !== null && e.newValue !== closeDate) {
      if (isPush(closeDate, e.newValue, ctx.fiscalYearStartMonth)) pushCount++;
      changes.push({ at: e.at, field: "closeDate", oldValue: closeDate, newValue: e.newValue, author: e.author ?? null });
      closeDate = e.newValue;
    }
  }

  // The file is the deal as it stands: what the history did not reach is recorded at the import.
  const hasHistory = sorted.length > 0;
  const finalStage = row.stageFromStatus ? stageId! : row.stageId;
  if (finalStage !== stageId) {
    changes.push({ at: null, field: "stageId", oldValue: stageId, newValue: finalStage });
    stageId = finalStage;
    lastMoved = null;
  }
  if (amount !== row.amountMinor.toString()) changes.push({ at: null, field: "amountMinor", oldValue: amount, newValue: row.amountMinor.toString() });
  if (closeDate !== row.closeDate) {
    if (isPush(closeDate, row.closeDate, ctx.fiscalYearStartMonth)) pushCount++;
    changes.push({ at: null, field: "closeDate", oldValue: closeDate, newValue: row.closeDate });
  }

  let closedAt: Date | null = null;
  if (row.status !== "OPEN") {
    closedAt = closeInstant(row.closedDay ?? row.closeDate, ctx.timeZone, row.closedKnownAt ?? (status === row.status ? closingAt : null));
    if (status === row.status && closingAt) {
      // The closing row carries the close instant, so that the history and the deal agree to the millisecond.
      const closing = [...changes].reverse().find((c) => c.field === "status" && c.newValue === row.status);
      if (closing) closing.at = closedAt;
    } else {
      changes.push({ at: closedAt, field: "status", oldValue: status, newValue: row.status });
    }
    lastMoved = closedAt;
  } else if (status !== "OPEN") {
    changes.push({ at: null, field: "status", oldValue: status, newValue: "OPEN" });
    lastMoved = null;
  }

  // Without a dated move in the history (its first stage is where the deal was created, not a move), the best date
  // of the file stands for the last movement.
  let lastMovedAt = lastMoved;
  const moved = changes.some((c) => (c.field === "stageId" && c.oldValue !== null) || c.field === "status");
  if (row.status === "OPEN" && !moved) {
    lastMovedAt = later(row.fallbackMovedAt ?? null, createdAt) ?? null;
    if (row.fallbackMovedAt && createdAt && row.fallbackMovedAt.getTime() < createdAt.getTime()) lastMovedAt = createdAt;
  }
  const lastTouchedAt = hasHistory || row.lastModifiedAt || createdAt ? later(later(lastEvent, row.lastModifiedAt), lastMovedAt) : null;
  return { createdAt, closedAt, lastMovedAt, lastTouchedAt, stageId: stageId!, pushCount, changes, skipped };
}
