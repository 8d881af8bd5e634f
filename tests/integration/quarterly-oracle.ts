// Test oracle: the executive dashboard computed straight from "Deal" and "DealChange" (the loader before the
// quarterly rollups). The rollup tests compare lib/data/quarterly.ts with it after every kind of write.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { canReadOrganisation, canReadTeam, type Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import type { ClosedQuarter, QuarterlyDashboard, QuarterlyScope, RepForecast, StageOpenRow } from "@/lib/data/quarterly";
import { periodInstants, shiftPeriod, type IsoDate, type Period } from "@/lib/domain/calendar";
import {
  changeRatio,
  coverage,
  forecastAccuracy,
  forecastWithinBenchmark,
  pipelineVelocity,
  share,
} from "@/lib/domain/metrics";
import {
  findConstraint,
  forecastScoringCutoff,
  leadingKpiAttainment,
  stageConversion,
} from "@/lib/domain/quarterly";

function assertCanRead(actor: Actor, scope: QuarterlyScope) {
  const allowed = scope.kind === "ORGANISATION" ? canReadOrganisation(actor) : canReadTeam(actor, scope.teamId);
  if (!allowed) throw new AppError("FORBIDDEN", "You cannot see these figures.");
}

/** The permission rule repeated in SQL: a team scope limits every query to deals of that team's members. */
function teamFilter(scope: QuarterlyScope, alias = "u") {
  return scope.kind === "TEAM" ? Prisma.sql`AND ${Prisma.raw(`${alias}."teamId"`)} = ${scope.teamId}` : Prisma.empty;
}

type Num = number | bigint | string | null;
const toNum = (v: Num) => (v === null ? 0 : Number(v));
const toBig = (v: Num) => (v === null ? 0n : BigInt(typeof v === "string" ? v.split(".")[0] : v));

