// The bulk upsert of up to 1,000 deals by CRM id, set-based: a fixed number of statements whatever the number of
// deals (batched reads of the deals, stages and accounts by key; one INSERT for the new deals, one UPDATE for the
// changed ones and one for the closes; one INSERT per pass for the history rows, the events and their webhook
// deliveries). The rules are the deal actions' own (lib/actions/deals: create, update, close), applied item by item
// in code before anything is written, so every refused item is reported and one refusal writes nothing. A deal ends
// exactly as the single PUT leaves it: a stage change is a movement with its history row and the up-front contract,
// a later close date in a later quarter is a push, WON/LOST closes it (a second version, as the form's close does).
import type { Tx } from "@/lib/db";
import { audit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { canWrite } from "@/lib/auth/permissions";
import { usableAccountsWhere } from "@/lib/data/deals";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { DEAL_EVENT_SELECT, STATE_SELECT, toDealEventPayload, toDealState, type DealState, type TrackedField } from "@/lib/data/deals-write";
import { toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { isPush, upFrontContractProblems } from "@/lib/domain/deal-rules";
import { emitEventBatch, type DomainEventInput, type DomainEventType } from "@/lib/events/emit";
import { ApiProblem } from "@/lib/api/problem";

export interface BulkItem {
  externalId: string;
  name: string;
  amount: bigint;
  closeDate: IsoDate;
  stageId: string;
  accountId?: string;
  qualified?: boolean;
  nextStep?: string | null;
  nextStepDate?: IsoDate | null;
  status?: "OPEN" | "WON" | "LOST";
  lostReason?: string | null;
  pushReason?: string | null;
}

export interface BulkResult {
  externalId: string;
  id: string;
  created: boolean;
}

type Existing = DealState & { externalId: string; ownerTeamId: string | null };

interface Update {
  current: Existing;
  patch: Partial<Record<TrackedField, string | null>>;
  changed: TrackedField[];
  pushed: boolean;
  pushReason: string | null;
}

interface Close {
  dealId: string;
  /** The deal as the update pass leaves it. */
  before: Record<TrackedField, string | null>;
  version: number;
  outcome: "WON" | "LOST";
  lostReason: string | null;
}

const MESSAGES = {
  stage: "Choose one of the pipeline's stages.",
  account: "Choose an account from the list.",
};

const PATCHABLE = ["name", "accountId", "stageId", "amountMinor", "closeDate", "nextStep", "nextStepDate", "qualified"] as const;

/** The deals' tracked fields as strings (as lib/data/deals-write loadDealState reads one), keyed by CRM id. */
async function loadExisting(tx: Tx, externalIds: string[]): Promise<Map<string, Existing>> {
  const rows = await tx.deal.findMany({
    where: { externalId: { in: externalIds } },
    select: { ...STATE_SELECT, externalId: true, owner: { select: { teamId: true } } },
  });
  return new Map(rows.map((d) => [d.externalId!, { ...toDealState(d), externalId: d.externalId!, ownerTeamId: d.owner.teamId }]));
}

/** What deal events carry (lib/data/deals-write dealEventPayload), for many deals in one read. */
async function snapshots(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof toDealEventPayload>>();
  const rows = await tx.deal.findMany({ where: { id: { in: ids } }, select: DEAL_EVENT_SELECT });
  return new Map(rows.map((d) => [d.id, toDealEventPayload(d)]));
}

function historyReason(field: TrackedField, pushReason: string | null, reason: string | null): string | null {
  if (field === "closeDate") return pushReason;
  if (field === "status" || field === "pausedUntil" || field === "ownerId") return reason;
  return null;
}

/**
 * Upserts the deals in the caller's transaction. Throws an invalid-request problem with every refused item's errors
 * (under "deals.N.field") before writing anything; otherwise returns each deal's id and whether it was created.
 */
export async function bulkUpsertDeals(tx: Tx, actor: SessionUser, items: readonly BulkItem[], now: Date): Promise<BulkResult[]> {
  const errors: Record<string, string[]> = {};
  const fail = (i: number, fieldErrors: Record<string, string[]>) => {
    for (const [f, m] of Object.entries(fieldErrors)) errors[`deals.${i}.${f}`] = m;
  };

  // 1. Batched reads: the organisation, the deals by CRM id, the stages and the accounts the actor may use.
  const org = await loadOrganisation(tx);
  const today = todayIn(org, now);
  const existing = await loadExisting(tx, [...new Set(items.map((d) => d.externalId))]);
  const stageIds = [...new Set(items.map((d) => d.stageId))];
  const stages = new Set((await tx.pipelineStage.findMany({ where: { id: { in: stageIds } }, select: { id: true } })).map((s) => s.id));
  const accountIds = [...new Set(items.map((d) => d.accountId).filter((a): a is string => !!a))];
  const accounts = new Set(
    accountIds.length ? (await tx.account.findMany({ where: { AND: [{ id: { in: accountIds } }, usableAccountsWhere(actor)] }, select: { id: true } })).map((a) => a.id) : [],
  );

  // 2. The actions' rules, item by item, in code.
  const seen = new Set<string>();
  const creates: { item: BulkItem; accountId: string | null }[] = [];
  const updates: Update[] = [];
  const closes: Close[] = [];
  const refusedIds: string[] = [];
  const order: ({ kind: "create"; index: number } | { kind: "existing"; id: string; externalId: string })[] = [];

  for (const [i, item] of items.entries()) {
    if (seen.has(item.externalId)) {
      fail(i, { externalId: ["This externalId appears twice in the request."] });
      continue;
    }
    seen.add(item.externalId);
    const current = existing.get(item.externalId);
    const e: Record<string, string[]> = {};

    if (!current) {
      // deals.create: a real stage, a usable account, no past dates, a next step with its date.
      if (item.status && item.status !== "OPEN") {
        fail(i, { status: ["Create the deal open, then close it."] });
        continue;
      }
      if (!stages.has(item.stageId)) e.stageId = [MESSAGES.stage];
      let accountId: string | null = null;
      if (item.accountId) {
        if (!accounts.has(item.accountId)) e.accountId = [MESSAGES.account];
        else accountId = item.accountId;
      }
      if (item.closeDate < today) e.closeDate = ["A new deal's close date cannot be in the past."];
      if (item.nextStepDate && item.nextStepDate < today) e.nextStepDate = ["The next-step date cannot be in the past."];
      if (item.nextStepDate && !item.nextStep) e.nextStep = ["Say what the next step is."];
      if (Object.keys(e).length) {
        fail(i, e);
        continue;
      }
      order.push({ kind: "create", index: creates.length });
      creates.push({ item, accountId });
      continue;
    }

    // deals.update: the actor must be allowed to write this very deal; a refusal reads as a missing deal.
    if (!canWrite(actor, { ownerId: current.ownerId ?? "", ownerTeamId: current.ownerTeamId })) {
      refusedIds.push(current.id);
      fail(i, { _item: ["Deal was not found."] });
      continue;
    }
    const patch: Partial<Record<TrackedField, string | null>> = {
      name: item.name,
      amountMinor: item.amount.toString(),
      closeDate: item.closeDate,
    };
    if (item.qualified !== undefined) patch.qualified = String(item.qualified);
    if (item.nextStep !== undefined) patch.nextStep = item.nextStep;
    if (item.nextStepDate !== undefined) patch.nextStepDate = item.nextStepDate;
    if (!stages.has(item.stageId)) e.stageId = [MESSAGES.stage];
    else patch.stageId = item.stageId;
    if (item.accountId !== undefined) {
      if (item.accountId === "") patch.accountId = null;
      else if (!accounts.has(item.accountId)) e.accountId = [MESSAGES.account];
      else patch.accountId = item.accountId;
    }
    if (patch.nextStepDate && patch.nextStepDate !== current.nextStepDate && patch.nextStepDate < today) {
      e.nextStepDate = ["The next-step date cannot be in the past."];
    }
    const movesStage = patch.stageId !== undefined && patch.stageId !== current.stageId;
    if (movesStage && current.status !== "OPEN") e.stageId = ["This deal is closed: its stage no longer changes."];
    if (movesStage && current.status === "OPEN") {
      const problems = upFrontContractProblems(
        {
          nextStep: patch.nextStep !== undefined ? patch.nextStep : current.nextStep,
          nextStepDate: patch.nextStepDate !== undefined ? patch.nextStepDate : current.nextStepDate,
        },
        today,
      );
      for (const [field, message] of Object.entries(problems)) e[field] ??= [message];
    }
    if (Object.keys(e).length) {
      fail(i, e);
      continue;
    }
    const changed = (Object.keys(patch) as TrackedField[]).filter((f) => (patch[f] ?? null) !== current[f]);
    const after: Record<TrackedField, string | null> = { ...current };
    for (const f of changed) after[f] = patch[f] ?? null;
    let version = current.version;
    if (changed.length) {
      const pushed = changed.includes("closeDate") && current.closeDate && patch.closeDate ? isPush(current.closeDate, patch.closeDate, org.fiscalYearStartMonth) : false;
      updates.push({ current, patch, changed, pushed, pushReason: item.pushReason ?? null });
      version += 1;
    }

    // deals.close: WON or LOST (lost needs a reason) closes an open deal; a closed deal does not reopen.
    if (item.status && item.status !== "OPEN" && current.status === "OPEN") {
      if (item.status === "LOST" && !item.lostReason) {
        fail(i, { lostReason: ["Say why the deal was lost."] });
        continue;
      }
      closes.push({ dealId: current.id, before: after, version, outcome: item.status, lostReason: item.status === "LOST" ? (item.lostReason ?? null) : null });
    } else if (item.status && item.status !== current.status) {
      fail(i, { status: [current.status === "OPEN" ? "Closing needs WON or LOST." : "A closed deal does not reopen."] });
      continue;
    }
    order.push({ kind: "existing", id: current.id, externalId: current.externalId });
  }

  for (const id of refusedIds) {
    await audit({ action: "authz.denied", actorId: actor.id, targetType: "Deal", targetId: id, details: { action: "deals.update", reason: "object", via: "api" } });
  }
  if (Object.keys(errors).length) {
    throw new ApiProblem("invalid-request", `${new Set(Object.keys(errors).map((k) => k.split(".")[1])).size} of ${items.length} deals were refused; nothing was saved.`, { errors });
  }

  // 3. Writes, set-based. New deals: one INSERT (the CRM id set at once).
  const created = creates.length
    ? await tx.deal.createManyAndReturn({
        data: creates.map(({ item, accountId }) => ({
          name: item.name,
          ownerId: actor.id,
          stageId: item.stageId,
          accountId,
          amountMinor: item.amount,
          closeDate: toDbDate(item.closeDate),
          qualified: item.qualified ?? false,
          nextStep: item.nextStep ?? null,
          nextStepDate: item.nextStepDate ? toDbDate(item.nextStepDate) : null,
          externalId: item.externalId,
          createdAt: now,
          lastMovedAt: now,
          lastTouchedAt: now,
          updatedAt: now,
        })),
        select: { id: true, externalId: true },
      })
    : [];
  const createdId = new Map(created.map((c) => [c.externalId!, c.id]));

  // Changed deals: one UPDATE under each deal's version (the optimistic lock, as applyDealPatch).
  if (updates.length) {
    const rows = updates.map((u) => {
      const next = { ...u.current, ...u.patch };
      return {
        id: u.current.id,
        version: u.current.version,
        ...Object.fromEntries(PATCHABLE.map((f) => [f, next[f] ?? null])),
        qualified: next.qualified === "true",
        moved: u.changed.includes("stageId"),
        pushed: u.pushed,
      };
    });
    const done = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Deal" AS d SET
        "name" = r."name", "accountId" = r."accountId", "stageId" = r."stageId", "amountMinor" = r."amountMinor"::bigint,
        "closeDate" = r."closeDate"::date, "nextStep" = r."nextStep", "nextStepDate" = r."nextStepDate"::date, "qualified" = r."qualified",
        "lastTouchedAt" = ${now}, "updatedAt" = ${now}, "version" = d."version" + 1,
        "lastMovedAt" = CASE WHEN r."moved" THEN ${now}::timestamptz ELSE d."lastMovedAt" END,
        "pushCount" = d."pushCount" + CASE WHEN r."pushed" THEN 1 ELSE 0 END
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "id" text, "version" int, "name" text, "accountId" text, "stageId" text, "amountMinor" text, "closeDate" text,
        "nextStep" text, "nextStepDate" text, "qualified" boolean, "moved" boolean, "pushed" boolean)
      WHERE d."id" = r."id" AND d."version" = r."version"
      RETURNING d."id"`;
    if (done.length !== updates.length) throw new ApiProblem("conflict", "Some of these deals were changed by someone else while this request ran. Nothing was saved; try again.");
  }

  // History rows and events of this pass: creations, then updates, in the request's order.
  type Row = { dealId: string; actorId: string; at: Date; field: string; oldValue: string | null; newValue: string | null; reason: string | null; source: "USER" };
  const history: Row[] = [];
  const row = (dealId: string, field: string, oldValue: string | null, newValue: string | null, reason: string | null = null, at = now): Row => ({
    dealId,
    actorId: actor.id,
    at,
    field,
    oldValue,
    newValue,
    reason,
    source: "USER",
  });
  for (const { item } of creates) {
    const id = createdId.get(item.externalId)!;
    history.push(row(id, "created", null, null), row(id, "stageId", null, item.stageId), row(id, "amountMinor", null, item.amount.toString()), row(id, "closeDate", null, item.closeDate));
    if (item.nextStep) history.push(row(id, "nextStep", null, item.nextStep));
    if (item.nextStepDate) history.push(row(id, "nextStepDate", null, item.nextStepDate));
  }
  for (const u of updates) {
    for (const f of u.changed) history.push(row(u.current.id, f, u.current[f], u.patch[f] ?? null, historyReason(f, u.pushReason, null)));
  }
  if (history.length) await tx.dealChange.createMany({ data: history });

  type Snapshots = Awaited<ReturnType<typeof snapshots>>;
  const dealEvent = (from: Snapshots, dealId: string, type: DomainEventType, at: Date, extra: Record<string, unknown>): DomainEventInput => {
    const s = from.get(dealId)!;
    return { type, occurredAt: at, actorId: actor.id, dealId, teamId: s.teamId, subjectUserId: s.ownerId, payload: { deal: s.deal, ...extra } };
  };
  const first = await snapshots(tx, [...createdId.values(), ...updates.map((u) => u.current.id)]);
  const events: DomainEventInput[] = [];
  const updateById = new Map(updates.map((u) => [u.current.id, u]));
  for (const o of order) {
    if (o.kind === "create") {
      events.push(dealEvent(first, createdId.get(creates[o.index].item.externalId)!, "deal.created", now, {}));
      continue;
    }
    const u = updateById.get(o.id);
    if (!u) continue;
    const extra = { changed: u.changed, previous: Object.fromEntries(u.changed.map((f) => [f, u.current[f]])) };
    const types: DomainEventType[] = ["deal.updated"];
    if (u.changed.includes("stageId")) types.push("deal.moved");
    if (u.pushed) types.push("deal.pushed");
    for (const t of types) events.push(dealEvent(first, o.id, t, now, extra));
  }
  await emitEventBatch(tx, events);

  // Closes: a second version of the deal, as the form's close after its edit (one UPDATE, then history and events).
  if (closes.length) {
    const closeAt = new Date(Math.max(Date.now(), now.getTime() + 1));
    const done = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Deal" AS d SET
        "status" = r."status"::"DealStatus",
        "lostReason" = CASE WHEN r."status" = 'LOST' THEN r."lostReason" ELSE d."lostReason" END,
        "closedAt" = ${closeAt}, "pausedUntil" = NULL, "pauseReason" = NULL, "pausedById" = NULL,
        "lastMovedAt" = ${closeAt}, "lastTouchedAt" = ${closeAt}, "updatedAt" = ${closeAt}, "version" = d."version" + 1
      FROM jsonb_to_recordset(${JSON.stringify(closes.map((c) => ({ id: c.dealId, version: c.version, status: c.outcome, lostReason: c.lostReason })))}::jsonb)
        AS r("id" text, "version" int, "status" text, "lostReason" text)
      WHERE d."id" = r."id" AND d."version" = r."version" AND d."status" = 'OPEN'
      RETURNING d."id"`;
    if (done.length !== closes.length) throw new ApiProblem("conflict", "Some of these deals were changed by someone else while this request ran. Nothing was saved; try again.");
    const closeHistory: Row[] = [];
    const closeEvents: DomainEventInput[] = [];
    const second = await snapshots(
      tx,
      closes.map((c) => c.dealId),
    );
    for (const c of closes) {
      const patch: Partial<Record<TrackedField, string | null>> = { status: c.outcome, ...(c.outcome === "LOST" ? { lostReason: c.lostReason } : {}) };
      const changed = (Object.keys(patch) as TrackedField[]).filter((f) => (patch[f] ?? null) !== c.before[f]);
      for (const f of changed) closeHistory.push(row(c.dealId, f, c.before[f], patch[f] ?? null, historyReason(f, null, c.lostReason), closeAt));
      const extra = { changed, previous: Object.fromEntries(changed.map((f) => [f, c.before[f]])) };
      closeEvents.push(dealEvent(second, c.dealId, "deal.updated", closeAt, extra), dealEvent(second, c.dealId, c.outcome === "WON" ? "deal.won" : "deal.lost", closeAt, extra));
    }
    await tx.dealChange.createMany({ data: closeHistory });
    await emitEventBatch(tx, closeEvents);
  }

  return order.map((o) => (o.kind === "create" ? { externalId: creates[o.index].item.externalId, id: createdId.get(creates[o.index].item.externalId)!, created: true } : { externalId: o.externalId, id: o.id, created: false }));
}
