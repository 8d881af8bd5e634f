// A reminder: one item that is due tomorrow or overdue (action item, plan action, next step, inspection, coaching).
import { Button, Text } from "@react-email/components";
import type { MailContext, ReminderPayload } from "@/lib/mail/messages";
import { MailLayout, line } from "@/lib/mail/templates/layout";

export const REMINDER_HEADINGS: Record<ReminderPayload["type"], string> = {
  action_item: "Action item",
  plan_action: "Development plan action",
  next_step: "Next step",
  inspection: "Pipeline inspection",
  coaching: "Coaching session",
};

export function ReminderEmail({ data, ctx }: { data: ReminderPayload; ctx: MailContext }) {
  const heading = REMINDER_HEADINGS[data.type];
  return (
    <MailLayout ctx={ctx} preview={`${heading} ${data.state}: ${data.title}`} title={`${heading} ${data.state}`}>
      <Text style={line}>Hello {data.name},</Text>
      <Text style={line}>
        {data.title} — {data.state}.
      </Text>
      <Button href={`${ctx.appUrl}${data.path}`} style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", marginTop: "12px" }}>
        Open it in Cadence
      </Button>
    </MailLayout>
  );
}
