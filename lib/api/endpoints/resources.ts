// The other resources over the API: accounts, activities, leads, users, teams, stages (read), forecast submissions,
// KPI targets and quotas (read, and written through their actions), inspections with dispositions and action items.
// Every query is limited by the permission module's scopes, the same `where` the pages use.
import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerScope, userScope, type Actor } from "@/lib/auth/permissions";
import type { GuardedAction } from "@/lib/actions/safe-action";
import { submitForecast } from "@/lib/actions/forecast/submit-forecast";
import { setKpiTarget } from "@/lib/actions/targets/set-kpi-target";
import { setQuota } from "@/lib/actions/targets/set-quota";
import { logActivity } from "@/lib/actions/deals/log-activity";
import { createLead } from "@/lib/actions/leads/create-lead";
import { dateOnly } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { reply, type ApiEndpoint } from "@/lib/api/handler";
import { runActionInTx } from "@/lib/api/run-action";
import { idField } from "@/lib/data/deals-schema";
import { sessionScope } from "@/lib/data/inspection-sessions";
import { checkFields, idParams, listQuerySchema, listSchema, pageArgs, syncListQuerySchema, toPage } from "@/lib/api/list";

const iso = (d: Date) => d.toISOString();
const isoDate = (d: Date | null) => (d ? dateOnly(d) : null);

interface ListSpec<S extends z.ZodObject, R> {
  name: string;
  path: string;
  tag: string;
  summary: string;
  item: S;
  query?: z.ZodObject;
  find: (actor: Actor, q: Record<string, unknown>, page: ReturnType<typeof pageArgs>) => Promise<R[]>;
  map: (row: R) => z.infer<S>;
}

/** A read-only list endpoint with Stripe paging and sparse fields over a scoped query. */
function listEndpoint<S extends z.ZodObject, R>(spec: ListSpec<S, R>): ApiEndpoint {
  const keys = Object.keys(spec.item.shape);
  return {
    name: spec.name,
    method: "GET",
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    query: spec.query ?? listQuerySchema,
    response: listSchema(spec.item),
    handler: async ({ actor, query }) => {
      const q = query as Record<string, unknown> & { limit?: number; starting_after?: string; fields?: string };
      checkFields(q.fields, keys);
      const page = pageArgs(q);
      const rows = await spec.find(actor, q, page);
      return toPage(rows, page.limit, spec.map, q.fields);
    },
  };
}

/** A read endpoint for one object, found through the same scoped query as its list (a refusal is a 404). */
function getEndpoint<S extends z.ZodObject, R>(spec: ListSpec<S, R> & { label: string }): ApiEndpoint {
  return {
    name: spec.name.replace(/\.list$/, ".get"),
    method: "GET",
    path: `${spec.path}/{id}`,
    summary: `One ${spec.label.toLowerCase()}.`,
    tag: spec.tag,
    params: idParams,
    response: spec.item,
    handler: async ({ actor, params }) => {
      const { id } = params as { id: string };
      const rows = await spec.find(actor, {}, { limit: 1, cursor: { id }, take: 1, orderBy: { id: "asc" } } as never);
      if (!rows[0]) throw new AppError("NOT_FOUND", `${spec.label} was not found.`);
      return spec.map(rows[0]);
    },
  };
}

/** A POST that runs a server action's definition with the body as its input, then answers with the created object. */
function actionEndpoint(spec: {
  name: string;
  path: string;
  tag: string;
  summary: string;
  action: GuardedAction<unknown>;
  response: z.ZodType;
  read: (actor: Actor, id: string) => Promise<unknown>;
  idOf?: (data: unknown, body: Record<string, unknown>) => string | Promise<string>;
}): ApiEndpoint {
  return {
    name: spec.name,
    method: "POST",
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    body: spec.action.definition.schema,
    roles: spec.action.definition.roles,
    status: 201,
    response: spec.response,
    handler: async ({ actor, request, tx }) => {
      // The action's own strict schema parses the raw body (the wrapper already did, for the 400 and the NUL check).
      const raw = JSON.parse(await request.clone().text().catch(() => "{}")) as Record<string, unknown>;
      const data = await runActionInTx(spec.action, actor, raw, tx);
      const id = spec.idOf ? await spec.idOf(data, raw) : (data as { id: string }).id;
      const found = await spec.read(actor, id).catch(() => null);
      return reply(found ?? { id }, 201);
    },
  };
}

