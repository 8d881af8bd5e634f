// Deals over the API: list, read with history, create, update under If-Match, upsert by CRM id, bulk upsert.
// Writes run the deal actions' own definitions (lib/actions/deals) inside the API transaction: one rule, two doors.
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerScope } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { createDeal } from "@/lib/actions/deals/create-deal";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { closeDeal } from "@/lib/actions/deals/close-deal";
import { loadOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { listStages } from "@/lib/data/stages";
import { MAX_NAME, amountField, booleanField, dateField, idField, optionalDateField, optionalText, requiredText } from "@/lib/data/deals-schema";
import { addDays, dateOnly, startOfLocalDay, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { isPaused, isStale, nextStepState } from "@/lib/domain/deal-rules";
import { AppError } from "@/lib/errors";
import { reply, type ApiEndpoint } from "@/lib/api/handler";
import { ApiProblem } from "@/lib/api/problem";
import { runActionInTx } from "@/lib/api/run-action";
import { bulkUpsertDeals, type BulkItem } from "@/lib/api/bulk-upsert";
import { checkFields, idParams, listSchema, pageArgs, sparse, syncListQuerySchema, toPage } from "@/lib/api/list";

export const DEAL_FLAGS = ["stale", "no_next_step", "overdue", "paused"] as const;

export const dealSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    accountId: z.string().nullable(),
    ownerId: z.string(),
    stageId: z.string(),
    status: z.enum(["OPEN", "WON", "LOST"]),
    amount: z.string().meta({ description: "In the organisation's currency, major units with two decimals (\"12500.00\")." }),
    amountMinor: z.number().int().meta({ description: "The same amount in minor units (cents)." }),
    currency: z.string(),
    closeDate: z.string().meta({ format: "date" }),
    nextStep: z.string().nullable(),
    nextStepDate: z.string().nullable(),
    qualified: z.boolean(),
    pushCount: z.number().int(),
    pausedUntil: z.string().nullable(),
    lostReason: z.string().nullable(),
    flags: z.array(z.enum(DEAL_FLAGS)).meta({ description: "The inspection's flags as computed today (open deals only)." }),
    version: z.number().int().meta({ description: "The optimistic lock: send it back as If-Match." }),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastMovedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: "Deal" });

export const dealChangeSchema = z
  .object({
    at: z.string(),
    field: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    reason: z.string().nullable(),
    source: z.string(),
    actorId: z.string().nullable(),
  })
  .meta({ id: "DealChange" });

export const dealWithHistorySchema = dealSchema.extend({ history: z.array(dealChangeSchema) }).meta({ id: "DealWithHistory" });

const DEAL_SELECT = {
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
  pausedUntil: true,
  lostReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  lastMovedAt: true,
  closedAt: true,
} as const satisfies Prisma.DealSelect;

type DealRow = Prisma.DealGetPayload<{ select: typeof DEAL_SELECT }>;
type Stage = Awaited<ReturnType<typeof listStages>>[number];

