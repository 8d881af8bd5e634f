// The first page of each role: a rep's week, the inspection status of teams (manager and executive), coaching due,
// and the organisation's state for administrators. A fixed number of queries per page, scoped like every other read.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { addDays, dateOnly, localDate, toDbDate, type IsoDate } from "@/lib/domain/calendar";

/** An inspection is weekly: due seven days after the last completed one (at once when there never was one). */
export const INSPECTION_EVERY_DAYS = 7;
/** A rep is due for coaching a month after their last completed session (DOMAIN.md: monthly coaching). */
export const COACHING_EVERY_DAYS = 30;

export interface DueNextStep {
  id: string;
  name: string;
  nextStep: string | null;
  nextStepDate: IsoDate;
}

export interface OpenPlanAction {
  id: string;
  description: string;
  dueDate: IsoDate;
  sessionId: string;
}

/** A rep's own deals whose next step is due today or overdue (paused deals wait), and their open plan actions. */
export async function loadRepWeek(actor: Actor, today: IsoDate, db = prisma) {
  const todayDb = toDbDate(today);
  const [dueNextSteps, planActions] = await Promise.all([
    db.deal.findMany({
      where: { ownerId: actor.id, status: "OPEN", nextStepDate: { lte: todayDb }, OR: [{ pausedUntil: null }, { pausedUntil: { lte: todayDb } }] },
      orderBy: [{ nextStepDate: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, name: true, nextStep: true, nextStepDate: true },
    }),
    db.planAction.findMany({
      where: { ownerId: actor.id, status: { not: "DONE" }, objective: { plan: { reviewedAt: null } } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: 50,
      select: { id: true, description: true, dueDate: true, objective: { select: { plan: { select: { sessionId: true } } } } },
    }),
  ]);
  return {
    dueNextSteps: dueNextSteps.map((d): DueNextStep => ({ id: d.id, name: d.name, nextStep: d.nextStep, nextStepDate: dateOnly(d.nextStepDate!) })),
    planActions: planActions.map((a): OpenPlanAction => ({ id: a.id, description: a.description, dueDate: dateOnly(a.dueDate), sessionId: a.objective.plan.sessionId })),
  };
}

export interface TeamInspectionStatus {
  teamId: string;
  teamName: string;
  lastCompletedOn: IsoDate | null;
  lastCompletedId: string | null;
  dueOn: IsoDate;
  overdue: boolean;
  openSessionId: string | null;
  openActionItems: number;
  overdueActionItems: number;
  /** Deals recorded as not discussed at the last completed inspection. */
  notDiscussed: number;
}

/** The inspection status of the actor's teams (a manager's own, every team for executives and admins). */
export async function loadInspectionStatus(actor: Actor, today: IsoDate, org: Pick<OrganisationSettings, "timeZone">, db = prisma): Promise<TeamInspectionStatus[]> {
  if (actor.role === "REP") return [];
  const teams = await db.team.findMany({
    where: actor.role === "MANAGER" ? { id: { in: [...actor.managedTeamIds] }, archivedAt: null } : { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  if (teams.length === 0) return [];
  const ids = teams.map((t) => t.id);
  const todayDb = toDbDate(today);
  const [last, open, items] = await Promise.all([
    // The last completed team-wide inspection per team, with its not-discussed count.
    db.$queryRaw<{ teamId: string; id: string; completedAt: Date; notDiscussed: number }[]>`
      SELECT DISTINCT ON (s."teamId") s."teamId", s.id, s."completedAt",
             (SELECT count(*)::int FROM "InspectionDisposition" d WHERE d."sessionId" = s.id AND d.disposition = 'NOT_DISCUSSED') AS "notDiscussed"
      FROM "InspectionSession" s
      WHERE s."teamId" IN (${Prisma.join(ids)}) AND s."repId" IS NULL AND s."completedAt" IS NOT NULL
      ORDER BY s."teamId", s."completedAt" DESC`,
    db.inspectionSession.findMany({ where: { teamId: { in: ids }, completedAt: null }, orderBy: { startedAt: "desc" }, select: { id: true, teamId: true } }),
    db.$queryRaw<{ teamId: string; open: number; overdue: number }[]>`
      SELECT s."teamId", count(*)::int AS open, count(*) FILTER (WHERE ai."dueDate" < ${todayDb}::date)::int AS overdue
      FROM "ActionItem" ai JOIN "InspectionSession" s ON s.id = ai."inspectionSessionId"
      WHERE ai.status = 'OPEN' AND s."teamId" IN (${Prisma.join(ids)})
      GROUP BY s."teamId"`,
  ]);
  return teams.map((t) => {
    const l = last.find((x) => x.teamId === t.id);
    const lastOn = l ? localDate(l.completedAt, org.timeZone) : null;
    const dueOn = lastOn ? addDays(lastOn, INSPECTION_EVERY_DAYS) : today;
    const i = items.find((x) => x.teamId === t.id);
    return {
      teamId: t.id,
      teamName: t.name,
      lastCompletedOn: lastOn,
      lastCompletedId: l?.id ?? null,
      dueOn,
      overdue: dueOn < today,
      openSessionId: open.find((o) => o.teamId === t.id)?.id ?? null,
      openActionItems: i?.open ?? 0,
      overdueActionItems: i?.overdue ?? 0,
      notDiscussed: l?.notDiscussed ?? 0,
    };
  });
}

export interface CoachingDue {
  repId: string;
  name: string;
  lastHeldOn: IsoDate | null;
}

/** The reps of a manager's teams whose last completed coaching session is a month old or more (or never). */
export async function loadCoachingDue(actor: Actor, today: IsoDate, db = prisma): Promise<CoachingDue[]> {
  if (actor.role !== "MANAGER" && actor.role !== "ADMIN") return [];
  const teamIds = actor.role === "MANAGER" ? [...actor.managedTeamIds] : null;
  if (teamIds && teamIds.length === 0) return [];
  const cutoff = toDbDate(addDays(today, -COACHING_EVERY_DAYS));
  const rows = await db.$queryRaw<{ repId: string; name: string; lastHeldOn: string | null }[]>`
    SELECT u.id AS "repId", u.name, max(c."heldOn")::text AS "lastHeldOn"
    FROM "User" u LEFT JOIN "CoachingSession" c ON c."repId" = u.id AND c."completedAt" IS NOT NULL
    WHERE u.role = 'REP' AND u.active ${teamIds ? Prisma.sql`AND u."teamId" IN (${Prisma.join(teamIds)})` : Prisma.empty}
    GROUP BY u.id, u.name
    HAVING max(c."heldOn") IS NULL OR max(c."heldOn") <= ${cutoff}::date
    ORDER BY max(c."heldOn") ASC NULLS FIRST, u.name ASC
    LIMIT 100`;
  return rows;
}

/** The organisation's state for administrators: who cannot sign in yet, the pipeline's stages, the latest imports. */
export async function loadAdminState(db = prisma) {
  const [withoutPassword, withoutPasswordCount, stages, imports, activeUsers, teams] = await Promise.all([
    db.user.findMany({ where: { active: true, passwordHash: null }, orderBy: { name: "asc" }, take: 10, select: { id: true, name: true, email: true, role: true } }),
    db.user.count({ where: { active: true, passwordHash: null } }),
    db.pipelineStage.findMany({ orderBy: { order: "asc" }, select: { id: true, name: true, probability: true, isLateStage: true } }),
    db.importJob.findMany({ orderBy: { startedAt: "desc" }, take: 5, select: { id: true, kind: true, status: true, fileName: true, startedAt: true, created: true, updated: true, rejected: true } }),
    db.user.count({ where: { active: true } }),
    db.team.count({ where: { archivedAt: null } }),
  ]);
  return { withoutPassword, withoutPasswordCount, stages, imports, activeUsers, teams };
}
