// The webhook outbox subscriber: inside the emitting transaction, one WebhookDelivery per active subscription that
// listens to the event and whose owner may see its object (admins: everything; managers: their teams' events).
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { EmittedEvent } from "@/lib/events/types";
import { isWebhookEvent } from "@/lib/webhooks/events";

export function newDeliveryId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The body a receiver gets (Standard Webhooks shape: type, timestamp, data). */
export function webhookBody(event: Pick<EmittedEvent, "id" | "type" | "occurredAt" | "payload">) {
  return { type: event.type, timestamp: event.occurredAt.toISOString(), eventId: event.id, data: event.payload };
}

type ActiveSubscription = { id: string; ownerId: string; teamId: string | null; events: string[] };
const perTransaction = new WeakMap<Tx, Promise<ActiveSubscription[]>>();

/** The active subscriptions, read once per transaction: a bulk write emitting thousands of events asks once. */
function activeSubscriptions(tx: Tx): Promise<ActiveSubscription[]> {
  // Only inside a transaction: the root client (which has $transaction) is long-lived and must read fresh rows.
  if ("$transaction" in (tx as object)) return tx.webhookSubscription.findMany({ where: { active: true }, select: { id: true, ownerId: true, teamId: true, events: true } });
  let found = perTransaction.get(tx);
  if (!found) {
    found = tx.webhookSubscription.findMany({ where: { active: true }, select: { id: true, ownerId: true, teamId: true, events: true } });
    perTransaction.set(tx, found);
  }
  return found;
}

/** Writes the deliveries of these events (in their order) for every subscription that may see each of them. */
export async function webhookOutboxSubscriber(tx: Tx, events: readonly EmittedEvent[]): Promise<void> {
  const wanted = events.filter((e) => isWebhookEvent(e.type));
  if (wanted.length === 0) return;
  const all = await activeSubscriptions(tx);
  const matches = wanted.map((event) => ({ event, subscriptions: all.filter((s) => s.events.includes(event.type) && (s.teamId === null || s.teamId === event.teamId)) }));
  const ownerIds = [...new Set(matches.flatMap((m) => m.subscriptions.map((s) => s.ownerId)))];
  if (ownerIds.length === 0) return;
  const owners = await tx.user.findMany({
    where: { id: { in: ownerIds }, active: true },
    select: { id: true, role: true, managedTeams: { select: { teamId: true } } },
  });
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  // The owner's rights of this moment decide: an owner demoted or deactivated since subscribing receives nothing.
  const maySee = (s: ActiveSubscription, event: EmittedEvent) => {
    const owner = ownerById.get(s.ownerId);
    if (!owner) return false;
    if (owner.role === "ADMIN") return true;
    if (owner.role !== "MANAGER" || !s.teamId || s.teamId !== event.teamId) return false;
    return owner.managedTeams.some((m) => m.teamId === s.teamId);
  };
  // One statement; rows in event order, so each subscription's `seq` follows the order of the events.
  const data = matches.flatMap(({ event, subscriptions }) =>
    subscriptions
      .filter((s) => maySee(s, event))
      .map((s) => ({
        id: newDeliveryId(),
        subscriptionId: s.id,
        eventId: event.id,
        eventType: event.type,
        payload: webhookBody(event) as object,
        nextAttemptAt: event.occurredAt,
        createdAt: event.occurredAt,
      })),
  );
  if (data.length) await tx.webhookDelivery.createMany({ data });
}
