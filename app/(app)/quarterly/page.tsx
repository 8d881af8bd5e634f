import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { daysInPeriod, loadQuarterlyDashboard, resolveQuarterlyRequest } from "@/lib/data/quarterly";
import { firstParam, quarterOptions } from "@/lib/domain/quarterly";
import { PageHeader } from "@/components/ui/page-header";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { QuarterlyFiltersForm } from "@/components/quarterly/filters-form";
import { ConstraintCallout, ForecastTable, HeadlineStats, KpiTable, LostReasonsTable, StageTable, TrendTable, VelocityTable } from "@/components/quarterly/dashboard-view";
import { LazyConversionChart, LazyTrendChart } from "@/components/quarterly/lazy-charts";
import { loadQuarterToDate } from "@/lib/data/quarterly-to-date";
import { trendPointParts, type PeriodProgress } from "@/lib/domain/period-to-date";

/** A complete quarter's progress, for the trend's earlier quarters. */
const ENDED: PeriodProgress = { state: "ended", totalDays: 1, elapsedDays: 1, elapsedShare: 1, verdict: true };
import { ImpactCalculator } from "@/components/quarterly/impact-calculator";
import { exportHref, packHref } from "@/components/quarterly/links";
import { SelfAssessmentCard } from "@/components/quarterly/self-assessment-card";
import { loadSelfAssessmentReview } from "@/lib/data/self-assessment";
import { selfAssessmentFacts } from "@/lib/data/self-assessment-facts";
import { loadRhythmAdherence } from "@/lib/data/rhythm";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Quarterly review" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const query = parseSearchParams(PAGE_PARAMS.quarterly, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Quarterly review" />
        <InvalidFilter message={query.message} clearHref="/quarterly" />
      </>
    );
  }
  const sp = query.value;
  const request = await resolveQuarterlyRequest(actor, { q: firstParam(sp.q), team: firstParam(sp.team) }, org, today);
  const quarters = quarterOptions(today, org.fiscalYearStartMonth);

  if (!request.ok) {
    return (
      <>
        <PageHeader title="Quarterly review" />
        <QuarterlyFiltersForm quarters={quarters} selectedQuarter={quarters[1]} teams={request.teams} selectedTeam={null} canSeeOrganisation={request.canSeeOrganisation} />
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {request.message}
        </p>
      </>
    );
  }

  const now = new Date();
  const [d, toDate, selfAssessment] = await Promise.all([
    loadQuarterlyDashboard(actor, { quarter: request.period, scope: request.scope }, org, today),
    loadQuarterToDate(actor, { quarter: request.period, scope: request.scope }, org, now),
    loadSelfAssessmentReview(actor, { quarter: request.period, scope: request.scope }, org.fiscalYearStartMonth),
  ]);
  const progress = toDate.comparison.progress;
  // Rhythm adherence of the leaders the self-assessment shows (managers: executives have no team rhythm).
  const leaderManagers = selfAssessment.leaders.filter((l) => l.role === "MANAGER");
  const adherence = await loadRhythmAdherence(prisma, { quarterStart: request.period.start, quarterEnd: request.period.end, today, managerIds: leaderManagers.map((l) => l.id) });
  const adherenceHref = `/rhythm?q=${encodeURIComponent(request.period.label)}${leaderManagers.length === 1 ? `&manager=${encodeURIComponent(leaderManagers[0].id)}` : ""}#adherence`;
  const filters = { q: d.period.label, team: request.scope.kind === "TEAM" ? request.scope.teamId : null };
  const scopeName = request.scope.kind === "TEAM" ? `Team ${request.scope.teamName}` : "Whole organisation";
  const options = quarters.includes(d.period.label) ? quarters : [d.period.label, ...quarters];

  return (
    <>
      <PageHeader
        title={`Quarterly review · ${d.period.label}`}
        description={`${scopeName}. Closed deals count in the quarter of their close, in ${org.timeZone} time. Every underlined figure opens the deals behind it.`}
        actions={
          <>
            <Link href="/quarterly/reviews" className={buttonClass("secondary")}>
              Reviews
            </Link>
            <Link href={packHref(filters)} className={buttonClass("secondary")}>
              Print pack
            </Link>
            <a href={exportHref(filters, "summary")} className={buttonClass("secondary")} download>
              Export summary CSV
            </a>
          </>
        }
      />
      <QuarterlyFiltersForm quarters={options} selectedQuarter={d.period.label} teams={request.teams} selectedTeam={filters.team} canSeeOrganisation={request.canSeeOrganisation} />
      <div className="space-y-6">
        <p className="text-sm font-medium text-slate-700" data-testid="period-label">
          {toDate.comparison.label}
          {progress.state === "in_progress" && !progress.verdict && <span className="font-normal text-slate-500"> · less than a week of data: figures without a verdict</span>}
        </p>
        <HeadlineStats d={d} filters={filters} toDate={toDate} />
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Trend" description="Closed-won revenue (bars) and win rate (line), five quarters.">
            <LazyTrendChart
              currency={d.currency}
              data={d.trend.map((q, i) => {
                const rate = q.winRateByCount === null ? null : Math.round(q.winRateByCount * 1000) / 10;
                const won = trendPointParts(Number(q.wonMinor) / 100, i === 4 ? progress : ENDED);
                const partial = i === 4 && progress.state === "in_progress";
                return {
                  label: partial ? `${q.label} (to date)` : q.label,
                  won: won.complete,
                  wonToDate: won.toDate,
                  projectedRest: won.projectedRest,
                  winRate: partial ? null : rate,
                  winRateToDate: partial ? (progress.verdict ? rate : null) : i === 3 ? rate : null,
                };
              })}
            />
          </Card>
          <Card title="Where deals stall" description="Conversion from each stage to the next; the constraint in red.">
            <LazyConversionChart data={d.stages.map((s) => ({ name: s.name, rate: s.rate === null ? null : Math.round(s.rate * 1000) / 10, constraint: d.constraint?.stageId === s.stageId }))} />
            <div className="mt-3">
              <ConstraintCallout d={d} filters={filters} />
            </div>
          </Card>
        </div>
        <StageTable d={d} filters={filters} />
        <VelocityTable d={d} filters={filters} toDate={toDate} />
        <Card title="Revenue impact calculator" description="Money figures on the leaks, from this scope's own rates. Change any assumption to see what it is worth.">
          <ImpactCalculator
            defaults={{
              currency: d.currency,
              staleByStage: d.openByStage.map((s) => ({ name: s.name, staleMinor: Number(s.staleMinor), probability: s.probability, staleDeals: s.staleDeals })),
              stages: d.stages.map((s) => ({ stageId: s.stageId, name: s.name, reached: s.reached, advanced: s.advanced, rate: s.rate })),
              wonDeals: d.current.won,
              constraintStageId: d.constraint?.stageId ?? null,
              averageDealSizeMinor: d.current.averageDealSizeMinor === null ? null : Number(d.current.averageDealSizeMinor),
              winRate: d.current.winRateByCount,
              cycleDays: d.current.cycleDays,
              openQualifiedDeals: d.open.qualified,
              horizonDays: daysInPeriod(d.next),
            }}
          />
        </Card>
        <div id="forecast">
          <ForecastTable d={d} filters={filters} showAllReps={firstParam(sp.show) === "forecast"} toDate={toDate} />
        </div>
        <div className="grid gap-6 xl:grid-cols-2">
          <LostReasonsTable d={d} filters={filters} />
          <KpiTable d={d} filters={filters} toDate={toDate} />
        </div>
        <SelfAssessmentCard
          review={selfAssessment}
          facts={selfAssessmentFacts(d, toDate, request.scope, selfAssessment, { rows: adherence, href: adherenceHref })}
          filters={filters}
          progress={progress}
          actorId={actor.id}
        />
        <TrendTable d={d} filters={filters} />
      </div>
    </>
  );
}
