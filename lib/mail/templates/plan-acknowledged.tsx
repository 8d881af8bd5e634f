// To the manager: a rep acknowledged the 30-day development plan.
import { Link, Text } from "@react-email/components";
import type { MailContext, PlanAcknowledgedPayload } from "@/lib/mail/messages";
import { MailLayout, line, link } from "@/lib/mail/templates/layout";

export function PlanAcknowledgedEmail({ data, ctx }: { data: PlanAcknowledgedPayload; ctx: MailContext }) {
  return (
    <MailLayout ctx={ctx} preview={`${data.repName} acknowledged the development plan`} title={`${data.repName} acknowledged the plan`}>
      <Text style={line}>
        {data.repName} acknowledged the 30-day development plan from{" "}
        <Link href={`${ctx.appUrl}/coaching/sessions/${data.sessionId}`} style={link}>
          the coaching session
        </Link>
        .
      </Text>
    </MailLayout>
  );
}
