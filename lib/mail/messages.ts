// The vocabulary of e-mail: every kind of message, the preference category it belongs to, and its payload type.
import type { IsoDate } from "@/lib/domain/calendar";

export const MAIL_CATEGORIES = ["digest", "reminder", "event"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

export const MAIL_CATEGORY_LABELS: Record<MailCategory, { label: string; help: string }> = {
  digest: { label: "Monday digest", help: "Your week at a glance, on the organisation's digest day." },
  reminder: { label: "Reminders", help: "Items due tomorrow or overdue, inspections and coaching not done." },
  event: { label: "Notifications", help: "A decision on your deal, an action item for you, a plan acknowledged, a webhook of yours failing." },
};

export const MAIL_KINDS = {
  "digest.rep": "digest",
  "digest.manager": "digest",
  "digest.executive": "digest",
  reminder: "reminder",
  "event.decision_recorded": "event",
  "event.action_item_created": "event",
  "event.plan_acknowledged": "event",
  "event.webhook_failing": "event",
} as const satisfies Record<string, MailCategory>;

export type MailKind = keyof typeof MAIL_KINDS;

export function categoryOf(kind: string): MailCategory {
  return (MAIL_KINDS as Record<string, MailCategory>)[kind] ?? "event";
}

/** Money travels in payloads as minor units in text (JSON has no BigInt). */
export type MinorText = string;

export interface DealLine {
  dealId: string;
  dealName: string;
  detail: string;
}

export interface RepDigestPayload {
  name: string;
  weekOf: IsoDate;
  nextSteps: { dealId: string; dealName: string; nextStep: string; date: IsoDate }[];
  overdue: { dealId: string; dealName: string; date: IsoDate }[];
  stale: { dealId: string; dealName: string; days: number }[];
  actionItems: { id: string; description: string; dueDate: IsoDate; dealId: string | null }[];
  planActions: { id: string; description: string; dueDate: IsoDate; sessionId: string }[];
  quota: { periodLabel: string; wonMinor: MinorText; quotaMinor: MinorText | null };
}

export interface ManagerDigestPayload {
  name: string;
  weekOf: IsoDate;
  flagged: { flag: string; count: number; valueMinor: MinorText }[];
  undecided: { count: number; sessionId: string | null };
  coachingDue: { repId: string; repName: string; lastHeldOn: IsoDate | null }[];
  flow: { created: number; createdMinor: MinorText; won: number; wonMinor: MinorText; lost: number; lostMinor: MinorText };
}

export interface ExecutiveDigestPayload {
  name: string;
  weekOf: IsoDate;
  teams: {
    teamId: string;
    teamName: string;
    inspectionDone: boolean;
    flaggedMinor: MinorText;
    pipelineMinor: MinorText;
    coverage: number | null;
    commitMinor: MinorText | null;
    quotaMinor: MinorText | null;
  }[];
}

export type ReminderType = "action_item" | "plan_action" | "next_step" | "inspection" | "coaching";

export interface ReminderPayload {
  name: string;
  type: ReminderType;
  itemId: string;
  title: string;
  dueDate: IsoDate | null;
  /** "due tomorrow", "overdue since …": written by the reminder rule, not the template. */
  state: string;
  /** The app path that shows the item. */
  path: string;
}

export interface DecisionRecordedPayload {
  repName: string;
  managerName: string;
  dealId: string;
  dealName: string;
  decision: string;
  note: string | null;
}

export interface ActionItemCreatedPayload {
  repName: string;
  managerName: string;
  actionItemId: string;
  description: string;
  dueDate: IsoDate;
  dealId: string | null;
  dealName: string | null;
}

export interface PlanAcknowledgedPayload {
  managerName: string;
  repName: string;
  repId: string;
  sessionId: string;
}

/** To a webhook's owner: a delivery failed for 24 hours and the subscription is now marked failing. */
export interface WebhookFailingPayload {
  name: string;
  subscriptionId: string;
  url: string;
  description: string | null;
  /** The instant it was marked failing (ISO), shown in the organisation's zone. */
  failingSince: string;
  deliveryId: string;
  eventType: string;
  attempts: number;
  lastError: string;
}

export interface PayloadByKind {
  "digest.rep": RepDigestPayload;
  "digest.manager": ManagerDigestPayload;
  "digest.executive": ExecutiveDigestPayload;
  reminder: ReminderPayload;
  "event.decision_recorded": DecisionRecordedPayload;
  "event.action_item_created": ActionItemCreatedPayload;
  "event.plan_acknowledged": PlanAcknowledgedPayload;
  "event.webhook_failing": WebhookFailingPayload;
}

/** What every template needs besides its payload: the organisation's settings and the links around the message. */
export interface MailContext {
  organisationName: string;
  timeZone: string;
  currency: string;
  language: string;
  /** Absolute base URL of the app (NEXTAUTH_URL), without a trailing slash. */
  appUrl: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}
