// Targets and quotas as the /targets page shows them, scoped to what the actor may read and set.
import "server-only";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { dateOnly, type IsoDate } from "@/lib/domain/calendar";

type Db = typeof prisma;

/** The teams whose targets the actor reads: managers their own, executives and admins all, reps their own team. */
function teamScope(actor: Actor): object {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  if (actor.role === "MANAGER") return { id: { in: [...actor.managedTeamIds] } };
  return { id: actor.teamId ?? "-" };
}

function repScope(actor: Actor): object {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return { role: "REP" };
  if (actor.role === "MANAGER") return { role: "REP", teamId: { in: [...actor.managedTeamIds] } };
  return { role: "REP", id: actor.id };
}

export interface TargetListRow {
  id: string;
  metric: string;
  category: string;
  periodType: string;
  periodStart: IsoDate | null;
  scope: string;
  scopeName: string;
  direction: string;
  value: number;
  isRelative: boolean;
  canEdit: boolean;
}

/** Targets that can apply to what the actor sees: organisation-wide, their teams', their reps'. */
export async function listTargets(actor: Actor, db: Db = prisma) {
  const [teams, reps] = await Promise.all([
    db.team.findMany({ where: { ...teamScope(actor), archivedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { ...repScope(actor), active: true }, select: { id: true, name: true, teamId: true }, orderBy: { name: "asc" } }),
  ]);
  const teamIds = teams.map((t) => t.id);
  const repIds = reps.map((r) => r.id);
  const targets = await db.kpiTarget.findMany({
    where: { OR: [{ scope: "ORGANISATION" }, { scope: "TEAM", teamId: { in: teamIds } }, { scope: "REP", userId: { in: repIds } }] },
    select: { id: true, metric: true, category: true, periodType: true, periodStart: true, scope: true, teamId: true, userId: true, direction: true, value: true, isRelative: true, team: { select: { name: true } }, user: { select: { name: true, teamId: true } } },
    orderBy: [{ category: "asc" }, { metric: "asc" }, { scope: "asc" }],
  });
  const canEditOrg = actor.role === "ADMIN" || actor.role === "EXECUTIVE";
  const managed = new Set(actor.managedTeamIds);
  return {
    teams,
    reps,
    targets: targets.map(
      (t): TargetListRow => ({
        id: t.id,
        metric: t.metric,
        category: t.category,
        periodType: t.periodType,
        periodStart: t.periodStart ? dateOnly(t.periodStart) : null,
        scope: t.scope,
        scopeName: t.scope === "ORGANISATION" ? "Organisation" : t.scope === "TEAM" ? (t.team?.name ?? "Team") : (t.user?.name ?? "Rep"),
        direction: t.direction,
        value: Number(t.value),
        isRelative: t.isRelative,
        canEdit:
          canEditOrg ||
          (actor.role === "MANAGER" && ((t.scope === "TEAM" && !!t.teamId && managed.has(t.teamId)) || (t.scope === "REP" && !!t.user?.teamId && managed.has(t.user.teamId)))),
      }),
    ),
  };
}

/** Quotas of the reps the actor reads, for the periods given (period starts). */
export async function listQuotas(actor: Actor, periodType: "MONTH" | "QUARTER", periodStarts: IsoDate[], db: Db = prisma) {
  const rows = await db.quota.findMany({
    where: { periodType, periodStart: { in: periodStarts.map((d) => new Date(`${d}T00:00:00.000Z`)) }, user: { ...repScope(actor), active: true } },
    select: { userId: true, periodStart: true, amountMinor: true },
  });
  return rows.map((q) => ({ userId: q.userId, periodStart: dateOnly(q.periodStart), amountMinor: q.amountMinor.toString() }));
}

/** For the action wrappers: a target with what the permission check needs. */
export async function loadTargetForAction(id: string, db: Db) {
  const t = await db.kpiTarget.findUnique({ where: { id }, select: { id: true, scope: true, teamId: true, user: { select: { teamId: true } } } });
  return t ? { id: t.id, scope: t.scope, teamId: t.teamId, repTeamId: t.user?.teamId ?? null } : null;
}

export async function loadQuotaRep(id: string, db: Db) {
  return db.user.findUnique({ where: { id }, select: { id: true, teamId: true, role: true } });
}
