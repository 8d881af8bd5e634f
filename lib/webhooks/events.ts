// The events a webhook can subscribe to: the domain events of lib/events/types.ts that are published outside Cadence.
import { DOMAIN_EVENT_TYPES, type DomainEventType } from "@/lib/events/types";

/** Internal only: a decision's notification to the rep. Everything else is published. */
type InternalEvent = "inspection.decision_recorded";
export type WebhookEvent = Exclude<DomainEventType, InternalEvent>;

export const WEBHOOK_EVENTS: readonly WebhookEvent[] = DOMAIN_EVENT_TYPES.filter(
  (type): type is WebhookEvent => type !== "inspection.decision_recorded",
);

export function isWebhookEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
