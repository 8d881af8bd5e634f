// Turns an outbox row's kind and payload into the HTML and plain-text parts (one template per kind).
import { createElement, type ReactElement } from "react";
import { render } from "@react-email/render";
import type { MailContext, MailKind, PayloadByKind } from "@/lib/mail/messages";
import { RepDigestEmail } from "@/lib/mail/templates/rep-digest";
import { ManagerDigestEmail } from "@/lib/mail/templates/manager-digest";
import { ExecutiveDigestEmail } from "@/lib/mail/templates/executive-digest";
import { ReminderEmail } from "@/lib/mail/templates/reminder";
import { DecisionRecordedEmail } from "@/lib/mail/templates/decision-recorded";
import { ActionItemCreatedEmail } from "@/lib/mail/templates/action-item-created";
import { PlanAcknowledgedEmail } from "@/lib/mail/templates/plan-acknowledged";
import { WebhookFailingEmail } from "@/lib/mail/templates/webhook-failing";

type Template<K extends MailKind> = (props: { data: PayloadByKind[K]; ctx: MailContext }) => ReactElement;

const TEMPLATES: { [K in MailKind]: Template<K> } = {
  "digest.rep": RepDigestEmail,
  "digest.manager": ManagerDigestEmail,
  "digest.executive": ExecutiveDigestEmail,
  reminder: ReminderEmail,
  "event.decision_recorded": DecisionRecordedEmail,
  "event.action_item_created": ActionItemCreatedEmail,
  "event.plan_acknowledged": PlanAcknowledgedEmail,
  "event.webhook_failing": WebhookFailingEmail,
};

export function isMailKind(kind: string): kind is MailKind {
  return kind in TEMPLATES;
}

export async function renderMail<K extends MailKind>(kind: K, data: PayloadByKind[K], ctx: MailContext): Promise<{ html: string; text: string }> {
  const element = createElement(TEMPLATES[kind] as Template<K>, { data, ctx });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
