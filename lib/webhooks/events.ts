// The events a webhook can subscribe to (a subset of lib/events/types.ts: the ones published outside Cadence).
export const WEBHOOK_EVENTS = [
  "deal.created",
  "deal.updated",
  "deal.moved",
  "deal.won",
  "deal.lost",
  "deal.pushed",
  "deal.became_stale",
  "inspection.completed",
  "action_item.created",
  "action_item.done",
  "coaching.plan_acknowledged",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
