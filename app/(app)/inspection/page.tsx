import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { canManageTeam } from "@/lib/auth/permissions";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listInspectableTeams, loadInspection, type InspectionScope } from "@/lib/data/inspection";
import { PageHeader } from "@/components/ui/page-header";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ScopePicker } from "@/components/inspection/scope-picker";
import { StartInspectionForm } from "@/components/inspection/start-inspection-form";
import { ActionItemList } from "@/components/inspection/action-item-list";
import { ChangesSection, FunnelAndHealth, TriageSection } from "@/components/inspection/inspection-report";

export const metadata: Metadata = { title: "Inspection" };

/** The team picker's value for the whole organisation. */
const ALL_TEAMS = "all";

// The weekly pipeline inspection of a team or one rep, as of today in the organisation's time zone; reps see their own.
export default async function InspectionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const query = parseSearchParams(PAGE_PARAMS.inspection, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Inspection" />
        <InvalidFilter message={query.message} clearHref="/inspection" />
      </>
    );
  }
  const sp = query.value;
  const org = await getOrganisation();
  const today = todayIn(org);
  const show = typeof sp.show === "string" && sp.show ? sp.show : null;
  const flag = typeof sp.flag === "string" && sp.flag ? sp.flag : null;

  if (user.role === "REP") {
    const data = await loadInspection(user, { teamId: null, repId: user.id }, today, org);
    if (!data) notFound();
    return (
      <div className="space-y-6">
        <PageHeader title="My inspection view" description="What your manager sees at the weekly inspection: your flagged deals and your open action items." />
        <Card title={`My open action items (${data.openActionItems.length})`}>
          <ActionItemList items={data.openActionItems} canUpdate today={today} label="My open action items" />
        </Card>
        <TriageSection data={data} currency={org.currency} flag={flag} show={show === "flagged"} href={({ flag: f, show: all }) => `/inspection?${new URLSearchParams({ ...(f ? { flag: f } : {}), ...(all ? { show: "flagged" } : {}) }).toString()}${all ? "#list-flagged" : ""}`} />
      </div>
    );
  }

  const teams = await listInspectableTeams(user);
  if (teams.length === 0) {
    return (
      <div>
        <PageHeader title="Inspection" />
        <EmptyState title="No team to inspect">You do not manage a team yet. An administrator assigns teams to managers.</EmptyState>
      </div>
    );
  }
  const wanted = typeof sp.team === "string" ? sp.team : "";
  // Executives and admins may read the whole organisation ("All teams", their default); managers pick one of theirs.
  const orgWide = user.role === "EXECUTIVE" || user.role === "ADMIN";
  const team = wanted === ALL_TEAMS && orgWide ? null : (teams.find((t) => t.id === wanted) ?? (orgWide ? null : teams[0]));
  const repParam = team && typeof sp.rep === "string" && sp.rep ? sp.rep : null;
  const scope: InspectionScope = { teamId: team?.id ?? null, repId: repParam };
  const data = await loadInspection(user, scope, today, org);
  if (!data) notFound();
  const reps = data.people.filter((p) => p.isMember && p.role === "REP");
  if (repParam && !reps.some((r) => r.id === repParam)) notFound();
  const canRun = !!team && canManageTeam(user, team.id);
  const repName = reps.find((r) => r.id === repParam)?.name;
  const triageHref = ({ flag: f, show: all }: { flag: string | null; show: boolean }) => {
    const params = new URLSearchParams({ team: team?.id ?? ALL_TEAMS });
    if (repParam) params.set("rep", repParam);
    if (f) params.set("flag", f);
    if (all) params.set("show", "flagged");
    return `/inspection?${params.toString()}${all ? "#list-flagged" : ""}`;
  };
  const showHref = (key: string | null) => {
    const params = new URLSearchParams({ team: team?.id ?? ALL_TEAMS });
    if (repParam) params.set("rep", repParam);
    if (key) params.set("show", key);
    return `/inspection?${params.toString()}${key ? `#list-${key}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Inspection — ${team?.name ?? "All teams"}${repName ? ` · ${repName}` : ""}`}
        description={`As of ${today}. A diagnostic, not a status meeting: decide what happens to each flagged deal.`}
        actions={<Link href="/inspection/history" className="text-sm text-brand-700 hover:underline">Past inspections</Link>}
      />
      <div className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <ScopePicker teams={teams} teamId={team?.id ?? ALL_TEAMS} reps={reps} repId={repParam} allTeams={orgWide ? ALL_TEAMS : undefined} />
        {canRun && team && <StartInspectionForm teamId={team.id} repId={repParam} resume={!!data.sessions.openSessionId} />}
        {!team && <p className="text-sm text-slate-600">The whole organisation, read only: pick a team to start its inspection.</p>}
      </div>
      <Card title={`Open action items from earlier inspections (${data.openActionItems.length})`}>
        <ActionItemList items={data.openActionItems} canUpdate={canRun} today={today} label="Open action items" />
      </Card>
      <TriageSection data={data} currency={org.currency} flag={flag} show={show === "flagged"} href={triageHref} />
      <FunnelAndHealth data={data} currency={org.currency} />
      <ChangesSection data={data} currency={org.currency} timeZone={org.timeZone} show={show} showHref={showHref} />
    </div>
  );
}
