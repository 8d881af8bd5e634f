import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listRhythmManagers, loadRhythmAdherenceDetail, loadRhythmHistory, loadRhythmWeek } from "@/lib/data/rhythm";
import { prisma } from "@/lib/db";
import { parseQuarterParam, quarterOptions } from "@/lib/domain/quarterly";
import { RITUAL_VOCABULARY, WEEKDAYS, isRitual } from "@/lib/domain/rhythm";
import { formatDate, formatInstant, formatPercent } from "@/lib/format";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { HomeSection, EmptyLine } from "@/components/home/home-parts";
import { AdherenceTable } from "@/components/rhythm/adherence-table";
import { RhythmEditor } from "@/components/rhythm/rhythm-editor";
import { ThisWeek } from "@/components/rhythm/this-week";
import { Badge } from "@/components/ui/badge";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Weekly rhythm" };

// The weekly rhythm planner: which ritual falls on which day per team, this week's state of each, and adherence over
// the quarter. A manager sees and edits their own; executives read anyone's, administrators edit anyone's.
export default async function RhythmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const query = parseSearchParams(PAGE_PARAMS.rhythm, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Weekly rhythm" />
        <InvalidFilter message={query.message} clearHref="/rhythm" />
      </>
    );
  }
  const org = await getOrganisation();
  const today = todayIn(org);
  const quarter = parseQuarterParam(query.value.q ?? null, today, org.fiscalYearStartMonth);
  if (!quarter) {
    return (
      <>
        <PageHeader title="Weekly rhythm" />
        <InvalidFilter message="That quarter is not one Cadence knows, for example FY2026 Q4." clearHref="/rhythm" />
      </>
    );
  }
  const orgWide = user.role !== "MANAGER";
  const managers = orgWide ? await listRhythmManagers(prisma) : [{ id: user.id, name: user.name }];
  // A manager's own rhythm only: another manager's id is answered like one that does not exist.
  const wanted = query.value.manager ?? (orgWide ? null : user.id);
  if (wanted && !managers.some((m) => m.id === wanted)) notFound();
  const manager = wanted ? managers.find((m) => m.id === wanted)! : null;
  const editable = !!manager && (user.role === "ADMIN" || manager.id === user.id);

  const [week, history, adherence] = await Promise.all([
    manager ? loadRhythmWeek(prisma, manager.id, today, org.timeZone) : null,
    manager ? loadRhythmHistory(prisma, manager.id) : [],
    loadRhythmAdherenceDetail(prisma, { quarterStart: quarter.start, quarterEnd: quarter.end, today, managerIds: orgWide ? undefined : [user.id] }),
  ]);
  const detail = manager ? adherence.find((a) => a.managerId === manager.id) : undefined;
  const quarters = quarterOptions(today, org.fiscalYearStartMonth);

  return (
    <div className="space-y-6">
      <PageHeader
        title={manager && manager.id !== user.id ? `Weekly rhythm — ${manager.name}` : "Weekly rhythm"}
        description="Align, prospect, coach live, close and review: which ritual falls on which day, team by team. The inspection and coaching sessions mark align and coach done; reminders and the Monday digest follow this rhythm."
      />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Whose rhythm and which quarter">
        {orgWide && (
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Manager</span>
            <select name="manager" defaultValue={manager?.id ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
              <option value="">Everyone (adherence only)</option>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>{m.name}</option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Quarter</span>
          <select name="q" defaultValue={quarter.label} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            {(quarters.includes(quarter.label) ? quarters : [quarter.label, ...quarters]).map((q) => (
              <option key={q} value={q}>{q}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">Show</button>
      </form>

      {week && manager && (
        <>
          <HomeSection id="this-week" title={`This week (from ${formatDate(week.weekStart)})`} description="Done, due today, missed or planned, with the link that does each ritual.">
            {week.teams.length === 0 ? <EmptyLine>{manager.name} does not lead a team yet. An administrator assigns teams to managers.</EmptyLine> : <ThisWeek teams={week.teams} />}
          </HomeSection>
          {week.teams.map((team) => (
            <HomeSection key={team.teamId} id={`rhythm-${team.teamId}`} title={`Rhythm — ${team.teamName}`} description={editable ? "Move a ritual to another day, remove it, or add one that is missing." : "Read only."}>
              <RhythmEditor team={team} managerId={manager.id} editable={editable} />
            </HomeSection>
          ))}
        </>
      )}

      <HomeSection id="adherence" title={`Rhythm adherence — ${quarter.label}`} description="The share of weeks with the inspection done by the team's align day, and coaching sessions held against due (one per rep per month). Weeks and months still in progress count only what is already done.">
        <AdherenceTable rows={adherence} quarter={quarter.label} label={quarter.label} />
      </HomeSection>

      {detail && (
        <div className="grid gap-6 lg:grid-cols-2">
          <HomeSection id="inspection-weeks" title={`Inspection weeks — ${detail.managerName}`} description={`${detail.inspectionsOnTime} of ${detail.weeksDue} counted weeks on time${detail.inspectionShare === null ? "" : ` (${formatPercent(detail.inspectionShare)})`}.`}>
            {detail.teams.every((t) => t.weeks.length === 0) ? (
              <EmptyLine>No inspection week yet this quarter{detail.teams.some((t) => t.weekday === null) ? ", or no align day in the rhythm" : ""}.</EmptyLine>
            ) : (
              <div className="overflow-x-auto">
                <table className="data-table" aria-label="Inspection weeks">
                  <thead>
                    <tr>
                      <th scope="col">Team</th>
                      <th scope="col">Align day</th>
                      <th scope="col">Done</th>
                      <th scope="col">Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.teams.flatMap((t) =>
                      t.weeks.map((w) => (
                        <tr key={`${t.teamId}-${w.weekStart}`}>
                          <td className="break-words">{t.teamName}</td>
                          <td>{formatDate(w.ritualDay)}</td>
                          <td>{w.doneOn ? <Link href="/inspection/history" className="link">{formatDate(w.doneOn)}</Link> : <span className="muted">not yet</span>}</td>
                          <td>{w.onTime ? <Badge tone="good">on time</Badge> : w.counted ? <Badge tone="bad">{w.doneOn ? "late" : "missed"}</Badge> : <Badge>in progress</Badge>}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </HomeSection>
          <HomeSection id="coaching-months" title={`Coaching per month — ${detail.managerName}`} description={`${detail.coachingHeld} of ${detail.coachingDue} due sessions held${detail.coachingShare === null ? "" : ` (${formatPercent(detail.coachingShare)})`}.`}>
            {detail.months.length === 0 ? (
              <EmptyLine>No rep to coach in {detail.managerName}&apos;s teams.</EmptyLine>
            ) : (
              <table className="data-table" aria-label="Coaching per month">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="num">Reps due</th>
                    <th scope="col" className="num">Held</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.months.map((m) => (
                    <tr key={m.month}>
                      <td>{m.month}{`${m.month}-01` <= today && today.slice(0, 7) === m.month ? " (in progress)" : ""}</td>
                      <td className="num"><Link href="/coaching" className="link">{m.reps}</Link></td>
                      <td className="num"><Link href="/coaching" className="link">{m.held}</Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </HomeSection>
        </div>
      )}

      {manager && (
        <HomeSection id="history" title="Changes to this rhythm" description="The last ten, newest first.">
          {history.length === 0 ? (
            <EmptyLine>No change since the rhythm was set up.</EmptyLine>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Changes to this rhythm">
              {history.map((h) => {
                const d = (h.details ?? {}) as { ritual?: string; weekday?: number; from?: number; to?: number };
                const name = d.ritual && isRitual(d.ritual) ? RITUAL_VOCABULARY[d.ritual].label : "A ritual";
                const day = (n?: number) => (n ? WEEKDAYS[n - 1] : "?");
                const what = h.action === "rhythm.ritual_moved" ? `${name} moved from ${day(d.from)} to ${day(d.to)}` : h.action === "rhythm.ritual_added" ? `${name} added on ${day(d.weekday)}` : `${name} removed from ${day(d.weekday)}`;
                return (
                  <li key={h.id} className="flex min-w-0 flex-wrap justify-between gap-2 py-2">
                    <span className="min-w-0 break-words">{what}</span>
                    <span className="text-slate-600">{h.actor?.name ?? "someone"} · {formatInstant(h.at, org.timeZone)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </HomeSection>
      )}
    </div>
  );
}