function money(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** A deal row as the API shows it, with today's flags by the same rules as the deal list and the inspection. */
export function toApiDeal(d: DealRow, org: OrganisationSettings, stages: Map<string, Stage>, today: IsoDate): z.infer<typeof dealSchema> {
  const pausedUntil = d.pausedUntil ? dateOnly(d.pausedUntil) : null;
  const nextStepDate = d.nextStepDate ? dateOnly(d.nextStepDate) : null;
  const flags: (typeof DEAL_FLAGS)[number][] = [];
  if (d.status === "OPEN") {
    const paused = isPaused({ pausedUntil }, today);
    if (paused) flags.push("paused");
    const stage = stages.get(d.stageId);
    if (isStale({ status: "OPEN", lastMovedAt: d.lastMovedAt, stageStaleThresholdDays: stage?.staleThresholdDays, pausedUntil }, today, org.timeZone, { organisationDays: org.staleThresholdDays })) flags.push("stale");
    const ns = nextStepState({ nextStep: d.nextStep, nextStepDate }, today);
    if (!paused && ns === "missing") flags.push("no_next_step");
    if (!paused && ns === "overdue") flags.push("overdue");
  }
  return {
    id: d.id,
    externalId: d.externalId,
    name: d.name,
    accountId: d.accountId,
    ownerId: d.ownerId,
    stageId: d.stageId,
    status: d.status,
    amount: money(d.amountMinor),
    amountMinor: Number(d.amountMinor),
    currency: org.currency,
    closeDate: dateOnly(d.closeDate),
    nextStep: d.nextStep,
    nextStepDate,
    qualified: d.qualified,
    pushCount: d.pushCount,
    pausedUntil,
    lostReason: d.lostReason,
    flags,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    lastMovedAt: d.lastMovedAt.toISOString(),
    closedAt: d.closedAt?.toISOString() ?? null,
  };
}

const DEAL_KEYS = Object.keys(dealSchema.shape);

async function context(db: Tx | typeof prisma, now: Date) {
  const [org, stages] = await Promise.all([loadOrganisation(db as typeof prisma), listStages(db as typeof prisma)]);
  return { org, stages: new Map(stages.map((s) => [s.id, s])), today: todayIn(org, now), stageList: stages };
}

/** One deal the actor may read, as the API shows it; null when missing or not theirs (answered alike). */
export async function readDeal(actor: SessionUser, db: Tx | typeof prisma, id: string, now: Date) {
  const [row, ctx] = await Promise.all([
    db.deal.findFirst({ where: { AND: [{ id }, ownerScope(actor) as Prisma.DealWhereInput] }, select: DEAL_SELECT }),
    context(db, now),
  ]);
  return row ? toApiDeal(row, ctx.org, ctx.stages, ctx.today) : null;
}

const dealListQuery = syncListQuerySchema.extend({
  status: z.enum(["OPEN", "WON", "LOST"], { error: "Use OPEN, WON or LOST." }).optional(),
  stage_id: idField("stage").optional(),
  owner_id: idField("owner").optional(),
  account_id: idField("account").optional(),
  flag: z.enum(DEAL_FLAGS, { error: `Use one of: ${DEAL_FLAGS.join(", ")}.` }).optional(),
  q: z.string().trim().max(100, "Keep the search to 100 characters.").optional(),
});

export const listDeals: ApiEndpoint = {
  name: "deals.list",
  method: "GET",
  path: "/deals",
  summary: "List deals (the ones the token's user may read), oldest id first.",
  tag: "Deals",
  query: dealListQuery,
  response: listSchema(dealSchema),
  handler: async ({ actor, query, now }) => {
    const q = query as z.output<typeof dealListQuery>;
    checkFields(q.fields, DEAL_KEYS);
    const { org, stages, today, stageList } = await context(prisma, now);
    const page = pageArgs(q);
    const todayDb = toDbDate(today);
    const flagWhere: Prisma.DealWhereInput = (() => {
      switch (q.flag) {
        case "stale": {
          const minT = Math.min(org.staleThresholdDays, ...stageList.map((s) => s.staleThresholdDays ?? org.staleThresholdDays));
          return { status: "OPEN", lastMovedAt: { lt: startOfLocalDay(addDays(today, -minT + 1), org.timeZone) } };
        }
        case "no_next_step":
          return { status: "OPEN", OR: [{ nextStep: null }, { nextStep: "" }, { nextStepDate: null }] };
        case "overdue":
          return { status: "OPEN", nextStepDate: { lt: todayDb } };
        case "paused":
          return { status: "OPEN", pausedUntil: { gt: todayDb } };
        default:
          return {};
      }
    })();
    const rows = await prisma.deal.findMany({
      where: {
        AND: [
          ownerScope(actor) as Prisma.DealWhereInput,
          page.cursor,
          q.updated_since ? { updatedAt: { gte: q.updated_since } } : {},
          q.status ? { status: q.status } : {},
          q.stage_id ? { stageId: q.stage_id } : {},
          q.owner_id ? { ownerId: q.owner_id } : {},
          q.account_id ? { accountId: q.account_id } : {},
          q.q ? { name: { contains: q.q, mode: "insensitive" } } : {},
          flagWhere,
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
      select: DEAL_SELECT,
    });
    const result = toPage(rows, page.limit, (r) => toApiDeal(r, org, stages, today));
    // The SQL prefilter is a superset for flags decided by the exact rules (stage thresholds, pauses).
    const data = q.flag ? result.data.filter((d) => d.flags?.includes(q.flag!)) : result.data;
    return { ...result, data: data.map((d) => sparse(d, q.fields)) };
  },
};

export const getDeal: ApiEndpoint = {
  name: "deals.get",
  method: "GET",
  path: "/deals/{id}",
  summary: "One deal with its full history.",
  tag: "Deals",
  params: idParams,
  response: dealWithHistorySchema,
  handler: async ({ actor, params, now }) => {
    const { id } = params as { id: string };
    const deal = await readDeal(actor, prisma, id, now);
    if (!deal) throw new AppError("NOT_FOUND", "Deal was not found.");
    const history = await prisma.dealChange.findMany({
      where: { dealId: id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { at: true, field: true, oldValue: true, newValue: true, reason: true, source: true, actorId: true },
    });
    return { ...deal, history: history.map((h) => ({ ...h, at: h.at.toISOString() })) };
  },
};

/** The fields a deal is written with over the API: the deal form's own field rules. */
const dealFields = {
  name: requiredText("deal name", MAX_NAME),
  amount: amountField.meta({ description: "Major units, as typed in the form: 12500 or \"12,500.50\"." }),
  closeDate: dateField("close date"),
  stageId: idField("stage"),
  accountId: z.union([z.literal(""), idField("account")]).optional(),
  qualified: booleanField.optional(),
  nextStep: optionalText("next step").optional(),
  nextStepDate: optionalDateField("next-step date").optional(),
};

const externalIdField = z.string().trim().min(1, "Give the CRM id.").max(200, "Keep the CRM id to 200 characters.");

const createBody = z.strictObject({ ...dealFields, externalId: externalIdField.optional() }).meta({ id: "DealCreate" });

/** Strings as the action's form would send them (the action's strict schema parses them again). */
function actionFields(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (k === "amount") out.amount = typeof v === "bigint" ? `${v / 100n}.${String(v % 100n).padStart(2, "0")}` : v;
    else if (v === null) out[k] = "";
    else out[k] = v;
  }
  return out;
}

async function createWithExternalId(tx: Tx, actor: SessionUser, fields: Record<string, unknown>, externalId: string | undefined, checked = false) {
  if (externalId && !checked) {
    const taken = await tx.deal.findUnique({ where: { externalId }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", "A deal with this externalId already exists.", { externalId: ["A deal with this externalId already exists."] });
  }
  const { id } = await runActionInTx(createDeal, actor, actionFields(fields), tx);
  if (externalId) await tx.deal.update({ where: { id }, data: { externalId } });
  return id;
}

export const createDealEndpoint: ApiEndpoint = {
  name: "deals.create",
  method: "POST",
  path: "/deals",
  summary: "Create a deal owned by the token's user (the form's rules: close date not in the past, a real stage…). Send an Idempotency-Key to retry safely.",
  tag: "Deals",
  roles: createDeal.definition.roles,
  body: createBody,
  status: 201,
  response: dealSchema,
  handler: async ({ actor, body, tx, now }) => {
    const { externalId, ...fields } = body as z.output<typeof createBody>;
    const id = await createWithExternalId(tx, actor, fields, externalId);
    return reply(await readDeal(actor, tx, id, now), 201);
  },
};

const updateBody = z
  .strictObject({
    name: dealFields.name.optional(),
    amount: amountField.optional(),
    closeDate: dateField("close date").optional(),
    stageId: idField("stage").optional(),
    accountId: dealFields.accountId,
    qualified: dealFields.qualified,
    nextStep: dealFields.nextStep,
    nextStepDate: dealFields.nextStepDate,
    pushReason: optionalText("reason for the new close date").optional(),
  })
  .meta({ id: "DealUpdate" });

/** The version in If-Match: `3`, `"3"` or `W/"3"`. */
export function versionFromIfMatch(request: Request): number | null {
  const raw = request.headers.get("if-match");
  if (raw === null) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw new ApiProblem("invalid-request", "The If-Match header must hold the deal's version, e.g. \"3\".", { errors: { "If-Match": ["Give the deal's version."] } });
  return Number(m[1]);
}

/** A version conflict from the form's own check, answered 412 when the client asked with If-Match. */
function asPrecondition(error: unknown): never {
  if (error instanceof AppError && error.code === "CONFLICT" && (error.details as { currentVersion?: number } | undefined)?.currentVersion !== undefined) {
    throw new ApiProblem("precondition-failed", error.message, { details: error.details });
  }
  throw error;
}

export const updateDealEndpoint: ApiEndpoint = {
  name: "deals.update",
  method: "PATCH",
  path: "/deals/{id}",
  summary: "Change a deal. If-Match with the version you read is required; a stale version gets 412 and what changed since, as the form does.",
  tag: "Deals",
  roles: updateDeal.definition.roles,
  params: idParams,
  body: updateBody,
  response: dealSchema,
  handler: async ({ actor, params, body, tx, now, request }) => {
    const { id } = params as { id: string };
    const version = versionFromIfMatch(request);
    if (version === null) throw new ApiProblem("invalid-request", "Send If-Match with the version of the deal you read.", { errors: { "If-Match": ["Required."] } });
    await runActionInTx(updateDeal, actor, { ...actionFields(body as Record<string, unknown>), dealId: id, expectedVersion: version }, tx).catch(asPrecondition);
    return await readDeal(actor, tx, id, now);
  },
};

const upsertBody = z
  .strictObject({
    ...dealFields,
    status: z.enum(["OPEN", "WON", "LOST"], { error: "Use OPEN, WON or LOST." }).optional(),
    lostReason: optionalText("lost reason").optional(),
    pushReason: optionalText("reason for the new close date").optional(),
  })
  .meta({ id: "DealUpsert" });

type UpsertInput = z.output<typeof upsertBody>;

/**
 * Creates or updates the deal with this CRM id through the deal actions: a stage change is a movement with its
 * history row and the up-front contract; a later close date is a push; WON/LOST closes it as the form does.
 */
export async function upsertByExternalId(tx: Tx, actor: SessionUser, externalId: string, input: UpsertInput, now: Date, ifMatch: number | null) {
  const { status, lostReason, pushReason, ...fields } = input;
  const existing = await tx.deal.findUnique({ where: { externalId }, select: { id: true, version: true, status: true } });
  let id: string;
  let created = false;
  if (!existing) {
    if (status && status !== "OPEN") throw new AppError("INVALID", "Please correct the highlighted fields.", { status: ["Create the deal open, then close it."] });
    id = await createWithExternalId(tx, actor, fields, externalId, true);
    created = true;
  } else {
    id = existing.id;
    const expectedVersion = ifMatch ?? existing.version;
    const { version } = await runActionInTx(updateDeal, actor, { ...actionFields({ ...fields, pushReason }), dealId: id, expectedVersion }, tx).catch(asPrecondition);
    if (status && status !== "OPEN" && existing.status === "OPEN") {
      await runActionInTx(closeDeal, actor, { dealId: id, expectedVersion: version, outcome: status, ...(lostReason ? { lostReason } : {}) }, tx);
    } else if (status && status !== existing.status) {
      throw new AppError("INVALID", "Please correct the highlighted fields.", { status: [existing.status === "OPEN" ? "Closing needs WON or LOST." : "A closed deal does not reopen."] });
    }
  }
  return { id, created };
}

const externalParams = z.strictObject({ externalId: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, "Not a CRM id.") });

export const upsertDealEndpoint: ApiEndpoint = {
  name: "deals.upsert",
  method: "PUT",
  path: "/deals/external/{externalId}",
  summary: "Create or update the deal with this CRM id. 201 when created, 200 when updated. If-Match is optional here.",
  tag: "Deals",
  roles: updateDeal.definition.roles,
  params: externalParams,
  body: upsertBody,
  response: dealSchema,
  handler: async ({ actor, params, body, tx, now, request }) => {
    const { externalId } = params as { externalId: string };
    const { id, created } = await upsertByExternalId(tx, actor, externalId, body as UpsertInput, now, versionFromIfMatch(request));
    return reply(await readDeal(actor, tx, id, now), created ? 201 : 200);
  },
};

export const BULK_MAX = 1000;

const bulkBody = z
  .strictObject({
    deals: z
      .array(upsertBody.extend({ externalId: externalIdField }))
      .min(1, "Send at least one deal.")
      .max(BULK_MAX, `Send at most ${BULK_MAX} deals per request.`),
  })
  .meta({ id: "DealBulkUpsert" });

export const bulkResultSchema = z
  .object({
    object: z.literal("bulk_result"),
    created: z.number().int(),
    updated: z.number().int(),
    data: z.array(z.object({ externalId: z.string(), id: z.string(), created: z.boolean() })),
  })
  .meta({ id: "DealBulkResult" });

export const bulkUpsertEndpoint: ApiEndpoint = {
  name: "deals.bulk-upsert",
  method: "POST",
  path: "/deals/bulk",
  summary: `Upsert up to ${BULK_MAX} deals by CRM id, all or nothing: one refused item refuses the request, with every item's errors under "items.N.field".`,
  tag: "Deals",
  roles: updateDeal.definition.roles,
  body: bulkBody,
  response: bulkResultSchema,
  transactionTimeoutMs: 600_000,
  handler: async ({ actor, body, tx, now }) => {
    const { deals } = body as z.output<typeof bulkBody>;
    // Set-based (lib/api/bulk-upsert.ts): the same rules as the single PUT, a fixed number of statements for any size.
    const results = await bulkUpsertDeals(tx, actor, deals as BulkItem[], now);
    return { object: "bulk_result" as const, created: results.filter((r) => r.created).length, updated: results.filter((r) => !r.created).length, data: results };
  },
};

export const DEAL_ENDPOINTS = [listDeals, getDeal, createDealEndpoint, updateDealEndpoint, upsertDealEndpoint, bulkUpsertEndpoint];
