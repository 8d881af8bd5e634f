import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { canManage, canWrite } from "@/lib/auth/permissions";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getDeal, listAccountOptions, listTeamMembers } from "@/lib/data/deals";
import { formatDate, formatMoney, plural } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { FlagBadges } from "@/components/deals/flag-badges";
import { DealEditForm } from "@/components/deals/deal-edit-form";
import { CloseDealForm } from "@/components/deals/close-deal-form";
import { ActivityForm } from "@/components/deals/activity-form";
import { PauseForm, ReassignForm } from "@/components/deals/manager-tools";
import { DealHistory } from "@/components/deals/deal-history";

export const metadata: Metadata = { title: "Deal" };

const ACTIVITY_LABELS: Record<string, string> = { CALL: "Call", MEETING: "Meeting", EMAIL: "Email", NOTE: "Note" };

// One deal: edit, close, log activities, the manager's pause/reassign, and the full history.
export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const { id } = await params;
  const org = await getOrganisation();
  const today = todayIn(org);
  const deal = await getDeal(user, id, today, org);
  if (!deal) notFound();
  const owned = { ownerId: deal.ownerId, ownerTeamId: deal.ownerTeamId };
  const writable = canWrite(user, owned);
  const manages = canManage(user, { id: deal.ownerId, teamId: deal.ownerTeamId });
  const [accounts, members] = await Promise.all([writable ? listAccountOptions(user) : Promise.resolve([] as { id: string; name: string }[]), manages ? listTeamMembers(deal.ownerTeamId) : Promise.resolve([] as { id: string; name: string }[])]);
  if (deal.accountId && !accounts.some((a) => a.id === deal.accountId)) accounts.unshift({ id: deal.accountId, name: deal.accountName ?? "" });
  const open = deal.status === "OPEN";
  return (
    <div className="space-y-6">
      <PageHeader title={deal.name} description={`${deal.accountName ?? "No account"} · owned by ${deal.ownerName}`} actions={<Link href="/deals" className="text-sm text-brand-700 hover:underline">← All deals</Link>} />
      <section aria-label="Summary" className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <Badge tone={deal.status === "WON" ? "good" : deal.status === "LOST" ? "bad" : "info"}>{deal.status === "OPEN" ? deal.stageName : deal.status === "WON" ? "Won" : "Lost"}</Badge>
        <span className="tabular-nums font-semibold">{formatMoney(BigInt(deal.amountMinor), org.currency)}</span>
        <span>Close {formatDate(deal.closeDate)}</span>
        <span data-testid="deal-days-moved">{plural(deal.daysSinceMovement, "day")} since movement</span>
        <span>{plural(deal.daysSinceTouch, "day")} since last touch</span>
        <span>Pushed {deal.pushCount}×</span>
        <FlagBadges flags={deal.flags} />
        {deal.pausedUntil && deal.pausedUntil > today && <span className="text-slate-600">Paused until {formatDate(deal.pausedUntil)}: {deal.pauseReason}</span>}
        {deal.lostReason && <span className="text-slate-600">Lost: {deal.lostReason}</span>}
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {writable ? (
            <Card title="Deal details">
              <DealEditForm deal={deal} stages={deal.stages.map((s) => ({ id: s.id, name: s.name }))} accounts={accounts} currency={org.currency} today={today} />
            </Card>
          ) : (
            <Card title="Deal details">
              <dl className="grid grid-cols-2 gap-2 text-sm">
                <dt className="text-slate-500">Next step</dt>
                <dd>{deal.nextStep ?? "None"} {deal.nextStepDate ? `(${formatDate(deal.nextStepDate)})` : ""}</dd>
                <dt className="text-slate-500">Qualified</dt>
                <dd>{deal.qualified ? "Yes" : "No"}</dd>
              </dl>
            </Card>
          )}
          <Card title="History" description="Every change: who, when, from what to what.">
            <DealHistory history={deal.history} timeZone={org.timeZone} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {writable && open && (
            <Card title="Close the deal">
              <CloseDealForm dealId={deal.id} version={deal.version} />
            </Card>
          )}
          {writable && (
            <Card title="Log an activity">
              <ActivityForm dealId={deal.id} today={today} />
            </Card>
          )}
          {manages && open && (
            <Card title="Pause" description="Paused deals leave the stale and next-step lists until the resume date.">
              <PauseForm dealId={deal.id} version={deal.version} pausedUntil={deal.pausedUntil && deal.pausedUntil > today ? deal.pausedUntil : null} today={today} />
            </Card>
          )}
          {manages && open && (
            <Card title="Reassign within the team">
              <ReassignForm dealId={deal.id} version={deal.version} ownerId={deal.ownerId} members={members} />
            </Card>
          )}
          <Card title="Activities">
            {deal.activities.length === 0 ? (
              <p className="text-sm text-slate-600">No activities logged yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {deal.activities.map((a) => (
                  <li key={a.id}>
                    <span className="font-medium">{ACTIVITY_LABELS[a.type] ?? a.type}</span> · {formatDate(a.occurredOn)} · {a.subject}
                    <span className="text-slate-500"> — {a.userName}</span>
                    {a.notes && <p className="text-slate-600">{a.notes}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
