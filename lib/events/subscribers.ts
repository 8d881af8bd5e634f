// Who reacts to a domain event inside the emitting transaction. Each subscriber writes its own outbox rows
// (e-mail notifications, webhook deliveries); delivery happens later, from the job queue (lib/jobs).
import type { Tx } from "@/lib/db";
import type { EmittedEvent } from "@/lib/events/types";
import { mailNotificationSubscriber } from "@/lib/mail/notifications";
import { webhookOutboxSubscriber } from "@/lib/webhooks/outbox";

export type EventSubscriber = (tx: Tx, event: EmittedEvent) => Promise<void>;

export const eventSubscribers: EventSubscriber[] = [webhookOutboxSubscriber, mailNotificationSubscriber];
