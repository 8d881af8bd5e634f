// Shared pieces of the inspection actions: loading a session for the permission check and checking deal scope.
import type { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { canManageTeam } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";

export interface SessionObject {
  id: string;
  teamId: string | null;
  repId: string | null;
  completedAt: Date | null;
}

export async function loadInspectionSession(id: string, db: typeof prisma): Promise<SessionObject | null> {
  return db.inspectionSession.findUnique({ where: { id }, select: { id: true, teamId: true, repId: true, completedAt: true } });
}

/** Recording an inspection is the work of the team's managers (and admins). */
export function canRunSession(actor: Actor, session: SessionObject): boolean {
  return !!session.teamId && canManageTeam(actor, session.teamId);
}

/** The `where` on deals that an inspection session covers: its team, or its one rep. */
export function sessionDealScope(session: Pick<SessionObject, "teamId" | "repId">) {
  return session.repId ? { ownerId: session.repId } : { owner: { teamId: session.teamId ?? "__none__" } };
}

/** A deal named in an inspection input must be in the session's scope; otherwise it is unknown here. */
export async function requireDealInSession(tx: Tx, session: SessionObject, dealId: string, field = "dealId") {
  const deal = await tx.deal.findFirst({ where: { id: dealId, ...sessionDealScope(session) }, select: { id: true, ownerId: true } });
  if (!deal) throw invalid(field, "Choose a deal of this inspection's team.");
  return deal;
}

/** An action item's owner: a member of the team or one of its managers. */
export async function requireTeamPerson(tx: Tx, teamId: string, userId: string, field = "ownerId") {
  const user = await tx.user.findFirst({
    where: { id: userId, active: true, OR: [{ teamId }, { managedTeams: { some: { teamId } } }] },
    select: { id: true },
  });
  if (!user) throw invalid(field, "Choose someone in this team.");
  return user;
}

export function requireOpenSession(session: SessionObject) {
  if (session.completedAt) throw invalid("_form", "This inspection is complete; start a new one to record more.");
}
