// The executive's Monday digest: per team, inspection done or not, flagged value, coverage, commit against quota.
import { Link, Text } from "@react-email/components";
import { formatDate, formatMoney, formatMultiple } from "@/lib/format";
import type { ExecutiveDigestPayload, MailContext } from "@/lib/mail/messages";
import { Items, MailLayout, link, sectionTitle } from "@/lib/mail/templates/layout";

export function ExecutiveDigestEmail({ data, ctx }: { data: ExecutiveDigestPayload; ctx: MailContext }) {
  const url = (path: string) => `${ctx.appUrl}${path}`;
  const money = (minor: string | null) => (minor === null ? "no data" : formatMoney(BigInt(minor), ctx.currency));
  return (
    <MailLayout ctx={ctx} preview={`The organisation's week of ${formatDate(data.weekOf)}`} title={`${data.name}, the week of ${formatDate(data.weekOf)}`}>
      <Text style={sectionTitle}>Teams</Text>
      <Items items={data.teams} empty="No teams.">
        {(t) => (
          <>
            <strong>{t.teamName}</strong>: inspection{" "}
            <Link href={url(`/inspection/history?team=${t.teamId}`)} style={link}>
              {t.inspectionDone ? "done" : "not done"}
            </Link>
            ; flagged{" "}
            <Link href={url(`/inspection?team=${t.teamId}`)} style={link}>
              {money(t.flaggedMinor)}
            </Link>
            ; coverage{" "}
            <Link href={url(`/forecast?team=${t.teamId}`)} style={link}>
              {formatMultiple(t.coverage)}
            </Link>
            ; commit{" "}
            <Link href={url(`/forecast?team=${t.teamId}`)} style={link}>
              {money(t.commitMinor)}
            </Link>{" "}
            against quota {money(t.quotaMinor)}
          </>
        )}
      </Items>
    </MailLayout>
  );
}
