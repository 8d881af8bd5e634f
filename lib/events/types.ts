// The vocabulary of domain events: the names webhooks publish and notifications react to.
export const DOMAIN_EVENT_TYPES = [
  "deal.created",
  "deal.updated",
  "deal.moved",
  "deal.won",
  "deal.lost",
  "deal.pushed",
  "deal.became_stale",
  "inspection.completed",
  "inspection.decision_recorded",
  "action_item.created",
  "action_item.done",
  "coaching.plan_acknowledged",
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEventInput {
  type: DomainEventType;
  /** When it happened (the transaction's `now`, passed in; never read from a clock here). */
  occurredAt: Date;
  actorId?: string | null;
  dealId?: string | null;
  /** The team whose members and managers may see it: scopes webhook payloads and notifications. */
  teamId?: string | null;
  /** The user it is about (the deal's owner, the action item's owner, the plan's rep). */
  subjectUserId?: string | null;
  /** JSON-safe: ids, names, amounts in minor units as strings, dates as ISO text. */
  payload: Record<string, unknown>;
}

export interface EmittedEvent extends DomainEventInput {
  id: string;
}
