// The quarterly revenue review's data: one scoped loader for the executive dashboard (a bounded number of SQL
// aggregates, whatever the organisation's size) and the drill-down behind every number. Closed deals, stage history,
// new opportunities, leads and activities are read from the quarterly rollups that triggers keep exact
// (docs/decisions/0009-quarterly-rollups.md); today's open pipeline is read from "Deal".
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PeriodType } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { hasUpFrontContractSql } from "@/lib/data/deal-rules-sql";
import { openQualifiedAsOfSql, type PipelineScope } from "@/lib/data/as-of";
import { quarterTargetForReps, resolveTargetForPeriod, type Direction, type TargetRow, type TargetScopeKind } from "@/lib/domain/targets";
import { canReadOrganisation, canReadTeam, type Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { dateOnly, daysBetween, periodInstants, shiftPeriod, type IsoDate, type Period } from "@/lib/domain/calendar";
import {
  changeRatio,
  coverage,
  forecastAccuracy,
  forecastWithinBenchmark,
  divideRounded,
  pipelineVelocityMinor,
  weightedTotal,
  share,
  type Coverage,
} from "@/lib/domain/metrics";
import {
  findConstraint,
  forecastScoringCutoff,
  leadingKpiAttainment,
  parseQuarterParam,
  stageConversion,
  type Constraint,
  type LeadingKpi,
  type StageConversion,
} from "@/lib/domain/quarterly";

export type QuarterlyScope = { kind: "ORGANISATION" } | { kind: "TEAM"; teamId: string; teamName: string };

export interface TeamOption {
  id: string;
  name: string;
}

export type QuarterlyRequest =
  | { ok: true; period: Period; scope: QuarterlyScope; teams: TeamOption[]; canSeeOrganisation: boolean }
  | { ok: false; message: string; teams: TeamOption[]; canSeeOrganisation: boolean };

/** The teams whose figures the actor may read (the team picker): all for executives and admins, managed ones for managers. */
export async function readableTeams(actor: Actor): Promise<TeamOption[]> {
  const where = canReadOrganisation(actor) ? { archivedAt: null } : { archivedAt: null, id: { in: [...actor.managedTeamIds] } };
  return prisma.team.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * Turns the URL's `q` and `team` into a quarter and a scope the actor may read, or a message saying what is wrong.
 * A manager without `team` gets their first team: the organisation-wide view is not theirs.
 */
export async function resolveQuarterlyRequest(
  actor: Actor,
  params: { q?: string | null; team?: string | null },
  org: Pick<OrganisationSettings, "fiscalYearStartMonth">,
  today: IsoDate,
): Promise<QuarterlyRequest> {
  const teams = await readableTeams(actor);
  const canSeeOrganisation = canReadOrganisation(actor);
  const base = { teams, canSeeOrganisation };
  const period = parseQuarterParam(params.q, today, org.fiscalYearStartMonth);
  if (!period) {
    return { ok: false, ...base, message: `“${String(params.q).slice(0, 40)}” is not a quarter. Use a label such as “FY2026 Q3” or a date such as 2026-08-15.` };
  }
  const teamParam = params.team?.trim() || null;
  if (!teamParam || teamParam === "all") {
    if (canSeeOrganisation) return { ok: true, ...base, period, scope: { kind: "ORGANISATION" } };
    if (teams.length === 0) return { ok: false, ...base, message: "You do not manage a team yet, so there are no figures to show." };
    if (teamParam === "all") return { ok: false, ...base, message: "The organisation-wide view is for executives. Choose one of your teams." };
    return { ok: true, ...base, period, scope: { kind: "TEAM", teamId: teams[0].id, teamName: teams[0].name } };
  }
  const team = teams.find((t) => t.id === teamParam);
  if (!team || !canReadTeam(actor, team.id)) {
    return { ok: false, ...base, message: "That team does not exist or is not one whose figures you can see." };
  }
  return { ok: true, ...base, period, scope: { kind: "TEAM", teamId: team.id, teamName: team.name } };
}

export function assertCanRead(actor: Actor, scope: QuarterlyScope) {
  const allowed = scope.kind === "ORGANISATION" ? canReadOrganisation(actor) : canReadTeam(actor, scope.teamId);
  if (!allowed) throw new AppError("FORBIDDEN", "You cannot see these figures.");
}

/** The permission rule repeated in SQL: a team scope limits every query to deals of that team's members. */
function teamFilter(scope: QuarterlyScope, alias = "u") {
  return scope.kind === "TEAM" ? Prisma.sql`AND ${Prisma.raw(`${alias}."teamId"`)} = ${scope.teamId}` : Prisma.empty;
}

/** The same rule for rows keyed by an owner (rollups, open deals), without a join for the organisation's scope. */
function ownerFilter(scope: QuarterlyScope, alias = "r", column = "ownerId") {
  return scope.kind === "TEAM"
    ? Prisma.sql`AND ${Prisma.raw(`${alias}."${column}"`)} IN (SELECT u.id FROM "User" u WHERE u."teamId" = ${scope.teamId})`
    : Prisma.empty;
}

export interface ClosedQuarter {
  label: string;
  start: IsoDate;
  end: IsoDate;
  won: number;
  lost: number;
  wonMinor: bigint;
  lostMinor: bigint;
  winRateByCount: number | null;
  winRateByValue: number | null;
  averageDealSizeMinor: bigint | null;
  cycleDays: number | null;
  /** Open qualified deals at the quarter's end; null for the older quarters of the trend (not computed). */
  openQualifiedAtEnd: number | null;
  velocityPerDayMinor: number | null;
}

export interface RepForecast {
  userId: string;
  name: string;
  teamId: string | null;
  commitMinor: bigint | null;
  submittedAt: Date | null;
  actualMinor: bigint;
  accuracy: number | null;
  errorRatio: number | null;
  benchmark: "excellent" | "ok" | "off" | null;
}

export interface StageOpenRow {
  stageId: string;
  name: string;
  order: number;
  probability: number;
  openDeals: number;
  openMinor: bigint;
  staleDeals: number;
  staleMinor: bigint;
  staleWeightedMinor: bigint;
}

export interface QuarterlyDashboard {
  period: Period;
  previous: Period;
  lastYear: Period;
  next: Period;
  scope: QuarterlyScope;
  today: IsoDate;
  currency: string;
  /** Oldest first: the four quarters before and this one (index 4). */
  trend: ClosedQuarter[];
  current: ClosedQuarter;
  prior: ClosedQuarter;
  sameQuarterLastYear: ClosedQuarter;
  quotaMinor: bigint | null;
  attainment: number | null;
  revenueChange: number | null;
  revenueTargetChange: number;
  cycleChange: number | null;
  cycleTargetChange: number;
  nextQuarter: { quotaMinor: bigint | null; pipelineMinor: bigint; pipelineDeals: number; coverage: Coverage };
  stages: StageConversion[];
  constraint: Constraint | null;
  open: { deals: number; qualified: number; openMinor: bigint; weightedMinor: bigint; adopted: number; adoption: number | null; staleDeals: number; staleWeightedMinor: bigint };
  openByStage: StageOpenRow[];
  forecast: {
    scoringWeek: number;
    cutoffDay: IsoDate;
    reps: RepForecast[];
    teams: { teamId: string; name: string; commitMinor: bigint | null; actualMinor: bigint; accuracy: number | null; errorRatio: number | null; benchmark: RepForecast["benchmark"] }[];
    organisation: { commitMinor: bigint | null; actualMinor: bigint; accuracy: number | null; errorRatio: number | null; benchmark: RepForecast["benchmark"] } | null;
  };
  lostReasons: { reason: string; deals: number; amountMinor: bigint }[];
  /** Each KPI with the targets it was judged against, in words (which level applied to how many reps). */
  kpis: (LeadingKpi & { targetNote: string })[];
  reps: number;
}

type Num = number | bigint | string | null;
const toNum = (v: Num) => (v === null ? 0 : Number(v));
const toBig = (v: Num) => (v === null ? 0n : BigInt(typeof v === "string" ? v.split(".")[0] : v));

/**
 * The quarters a dashboard reads — buckets 0–4 the trend (a year ago … this quarter), 5 the next quarter (closed-won
 * so far, for its coverage) —, their instants in the organisation's zone, each one's "end" (now for a quarter in
 * progress) and the forecast scoring cut-off.
 */
export function quarterFrame(period: Period, org: OrganisationSettings, now: Date) {
  const quarters = [-4, -3, -2, -1, 0].map((o) => shiftPeriod(period, o, org.fiscalYearStartMonth));
  const next = shiftPeriod(period, 1, org.fiscalYearStartMonth);
  const ranges = [...quarters, next].map((q) => periodInstants(q, org.timeZone));
  const ends = ranges.map((r) => (r.to.getTime() > now.getTime() ? now : r.to));
  const cutoff = forecastScoringCutoff(period, org.forecastScoringWeek, org.timeZone);
  return { quarters, next, ranges, ends, cutoff };
}

/** The executive dashboard for a quarter and scope. Throws FORBIDDEN when the actor may not read the scope. */
export async function loadQuarterlyDashboard(
  actor: Actor,
  input: { quarter: Period; scope: QuarterlyScope },
  org: OrganisationSettings,
  today: IsoDate,
  db: typeof prisma = prisma,
): Promise<QuarterlyDashboard> {
  const { quarter: period, scope } = input;
  assertCanRead(actor, scope);
  const tz = org.timeZone;
  // Open qualified deals "at the end" of the prior and this quarter (velocity, quarter over quarter): each deal's
  // status and stage at that instant, reconstructed from its history (lib/data/as-of.ts), never today's stage.
  const { quarters, next, ranges, ends, cutoff } = quarterFrame(period, org, new Date());
  const of = ownerFilter(scope);
  const quarterBuckets = Prisma.join(ranges.map((_, i) => Prisma.sql`(${i}::int, ${(i < 5 ? quarters[i] : next).start}::date)`));
  const pipelineScope: PipelineScope = scope.kind === "TEAM" ? { kind: "TEAM", teamId: scope.teamId } : { kind: "ORGANISATION" };

  const [closedRows, openAtEndRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets, teamNames, kpiReps] = await Promise.all([
    db.$queryRaw<{ idx: number; status: string; n: number; amount: Num; cycle: Num }[]>`
      SELECT b.idx, r.status::text AS status, sum(r.deals)::int AS n, coalesce(sum(r."amountMinor"), 0)::bigint AS amount,
        coalesce(sum(r."cycleDays"), 0)::bigint AS cycle
      FROM (VALUES ${quarterBuckets}) AS b(idx, q) JOIN "QuarterlyCloseRollup" r ON r."quarterStart" = b.q
      WHERE true ${of}
      GROUP BY b.idx, r.status`,
    db.$queryRaw<{ idx: number; n: number }[]>`${openQualifiedAsOfSql([ends[3], ends[4]], pipelineScope)}`,
    db.$queryRaw<{ ownerId: string; name: string; teamId: string | null; won: Num }[]>`
      SELECT u.id AS "ownerId", u.name, u."teamId", coalesce(w.won, 0)::bigint AS won
      FROM "User" u LEFT JOIN (
        SELECT r."ownerId", sum(r."amountMinor") AS won FROM "QuarterlyCloseRollup" r
        WHERE r.status = 'WON' AND r."quarterStart" = ${period.start}::date GROUP BY r."ownerId"
      ) w ON w."ownerId" = u.id
      WHERE (u.role = 'REP' OR w.won IS NOT NULL) ${teamFilter(scope)}
      ORDER BY u.name`,
    db.$queryRaw<{ start: string; amount: Num }[]>`
      SELECT to_char(q."periodStart", 'YYYY-MM-DD') AS start, sum(q."amountMinor")::bigint AS amount
      FROM "Quota" q JOIN "User" u ON u.id = q."userId"
      WHERE q."periodType" = 'QUARTER' AND q."periodStart" IN (${period.start}::date, ${next.start}::date) ${teamFilter(scope)}
      GROUP BY q."periodStart"`,
    // Today's open pipeline: an index-only scan of the open deals ("Deal_open_pipeline_idx"), grouped first by the
    // few yes/no questions the figures ask so that each deal is looked at once. Stale is compared as instants (moved
    // before the local midnight that makes it stale), which is the day rule of DOMAIN.md.
    db.$queryRaw<{ stageId: string; n: number; amount: Num; qualified: number; nextN: number; nextAmount: Num; staleN: number; staleAmount: Num; adopted: number }[]>`
      WITH st AS (
        SELECT s.id, s."isQualified",
          ((${today}::date - coalesce(s."staleThresholdDays", ${org.staleThresholdDays}::int) + 1)::timestamp AT TIME ZONE ${tz}) AS "staleBefore"
        FROM "PipelineStage" s
      ), g AS (
        SELECT r."stageId", st."isQualified",
          (r."lastMovedAt" < st."staleBefore" AND (r."pausedUntil" IS NULL OR r."pausedUntil" <= ${today}::date)) AS stale,
          (${hasUpFrontContractSql("r")} AND r."nextStepDate" >= ${today}::date AND r."closeDate" >= ${today}::date) AS "contractKept",
          (r."closeDate" BETWEEN ${next.start}::date AND ${next.end}::date) AS "closesNext",
          count(*) AS n, sum(r."amountMinor") AS amount
        FROM "Deal" r JOIN st ON st.id = r."stageId"
        WHERE r.status = 'OPEN' ${of}
        GROUP BY 1, 2, 3, 4, 5
      )
      SELECT "stageId", sum(n)::int AS n, coalesce(sum(amount), 0)::bigint AS amount,
        coalesce(sum(n) FILTER (WHERE "isQualified"), 0)::int AS qualified,
        coalesce(sum(n) FILTER (WHERE "closesNext"), 0)::int AS "nextN",
        coalesce(sum(amount) FILTER (WHERE "closesNext"), 0)::bigint AS "nextAmount",
        coalesce(sum(n) FILTER (WHERE stale), 0)::int AS "staleN",
        coalesce(sum(amount) FILTER (WHERE stale), 0)::bigint AS "staleAmount",
        coalesce(sum(n) FILTER (WHERE NOT stale AND "contractKept"), 0)::int AS adopted
      FROM g GROUP BY "stageId"`,
    db.$queryRaw<{ userId: string; scope: string; teamId: string | null; commit: Num; submittedAt: Date }[]>`
      SELECT DISTINCT ON (f."userId", f.scope, f."teamId") f."userId", f.scope::text AS scope, f."teamId", f."commitMinor" AS commit, f."submittedAt"
      FROM "ForecastSubmission" f
      WHERE f."periodType" = 'QUARTER' AND f."periodStart" = ${period.start}::date AND f."submittedAt" < ${cutoff.before}
        ${scope.kind === "TEAM" ? Prisma.sql`AND f."teamId" = ${scope.teamId}` : Prisma.empty}
      ORDER BY f."userId", f.scope, f."teamId", f."submittedAt" DESC`,
    db.$queryRaw<{ reason: string; n: number; amount: Num }[]>`
      SELECT r.reason, sum(r.deals)::int AS n, sum(r."amountMinor")::bigint AS amount
      FROM "QuarterlyLostReasonRollup" r
      WHERE r."quarterStart" = ${period.start}::date ${of}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    db.$queryRaw<{ leads: number; activities: number; opportunities: number; reps: number }[]>`
      SELECT
        (SELECT coalesce(sum(r.leads), 0)::int FROM "QuarterlyLeadRollup" r
          WHERE r."quarterStart" = ${period.start}::date ${of}) AS leads,
        (SELECT coalesce(sum(a.activities), 0)::int FROM "QuarterlyActivityRollup" a
          WHERE a."quarterStart" = ${period.start}::date ${ownerFilter(scope, "a", "userId")}) AS activities,
        (SELECT coalesce(sum(r.opportunities), 0)::int FROM "QuarterlyOpportunityRollup" r
          WHERE r."quarterStart" = ${period.start}::date ${of}) AS opportunities,
        (SELECT count(*)::int FROM "User" u WHERE u.role = 'REP' AND u.active ${teamFilter(scope)}) AS reps`,
    // Median time in stage: organisation-wide, the middle one or two visits read straight from the visits index
    // (percentile_cont's interpolation); for a team, its few thousand visits go through percentile_cont itself.
    scope.kind === "ORGANISATION"
      ? db.$queryRaw<{ stageId: string; entered: number; medianDays: number | null }[]>`
          WITH n AS (
            SELECT r."stageId", sum(r.deals)::int AS entered, sum(r.visits)::int AS visits
            FROM "QuarterlyStageRollup" r WHERE r."quarterStart" = ${period.start}::date GROUP BY r."stageId"
          )
          SELECT n."stageId", n.entered, (
            SELECT CASE WHEN n.visits % 2 = 1 THEN min(m.days) ELSE min(m.days) + (max(m.days) - min(m.days)) * 0.5::float8 END
            FROM (
              SELECT v.days FROM "QuarterlyStageVisit" v
              WHERE v."quarterStart" = ${period.start}::date AND v."stageId" = n."stageId"
              ORDER BY v.days OFFSET (n.visits - 1) / 2 LIMIT 2 - n.visits % 2
            ) m
          ) AS "medianDays"
          FROM n WHERE n.visits > 0`
      : db.$queryRaw<{ stageId: string; entered: number; medianDays: number | null }[]>`
          SELECT r."stageId", count(DISTINCT r."dealId")::int AS entered,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days)::float8 AS "medianDays"
          FROM "QuarterlyStageVisit" r
          WHERE r."quarterStart" = ${period.start}::date ${of}
          GROUP BY r."stageId"`,
    db.$queryRaw<{ maxOrder: number; won: boolean; n: number }[]>`
      SELECT r."maxStageOrder" AS "maxOrder", r.won, sum(r.deals)::int AS n
      FROM "QuarterlyReachRollup" r
      WHERE r."quarterStart" = ${period.start}::date ${of}
      GROUP BY 1, 2`,
    db.pipelineStage.findMany({ select: { id: true, name: true, order: true, probability: true }, orderBy: { order: "asc" } }),
    loadQuarterlyTargets(db),
    db.team.findMany({ select: { id: true, name: true } }),
    loadKpiReps(db, scope),
  ]);

  // Closed deals per quarter.
  // Open qualified deals at the end of the prior (3) and this (4) quarter, as they stood then.
  const openAtEnd = new Map<number, number>([
    [3, 0],
    [4, 0],
  ]);
  for (const r of openAtEndRows) openAtEnd.set(r.idx + 3, r.n);
  return assembleQuarterlyDashboard(
    { closedRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets, teamNames, openAtEnd, kpiReps },
    { period, quarters, next, scope, today, org, cutoffDay: cutoff.lastDay },
  );
}

const TARGET_METRICS = ["qualified_leads", "activities", "new_opportunities", "closed_won_revenue_change", "sales_cycle_days_change"];

/**
 * Every target of the dashboard's metrics, at every level: each rep's own target resolves against their team's and
 * the organisation's (lib/domain/targets.ts resolveTargetForPeriod). A handful of rows whatever the data size.
 */
export function loadQuarterlyTargets(db: typeof prisma = prisma): Promise<TargetRowDb[]> {
  return db.kpiTarget.findMany({
    where: { metric: { in: TARGET_METRICS } },
    select: { id: true, metric: true, periodType: true, periodStart: true, scope: true, teamId: true, userId: true, direction: true, value: true, isRelative: true, createdAt: true },
  });
}

/** The active reps in scope, with their team: whose targets the leading KPIs add up. */
export function loadKpiReps(db: typeof prisma, scope: QuarterlyScope): Promise<{ id: string; teamId: string | null }[]> {
  return db.user.findMany({
    where: { role: "REP", active: true, ...(scope.kind === "TEAM" ? { teamId: scope.teamId } : {}) },
    select: { id: true, teamId: true },
    orderBy: { id: "asc" },
  });
}

export interface TargetRowDb {
  id: string;
  metric: string;
  periodType: PeriodType;
  periodStart: Date | null;
  scope: TargetScopeKind;
  teamId: string | null;
  userId: string | null;
  direction: Direction;
  value: Prisma.Decimal | number | string;
  isRelative: boolean;
  createdAt: Date;
}

const toTargetRow = (t: TargetRowDb): TargetRow => ({ ...t, periodStart: t.periodStart ? dateOnly(t.periodStart) : null, value: Number(t.value) });

/** What the dashboard is assembled from: the loader's query results (also the test oracle's, from its own SQL). */
export interface QuarterlyRows {
  closedRows: { idx: number; status: string; n: number; amount: Num; cycle: Num }[];
  repRows: { ownerId: string; name: string; teamId: string | null; won: Num }[];
  quotaRows: { start: string; amount: Num }[];
  openRows: { stageId: string; n: number; amount: Num; qualified: number; nextN: number; nextAmount: Num; staleN: number; staleAmount: Num; adopted: number }[];
  forecastRows: { userId: string; scope: string; teamId: string | null; commit: Num; submittedAt: Date }[];
  lostRows: { reason: string; n: number; amount: Num }[];
  kpiRows: { leads: number; activities: number; opportunities: number; reps: number }[];
  flowRows: { stageId: string; entered: number; medianDays: number | null }[];
  reachedRows: { maxOrder: number; won: boolean; n: number }[];
  stages: { id: string; name: string; order: number; probability: number }[];
  targets: TargetRowDb[];
  /** The active reps in scope (the leading KPIs' targets are resolved per rep). */
  kpiReps: { id: string; teamId: string | null }[];
  teamNames: { id: string; name: string }[];
  /** Open qualified deals at the end of the prior (3) and this (4) quarter. */
  openAtEnd: Map<number, number>;
}

/** The dashboard from its query results: every figure follows lib/domain (pure; no clock, no database). */
export function assembleQuarterlyDashboard(
  rows: QuarterlyRows,
  ctx: { period: Period; quarters: (Period & { label: string })[]; next: Period; scope: QuarterlyScope; today: IsoDate; org: OrganisationSettings; cutoffDay: IsoDate },
): QuarterlyDashboard {
  const { closedRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets: targetRows, teamNames, openAtEnd, kpiReps } = rows;
  const targets = targetRows.map(toTargetRow);
  const { period, quarters, next, scope, today, org, cutoffDay } = ctx;
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
        openQualifiedAtEnd === null
          ? null
          : nullableNumber(pipelineVelocityMinor({ openQualifiedDeals: openQualifiedAtEnd, won: wonN, lost: lostN, wonMinor, cycleDaysTotal: toBig(won?.cycle ?? null) })),
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
      // Each stage's row rounded once on its own; the totals below are summed exactly and rounded once (not from these).
      staleWeightedMinor: weightedTotal([{ amountMinor: staleMinor, probability: s.probability }]),
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
    weightedMinor: weightedTotal(openByStage.map((r) => ({ amountMinor: r.openMinor, probability: r.probability }))),
    adopted,
    adoption: share(adopted, openDeals),
    staleDeals: openByStage.reduce((a, r) => a + r.staleDeals, 0),
    staleWeightedMinor: weightedTotal(openByStage.map((r) => ({ amountMinor: r.staleMinor, probability: r.probability }))),
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

  // Leading KPIs: each rep's target resolved by the one rule of /targets (rep over team over organisation), summed
  // over the reps in scope; the relative revenue and cycle targets are the scope's own (team over organisation).
  const kpi = kpiRows[0] ?? { leads: 0, activities: 0, opportunities: 0, reps: 0 };
  const leadingTargets = ["qualified_leads", "activities", "new_opportunities"].map((metric) => ({ metric, ...quarterTargetForReps(targets, metric, kpiReps, period) }));
  // The totals are already for the whole scope and quarter: attainment over one "rep" of a quarterly target.
  const kpis = leadingKpiAttainment(
    { qualified_leads: kpi.leads, activities: kpi.activities, new_opportunities: kpi.opportunities },
    leadingTargets.filter((t) => t.total !== null).map((t) => ({ metric: t.metric, periodType: "QUARTER" as const, value: t.total as number })),
    1,
  ).map((k) => ({ ...k, targetNote: leadingTargets.find((t) => t.metric === k.metric)?.note ?? "no target" }));
  const scopeSubject = (metric: string) => ({ metric, repId: null, teamId: scope.kind === "TEAM" ? scope.teamId : null, period });
  const revenueTarget = resolveTargetForPeriod(targets, scopeSubject("closed_won_revenue_change"));
  const cycleTarget = resolveTargetForPeriod(targets, scopeSubject("sales_cycle_days_change"));

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
    forecast: { scoringWeek: org.forecastScoringWeek, cutoffDay, reps: repForecasts, teams: teamForecasts, organisation },
    lostReasons: lostRows.map((r) => ({ reason: r.reason, deals: r.n, amountMinor: toBig(r.amount) })),
    kpis,
    reps: kpi.reps,
  };
}

/** averageDealSize() of metrics.ts from a SQL total and count (the same rounding: once, half away from zero). */
function averageDealSizeFromTotal(total: bigint, count: number): bigint | null {
  if (count === 0) return null;
  return divideRounded(total, BigInt(count));
}

const nullableNumber = (v: bigint | null) => (v === null ? null : Number(v));

export function daysInPeriod(period: Pick<Period, "start" | "end">): number {
  return daysBetween(period.start, period.end) + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down: the deals behind a number, with the same quarter, scope and permission.

export const DRILL_METRICS = {
  won: "Deals won in the quarter",
  lost: "Deals lost in the quarter",
  closed: "Deals closed (won or lost) in the quarter",
  won_prior: "Deals won in the prior quarter",
  won_last_year: "Deals won in the same quarter last year",
  next_pipeline: "Open deals closing in the next quarter",
  open_qualified: "Open deals in qualified stages",
  stale: "Stale open deals (revenue at risk)",
  not_adopted: "Open deals failing methodology (stale, no up-front contract, or close date in the past)",
  lost_reason: "Deals lost in the quarter for one reason",
  stage: "Deals closed in the quarter that reached a stage",
  rep_won: "One rep's deals won in the quarter",
} as const;

export type DrillMetric = keyof typeof DRILL_METRICS;

export function isDrillMetric(value: string | null | undefined): value is DrillMetric {
  return !!value && Object.prototype.hasOwnProperty.call(DRILL_METRICS, value);
}

export interface DrillDeal {
  id: string;
  name: string;
  owner: string;
  stage: string;
  status: string;
  amountMinor: bigint;
  closeDate: string;
  closedAt: Date | null;
  lostReason: string | null;
}

export const DRILL_LIMIT = 500;

export async function loadQuarterlyDrill(
  actor: Actor,
  input: { quarter: Period; scope: QuarterlyScope; metric: DrillMetric; stageId?: string | null; reason?: string | null; ownerId?: string | null },
  org: OrganisationSettings,
  today: IsoDate,
  db: typeof prisma = prisma,
): Promise<{ deals: DrillDeal[]; total: number; totalMinor: bigint; title: string }> {
  assertCanRead(actor, input.scope);
  const { quarter: period, scope, metric } = input;
  const fy = org.fiscalYearStartMonth;
  const tz = org.timeZone;
  const range = (p: Period) => periodInstants(p, tz);
  const closedIn = (p: Period, status: Prisma.Sql) => {
    const r = range(p);
    return Prisma.sql`d.status IN (${status}) AND d."closedAt" >= ${r.from} AND d."closedAt" < ${r.to}`;
  };
  const WON = Prisma.sql`'WON'`;
  const next = shiftPeriod(period, 1, fy);
  const staleSql = Prisma.sql`((${today}::date - (d."lastMovedAt" AT TIME ZONE ${tz})::date) >= coalesce(s."staleThresholdDays", ${org.staleThresholdDays}::int)
    AND (d."pausedUntil" IS NULL OR d."pausedUntil" <= ${today}::date))`;
  let condition: Prisma.Sql;
  switch (metric) {
    case "won":
      condition = closedIn(period, WON);
      break;
    case "lost":
      condition = closedIn(period, Prisma.sql`'LOST'`);
      break;
    case "closed":
      condition = closedIn(period, Prisma.sql`'WON', 'LOST'`);
      break;
    case "won_prior":
      condition = closedIn(shiftPeriod(period, -1, fy), WON);
      break;
    case "won_last_year":
      condition = closedIn(shiftPeriod(period, -4, fy), WON);
      break;
    case "next_pipeline":
      condition = Prisma.sql`d.status = 'OPEN' AND d."closeDate" BETWEEN ${next.start}::date AND ${next.end}::date`;
      break;
    case "open_qualified":
      condition = Prisma.sql`d.status = 'OPEN' AND s."isQualified"`;
      break;
    case "stale":
      condition = Prisma.sql`d.status = 'OPEN' AND ${staleSql}`;
      break;
    case "not_adopted":
      condition = Prisma.sql`d.status = 'OPEN' AND (${staleSql} OR NOT ${hasUpFrontContractSql("d")}
        OR d."nextStepDate" < ${today}::date OR d."closeDate" < ${today}::date)`;
      break;
    case "lost_reason": {
      const reason = (input.reason ?? "").trim();
      const reasonSql =
        reason === "No reason given" ? Prisma.sql`coalesce(btrim(d."lostReason"), '') = ''` : Prisma.sql`btrim(d."lostReason") = ${reason}`;
      condition = Prisma.sql`${closedIn(period, Prisma.sql`'LOST'`)} AND ${reasonSql}`;
      break;
    }
    case "stage": {
      const stageId = input.stageId ?? "";
      // The highest stage each closed deal reached is kept by the quarterly rollups (its "stageId" history).
      condition = Prisma.sql`${closedIn(period, Prisma.sql`'WON', 'LOST'`)} AND EXISTS (
        SELECT 1 FROM "QuarterlyDealFact" f
        WHERE f."dealId" = d.id AND f."maxStageOrder" >= (SELECT "order" FROM "PipelineStage" WHERE id = ${stageId}))`;
      break;
    }
    case "rep_won":
      condition = Prisma.sql`${closedIn(period, WON)} AND d."ownerId" = ${input.ownerId ?? ""}`;
      break;
  }
  const rows = await db.$queryRaw<
    { id: string; name: string; owner: string; stage: string; status: string; amountMinor: bigint; closeDate: string; closedAt: Date | null; lostReason: string | null; total: number; totalMinor: Num }[]
  >`
    SELECT d.id, d.name, u.name AS owner, s.name AS stage, d.status::text AS status, d."amountMinor",
      to_char(d."closeDate", 'YYYY-MM-DD') AS "closeDate", d."closedAt", d."lostReason",
      (count(*) OVER ())::int AS total, (sum(d."amountMinor") OVER ())::bigint AS "totalMinor"
    FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" JOIN "PipelineStage" s ON s.id = d."stageId"
    WHERE ${condition} ${teamFilter(scope)}
    ORDER BY d."amountMinor" DESC, d.id
    LIMIT ${DRILL_LIMIT}`;
  return {
    deals: rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor) })),
    total: rows[0]?.total ?? 0,
    totalMinor: rows[0] ? toBig(rows[0].totalMinor) : 0n,
    title: DRILL_METRICS[metric],
  };
}

/** A JSON-safe copy (bigint → string, Date → ISO string) for snapshots and client components. */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}
