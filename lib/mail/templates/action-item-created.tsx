// To the rep: their manager created an action item for them.
import { Link, Text } from "@react-email/components";
import { formatDate } from "@/lib/format";
import type { ActionItemCreatedPayload, MailContext } from "@/lib/mail/messages";
import { MailLayout, line, link } from "@/lib/mail/templates/layout";

export function ActionItemCreatedEmail({ data, ctx }: { data: ActionItemCreatedPayload; ctx: MailContext }) {
  return (
    <MailLayout ctx={ctx} preview={`New action item: ${data.description}`} title="A new action item for you">
      <Text style={line}>
        {data.managerName} asked you to: <strong>{data.description}</strong>, due {formatDate(data.dueDate)}.
      </Text>
      {data.dealId ? (
        <Text style={line}>
          Deal:{" "}
          <Link href={`${ctx.appUrl}/deals/${data.dealId}`} style={link}>
            {data.dealName ?? "open the deal"}
          </Link>
        </Text>
      ) : null}
    </MailLayout>
  );
}
