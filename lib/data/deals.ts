// Scoped reads of deals: the "My deals" list (filters, sort, flags) and one deal's page with activities and history.
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerScope, userScope, type Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { listStages, type StageInfo } from "@/lib/data/stages";
import { describeChanges, type ChangeView } from "@/lib/data/deals-history";
import { addDays, dateOnly, startOfLocalDay, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { daysSinceMovement, daysSinceTouch, isPaused, isStale, nextStepState } from "@/lib/domain/deal-rules";

export type ListFlag = "stale" | "no_next_step" | "overdue" | "paused";
export const SORTS = ["moved", "touched", "amount", "closeDate", "nextStepDate", "name", "stage"] as const;
export type DealSort = (typeof SORTS)[number];

export interface DealFilters {
  status: "OPEN" | "WON" | "LOST";
  ownerId?: string;
  stageId?: string;
  flag?: ListFlag;
  q?: string;
  sort: DealSort;
  dir: "asc" | "desc";
}

export interface DealListRow {
  id: string;
  name: string;
  version: number;
  accountName: string | null;
  ownerName: string;
  stageName: string;
  amountMinor: string;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  daysSinceMovement: number;
  daysSinceTouch: number;
  pausedUntil: IsoDate | null;
  flags: ListFlag[];
}

export const LIST_LIMIT = 500;

/** Parses the list's query string; anything unknown falls back to the default. */
export function parseDealFilters(sp: Record<string, string | string[] | undefined>): DealFilters {
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const status = one("status")?.toUpperCase();
  const sort = one("sort") as DealSort | undefined;
  const flag = one("flag") as ListFlag | undefined;
  return {
    status: status === "WON" || status === "LOST" ? status : "OPEN",
    ownerId: one("owner") || undefined,
    stageId: one("stage") || undefined,
    flag: flag && ["stale", "no_next_step", "overdue", "paused"].includes(flag) ? flag : undefined,
    q: one("q")?.trim().slice(0, 100) || undefined,
    sort: sort && (SORTS as readonly string[]).includes(sort) ? sort : "moved",
    // Without a choice, the clocks sort most days first (the deals that need attention), other columns ascending.
    dir: one("dir") === "desc" || one("dir") === "asc" ? (one("dir") as "asc" | "desc") : !sort || sort === "moved" || sort === "touched" ? "desc" : "asc",
  };
}

function orderBy(sort: DealSort, dir: "asc" | "desc"): Prisma.DealOrderByWithRelationInput[] {
  // "moved"/"touched" sort by days: ascending days is the most recent instant first.
  const flip = dir === "asc" ? "desc" : "asc";
  switch (sort) {
    case "moved":
      return [{ lastMovedAt: flip }, { id: "asc" }];
    case "touched":
      return [{ lastTouchedAt: flip }, { id: "asc" }];
    case "amount":
      return [{ amountMinor: dir }, { id: "asc" }];
    case "closeDate":
      return [{ closeDate: dir }, { id: "asc" }];
    case "nextStepDate":
      return [{ nextStepDate: { sort: dir, nulls: "first" } }, { id: "asc" }];
    case "name":
      return [{ name: dir }, { id: "asc" }];
    case "stage":
      return [{ stage: { order: dir } }, { id: "asc" }];
  }
}

export async function listDeals(actor: Actor, filters: DealFilters, today: IsoDate, org: OrganisationSettings, db = prisma) {
  const tz = org.timeZone;
  const stages = await listStages(db);
  const todayDb = toDbDate(today);
  const flagWhere: Prisma.DealWhereInput | undefined = (() => {
    switch (filters.flag) {
      case "stale": {
        const minT = Math.min(org.staleThresholdDays, ...stages.map((s) => s.staleThresholdDays ?? org.staleThresholdDays));
        return { lastMovedAt: { lt: startOfLocalDay(addDays(today, -minT + 1), tz) } };
      }
      case "no_next_step":
        return { OR: [{ nextStep: null }, { nextStep: "" }, { nextStepDate: null }] };
      case "overdue":
        return { nextStepDate: { lt: todayDb } };
      case "paused":
        return { pausedUntil: { gt: todayDb } };
      default:
        return undefined;
    }
  })();
  const where: Prisma.DealWhereInput = {
    AND: [
      ownerScope(actor) as Prisma.DealWhereInput,
      { status: filters.status },
      filters.ownerId ? { ownerId: filters.ownerId } : {},
      filters.stageId ? { stageId: filters.stageId } : {},
      filters.q ? { OR: [{ name: { contains: filters.q, mode: "insensitive" } }, { account: { name: { contains: filters.q, mode: "insensitive" } } }] } : {},
      flagWhere ?? {},
    ],
  };
  const rows = await db.deal.findMany({
    where,
    orderBy: orderBy(filters.sort, filters.dir),
    take: LIST_LIMIT + 1,
    select: {
      id: true,
      name: true,
      version: true,
      status: true,
      amountMinor: true,
      closeDate: true,
      nextStep: true,
      nextStepDate: true,
      lastMovedAt: true,
      lastTouchedAt: true,
      pausedUntil: true,
      stageId: true,
      owner: { select: { name: true } },
      account: { select: { name: true } },
    },
  });
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const thresholds = { organisationDays: org.staleThresholdDays };
  const list: DealListRow[] = rows.slice(0, LIST_LIMIT).map((d) => {
    const pausedUntil = d.pausedUntil ? dateOnly(d.pausedUntil) : null;
    const nextStepDate = d.nextStepDate ? dateOnly(d.nextStepDate) : null;
    const stage = stageById.get(d.stageId);
    const flags: ListFlag[] = [];
    if (d.status === "OPEN") {
      const paused = isPaused({ pausedUntil }, today);
      if (paused) flags.push("paused");
      if (isStale({ status: "OPEN", lastMovedAt: d.lastMovedAt, stageStaleThresholdDays: stage?.staleThresholdDays, pausedUntil }, today, tz, thresholds)) flags.push("stale");
      const ns = nextStepState({ nextStep: d.nextStep, nextStepDate }, today);
      if (!paused && ns === "missing") flags.push("no_next_step");
      if (!paused && ns === "overdue") flags.push("overdue");
    }
    return {
      id: d.id,
      name: d.name,
      version: d.version,
      accountName: d.account?.name ?? null,
      ownerName: d.owner.name,
      stageName: stage?.name ?? "—",
      amountMinor: d.amountMinor.toString(),
      closeDate: dateOnly(d.closeDate),
      nextStep: d.nextStep,
      nextStepDate,
      daysSinceMovement: daysSinceMovement(d.lastMovedAt, today, tz),
      daysSinceTouch: daysSinceTouch(d.lastTouchedAt, today, tz),
      pausedUntil,
      flags,
    };
  });
  // The SQL prefilter is a superset for flags decided by the exact rules (stale thresholds, paused deals).
  const filtered = filters.flag ? list.filter((r) => r.flags.includes(filters.flag!)) : list;
  return { rows: filtered, truncated: rows.length > LIST_LIMIT, stages };
}

/** The people whose deals the actor may filter by (managers, executives, admins). */
export async function listDealOwners(actor: Actor, db = prisma) {
  if (actor.role === "REP") return [];
  return db.user.findMany({
    where: { AND: [userScope(actor), { role: { in: ["REP", "MANAGER"] } }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 1000,
  });
}

/**
 * The accounts an actor may put on a deal: a rep their own accounts and those of their deals; leadership any.
 * The picker and the deal actions share it, so a replayed id outside it is refused exactly like a missing one.
 */
export function usableAccountsWhere(actor: Actor): Prisma.AccountWhereInput {
  return actor.role === "REP" ? { OR: [{ ownerId: actor.id }, { deals: { some: { ownerId: actor.id } } }] } : {};
}

/** Accounts to pick from when creating or editing a deal. */
export async function listAccountOptions(actor: Actor, db = prisma) {
  return db.account.findMany({ where: usableAccountsWhere(actor), orderBy: { name: "asc" }, select: { id: true, name: true }, take: 1000 });
}

/** The account's id if the actor may put it on a deal; null for an unknown id and a forbidden one alike. */
export async function findUsableAccountId(actor: Actor, accountId: string, db: Pick<Tx, "account"> = prisma): Promise<string | null> {
  const account = await db.account.findFirst({ where: { AND: [{ id: accountId }, usableAccountsWhere(actor)] }, select: { id: true } });
  return account?.id ?? null;
}

export interface DealDetail {
  id: string;
  name: string;
  version: number;
  status: "OPEN" | "WON" | "LOST";
  ownerId: string;
  ownerName: string;
  ownerTeamId: string | null;
  accountId: string | null;
  accountName: string | null;
  stageId: string;
  stageName: string;
  amountMinor: string;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  qualified: boolean;
  lostReason: string | null;
  pausedUntil: IsoDate | null;
  pauseReason: string | null;
  pushCount: number;
  createdAt: string;
  closedAt: string | null;
  daysSinceMovement: number;
  daysSinceTouch: number;
  flags: ListFlag[];
  activities: { id: string; type: string; occurredOn: IsoDate; subject: string; notes: string | null; userName: string }[];
  history: ChangeView[];
  stages: StageInfo[];
}

/** One deal as the actor may see it; null when missing or not theirs (the page then answers 404). */
export async function getDeal(actor: Actor, id: string, today: IsoDate, org: OrganisationSettings, db = prisma): Promise<DealDetail | null> {
  const d = await db.deal.findFirst({
    where: { AND: [{ id }, ownerScope(actor) as Prisma.DealWhereInput] },
    select: {
      id: true,
      name: true,
      version: true,
      status: true,
      ownerId: true,
      owner: { select: { name: true, teamId: true } },
      accountId: true,
      account: { select: { name: true } },
      stageId: true,
      amountMinor: true,
      closeDate: true,
      nextStep: true,
      nextStepDate: true,
      qualified: true,
      lostReason: true,
      pausedUntil: true,
      pauseReason: true,
      pushCount: true,
      createdAt: true,
      closedAt: true,
      lastMovedAt: true,
      lastTouchedAt: true,
      activities: {
        orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
        take: 100,
        select: { id: true, type: true, occurredOn: true, subject: true, notes: true, user: { select: { name: true } } },
      },
      changes: {
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: 300,
        select: { field: true, oldValue: true, newValue: true, reason: true, at: true, actorName: true, actor: { select: { name: true } } },
      },
    },
  });
  if (!d) return null;
  const [stages, history] = await Promise.all([listStages(db), describeChanges(d.changes, db)]);
  const stage = stages.find((s) => s.id === d.stageId);
  const pausedUntil = d.pausedUntil ? dateOnly(d.pausedUntil) : null;
  const nextStepDate = d.nextStepDate ? dateOnly(d.nextStepDate) : null;
  const flags: ListFlag[] = [];
  if (d.status === "OPEN") {
    const paused = isPaused({ pausedUntil }, today);
    if (paused) flags.push("paused");
    if (isStale({ status: "OPEN", lastMovedAt: d.lastMovedAt, stageStaleThresholdDays: stage?.staleThresholdDays, pausedUntil }, today, org.timeZone, { organisationDays: org.staleThresholdDays })) flags.push("stale");
    const ns = nextStepState({ nextStep: d.nextStep, nextStepDate }, today);
    if (!paused && ns === "missing") flags.push("no_next_step");
    if (!paused && ns === "overdue") flags.push("overdue");
  }
  return {
    id: d.id,
    name: d.name,
    version: d.version,
    status: d.status,
    ownerId: d.ownerId,
    ownerName: d.owner.name,
    ownerTeamId: d.owner.teamId,
    accountId: d.accountId,
    accountName: d.account?.name ?? null,
    stageId: d.stageId,
    stageName: stage?.name ?? "—",
    amountMinor: d.amountMinor.toString(),
    closeDate: dateOnly(d.closeDate),
    nextStep: d.nextStep,
    nextStepDate,
    qualified: d.qualified,
    lostReason: d.lostReason,
    pausedUntil,
    pauseReason: d.pauseReason,
    pushCount: d.pushCount,
    createdAt: d.createdAt.toISOString(),
    closedAt: d.closedAt?.toISOString() ?? null,
    daysSinceMovement: daysSinceMovement(d.lastMovedAt, today, org.timeZone),
    daysSinceTouch: daysSinceTouch(d.lastTouchedAt, today, org.timeZone),
    flags,
    activities: d.activities.map((a) => ({ id: a.id, type: a.type, occurredOn: dateOnly(a.occurredOn), subject: a.subject, notes: a.notes, userName: a.user.name })),
    history,
    stages,
  };
}

/** The active members of a team, for reassigning a deal within it. */
export async function listTeamMembers(teamId: string | null, db = prisma) {
  if (!teamId) return [];
  return db.user.findMany({ where: { teamId, active: true, role: { in: ["REP", "MANAGER"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
