// To the rep: their manager recorded a decision on one of their deals in the pipeline inspection.
import { Link, Text } from "@react-email/components";
import type { DecisionRecordedPayload, MailContext } from "@/lib/mail/messages";
import { MailLayout, line, link } from "@/lib/mail/templates/layout";

export function DecisionRecordedEmail({ data, ctx }: { data: DecisionRecordedPayload; ctx: MailContext }) {
  return (
    <MailLayout ctx={ctx} preview={`${data.managerName} decided "${data.decision}" on ${data.dealName}`} title={`A decision on ${data.dealName}`}>
      <Text style={line}>
        {data.managerName} recorded the decision <strong>{data.decision}</strong> on{" "}
        <Link href={`${ctx.appUrl}/deals/${data.dealId}`} style={link}>
          {data.dealName}
        </Link>
        .
      </Text>
      {data.note ? <Text style={line}>Note: {data.note}</Text> : null}
    </MailLayout>
  );
}
