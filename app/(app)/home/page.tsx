import type { Metadata } from "next";
import Link from "next/link";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { getOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { loadInspection } from "@/lib/data/inspection";
import { loadAdminState, loadCoachingDue, loadInspectionStatus, loadRepWeek, type TeamInspectionStatus } from "@/lib/data/home";
import { currentWeekWindow, loadFlow } from "@/lib/data/flow";
import { totalIn, totalOut } from "@/lib/domain/flow";
import { formatDate, formatInstant, formatMoney, formatPercent, NO_DATA, plural } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { FlowSummary } from "@/components/flow/flow-summary";
import { FlagChips } from "@/components/inspection/flag-chips";
import { EmptyLine, HomeSection, LinkedFigure } from "@/components/home/home-parts";
import { prisma } from "@/lib/db";
import { loadRhythmAdherence, loadRhythmWeek } from "@/lib/data/rhythm";
import { periodContaining } from "@/lib/domain/calendar";
import { ThisWeek } from "@/components/rhythm/this-week";
import { AdherenceTable } from "@/components/rhythm/adherence-table";

export const metadata: Metadata = { title: "Home" };

// The first page of each role: what to do today. Every number links to what is behind it.
export default async function HomePage() {
  const user = await requireUser();
  const org = await getOrganisation();
  const today = todayIn(org);
  switch (user.role) {
    case "REP":
      return <RepHome user={user} org={org} today={today} />;
    case "MANAGER":
      return <ManagerHome user={user} org={org} today={today} />;
    case "EXECUTIVE":
      return <ExecutiveHome user={user} org={org} today={today} />;
    case "ADMIN":
      return <AdminHome org={org} />;
  }
}

type HomeProps = { user: SessionUser; org: OrganisationSettings; today: string };

async function RepHome({ user, org, today }: HomeProps) {
  const [inspection, week] = await Promise.all([loadInspection(user, { teamId: null, repId: user.id }, today, org), loadRepWeek(user, today)]);
  const flagged = inspection?.flagged ?? [];
  const stale = inspection?.stale ?? [];
  const items = inspection?.openActionItems ?? [];
  const dueToday = week.dueNextSteps.filter((d) => d.nextStepDate === today).length;
  const overdue = week.dueNextSteps.length - dueToday;
  const quota = inspection?.funnel.quotaMinor ? BigInt(inspection.funnel.quotaMinor) : null;
  const won = BigInt(inspection?.funnel.wonInPeriodMinor ?? "0");
  const money = (v: bigint | null) => (v === null ? NO_DATA : formatMoney(v, org.currency));
  return (
    <div className="space-y-6">
      <PageHeader title="My week" description={`${formatDate(today)}. Next steps due, deals that need you, and where you stand against your number.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <LinkedFigure label="Next steps due or overdue" value={dueToday + overdue} href="#next-steps" detail={`${dueToday} due today · ${overdue} overdue`} tone={overdue > 0 ? "bad" : "neutral"} testId="home-next-steps" />
        <LinkedFigure label="Stale deals" value={stale.length} href="/deals?flag=stale" detail="No movement for the threshold or longer" tone={stale.length > 0 ? "bad" : "neutral"} />
        <LinkedFigure label="Flagged deals" value={flagged.length} href="#flagged" detail="What your manager sees at the inspection" />
        <LinkedFigure
          label={`Won in ${inspection?.period.label ?? "this quarter"}`}
          value={money(won)}
          href="/deals?status=WON"
          detail={<>of quota <Link href="/targets" className="link">{money(quota)}</Link>{quota && quota > 0n ? ` · ${formatPercent(Number(won) / Number(quota))}` : ""}</>}
        />
      </div>
      <HomeSection id="next-steps" title={`Next steps due today and overdue (${week.dueNextSteps.length})`}>
        {week.dueNextSteps.length === 0 ? (
          <EmptyLine>Nothing due: every next step is dated ahead.</EmptyLine>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Next steps due">
            {week.dueNextSteps.map((d) => (
              <li key={d.id} className="flex min-w-0 flex-wrap items-baseline justify-between gap-2 py-2">
                <span className="min-w-0 break-words">
                  <Link href={`/deals/${d.id}`} className="link font-medium">{d.name}</Link> — {d.nextStep ?? "no next step"}
                </span>
                <Badge tone={d.nextStepDate < today ? "bad" : "warn"}>{d.nextStepDate < today ? `overdue since ${formatDate(d.nextStepDate)}` : "today"}</Badge>
              </li>
            ))}
          </ul>
        )}
      </HomeSection>
      <HomeSection id="flagged" title={`My flagged deals (${flagged.length})`} actions={<Link href="/inspection" className="text-sm text-brand-700 hover:underline">My inspection view</Link>}>
        {flagged.length === 0 ? (
          <EmptyLine>No flagged deals.</EmptyLine>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="My flagged deals">
            {flagged.slice(0, 10).map((d) => (
              <li key={d.id} className="flex min-w-0 flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/deals/${d.id}`} className="link min-w-0 break-words font-medium">{d.name}</Link>
                <FlagChips flags={d.flags} moved={d.daysSinceMovement} threshold={d.staleThresholdDays} />
              </li>
            ))}
          </ul>
        )}
        {flagged.length > 10 && <p className="mt-2 text-sm"><Link href="/inspection" className="link">See all {flagged.length} flagged deals</Link></p>}
      </HomeSection>
      <div className="grid gap-6 lg:grid-cols-2">
        <HomeSection id="action-items" title={`Open action items (${items.length})`}>
          {items.length === 0 ? (
            <EmptyLine>No open action items.</EmptyLine>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="My open action items">
              {items.map((a) => (
                <li key={a.id} className="min-w-0 break-words py-2">
                  {a.description} — due {formatDate(a.dueDate)}
                  {a.dealId && <> · <Link href={`/deals/${a.dealId}`} className="link">{a.dealName}</Link></>}
                </li>
              ))}
            </ul>
          )}
        </HomeSection>
        <HomeSection id="plan-actions" title={`Open plan actions (${week.planActions.length})`} actions={<Link href="/coaching" className="text-sm text-brand-700 hover:underline">Coaching</Link>}>
          {week.planActions.length === 0 ? (
            <EmptyLine>No open actions in your development plan.</EmptyLine>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="My open plan actions">
              {week.planActions.map((a) => (
                <li key={a.id} className="min-w-0 break-words py-2">
                  <Link href={`/coaching/sessions/${a.sessionId}`} className="link">{a.description}</Link> — due {formatDate(a.dueDate)}
                  {a.dueDate < today && <> <Badge tone="bad">overdue</Badge></>}
                </li>
              ))}
            </ul>
          )}
        </HomeSection>
      </div>
    </div>
  );
}

