// E-mail on domain events, written in the emitting transaction (a subscriber of lib/events/subscribers.ts):
// a rep hears of a decision on their deal and of an action item given to them; a manager of a plan acknowledged.
import type { Tx } from "@/lib/db";
import type { EmittedEvent } from "@/lib/events/types";
import { enqueueMail, type OutboxMessage } from "@/lib/mail/outbox";

const DECISION_LABELS: Record<string, string> = {
  KEEP: "keep as is",
  COMMIT: "commit",
  PUSH: "push the close date",
  CLOSE_OUT: "close it out",
  PAUSE: "pause",
  NEXT_STEP: "set a next step",
  REASSIGN: "reassign",
};

export function decisionLabel(kind: string): string {
  return DECISION_LABELS[kind] ?? kind.toLowerCase().replaceAll("_", " ");
}

interface Person {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

async function people(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true, active: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

export async function mailNotificationSubscriber(tx: Tx, event: EmittedEvent): Promise<void> {
  const p = event.payload;
  let message: OutboxMessage | null = null;
  if (event.type === "inspection.decision_recorded" || event.type === "action_item.created") {
    if (!event.subjectUserId || event.subjectUserId === event.actorId) return; // nobody to tell but the author
    const found = await people(tx, [event.subjectUserId, event.actorId]);
    const rep = found.get(event.subjectUserId);
    if (!rep?.active) return;
    const managerName = (event.actorId && found.get(event.actorId)?.name) || "Your manager";
    const deal = (p.deal ?? null) as { id?: string; name?: string } | null;
    if (event.type === "inspection.decision_recorded") {
      if (!deal?.id) return;
      const decision = decisionLabel(text(p.decision) ?? "");
      message = {
        key: `event:${event.id}:${rep.id}`,
        userId: rep.id,
        recipient: rep.email,
        kind: "event.decision_recorded",
        subject: `${managerName} decided "${decision}" on ${deal.name ?? "your deal"}`,
        payload: { repName: rep.name, managerName, dealId: deal.id, dealName: deal.name ?? "your deal", decision, note: text(p.note) },
      };
    } else {
      const description = text(p.description) ?? "an action item";
      message = {
        key: `event:${event.id}:${rep.id}`,
        userId: rep.id,
        recipient: rep.email,
        kind: "event.action_item_created",
        subject: `New action item: ${description}`,
        payload: {
          repName: rep.name,
          managerName,
          actionItemId: text(p.actionItemId) ?? "",
          description,
          dueDate: text(p.dueDate) ?? "",
          dealId: deal?.id ?? event.dealId ?? null,
          dealName: deal?.name ?? null,
        },
      };
    }
  } else if (event.type === "coaching.plan_acknowledged") {
    const managerId = text(p.managerId);
    const found = await people(tx, [managerId, event.actorId]);
    const manager = managerId ? found.get(managerId) : undefined;
    if (!manager?.active) return;
    const repName = (event.actorId && found.get(event.actorId)?.name) || "A rep";
    message = {
      key: `event:${event.id}:${manager.id}`,
      userId: manager.id,
      recipient: manager.email,
      kind: "event.plan_acknowledged",
      subject: `${repName} acknowledged the development plan`,
      payload: { managerName: manager.name, repName, repId: event.actorId ?? "", sessionId: text(p.sessionId) ?? "" },
    };
  }
  if (message) await enqueueMail(tx, [message], event.occurredAt);
}
