// Scoped deal writes for the deal actions: the optimistic lock on `version`, one DealChange row per changed field,
// movement and touch clocks, and the push count, all inside the caller's transaction.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { dateOnly, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { isPush } from "@/lib/domain/deal-rules";
import { AppError } from "@/lib/errors";
import { describeChanges, type ChangeView } from "@/lib/data/deals-history";
import type { DealStatus } from "@/lib/generated/prisma/enums";
import type { prisma } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit";
import type { DomainEventType } from "@/lib/events/types";

/** The fields whose changes are kept in a deal's history, as strings (ids, ISO dates, minor units). */
export const TRACKED_FIELDS = [
  "name",
  "accountId",
  "stageId",
  "status",
  "amountMinor",
  "closeDate",
  "nextStep",
  "nextStepDate",
  "qualified",
  "lostReason",
  "pausedUntil",
  "pauseReason",
  "ownerId",
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];
export type DealState = Record<TrackedField, string | null> & { id: string; version: number };

/** The columns of a deal's tracked state (loadDealState, and the API's bulk upsert for many deals). */
export const STATE_SELECT = {
  id: true,
  version: true,
  name: true,
  accountId: true,
  stageId: true,
  status: true,
  amountMinor: true,
  closeDate: true,
  nextStep: true,
  nextStepDate: true,
  qualified: true,
  lostReason: true,
  pausedUntil: true,
  pauseReason: true,
  ownerId: true,
} as const;

/** A deal's tracked fields as strings, from its STATE_SELECT row. */
export function toDealState(d: Prisma.DealGetPayload<{ select: typeof STATE_SELECT }>): DealState {
  return {
    id: d.id,
    version: d.version,
    name: d.name,
    accountId: d.accountId,
    stageId: d.stageId,
    status: d.status,
    amountMinor: d.amountMinor.toString(),
    closeDate: dateOnly(d.closeDate),
    nextStep: d.nextStep,
    nextStepDate: d.nextStepDate ? dateOnly(d.nextStepDate) : null,
    qualified: String(d.qualified),
    lostReason: d.lostReason,
    pausedUntil: d.pausedUntil ? dateOnly(d.pausedUntil) : null,
    pauseReason: d.pauseReason,
    ownerId: d.ownerId,
  };
}

/** The deal's tracked fields as strings, read inside the transaction. Null when it does not exist. */
export async function loadDealState(tx: Tx, dealId: string): Promise<DealState | null> {
  const d = await tx.deal.findUnique({ where: { id: dealId }, select: STATE_SELECT });
  return d ? toDealState(d) : null;
}

/** The permission loader every deal action uses: owner and owner's team, unscoped (the wrapper decides). */
export async function loadDealOwnership(id: string, db: typeof prisma) {
  const d = await db.deal.findUnique({ where: { id }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } });
  return d ? { id: d.id, ownerId: d.ownerId, ownerTeamId: d.owner.teamId } : null;
}

export interface ConflictDetails {
  currentVersion: number;
  changes: ChangeView[];
}

/** What changed after the version the user opened: the history rows of the later saves (one batch per version). */
export async function conflictDetails(tx: Tx, dealId: string, openedVersion: number, currentVersion: number): Promise<ConflictDetails> {
  const batches = Math.max(1, currentVersion - openedVersion);
  const instants = await tx.dealChange.findMany({
    where: { dealId, field: { not: "created" } },
    distinct: ["at"],
    orderBy: { at: "desc" },
    take: batches,
    select: { at: true },
  });
  const since = instants.at(-1)?.at;
  const rows = since
    ? await tx.dealChange.findMany({
        where: { dealId, at: { gte: since } },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { field: true, oldValue: true, newValue: true, reason: true, at: true, actorName: true, actor: { select: { name: true } } },
      })
    : [];
  return { currentVersion, changes: await describeChanges(rows, tx) };
}

async function refuseConflict(tx: Tx, dealId: string, openedVersion: number, currentVersion: number): Promise<never> {
  const details = await conflictDetails(tx, dealId, openedVersion, currentVersion);
  const summary = details.changes.map((c) => `${c.fieldLabel}: ${c.from} → ${c.to}`).join("; ");
  throw new AppError(
    "CONFLICT",
    `Someone changed this deal after you opened it${summary ? ` (${summary})` : ""}. Your changes were not saved; they are still in the form. Review and save again.`,
    undefined,
    details,
  );
}

function toColumn(field: TrackedField, value: string | null): unknown {
  switch (field) {
    case "amountMinor":
      return BigInt(value ?? "0");
    case "closeDate":
      return toDbDate(value as IsoDate);
    case "nextStepDate":
    case "pausedUntil":
      return value ? toDbDate(value) : null;
    case "qualified":
      return value === "true";
    case "status":
      return value as DealStatus;
    default:
      return value;
  }
}

export interface ApplyOptions {
  actor: SessionUser;
  expectedVersion: number;
  /** The new values (strings as in TRACKED_FIELDS); absent fields are left alone. */
  patch: Partial<Record<TrackedField, string | null>>;
  fiscalYearStartMonth: number;
  /** Why the close date moved (kept on the closeDate history row). */
  pushReason?: string | null;
  /** A reason for status/pause rows (lost reason, pause reason). */
  reason?: string | null;
  /** Extra columns that are not tracked fields (closedAt, pausedById). */
  extra?: Record<string, unknown>;
  now?: Date;
}

