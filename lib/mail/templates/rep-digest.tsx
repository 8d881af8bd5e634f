// The rep's Monday digest: this week's next steps, overdue and stale deals, open action items and plan actions,
// and the period's number against quota.
import { Link, Text } from "@react-email/components";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { MailContext, RepDigestPayload } from "@/lib/mail/messages";
import { Items, MailLayout, line, link, sectionTitle } from "@/lib/mail/templates/layout";

export function RepDigestEmail({ data, ctx }: { data: RepDigestPayload; ctx: MailContext }) {
  const url = (path: string) => `${ctx.appUrl}${path}`;
  const won = BigInt(data.quota.wonMinor);
  const quota = data.quota.quotaMinor === null ? null : BigInt(data.quota.quotaMinor);
  return (
    <MailLayout ctx={ctx} preview={`Your week of ${formatDate(data.weekOf)}`} title={`${data.name}, your week of ${formatDate(data.weekOf)}`}>
      <Text style={sectionTitle}>{data.quota.periodLabel}</Text>
      <Text style={line}>
        Won{" "}
        <Link href={url("/forecast")} style={link}>
          {formatMoney(won, ctx.currency)}
        </Link>
        {quota === null ? " (no quota set)" : ` of ${formatMoney(quota, ctx.currency)} quota (${formatPercent(quota > 0n ? Number(won) / Number(quota) : null)})`}
      </Text>
      <Text style={sectionTitle}>Next steps this week ({data.nextSteps.length})</Text>
      <Items items={data.nextSteps} empty="No next steps dated this week.">
        {(s) => (
          <>
            {formatDate(s.date)}:{" "}
            <Link href={url(`/deals/${s.dealId}`)} style={link}>
              {s.dealName}
            </Link>{" "}
            — {s.nextStep}
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Overdue next steps ({data.overdue.length})</Text>
      <Items items={data.overdue} empty="Nothing overdue.">
        {(d) => (
          <>
            <Link href={url(`/deals/${d.dealId}`)} style={link}>
              {d.dealName}
            </Link>{" "}
            — was due {formatDate(d.date)}
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Stale deals ({data.stale.length})</Text>
      <Items items={data.stale} empty="No stale deals.">
        {(d) => (
          <>
            <Link href={url(`/deals/${d.dealId}`)} style={link}>
              {d.dealName}
            </Link>{" "}
            — no movement for {d.days} days
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Open action items ({data.actionItems.length})</Text>
      <Items items={data.actionItems} empty="No open action items.">
        {(a) => (
          <>
            <Link href={url(a.dealId ? `/deals/${a.dealId}` : "/inspection")} style={link}>
              {a.description}
            </Link>{" "}
            — due {formatDate(a.dueDate)}
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Development plan actions ({data.planActions.length})</Text>
      <Items items={data.planActions} empty="No open plan actions.">
        {(a) => (
          <>
            <Link href={url(`/coaching/sessions/${a.sessionId}`)} style={link}>
              {a.description}
            </Link>{" "}
            — due {formatDate(a.dueDate)}
          </>
        )}
      </Items>
    </MailLayout>
  );
}
