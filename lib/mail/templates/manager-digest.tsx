// The manager's Monday digest: flagged deals by flag, undecided items from the last inspection, coaching due this
// month, and what changed last week (the flow).
import { Link, Text } from "@react-email/components";
import { formatDate, formatMoney, plural } from "@/lib/format";
import type { ManagerDigestPayload, MailContext } from "@/lib/mail/messages";
import { Items, MailLayout, line, link, sectionTitle } from "@/lib/mail/templates/layout";

const FLAG_LABELS: Record<string, string> = {
  stale: "Stale",
  no_next_step: "No next step",
  overdue: "Next step overdue",
  late_stage: "Late stage",
  no_contract: "No up-front contract",
};

export function ManagerDigestEmail({ data, ctx }: { data: ManagerDigestPayload; ctx: MailContext }) {
  const url = (path: string) => `${ctx.appUrl}${path}`;
  const money = (minor: string) => formatMoney(BigInt(minor), ctx.currency);
  return (
    <MailLayout ctx={ctx} preview={`Your team's week of ${formatDate(data.weekOf)}`} title={`${data.name}, your team's week of ${formatDate(data.weekOf)}`}>
      <Text style={sectionTitle}>Flagged deals</Text>
      <Items items={data.flagged} empty="No flagged deals.">
        {(f) => (
          <>
            {FLAG_LABELS[f.flag] ?? f.flag}:{" "}
            <Link href={url("/inspection")} style={link}>
              {plural(f.count, "deal")} worth {money(f.valueMinor)}
            </Link>
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Undecided from the last inspection</Text>
      <Text style={line}>
        <Link href={url(data.undecided.sessionId ? `/inspection/${data.undecided.sessionId}` : "/inspection")} style={link}>
          {plural(data.undecided.count, "item")} left undecided
        </Link>
      </Text>
      <Text style={sectionTitle}>Coaching due this month ({data.coachingDue.length})</Text>
      <Items items={data.coachingDue} empty="Every rep has had this month's session.">
        {(r) => (
          <>
            <Link href={url(`/coaching/reps/${r.repId}`)} style={link}>
              {r.repName}
            </Link>{" "}
            — {r.lastHeldOn ? `last session ${formatDate(r.lastHeldOn)}` : "no session yet"}
          </>
        )}
      </Items>
      <Text style={sectionTitle}>Last week&apos;s flow</Text>
      <Text style={line}>
        Created{" "}
        <Link href={url("/deals")} style={link}>
          {plural(data.flow.created, "deal")} ({money(data.flow.createdMinor)})
        </Link>
        ; won{" "}
        <Link href={url("/deals?status=WON")} style={link}>
          {plural(data.flow.won, "deal")} ({money(data.flow.wonMinor)})
        </Link>
        ; lost{" "}
        <Link href={url("/deals?status=LOST")} style={link}>
          {plural(data.flow.lost, "deal")} ({money(data.flow.lostMinor)})
        </Link>
        .
      </Text>
    </MailLayout>
  );
}