/**
 * Applies a patch to a deal under the optimistic lock. Refuses with CONFLICT (and what changed since) when the deal is
 * no longer at the version the user opened. Returns the changed fields; writes nothing when nothing changed.
 */
export async function applyDealPatch(tx: Tx, current: DealState, opts: ApplyOptions): Promise<{ changed: TrackedField[]; version: number }> {
  if (current.version !== opts.expectedVersion) await refuseConflict(tx, current.id, opts.expectedVersion, current.version);
  const now = opts.now ?? new Date();
  const changed = (Object.keys(opts.patch) as TrackedField[]).filter((f) => (opts.patch[f] ?? null) !== current[f]);
  if (changed.length === 0) return { changed, version: current.version };

  const data: Record<string, unknown> = { ...opts.extra, lastTouchedAt: now, version: { increment: 1 } };
  for (const f of changed) data[f] = toColumn(f, opts.patch[f] ?? null);
  // Movement is a stage change or a close (won/lost); nothing else resets the stale clock.
  if (changed.includes("stageId") || changed.includes("status")) data.lastMovedAt = now;
  const pushed =
    changed.includes("closeDate") && current.closeDate && opts.patch.closeDate
      ? isPush(current.closeDate, opts.patch.closeDate, opts.fiscalYearStartMonth)
      : false;
  if (pushed) data.pushCount = { increment: 1 };

  const { count } = await tx.deal.updateMany({ where: { id: current.id, version: opts.expectedVersion }, data });
  if (count === 0) {
    const fresh = await tx.deal.findUnique({ where: { id: current.id }, select: { version: true } });
    await refuseConflict(tx, current.id, opts.expectedVersion, fresh?.version ?? current.version + 1);
  }
  await tx.dealChange.createMany({
    data: changed.map((field) => ({
      dealId: current.id,
      actorId: opts.actor.id,
      at: now,
      field,
      oldValue: current[field],
      newValue: opts.patch[field] ?? null,
      reason: field === "closeDate" ? (opts.pushReason ?? null) : field === "status" || field === "pausedUntil" || field === "ownerId" ? (opts.reason ?? null) : null,
      source: "USER" as const,
    })),
  });
  const events: DomainEventType[] = ["deal.updated"];
  if (changed.includes("stageId")) events.push("deal.moved");
  if (changed.includes("status") && opts.patch.status === "WON") events.push("deal.won");
  if (changed.includes("status") && opts.patch.status === "LOST") events.push("deal.lost");
  if (pushed) events.push("deal.pushed");
  await emitDealEvents(tx, current.id, events, opts.actor.id, now, { changed, previous: Object.fromEntries(changed.map((f) => [f, current[f]])) });
  return { changed, version: current.version + 1 };
}

/** The columns a deal event carries (webhooks publish it). */
export const DEAL_EVENT_SELECT = {
  id: true,
  externalId: true,
  name: true,
  accountId: true,
  ownerId: true,
  stageId: true,
  status: true,
  amountMinor: true,
  closeDate: true,
  nextStep: true,
  nextStepDate: true,
  qualified: true,
  pushCount: true,
  lostReason: true,
  version: true,
  owner: { select: { teamId: true } },
} as const;

type DealEventRow = Prisma.DealGetPayload<{ select: typeof DEAL_EVENT_SELECT }>;

/** A deal event's payload from its row: the deal as it is now, amounts in minor units as numbers. */
export function toDealEventPayload(d: DealEventRow) {
  return {
    teamId: d.owner.teamId,
    ownerId: d.ownerId,
    deal: {
      id: d.id,
      externalId: d.externalId,
      name: d.name,
      accountId: d.accountId,
      ownerId: d.ownerId,
      stageId: d.stageId,
      status: d.status,
      amountMinor: Number(d.amountMinor),
      closeDate: dateOnly(d.closeDate),
      nextStep: d.nextStep,
      nextStepDate: d.nextStepDate ? dateOnly(d.nextStepDate) : null,
      qualified: d.qualified,
      pushCount: d.pushCount,
      lostReason: d.lostReason,
      version: d.version,
    },
  };
}

/** What a deal event carries (webhooks publish it): the deal as it is now. */
export async function dealEventPayload(tx: Tx, dealId: string) {
  const d = await tx.deal.findUnique({ where: { id: dealId }, select: DEAL_EVENT_SELECT });
  return d ? toDealEventPayload(d) : null;
}

/** Emits deal events (deal.created, deal.updated, deal.moved…) in the writing transaction: never lost, never invented. */
export async function emitDealEvents(tx: Tx, dealId: string, types: readonly DomainEventType[], actorId: string | null, now: Date, extra: Record<string, unknown> = {}) {
  if (types.length === 0) return;
  const snapshot = await dealEventPayload(tx, dealId);
  if (!snapshot) return;
  for (const type of types) {
    await emitEvent(tx, {
      type,
      occurredAt: now,
      actorId,
      dealId,
      teamId: snapshot.teamId,
      subjectUserId: snapshot.ownerId,
      payload: { deal: snapshot.deal, ...extra },
    });
  }
}