function InspectionStatusTable({ rows, today }: { rows: TeamInspectionStatus[]; today: string }) {
  if (rows.length === 0) return <EmptyLine>No team yet. An administrator assigns teams to managers.</EmptyLine>;
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label="Inspection status per team">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Last done</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">Open action items</th>
            <th scope="col" className="num">Not discussed last time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.teamId} data-testid="inspection-status-row">
              <td className="break-words">
                <Link href={`/inspection?team=${t.teamId}`} className="link font-medium">{t.teamName}</Link>
                {t.openSessionId && <span className="sub"><Link href={`/inspection/${t.openSessionId}`} className="link">In progress: resume</Link></span>}
              </td>
              <td>{t.lastCompletedOn && t.lastCompletedId ? <Link href={`/inspection/${t.lastCompletedId}`} className="link">{formatDate(t.lastCompletedOn)}</Link> : <span className="muted">never</span>}</td>
              <td>
                {t.dueOn <= today ? <Badge tone={t.overdue ? "bad" : "warn"}>{t.overdue ? `overdue since ${formatDate(t.dueOn)}` : "due today"}</Badge> : formatDate(t.dueOn)}
              </td>
              <td className="num">
                <Link href={`/inspection?team=${t.teamId}`} className="link">{t.openActionItems}</Link>
                {t.overdueActionItems > 0 && <span className="sub">{t.overdueActionItems} overdue</span>}
              </td>
              <td className="num">{t.lastCompletedId ? <Link href={`/inspection/${t.lastCompletedId}`} className="link">{t.notDiscussed}</Link> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function ManagerHome({ user, org, today }: HomeProps) {
  const [status, coachingDue, rhythm] = await Promise.all([loadInspectionStatus(user, today, org), loadCoachingDue(user, today), loadRhythmWeek(prisma, user.id, today, org.timeZone)]);
  const first = status[0];
  const flow = first ? await loadFlow(user, { kind: "TEAM", teamId: first.teamId }, currentWeekWindow(org, new Date()), undefined, { perTeam: false }).catch(() => null) : null;
  const due = status.filter((t) => t.dueOn <= today).length;
  const openItems = status.reduce((s, t) => s + t.openActionItems, 0);
  const notDiscussed = status.reduce((s, t) => s + t.notDiscussed, 0);
  return (
    <div className="space-y-6">
      <PageHeader title="Team home" description={`${formatDate(today)}. Your inspections, what is still undecided, who is due for coaching, and how the pipeline moved this week.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <LinkedFigure label="Inspections due" value={due} href="#inspections" tone={due > 0 ? "bad" : "good"} detail="Weekly, per team" testId="home-inspections-due" />
        <LinkedFigure label="Open action items" value={openItems} href={first ? `/inspection?team=${first.teamId}` : "/inspection"} detail="Agreed at inspections, still open" />
        <LinkedFigure label="Not discussed last time" value={notDiscussed} href="#inspections" detail="The next inspection opens with them" />
        <LinkedFigure label="Coaching due" value={coachingDue.length} href="#coaching-due" detail={`No session for ${COACHING_LABEL}`} tone={coachingDue.length > 0 ? "bad" : "neutral"} />
      </div>
      <HomeSection id="this-week" title="This week's rhythm" actions={<Link href="/rhythm" className="text-sm text-brand-700 hover:underline">Weekly rhythm</Link>}>
        {rhythm.teams.length === 0 ? <EmptyLine>No team yet.</EmptyLine> : <ThisWeek teams={rhythm.teams} compact />}
      </HomeSection>
      <HomeSection id="inspections" title="Team inspections" description="An inspection is due a week after the last one.">
        <InspectionStatusTable rows={status} today={today} />
      </HomeSection>
      {flow ? <FlowSummary flow={flow.flow} href={`/flow?team=${first!.teamId}`} currency={org.currency} title={`Pipeline flow this week — ${first!.teamName}`} /> : <p className="text-sm"><Link href="/flow" className="link">Open the pipeline flow</Link></p>}
      <HomeSection id="coaching-due" title={`Coaching due (${coachingDue.length})`} actions={<Link href="/coaching" className="text-sm text-brand-700 hover:underline">Coaching</Link>}>
        {coachingDue.length === 0 ? (
          <EmptyLine>Every rep had a coaching session this month.</EmptyLine>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Reps due for coaching">
            {coachingDue.map((r) => (
              <li key={r.repId} className="flex min-w-0 flex-wrap justify-between gap-2 py-2">
                <Link href={`/coaching/reps/${r.repId}`} className="link min-w-0 break-words">{r.name}</Link>
                <span className="text-slate-600">{r.lastHeldOn ? `last ${formatDate(r.lastHeldOn)}` : "never coached"}</span>
              </li>
            ))}
          </ul>
        )}
      </HomeSection>
    </div>
  );
}

const COACHING_LABEL = "30 days or more";

async function ExecutiveHome({ user, org, today }: HomeProps) {
  const quarter = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const [status, flow, adherence] = await Promise.all([
    loadInspectionStatus(user, today, org),
    loadFlow(user, { kind: "ORGANISATION" }, currentWeekWindow(org, new Date())).catch(() => null),
    loadRhythmAdherence(prisma, { quarterStart: quarter.start, quarterEnd: quarter.end, today }),
  ]);
  const due = status.filter((t) => t.dueOn <= today).length;
  const money = (v: bigint) => formatMoney(v, org.currency);
  return (
    <div className="space-y-6">
      <PageHeader title="Organisation home" description={`${formatDate(today)}. Each team's inspection and how the pipeline moved this week, team by team.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        <LinkedFigure label="Teams" value={status.length} href="#inspections" />
        <LinkedFigure label="Inspections due" value={due} href="#inspections" tone={due > 0 ? "bad" : "good"} testId="home-inspections-due" />
        <LinkedFigure label="Flagged deals, all teams" value="Open" href="/inspection?team=all" detail="The organisation's triage list" />
      </div>
      <HomeSection id="inspections" title="Inspections per team" description="An inspection is due a week after the last one.">
        <InspectionStatusTable rows={status} today={today} />
      </HomeSection>
      <HomeSection id="adherence" title={`Rhythm adherence — ${quarter.label}`} description="Per manager: weeks with the inspection done by the team's align day, and coaching sessions held against due." actions={<Link href="/rhythm" className="text-sm text-brand-700 hover:underline">Weekly rhythm</Link>}>
        <AdherenceTable rows={adherence} quarter={quarter.label} label={quarter.label} />
      </HomeSection>
      {flow ? (
        <>
          <FlowSummary flow={flow.flow} href="/flow?team=all" currency={org.currency} title="Pipeline flow this week — organisation" />
          <HomeSection id="flow-teams" title="Flow per team this week">
            {flow.teams.length === 0 ? (
              <EmptyLine>No pipeline yet.</EmptyLine>
            ) : (
              <div className="overflow-x-auto">
                <table className="data-table" aria-label="Pipeline flow per team">
                  <thead>
                    <tr>
                      <th scope="col">Team</th>
                      <th scope="col" className="num">Start</th>
                      <th scope="col" className="num">In</th>
                      <th scope="col" className="num">Out</th>
                      <th scope="col" className="num">End</th>
                    </tr>
                  </thead>
                  <tbody>
                    {flow.teams.map((t) => {
                      const href = t.teamId ? `/flow?team=${t.teamId}` : "/flow?team=all";
                      return (
                        <tr key={t.teamId ?? "none"} data-testid="flow-team-row">
                          <td className="break-words"><Link href={href} className="link">{t.name}</Link></td>
                          <td className="num"><Link href={`${href}&bar=start#deals`} className="link">{money(t.flow.start.amountMinor)}</Link></td>
                          <td className="num"><Link href={`${href}&bar=new#deals`} className="link">+{money(totalIn(t.flow))}</Link></td>
                          <td className="num"><Link href={`${href}&bar=won#deals`} className="link">−{money(totalOut(t.flow))}</Link></td>
                          <td className="num"><Link href={`${href}&bar=end#deals`} className="link">{money(t.flow.end.amountMinor)}</Link></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </HomeSection>
        </>
      ) : (
        <p className="text-sm"><Link href="/flow" className="link">Open the pipeline flow</Link></p>
      )}
    </div>
  );
}

async function AdminHome({ org }: { org: OrganisationSettings }) {
  const state = await loadAdminState();
  const kinds: Record<string, string> = { DEALS: "Deals", ACCOUNTS: "Accounts", USERS: "Users", LEADS: "Leads" };
  return (
    <div className="space-y-6">
      <PageHeader title="Organisation state" description={`${org.name}: who cannot sign in yet, the pipeline's stages and the latest imports.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <LinkedFigure label="Users without a password" value={state.withoutPasswordCount} href="#no-password" tone={state.withoutPasswordCount > 0 ? "bad" : "good"} detail="They cannot sign in yet" testId="home-no-password" />
        <LinkedFigure label="Active users" value={state.activeUsers} href="/admin/users" detail={<Link href="/admin/teams" className="link">{plural(state.teams, "team")}</Link>} />
        <LinkedFigure label="Pipeline stages" value={state.stages.length} href="/admin/stages" />
        <LinkedFigure label="Recent imports" value={state.imports.length} href="/import" />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <HomeSection id="no-password" title={`Users without a password (${state.withoutPasswordCount})`} actions={<Link href="/admin/users" className="text-sm text-brand-700 hover:underline">Manage users</Link>}>
          {state.withoutPassword.length === 0 ? (
            <EmptyLine>Every active user can sign in.</EmptyLine>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Users without a password">
              {state.withoutPassword.map((u) => (
                <li key={u.id} className="min-w-0 break-words py-2">
                  <Link href="/admin/users" className="link">{u.name}</Link> <span className="text-slate-600">{u.email}</span>
                </li>
              ))}
            </ul>
          )}
        </HomeSection>
        <HomeSection id="stages" title={`Pipeline stages (${state.stages.length})`} actions={<Link href="/admin/stages" className="text-sm text-brand-700 hover:underline">Edit stages</Link>}>
          {state.stages.length === 0 ? (
            <EmptyLine>No stages yet: deals need a pipeline.</EmptyLine>
          ) : (
            <ol className="list-decimal space-y-1 pl-5 text-sm" aria-label="Pipeline stages">
              {state.stages.map((s) => (
                <li key={s.id} className="break-words">{s.name} <span className="text-slate-600">· {s.probability}%{s.isLateStage ? " · late stage" : ""}</span></li>
              ))}
            </ol>
          )}
        </HomeSection>
      </div>
      <HomeSection id="imports" title="Recent imports" actions={<Link href="/import" className="text-sm text-brand-700 hover:underline">Import</Link>}>
        {state.imports.length === 0 ? (
          <EmptyLine>No imports yet.</EmptyLine>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Recent imports">
            {state.imports.map((j) => (
              <li key={j.id} className="flex min-w-0 flex-wrap justify-between gap-2 py-2">
                <Link href={`/import/${j.id}`} className="link min-w-0 break-all">{kinds[j.kind] ?? j.kind}: {j.fileName}</Link>
                <span className="text-slate-600">{j.status.toLowerCase()} · {j.created} created, {j.updated} updated, {j.rejected} rejected · {formatInstant(j.startedAt, org.timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </HomeSection>
    </div>
  );
}
