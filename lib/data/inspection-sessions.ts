// Recorded inspections: one session with its dispositions and action items, and the list of past sessions.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canReadTeam, type Actor } from "@/lib/auth/permissions";
import { dateOnly, type IsoDate } from "@/lib/domain/calendar";

/**
 * The teams whose inspections the actor may read, as a `where` on sessions: the pages' rule and the API's. A rep
 * reads no session record (only their own action items, on their inspection view), even one holding their item.
 */
export function sessionScope(actor: Actor): Prisma.InspectionSessionWhereInput {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return {};
  if (actor.role === "MANAGER") return { teamId: { in: [...actor.managedTeamIds] } };
  return { id: "__none__" };
}

export interface SessionRecord {
  id: string;
  teamId: string | null;
  teamName: string | null;
  repId: string | null;
  repName: string | null;
  managerName: string;
  asOfDate: IsoDate;
  startedAt: string;
  completedAt: string | null;
  notes: string | null;
  dispositions: { dealId: string; dealName: string; ownerName: string; disposition: string; flags: string[]; note: string | null }[];
  actionItems: { id: string; description: string; ownerName: string; dueDate: IsoDate; status: string; dealId: string | null; dealName: string | null }[];
}

export async function getInspectionSession(actor: Actor, id: string, db = prisma): Promise<SessionRecord | null> {
  const s = await db.inspectionSession.findFirst({
    where: { AND: [{ id }, sessionScope(actor)] },
    select: {
      id: true,
      teamId: true,
      team: { select: { name: true } },
      repId: true,
      rep: { select: { name: true } },
      manager: { select: { name: true } },
      asOfDate: true,
      startedAt: true,
      completedAt: true,
      notes: true,
      dispositions: {
        orderBy: { createdAt: "asc" },
        select: { dealId: true, disposition: true, flags: true, note: true, deal: { select: { name: true, owner: { select: { name: true } } } } },
      },
      actionItems: {
        orderBy: { createdAt: "asc" },
        select: { id: true, description: true, dueDate: true, status: true, owner: { select: { name: true } }, deal: { select: { id: true, name: true } } },
      },
    },
  });
  if (!s || (s.teamId && !canReadTeam(actor, s.teamId))) return null;
  return {
    id: s.id,
    teamId: s.teamId,
    teamName: s.team?.name ?? null,
    repId: s.repId,
    repName: s.rep?.name ?? null,
    managerName: s.manager.name,
    asOfDate: dateOnly(s.asOfDate),
    startedAt: s.startedAt.toISOString(),
    completedAt: s.completedAt?.toISOString() ?? null,
    notes: s.notes,
    dispositions: s.dispositions.map((d) => ({ dealId: d.dealId, dealName: d.deal.name, ownerName: d.deal.owner.name, disposition: d.disposition, flags: d.flags, note: d.note })),
    actionItems: s.actionItems.map((a) => ({ id: a.id, description: a.description, ownerName: a.owner.name, dueDate: dateOnly(a.dueDate), status: a.status, dealId: a.deal?.id ?? null, dealName: a.deal?.name ?? null })),
  };
}

export async function listInspectionSessions(actor: Actor, db = prisma) {
  const rows = await db.inspectionSession.findMany({
    where: sessionScope(actor),
    orderBy: { startedAt: "desc" },
    take: 200,
    select: {
      id: true,
      asOfDate: true,
      completedAt: true,
      team: { select: { name: true } },
      rep: { select: { name: true } },
      manager: { select: { name: true } },
      _count: { select: { dispositions: true, actionItems: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    asOfDate: dateOnly(r.asOfDate),
    completed: !!r.completedAt,
    teamName: r.team?.name ?? null,
    repName: r.rep?.name ?? null,
    managerName: r.manager.name,
    dispositions: r._count.dispositions,
    actionItems: r._count.actionItems,
  }));
}

/**
 * The deals recorded as not discussed at the last completed inspection of the same team (or rep) before this one:
 * the next inspection opens with them. Scoped like the session itself (the caller has already read it).
 */
export async function notDiscussedLastTime(session: Pick<SessionRecord, "id" | "teamId" | "repId" | "startedAt">, db = prisma): Promise<string[]> {
  const last = await db.inspectionSession.findFirst({
    where: { teamId: session.teamId, repId: session.repId, completedAt: { not: null }, id: { not: session.id }, startedAt: { lt: new Date(session.startedAt) } },
    orderBy: { startedAt: "desc" },
    select: { dispositions: { where: { disposition: "NOT_DISCUSSED" }, select: { dealId: true } } },
  });
  return last?.dispositions.map((d) => d.dealId) ?? [];
}
