import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { canManageTeam } from "@/lib/auth/permissions";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getInspectionSession, notDiscussedLastTime } from "@/lib/data/inspection-sessions";
import { loadInspection } from "@/lib/data/inspection";
import { formatDate, formatInstant, formatMoney } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Triage } from "@/components/inspection/triage";
import { TRIAGE_ORDER_EXPLAINED } from "@/lib/domain/inspection-decisions";
import { ActionItemList } from "@/components/inspection/action-item-list";
import { SessionRecordView } from "@/components/inspection/session-record";

export const metadata: Metadata = { title: "Inspection session" };

// A recorded inspection: triage while it is open (for the team's manager), the read-only record once complete.
export default async function InspectionSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const user = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const { sessionId } = await params;
  const session = await getInspectionSession(user, sessionId);
  if (!session) notFound();
  const org = await getOrganisation();
  const title = `Inspection — ${session.teamName ?? ""}${session.repName ? ` · ${session.repName}` : ""}`;
  const running = !session.completedAt && !!session.teamId && canManageTeam(user, session.teamId);
  const header = (
    <PageHeader
      title={title}
      description={`As of ${formatDate(session.asOfDate)}, run by ${session.managerName}. ${session.completedAt ? `Completed ${formatInstant(session.completedAt, org.timeZone)}.` : "In progress."}`}
      actions={<Link href="/inspection/history" className="text-sm text-brand-700 hover:underline">Past inspections</Link>}
    />
  );
  if (!running) {
    return (
      <div className="space-y-6">
        {header}
        <SessionRecordView session={session} />
      </div>
    );
  }
  const today = todayIn(org);
  const [data, carried] = await Promise.all([loadInspection(user, { teamId: session.teamId, repId: session.repId }, today, org), notDiscussedLastTime(session)]);
  if (!data) notFound();
  const carriedOver = new Set(carried);
  const dispositions = Object.fromEntries(session.dispositions.map((d) => [d.dealId, d.disposition]));
  // Deals already decided in this session stay in the list even when a fix removed their flag.
  // The deals not discussed last time open the list; the rest follow most urgent first.
  const ordered = [...data.triage.filter((d) => carriedOver.has(d.id)), ...data.triage.filter((d) => !carriedOver.has(d.id))];
  const deals = ordered.map((d) => ({
    id: d.id,
    name: d.name,
    version: d.version,
    ownerId: d.ownerId,
    ownerName: d.ownerName,
    stageName: d.stageName,
    amount: formatMoney(BigInt(d.amountMinor), org.currency),
    closeDate: d.closeDate,
    nextStep: d.nextStep,
    nextStepDate: d.nextStepDate,
    daysSinceMovement: d.daysSinceMovement,
    daysSinceTouch: d.daysSinceTouch,
    staleThresholdDays: d.staleThresholdDays,
    pushCount: d.pushCount,
    flags: d.flags,
    carriedOver: carriedOver.has(d.id),
  }));
  const reps = data.people.filter((p) => p.isMember && p.role === "REP").map((p) => ({ id: p.id, name: p.name }));
  const earlier = data.openActionItems.filter((a) => !session.actionItems.some((own) => own.id === a.id));
  return (
    <div className="space-y-6">
      {header}
      <Card title={`Open action items from earlier inspections (${earlier.length})`} description="Start here: what was agreed last time and is still open.">
        <ActionItemList items={earlier} canUpdate today={today} label="Open action items from earlier inspections" />
      </Card>
      <Card title="Triage the flagged deals" description={`Every flagged deal gets a decision, and the deal changes with it. ${carriedOver.size > 0 ? "The deals not discussed last time come first; then " : ""}${TRIAGE_ORDER_EXPLAINED}`}>
        <Triage sessionId={session.id} deals={deals} initialDispositions={dispositions} people={data.people.map((p) => ({ id: p.id, name: p.name }))} reps={reps} today={today} />
      </Card>
      <SessionRecordView session={session} />
    </div>
  );
}
