// To a webhook's owner: one delivery kept failing for 24 hours, so the subscription is marked failing.
import { Link, Text } from "@react-email/components";
import { formatInstant } from "@/lib/format";
import type { MailContext, WebhookFailingPayload } from "@/lib/mail/messages";
import { MailLayout, line, link, muted } from "@/lib/mail/templates/layout";

export function WebhookFailingEmail({ data, ctx }: { data: WebhookFailingPayload; ctx: MailContext }) {
  const name = data.description ? `${data.description} (${data.url})` : data.url;
  return (
    <MailLayout ctx={ctx} preview={`Your webhook to ${data.url} is failing`} title="A webhook is failing">
      <Text style={line}>
        Cadence could not deliver a {data.eventType} event to {name} for 24 hours ({data.attempts} attempts). The webhook is marked failing since{" "}
        {formatInstant(data.failingSince, ctx.timeZone)}.
      </Text>
      <Text style={line}>Last answer: {data.lastError}</Text>
      <Text style={line}>
        Later events keep their order and wait. Check the receiver, then{" "}
        <Link href={`${ctx.appUrl}/settings/webhooks/${data.subscriptionId}`} style={link}>
          open the delivery log
        </Link>{" "}
        and resend.
      </Text>
      <Text style={muted}>Delivery id: {data.deliveryId}</Text>
    </MailLayout>
  );
}