// ── Accounts ───────────────────────────────────────────────────────────────
export const accountSchema = z
  .object({ id: z.string(), name: z.string(), domain: z.string().nullable(), industry: z.string().nullable(), externalId: z.string().nullable(), ownerId: z.string().nullable(), createdAt: z.string() })
  .meta({ id: "Account" });

function accountScope(actor: Actor): Prisma.AccountWhereInput {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  return { OR: [{ owner: userScope(actor) as Prisma.UserWhereInput }, { deals: { some: ownerScope(actor) as Prisma.DealWhereInput } }] };
}

const accountList: ListSpec<typeof accountSchema, Prisma.AccountGetPayload<{ select: { id: true; name: true; domain: true; industry: true; externalId: true; ownerId: true; createdAt: true } }>> & { label: string } = {
  name: "accounts.list",
  path: "/accounts",
  tag: "Accounts",
  label: "Account",
  summary: "Accounts the token's user may read (their own and those of deals they read).",
  item: accountSchema,
  query: listQuerySchema.extend({ q: z.string().trim().max(100).optional() }),
  find: (actor, q, page) =>
    prisma.account.findMany({
      where: { AND: [accountScope(actor), page.cursor, q.q ? { name: { contains: String(q.q), mode: "insensitive" } } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      select: { id: true, name: true, domain: true, industry: true, externalId: true, ownerId: true, createdAt: true },
    }),
  map: (a) => ({ ...a, createdAt: iso(a.createdAt) }),
};

// ── Activities ─────────────────────────────────────────────────────────────
export const activitySchema = z
  .object({ id: z.string(), dealId: z.string().nullable(), userId: z.string(), type: z.enum(["CALL", "MEETING", "EMAIL", "NOTE"]), occurredOn: z.string(), subject: z.string(), notes: z.string().nullable(), createdAt: z.string() })
  .meta({ id: "Activity" });
const ACTIVITY_SELECT = { id: true, dealId: true, userId: true, type: true, occurredOn: true, subject: true, notes: true, createdAt: true } as const;
const activityList: ListSpec<typeof activitySchema, Prisma.ActivityGetPayload<{ select: typeof ACTIVITY_SELECT }>> & { label: string } = {
  name: "activities.list",
  path: "/activities",
  tag: "Activities",
  label: "Activity",
  summary: "Activities of the people the token's user may read.",
  item: activitySchema,
  query: listQuerySchema.extend({ deal_id: idField("deal").optional(), user_id: idField("user").optional() }),
  find: (actor, q, page) =>
    prisma.activity.findMany({
      where: { AND: [{ user: userScope(actor) as Prisma.UserWhereInput }, page.cursor, q.deal_id ? { dealId: String(q.deal_id) } : {}, q.user_id ? { userId: String(q.user_id) } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      select: ACTIVITY_SELECT,
    }),
  map: (a) => ({ ...a, occurredOn: dateOnly(a.occurredOn), createdAt: iso(a.createdAt) }),
};

// ── Leads ──────────────────────────────────────────────────────────────────
export const leadSchema = z
  .object({ id: z.string(), ownerId: z.string(), name: z.string(), company: z.string().nullable(), email: z.string().nullable(), icpQualified: z.boolean(), createdOn: z.string(), createdAt: z.string() })
  .meta({ id: "Lead" });
const LEAD_SELECT = { id: true, ownerId: true, name: true, company: true, email: true, icpQualified: true, createdOn: true, createdAt: true } as const;
const leadList: ListSpec<typeof leadSchema, Prisma.LeadGetPayload<{ select: typeof LEAD_SELECT }>> & { label: string } = {
  name: "leads.list",
  path: "/leads",
  tag: "Leads",
  label: "Lead",
  summary: "Leads the token's user may read.",
  item: leadSchema,
  query: listQuerySchema.extend({ owner_id: idField("owner").optional() }),
  find: (actor, q, page) =>
    prisma.lead.findMany({
      where: { AND: [ownerScope(actor) as Prisma.LeadWhereInput, page.cursor, q.owner_id ? { ownerId: String(q.owner_id) } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      select: LEAD_SELECT,
    }),
  map: (l) => ({ ...l, createdOn: dateOnly(l.createdOn), createdAt: iso(l.createdAt) }),
};

// ── Users and teams ────────────────────────────────────────────────────────
export const userSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["REP", "MANAGER", "EXECUTIVE", "ADMIN"]), teamId: z.string().nullable(), active: z.boolean(), updatedAt: z.string() })
  .meta({ id: "User" });
const USER_SELECT = { id: true, name: true, email: true, role: true, teamId: true, active: true, updatedAt: true } as const;
const userList: ListSpec<typeof userSchema, Prisma.UserGetPayload<{ select: typeof USER_SELECT }>> & { label: string } = {
  name: "users.list",
  path: "/users",
  tag: "Users and teams",
  label: "User",
  summary: "The people the token's user may read (a rep: themself; a manager: their teams).",
  item: userSchema,
  query: syncListQuerySchema.extend({ team_id: idField("team").optional() }),
  find: (actor, q, page) =>
    prisma.user.findMany({
      where: {
        AND: [userScope(actor) as Prisma.UserWhereInput, page.cursor, q.team_id ? { teamId: String(q.team_id) } : {}, q.updated_since ? { updatedAt: { gte: q.updated_since as Date } } : {}],
      },
      orderBy: page.orderBy,
      take: page.take,
      select: USER_SELECT,
    }),
  map: (u) => ({ ...u, updatedAt: iso(u.updatedAt) }),
};

export const teamSchema = z.object({ id: z.string(), name: z.string(), archived: z.boolean(), managerIds: z.array(z.string()) }).meta({ id: "Team" });
function teamScope(actor: Actor): Prisma.TeamWhereInput {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  return { id: { in: [...actor.managedTeamIds, ...(actor.teamId ? [actor.teamId] : [])] } };
}
const teamList: ListSpec<typeof teamSchema, { id: string; name: string; archivedAt: Date | null; managers: { userId: string }[] }> & { label: string } = {
  name: "teams.list",
  path: "/teams",
  tag: "Users and teams",
  label: "Team",
  summary: "Teams the token's user belongs to or manages (all, for executives and admins).",
  item: teamSchema,
  find: (actor, _q, page) =>
    prisma.team.findMany({
      where: { AND: [teamScope(actor), page.cursor] },
      orderBy: page.orderBy,
      take: page.take,
      select: { id: true, name: true, archivedAt: true, managers: { select: { userId: true } } },
    }),
  map: (t) => ({ id: t.id, name: t.name, archived: !!t.archivedAt, managerIds: t.managers.map((m) => m.userId) }),
};

// ── Stages ─────────────────────────────────────────────────────────────────
export const stageSchema = z
  .object({ id: z.string(), name: z.string(), order: z.number().int(), probability: z.number().int(), staleThresholdDays: z.number().int().nullable(), isLateStage: z.boolean(), isQualified: z.boolean() })
  .meta({ id: "Stage" });
const STAGE_SELECT = { id: true, name: true, order: true, probability: true, staleThresholdDays: true, isLateStage: true, isQualified: true } as const;
const stageList: ListSpec<typeof stageSchema, Prisma.PipelineStageGetPayload<{ select: typeof STAGE_SELECT }>> & { label: string } = {
  name: "stages.list",
  path: "/stages",
  tag: "Stages",
  label: "Stage",
  summary: "The pipeline's stages (everyone reads them).",
  item: stageSchema,
  find: (_actor, _q, page) => prisma.pipelineStage.findMany({ where: page.cursor, orderBy: page.orderBy, take: page.take, select: STAGE_SELECT }),
  map: (s) => s,
};

// ── Forecast submissions ───────────────────────────────────────────────────
export const forecastSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    scope: z.enum(["REP", "TEAM"]),
    teamId: z.string().nullable(),
    periodType: z.enum(["MONTH", "QUARTER", "YEAR"]),
    periodStart: z.string(),
    periodEnd: z.string(),
    commitMinor: z.number().int(),
    bestCaseMinor: z.number().int(),
    notes: z.string().nullable(),
    submittedAt: z.string(),
  })
  .meta({ id: "ForecastSubmission" });
const FORECAST_SELECT = { id: true, userId: true, scope: true, teamId: true, periodType: true, periodStart: true, periodEnd: true, commitMinor: true, bestCaseMinor: true, notes: true, submittedAt: true } as const;
function forecastScope(actor: Actor): Prisma.ForecastSubmissionWhereInput {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  if (actor.role === "MANAGER") return { OR: [{ userId: actor.id }, { teamId: { in: [...actor.managedTeamIds] } }, { user: { teamId: { in: [...actor.managedTeamIds] } } }] };
  return { userId: actor.id };
}
const forecastList: ListSpec<typeof forecastSchema, Prisma.ForecastSubmissionGetPayload<{ select: typeof FORECAST_SELECT }>> & { label: string } = {
  name: "forecasts.list",
  path: "/forecast-submissions",
  tag: "Forecasts and targets",
  label: "Forecast submission",
  summary: "Forecast submissions (each submission is kept) the token's user may read.",
  item: forecastSchema,
  find: (actor, _q, page) => prisma.forecastSubmission.findMany({ where: { AND: [forecastScope(actor), page.cursor] }, orderBy: page.orderBy, take: page.take, select: FORECAST_SELECT }),
  map: (f) => ({
    ...f,
    periodStart: dateOnly(f.periodStart),
    periodEnd: dateOnly(f.periodEnd),
    commitMinor: Number(f.commitMinor),
    bestCaseMinor: Number(f.bestCaseMinor),
    submittedAt: iso(f.submittedAt),
  }),
};

// ── KPI targets and quotas ─────────────────────────────────────────────────
export const targetSchema = z
  .object({
    id: z.string(),
    metric: z.string(),
    category: z.enum(["LEADING", "LAGGING", "QUALITY"]),
    periodType: z.enum(["MONTH", "QUARTER", "YEAR"]),
    periodStart: z.string().nullable(),
    scope: z.enum(["ORGANISATION", "TEAM", "REP"]),
    teamId: z.string().nullable(),
    userId: z.string().nullable(),
    direction: z.enum(["AT_LEAST", "AT_MOST"]),
    value: z.number(),
    isRelative: z.boolean(),
  })
  .meta({ id: "KpiTarget" });
const TARGET_SELECT = { id: true, metric: true, category: true, periodType: true, periodStart: true, scope: true, teamId: true, userId: true, direction: true, value: true, isRelative: true } as const;
function targetScope(actor: Actor): Prisma.KpiTargetWhereInput {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  const teams = actor.role === "MANAGER" ? [...actor.managedTeamIds] : actor.teamId ? [actor.teamId] : [];
  return {
    OR: [
      { scope: "ORGANISATION" },
      { scope: "TEAM", teamId: { in: teams } },
      { scope: "REP", user: userScope(actor) as Prisma.UserWhereInput },
    ],
  };
}
const targetList: ListSpec<typeof targetSchema, Prisma.KpiTargetGetPayload<{ select: typeof TARGET_SELECT }>> & { label: string } = {
  name: "targets.list",
  path: "/kpi-targets",
  tag: "Forecasts and targets",
  label: "KPI target",
  summary: "KPI targets that apply to what the token's user may read.",
  item: targetSchema,
  find: (actor, _q, page) => prisma.kpiTarget.findMany({ where: { AND: [targetScope(actor), page.cursor] }, orderBy: page.orderBy, take: page.take, select: TARGET_SELECT }),
  map: (t) => ({ ...t, periodStart: isoDate(t.periodStart), value: Number(t.value) }),
};

export const quotaSchema = z
  .object({ id: z.string(), userId: z.string(), periodType: z.enum(["MONTH", "QUARTER", "YEAR"]), periodStart: z.string(), periodEnd: z.string(), amountMinor: z.number().int() })
  .meta({ id: "Quota" });
const QUOTA_SELECT = { id: true, userId: true, periodType: true, periodStart: true, periodEnd: true, amountMinor: true } as const;
const quotaList: ListSpec<typeof quotaSchema, Prisma.QuotaGetPayload<{ select: typeof QUOTA_SELECT }>> & { label: string } = {
  name: "quotas.list",
  path: "/quotas",
  tag: "Forecasts and targets",
  label: "Quota",
  summary: "Quotas of the reps the token's user may read.",
  item: quotaSchema,
  query: listQuerySchema.extend({ user_id: idField("user").optional() }),
  find: (actor, q, page) =>
    prisma.quota.findMany({
      where: { AND: [{ user: userScope(actor) as Prisma.UserWhereInput }, page.cursor, q.user_id ? { userId: String(q.user_id) } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      select: QUOTA_SELECT,
    }),
  map: (q) => ({ ...q, periodStart: dateOnly(q.periodStart), periodEnd: dateOnly(q.periodEnd), amountMinor: Number(q.amountMinor) }),
};

// ── Inspections ────────────────────────────────────────────────────────────
export const inspectionSchema = z
  .object({
    id: z.string(),
    managerId: z.string(),
    teamId: z.string().nullable(),
    repId: z.string().nullable(),
    asOfDate: z.string(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    notes: z.string().nullable(),
    dispositions: z.array(z.object({ dealId: z.string(), disposition: z.string(), flags: z.array(z.string()), note: z.string().nullable() })),
    actionItems: z.array(
      z.object({ id: z.string(), description: z.string(), ownerId: z.string(), dealId: z.string().nullable(), dueDate: z.string(), status: z.enum(["OPEN", "DONE", "CANCELLED"]) }),
    ),
  })
  .meta({ id: "Inspection" });
const INSPECTION_SELECT = {
  id: true,
  managerId: true,
  teamId: true,
  repId: true,
  asOfDate: true,
  startedAt: true,
  completedAt: true,
  notes: true,
  dispositions: { select: { dealId: true, disposition: true, flags: true, note: true }, orderBy: { createdAt: "asc" } },
  actionItems: { select: { id: true, description: true, ownerId: true, dealId: true, dueDate: true, status: true }, orderBy: { dueDate: "asc" } },
} as const satisfies Prisma.InspectionSessionSelect;
const inspectionList: ListSpec<typeof inspectionSchema, Prisma.InspectionSessionGetPayload<{ select: typeof INSPECTION_SELECT }>> & { label: string } = {
  name: "inspections.list",
  path: "/inspections",
  tag: "Inspections",
  label: "Inspection",
  summary: "Pipeline inspections with their dispositions and action items, of the teams the token's user manages (all, for executives and admins; none for reps).",
  item: inspectionSchema,
  query: listQuerySchema.extend({ team_id: idField("team").optional() }),
  find: (actor, q, page) =>
    prisma.inspectionSession.findMany({
      // The inspection pages' own rule (sessionScope): the team's managers, executives and admins. A rep owning an
      // action item does not read the session, which holds every teammate's dispositions, notes and items.
      where: { AND: [sessionScope(actor), page.cursor, q.team_id ? { teamId: String(q.team_id) } : {}] },
      orderBy: page.orderBy,
      take: Math.min(page.take, 101),
      select: INSPECTION_SELECT,
    }),
  map: (s) => ({
    ...s,
    asOfDate: dateOnly(s.asOfDate),
    startedAt: iso(s.startedAt),
    completedAt: s.completedAt ? iso(s.completedAt) : null,
    actionItems: s.actionItems.map((a) => ({ ...a, dueDate: dateOnly(a.dueDate) })),
  }),
};

const readOne = <R>(spec: ListSpec<z.ZodObject, R>) => async (actor: Actor, id: string) => {
  const rows = await spec.find(actor, {}, { limit: 1, cursor: { id }, take: 1, orderBy: { id: "asc" } } as never);
  return rows[0] ? spec.map(rows[0]) : null;
};

const LISTS = [accountList, activityList, leadList, userList, teamList, stageList, forecastList, targetList, quotaList, inspectionList];

export const RESOURCE_ENDPOINTS: ApiEndpoint[] = [
  ...LISTS.flatMap((spec) => [listEndpoint(spec as never), getEndpoint(spec as never)]),
  actionEndpoint({
    name: "activities.create",
    path: "/activities",
    tag: "Activities",
    summary: "Log an activity on a deal (the deal form's rules and permissions).",
    action: logActivity as GuardedAction<unknown>,
    response: activitySchema,
    read: readOne(activityList as never),
  }),
  actionEndpoint({
    name: "leads.create",
    path: "/leads",
    tag: "Leads",
    summary: "Create a lead owned by the token's user.",
    action: createLead as GuardedAction<unknown>,
    response: leadSchema,
    read: readOne(leadList as never),
  }),
  actionEndpoint({
    name: "forecasts.submit",
    path: "/forecast-submissions",
    tag: "Forecasts and targets",
    summary: "Submit a forecast for the current period (as the forecast page does).",
    action: submitForecast as GuardedAction<unknown>,
    response: forecastSchema,
    read: readOne(forecastList as never),
  }),
  actionEndpoint({
    name: "targets.set",
    path: "/kpi-targets",
    tag: "Forecasts and targets",
    summary: "Set a KPI target (as the targets page does).",
    action: setKpiTarget as GuardedAction<unknown>,
    response: targetSchema,
    read: readOne(targetList as never),
  }),
  actionEndpoint({
    name: "quotas.set",
    path: "/quotas",
    tag: "Forecasts and targets",
    summary: "Set a rep's quota for a month or quarter.",
    action: setQuota as GuardedAction<unknown>,
    response: quotaSchema,
    read: readOne(quotaList as never),
  }),
];
