// Who reacts to domain events inside the emitting transaction. Each subscriber writes its own outbox rows
// (e-mail notifications, webhook deliveries); delivery happens later, from the job queue (lib/jobs). A subscriber takes
// the events of one emit in order, so a bulk write (e.g. 1,000 deals over the API) costs a few statements, not one per event.
import type { Tx } from "@/lib/db";
import type { EmittedEvent } from "@/lib/events/types";
import { mailNotificationSubscriber } from "@/lib/mail/notifications";
import { webhookOutboxSubscriber } from "@/lib/webhooks/outbox";

export type EventSubscriber = (tx: Tx, events: readonly EmittedEvent[]) => Promise<void>;

/** A subscriber written for one event at a time, called for each in order. */
function oneByOne(subscriber: (tx: Tx, event: EmittedEvent) => Promise<void>): EventSubscriber {
  return async (tx, events) => {
    for (const event of events) await subscriber(tx, event);
  };
}

export const eventSubscribers: EventSubscriber[] = [webhookOutboxSubscriber, oneByOne(mailNotificationSubscriber)];