/** The executive dashboard for a quarter and scope. Throws FORBIDDEN when the actor may not read the scope. */
export async function loadQuarterlyDashboardDirect(
  actor: Actor,
  input: { quarter: Period; scope: QuarterlyScope },
  org: OrganisationSettings,
  today: IsoDate,
  db: typeof prisma = prisma,
): Promise<QuarterlyDashboard> {
  const { quarter: period, scope } = input;
  assertCanRead(actor, scope);
  const fy = org.fiscalYearStartMonth;
  const tz = org.timeZone;
  const quarters = [-4, -3, -2, -1, 0].map((o) => shiftPeriod(period, o, fy));
  const next = shiftPeriod(period, 1, fy);
  // Buckets 0–4: the quarters of the trend; 5: the next quarter (closed-won so far, for its coverage).
  const ranges = [...quarters, next].map((q) => periodInstants(q, tz));
  const cur = ranges[4];
  const nowInstant = new Date();
  // Open qualified deals "at the end" of each quarter; for the quarter in progress, now.
  const ends = ranges.map((r) => (r.to.getTime() > nowInstant.getTime() ? nowInstant : r.to));
  const tf = teamFilter(scope);
  const buckets = Prisma.join(ranges.map((r, i) => Prisma.sql`(${i}::int, ${r.from}::timestamptz, ${r.to}::timestamptz, ${ends[i]}::timestamptz)`));
  const cutoff = forecastScoringCutoff(period, org.forecastScoringWeek, tz);
  // Velocity is compared quarter over quarter: open qualified deals are counted at the end of the prior and this
  // quarter only (older quarters would scan most of the table for a figure nobody reads).
  const velocityBuckets = Prisma.join([3, 4].map((i) => Prisma.sql`(${i}::int, ${ends[i]}::timestamptz)`));

  const [closedRows, openAtEndRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets, teamNames] = await Promise.all([
    db.$queryRaw<{ idx: number; status: string; n: number; amount: Num; cycle: Num }[]>`
      SELECT b.idx, d.status::text AS status, count(*)::int AS n, coalesce(sum(d."amountMinor"), 0)::bigint AS amount,
        coalesce(sum(CASE WHEN d.status = 'WON' THEN (d."closedAt" AT TIME ZONE ${tz})::date
          - coalesce(d."firstContactDate", (d."createdAt" AT TIME ZONE ${tz})::date) END), 0)::bigint AS cycle
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      JOIN (VALUES ${buckets}) AS b(idx, f, t, e) ON d."closedAt" >= b.f AND d."closedAt" < b.t
      WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${ranges[0].from} AND d."closedAt" < ${ranges[5].to} ${tf}
      GROUP BY b.idx, d.status`,
    db.$queryRaw<{ idx: number; n: number }[]>`
      SELECT b.idx, count(*)::int AS n
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" JOIN "PipelineStage" s ON s.id = d."stageId"
      JOIN (VALUES ${velocityBuckets}) AS b(idx, e) ON d."createdAt" < b.e AND (d."closedAt" IS NULL OR d."closedAt" >= b.e)
      WHERE s."isQualified" AND (d.status = 'OPEN' OR d."closedAt" >= ${ends[3]}) ${tf}
      GROUP BY b.idx`,
    db.$queryRaw<{ ownerId: string; name: string; teamId: string | null; won: Num }[]>`
      SELECT u.id AS "ownerId", u.name, u."teamId", coalesce(w.won, 0)::bigint AS won
      FROM "User" u LEFT JOIN (
        SELECT d."ownerId", sum(d."amountMinor") AS won FROM "Deal" d
        WHERE d.status = 'WON' AND d."closedAt" >= ${cur.from} AND d."closedAt" < ${cur.to} GROUP BY d."ownerId"
      ) w ON w."ownerId" = u.id
      WHERE (u.role = 'REP' OR w.won IS NOT NULL) ${tf}
      ORDER BY u.name`,
    db.$queryRaw<{ start: string; amount: Num }[]>`
      SELECT to_char(q."periodStart", 'YYYY-MM-DD') AS start, sum(q."amountMinor")::bigint AS amount
      FROM "Quota" q JOIN "User" u ON u.id = q."userId"
      WHERE q."periodType" = 'QUARTER' AND q."periodStart" IN (${period.start}::date, ${next.start}::date) ${tf}
      GROUP BY q."periodStart"`,
    db.$queryRaw<{ stageId: string; n: number; amount: Num; qualified: number; nextN: number; nextAmount: Num; staleN: number; staleAmount: Num; adopted: number }[]>`
      WITH open AS (
        SELECT d."stageId", d."amountMinor", d."closeDate", s."isQualified",
          ((${today}::date - (d."lastMovedAt" AT TIME ZONE ${tz})::date) >= coalesce(s."staleThresholdDays", ${org.staleThresholdDays}::int)
            AND (d."pausedUntil" IS NULL OR d."pausedUntil" <= ${today}::date)) AS stale,
          (coalesce(btrim(d."nextStep"), '') <> '' AND d."nextStepDate" >= ${today}::date) AS contract
        FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" JOIN "PipelineStage" s ON s.id = d."stageId"
        WHERE d.status = 'OPEN' ${tf}
      )
      SELECT "stageId", count(*)::int AS n, coalesce(sum("amountMinor"), 0)::bigint AS amount,
        (count(*) FILTER (WHERE "isQualified"))::int AS qualified,
        (count(*) FILTER (WHERE "closeDate" BETWEEN ${next.start}::date AND ${next.end}::date))::int AS "nextN",
        coalesce(sum("amountMinor") FILTER (WHERE "closeDate" BETWEEN ${next.start}::date AND ${next.end}::date), 0)::bigint AS "nextAmount",
        (count(*) FILTER (WHERE stale))::int AS "staleN",
        coalesce(sum("amountMinor") FILTER (WHERE stale), 0)::bigint AS "staleAmount",
        (count(*) FILTER (WHERE NOT stale AND contract AND "closeDate" >= ${today}::date))::int AS adopted
      FROM open GROUP BY "stageId"`,
    db.$queryRaw<{ userId: string; scope: string; teamId: string | null; commit: Num; submittedAt: Date }[]>`
      SELECT DISTINCT ON (f."userId", f.scope, f."teamId") f."userId", f.scope::text AS scope, f."teamId", f."commitMinor" AS commit, f."submittedAt"
      FROM "ForecastSubmission" f
      WHERE f."periodType" = 'QUARTER' AND f."periodStart" = ${period.start}::date AND f."submittedAt" < ${cutoff.before}
        ${scope.kind === "TEAM" ? Prisma.sql`AND f."teamId" = ${scope.teamId}` : Prisma.empty}
      ORDER BY f."userId", f.scope, f."teamId", f."submittedAt" DESC`,
    db.$queryRaw<{ reason: string; n: number; amount: Num }[]>`
      SELECT coalesce(nullif(btrim(d."lostReason"), ''), 'No reason given') AS reason, count(*)::int AS n, sum(d."amountMinor")::bigint AS amount
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      WHERE d.status = 'LOST' AND d."closedAt" >= ${cur.from} AND d."closedAt" < ${cur.to} ${tf}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    db.$queryRaw<{ leads: number; activities: number; opportunities: number; reps: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "Lead" l JOIN "User" u ON u.id = l."ownerId"
          WHERE l."icpQualified" AND l."createdOn" BETWEEN ${period.start}::date AND ${period.end}::date ${tf}) AS leads,
        (SELECT count(*)::int FROM "Activity" a JOIN "User" u ON u.id = a."userId"
          WHERE a."occurredOn" BETWEEN ${period.start}::date AND ${period.end}::date ${tf}) AS activities,
        (SELECT count(*)::int FROM "DealChange" c JOIN "Deal" d ON d.id = c."dealId" JOIN "User" u ON u.id = d."ownerId"
          WHERE c.field = 'created' AND c.at >= ${cur.from} AND c.at < ${cur.to} ${tf}) AS opportunities,
        (SELECT count(*)::int FROM "User" u WHERE u.role = 'REP' AND u.active ${tf}) AS reps`,
    db.$queryRaw<{ stageId: string; entered: number; medianDays: number | null }[]>`
      WITH cohort AS (
        SELECT d.id, d."closedAt" FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
        WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${cur.from} AND d."closedAt" < ${cur.to} ${tf}
      ), visits AS (
        SELECT c."dealId", c."newValue" AS "stageId", c.at,
          coalesce(lead(c.at) OVER (PARTITION BY c."dealId" ORDER BY c.at, c.id), co."closedAt") AS "leftAt"
        FROM "DealChange" c JOIN cohort co ON co.id = c."dealId"
        WHERE c.field = 'stageId'
      )
      SELECT "stageId", count(DISTINCT "dealId")::int AS entered,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("leftAt" - at)) / 86400.0)::float8 AS "medianDays"
      FROM visits GROUP BY "stageId"`,
    db.$queryRaw<{ maxOrder: number; won: boolean; n: number }[]>`
      WITH cohort AS (
        SELECT d.id, d.status FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
        WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${cur.from} AND d."closedAt" < ${cur.to} ${tf}
      ), reach AS (
        SELECT co.id, co.status, max(s."order") AS "maxOrder"
        FROM cohort co JOIN "DealChange" c ON c."dealId" = co.id AND c.field = 'stageId'
        JOIN "PipelineStage" s ON s.id = c."newValue"
        GROUP BY co.id, co.status
      )
      SELECT "maxOrder", (status = 'WON') AS won, count(*)::int AS n FROM reach GROUP BY 1, 2`,
    db.pipelineStage.findMany({ select: { id: true, name: true, order: true, probability: true }, orderBy: { order: "asc" } }),
    db.kpiTarget.findMany({
      where: {
        metric: { in: ["qualified_leads", "activities", "new_opportunities", "closed_won_revenue_change", "sales_cycle_days_change"] },
        OR: [{ scope: "ORGANISATION" }, ...(scope.kind === "TEAM" ? [{ scope: "TEAM" as const, teamId: scope.teamId }] : [])],
      },
      select: { metric: true, periodType: true, value: true, scope: true },
    }),
    db.team.findMany({ select: { id: true, name: true } }),
  ]);

  // Closed deals per quarter.
  const openAtEnd = new Map(openAtEndRows.map((r) => [r.idx, r.n]));
  const trend: ClosedQuarter[] = quarters.map((q, i) => {
    const won = closedRows.find((r) => r.idx === i && r.status === "WON");
    const lost = closedRows.find((r) => r.idx === i && r.status === "LOST");
    const wonN = won?.n ?? 0;
    const lostN = lost?.n ?? 0;
    const wonMinor = toBig(won?.amount ?? null);
    const lostMinor = toBig(lost?.amount ?? null);
    const closedMinor = wonMinor + lostMinor;
    const avg = wonN === 0 ? null : averageDealSizeFromTotal(wonMinor, wonN);
    const cycleDays = wonN === 0 ? null : toNum(won?.cycle ?? null) / wonN;
    const winRateByCount = share(wonN, wonN + lostN);
    const openQualifiedAtEnd = i >= 3 ? (openAtEnd.get(i) ?? 0) : null;
    return {
      label: q.label,
      start: q.start,
      end: q.end,
      won: wonN,
      lost: lostN,
      wonMinor,
      lostMinor,
      winRateByCount,
      winRateByValue: closedMinor === 0n ? null : Number(wonMinor) / Number(closedMinor),
      averageDealSizeMinor: avg,
      cycleDays,
      openQualifiedAtEnd,
      velocityPerDayMinor:
        openQualifiedAtEnd === null ? null : pipelineVelocity({ openQualifiedDeals: openQualifiedAtEnd, winRate: winRateByCount, averageDealSizeMinor: avg, cycleDays }),
    };
  });
  const current = trend[4];
  const prior = trend[3];
  const sameQuarterLastYear = trend[0];

  const quotaOf = (start: IsoDate) => {
    const row = quotaRows.find((r) => r.start === start);
    return row ? toBig(row.amount) : null;
  };
  const quotaMinor = quotaOf(period.start);
  const nextQuota = quotaOf(next.start);

  // Open pipeline today, by stage.
  const openByStage: StageOpenRow[] = stages.map((s) => {
    const r = openRows.find((x) => x.stageId === s.id);
    const staleMinor = toBig(r?.staleAmount ?? null);
    return {
      stageId: s.id,
      name: s.name,
      order: s.order,
      probability: s.probability,
      openDeals: r?.n ?? 0,
      openMinor: toBig(r?.amount ?? null),
      staleDeals: r?.staleN ?? 0,
      staleMinor,
      staleWeightedMinor: (staleMinor * BigInt(s.probability)) / 100n,
    };
  });
  const sumBig = <T,>(rows: readonly T[], f: (r: T) => bigint) => rows.reduce((acc, r) => acc + f(r), 0n);
  const openDeals = openRows.reduce((a, r) => a + r.n, 0);
  const adopted = openRows.reduce((a, r) => a + r.adopted, 0);
  const nextPipelineMinor = sumBig(openRows, (r) => toBig(r.nextAmount));
  const open = {
    deals: openDeals,
    qualified: openRows.reduce((a, r) => a + r.qualified, 0),
    openMinor: sumBig(openByStage, (r) => r.openMinor),
    weightedMinor: sumBig(openByStage, (r) => (r.openMinor * BigInt(r.probability)) / 100n),
    adopted,
    adoption: share(adopted, openDeals),
    staleDeals: openByStage.reduce((a, r) => a + r.staleDeals, 0),
    staleWeightedMinor: sumBig(openByStage, (r) => r.staleWeightedMinor),
  };
  // Coverage of the next quarter: open pipeline closing in it ÷ what is still to win of its quota.
  const nextWonMinor = toBig(closedRows.find((r) => r.idx === 5 && r.status === "WON")?.amount ?? null);
  const nextQuarter = {
    quotaMinor: nextQuota,
    pipelineMinor: nextPipelineMinor,
    pipelineDeals: openRows.reduce((a, r) => a + r.nextN, 0),
    coverage: coverage({ openPipelineMinor: nextPipelineMinor, quotaMinor: nextQuota, closedWonMinor: nextWonMinor, winRate: current.winRateByCount }),
  };

  // Conversion and the constraint.
  const conversions = stageConversion(
    stages,
    reachedRows.map((r) => ({ maxOrder: Number(r.maxOrder), won: r.won, count: r.n })),
    flowRows.map((r) => ({ stageId: r.stageId, entered: r.entered, medianDays: r.medianDays === null ? null : Number(r.medianDays) })),
  );

  // Forecast accuracy at the scoring week.
  const repForecasts: RepForecast[] = repRows.map((r) => {
    const sub = forecastRows.find((f) => f.scope === "REP" && f.userId === r.ownerId);
    const commit = sub ? toBig(sub.commit) : null;
    const actual = toBig(r.won);
    const acc = forecastAccuracy(commit, actual);
    return { userId: r.ownerId, name: r.name, teamId: r.teamId, commitMinor: commit, submittedAt: sub?.submittedAt ?? null, actualMinor: actual, ...acc, benchmark: forecastWithinBenchmark(acc.errorRatio) };
  });
  const teamIds = scope.kind === "TEAM" ? [scope.teamId] : [...new Set(repRows.map((r) => r.teamId).filter((t): t is string => !!t))];
  const teamForecasts = teamIds.map((teamId) => {
    const subs = forecastRows.filter((f) => f.scope === "TEAM" && f.teamId === teamId);
    // Several managers may call one team: the latest call standing at the cut-off is the team's.
    const sub = subs.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())[0];
    const commit = sub ? toBig(sub.commit) : null;
    const actual = sumBig(repForecasts.filter((r) => r.teamId === teamId), (r) => r.actualMinor);
    const acc = forecastAccuracy(commit, actual);
    return { teamId, name: teamNames.find((t) => t.id === teamId)?.name ?? "Team", commitMinor: commit, actualMinor: actual, ...acc, benchmark: forecastWithinBenchmark(acc.errorRatio) };
  });
  let organisation: QuarterlyDashboard["forecast"]["organisation"] = null;
  if (scope.kind === "ORGANISATION") {
    // The organisation's commit is the sum of the teams' calls; a team whose manager did not call counts with the
    // sum of its reps' standing commits (bottom-up), so one missing call does not read as a zero.
    const effective = teamForecasts.map((t) => {
      if (t.commitMinor !== null) return t.commitMinor;
      const reps = repForecasts.filter((r) => r.teamId === t.teamId && r.commitMinor !== null);
      return reps.length ? sumBig(reps, (r) => r.commitMinor as bigint) : null;
    });
    const called = effective.filter((c): c is bigint => c !== null);
    const commit = called.length ? sumBig(called, (c) => c) : null;
    const acc = forecastAccuracy(commit, current.wonMinor);
    organisation = { commitMinor: commit, actualMinor: current.wonMinor, ...acc, benchmark: forecastWithinBenchmark(acc.errorRatio) };
  }

  // Leading KPIs: a team's own target wins over the organisation's.
  const kpi = kpiRows[0] ?? { leads: 0, activities: 0, opportunities: 0, reps: 0 };
  const pickTarget = (metric: string) =>
    targets.find((t) => t.metric === metric && t.scope === "TEAM") ?? targets.find((t) => t.metric === metric && t.scope === "ORGANISATION");
  const leadingTargets = ["qualified_leads", "activities", "new_opportunities"]
    .map((m) => pickTarget(m))
    .filter((t): t is NonNullable<typeof t> => !!t)
    .map((t) => ({ metric: t.metric, periodType: t.periodType, value: Number(t.value) }));
  const kpis = leadingKpiAttainment({ qualified_leads: kpi.leads, activities: kpi.activities, new_opportunities: kpi.opportunities }, leadingTargets, kpi.reps);
  const revenueTarget = pickTarget("closed_won_revenue_change");
  const cycleTarget = pickTarget("sales_cycle_days_change");

  return {
    period,
    previous: quarters[3],
    lastYear: quarters[0],
    next,
    scope,
    today,
    currency: org.currency,
    trend,
    current,
    prior,
    sameQuarterLastYear,
    quotaMinor,
    attainment: quotaMinor && quotaMinor > 0n ? Number(current.wonMinor) / Number(quotaMinor) : null,
    revenueChange: changeRatio(current.wonMinor, prior.wonMinor),
    revenueTargetChange: revenueTarget ? Number(revenueTarget.value) / 100 : 0.1,
    cycleChange: changeRatio(current.cycleDays, sameQuarterLastYear.cycleDays),
    cycleTargetChange: cycleTarget ? Number(cycleTarget.value) / 100 : -0.15,
    nextQuarter,
    stages: conversions,
    constraint: findConstraint(conversions),
    open,
    openByStage,
    forecast: { scoringWeek: org.forecastScoringWeek, cutoffDay: cutoff.lastDay, reps: repForecasts, teams: teamForecasts, organisation },
    lostReasons: lostRows.map((r) => ({ reason: r.reason, deals: r.n, amountMinor: toBig(r.amount) })),
    kpis,
    reps: kpi.reps,
  };
}

/** averageDealSize() of metrics.ts from a SQL total and count (the same rounding: half up to the cent). */
function averageDealSizeFromTotal(total: bigint, count: number): bigint | null {
  if (count === 0) return null;
  const n = BigInt(count);
  return (total * 2n + n) / (2n * n);
}

