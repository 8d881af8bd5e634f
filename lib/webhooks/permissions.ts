// Who may manage a webhook subscription: admins any; managers those of the teams they manage.
import type { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";

export function canManageWebhook(actor: Actor, sub: { teamId: string | null }): boolean {
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && !!sub.teamId && actor.managedTeamIds.includes(sub.teamId);
}

/** The subscriptions an actor sees on the webhooks page. */
export function webhookScope(actor: Actor) {
  return actor.role === "ADMIN" ? {} : { teamId: { in: [...actor.managedTeamIds] } };
}

export async function loadSubscriptionForAction(id: string, db: typeof prisma) {
  return db.webhookSubscription.findUnique({ where: { id }, select: { id: true, teamId: true } });
}

export async function loadDeliveryForAction(id: string, db: typeof prisma) {
  const d = await db.webhookDelivery.findUnique({ where: { id }, select: { id: true, status: true, subscription: { select: { teamId: true } } } });
  return d ? { id: d.id, status: d.status, teamId: d.subscription.teamId } : null;
}
