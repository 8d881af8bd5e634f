// Domain events: one row per thing that happened, written inside the transaction of the change itself, then fanned
// out (in that same transaction) to every subscriber registered in lib/events/subscribers.ts — the e-mail outbox,
// the webhook outbox. A rolled-back write therefore emits nothing, and a committed one is never lost.
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { eventSubscribers } from "@/lib/events/subscribers";
import type { DomainEventInput, EmittedEvent } from "@/lib/events/types";

export type { DomainEventInput, EmittedEvent, DomainEventType } from "@/lib/events/types";

/** Records the event and hands it to every subscriber, all inside `tx`. */
export async function emitEvent(tx: Tx, event: DomainEventInput): Promise<EmittedEvent> {
  const row = await tx.domainEvent.create({
    data: {
      type: event.type,
      occurredAt: event.occurredAt,
      actorId: event.actorId ?? null,
      dealId: event.dealId ?? null,
      teamId: event.teamId ?? null,
      subjectUserId: event.subjectUserId ?? null,
      payload: event.payload as object,
    },
    select: { id: true, occurredAt: true },
  });
  const emitted: EmittedEvent = { ...event, id: row.id, occurredAt: row.occurredAt };
  for (const subscriber of eventSubscribers) await subscriber(tx, [emitted]);
  return emitted;
}

/**
 * Many events at once, in order (a bulk write): one INSERT for the events, then each subscriber once for all of them.
 * The ids are made here (cuid-like, time-ordered within the batch) so that each row keeps its place.
 */
export async function emitEventBatch(tx: Tx, events: readonly DomainEventInput[]): Promise<EmittedEvent[]> {
  if (events.length === 0) return [];
  const prefix = `ev${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;
  const emitted: EmittedEvent[] = events.map((event, i) => ({ ...event, id: `${prefix}${i.toString(36).padStart(4, "0")}` }));
  await tx.domainEvent.createMany({
    data: emitted.map((e) => ({
      id: e.id,
      type: e.type,
      occurredAt: e.occurredAt,
      actorId: e.actorId ?? null,
      dealId: e.dealId ?? null,
      teamId: e.teamId ?? null,
      subjectUserId: e.subjectUserId ?? null,
      payload: e.payload as object,
    })),
  });
  for (const subscriber of eventSubscribers) await subscriber(tx, emitted);
  return emitted;
}

/** Several events of one change (e.g. a deal moved and won) in order. */
export async function emitEvents(tx: Tx, events: readonly DomainEventInput[]): Promise<EmittedEvent[]> {
  const out: EmittedEvent[] = [];
  for (const event of events) out.push(await emitEvent(tx, event));
  return out;
}
