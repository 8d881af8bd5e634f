// Domain events: one row per thing that happened, written inside the transaction of the change itself, then fanned
// out (in that same transaction) to every subscriber registered in lib/events/subscribers.ts — the e-mail outbox,
// the webhook outbox. A rolled-back write therefore emits nothing, and a committed one is never lost.
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
  for (const subscriber of eventSubscribers) await subscriber(tx, emitted);
  return emitted;
}

/** Several events of one change (e.g. a deal moved and won) in order. */
export async function emitEvents(tx: Tx, events: readonly DomainEventInput[]): Promise<EmittedEvent[]> {
  const out: EmittedEvent[] = [];
  for (const event of events) out.push(await emitEvent(tx, event));
  return out;
}
