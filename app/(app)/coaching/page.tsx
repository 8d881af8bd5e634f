import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getCoachingHistory, getCoachingOverview, getCurrentPlan } from "@/lib/data/coaching";
import { teamBatTrend } from "@/lib/domain/coaching";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { PlanCard } from "@/components/coaching/plan-card";
import { SessionHistory } from "@/components/coaching/session-history";
import { RepOverviewTable } from "@/components/coaching/rep-overview-table";
import { BatTrend, repBatPoints } from "@/components/coaching/bat-trend";
import { formatDate } from "@/lib/format";
import { periodContaining } from "@/lib/domain/calendar";
import { batNames } from "@/lib/domain/coaching-vocabulary";

export const metadata: Metadata = { title: "Coaching" };

export default async function Page() {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);

  if (user.role === "REP") {
    const [plan, history] = await Promise.all([getCurrentPlan(user, user.id), getCoachingHistory(user, user.id)]);
    return (
      <div className="space-y-6">
        <PageHeader
          title="My coaching"
          description="Your 30-day development plan from the monthly coaching session, and your coaching history."
          actions={
            <Link href={`/coaching/scorecard/${user.id}`} className={buttonClass("secondary")}>
              My scorecard
            </Link>
          }
        />
        <Card title="Current development plan">
          {plan ? <PlanCard plan={plan} today={today} editableOwnerId={user.id} canAcknowledge /> : <EmptyState title="No plan yet">Your manager creates it in your monthly coaching session.</EmptyState>}
        </Card>
        <Card title="Coaching history">
          <SessionHistory sessions={history.sessions} today={today} />
        </Card>
      </div>
    );
  }

  const overview = await getCoachingOverview(user, today);
  const canCoach = user.role === "MANAGER" || user.role === "ADMIN";
  const team = teamBatTrend(overview.reps.map((r) => r.bat));
  return (
    <div className="space-y-6">
      <PageHeader title="Coaching" description={`The monthly deep-dive: who is due, overdue plan actions, and how ${batNames()} are moving.`} />
      {overview.reps.length === 0 ? (
        <EmptyState title="No reps to coach">Reps appear here once they are in a team you manage.</EmptyState>
      ) : (
        <>
          <Card title="Reps" description={`Due: no completed session yet in ${periodContaining(today, "MONTH").label}. Overdue: none last month either.`}>
            <RepOverviewTable reps={overview.reps} canCoach={canCoach} />
          </Card>
          <Card title="Overdue plan actions" description="Actions of open plans that are not done and past their due date, across the reps you see.">
            {overview.overdueActions.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing overdue.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {overview.overdueActions.map((a) => (
                  <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
                    <span>
                      <Link href={`/coaching/sessions/${a.sessionId}`} className="text-brand-700 hover:underline">
                        {a.description}
                      </Link>{" "}
                      <span className="text-slate-600">
                        — {a.repName}&rsquo;s plan, owner {a.ownerName}
                      </span>
                    </span>
                    <span className="text-red-700">due {formatDate(a.dueDate)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Team BAT trend" description="Mean rating over each rep's last six sessions (oldest on the left).">
            <BatTrend label="Team BAT trend over the last six sessions" points={team} />
          </Card>
          <section aria-labelledby="rep-trends" className="space-y-3">
            <h2 id="rep-trends" className="text-base font-semibold">
              BAT trend per rep
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              {overview.reps.map((r) => (
                <Card key={r.id} title={r.name} description={r.teamName ?? undefined}>
                  <BatTrend label={`BAT trend of ${r.name}`} points={repBatPoints(r.bat)} />
                </Card>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
