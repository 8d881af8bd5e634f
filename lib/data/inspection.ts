// The weekly pipeline inspection's data for one team or one rep: flagged deals (stale, paused, no next step, overdue,
// late stage), top of the funnel, health of the quarter and what changed since the last inspection. A fixed number of
// SQL queries whatever the team size; aggregates are computed in SQL; the rules themselves are lib/domain's.
import { prisma } from "@/lib/db";
import { hasUpFrontContractSql } from "@/lib/data/deal-rules-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { canReadTeam, type Actor } from "@/lib/auth/permissions";
import { ownerScopeSql } from "@/lib/data/scope-sql";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { listStages, type StageInfo } from "@/lib/data/stages";
import {
  addDays,
  daysBetween,
  periodContaining,
  periodInstants,
  shiftPeriod,
  startOfLocalDay,
  startOfWeek,
  toDbDate,
  type IsoDate,
  type Period,
} from "@/lib/domain/calendar";
import { daysSinceMovement, daysSinceTouch, isPaused, isStale, nextStepState, staleThreshold } from "@/lib/domain/deal-rules";
import { coverage, opportunitiesNeeded, weightedPipeline, type Coverage, type OpportunityNeed } from "@/lib/domain/metrics";
import { CHANGE_FIELDS, classifyChanges, type ChangeSummary } from "@/lib/domain/inspection-changes";
import { triageCompare } from "@/lib/domain/inspection-decisions";

/** One team (optionally narrowed to one rep), one rep on their own (the rep's view), or, with neither, the whole
 * organisation (executives and admins). */
export interface InspectionScope {
  teamId: string | null;
  repId: string | null;
}

export type DealFlag = "stale" | "no_next_step" | "overdue" | "late_stage" | "close_date_passed" | "paused";

export interface InspectedDeal {
  id: string;
  name: string;
  version: number;
  accountName: string | null;
  ownerId: string;
  ownerName: string;
  stageId: string;
  stageName: string;
  amountMinor: string;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  daysSinceMovement: number;
  daysSinceTouch: number;
  staleThresholdDays: number;
  pausedUntil: IsoDate | null;
  pauseReason: string | null;
  pushCount: number;
  flags: DealFlag[];
}

export interface ChangedDeal {
  dealId: string;
  name: string;
  ownerName: string;
  pushCount: number;
  from: string | null;
  to: string | null;
}

export interface OpenActionItem {
  id: string;
  description: string;
  dueDate: IsoDate;
  ownerId: string;
  ownerName: string;
  dealId: string | null;
  dealName: string | null;
  fromSession: IsoDate | null;
}

export interface InspectionData {
  today: IsoDate;
  period: Period;
  scope: InspectionScope;
  stages: StageInfo[];
  people: { id: string; name: string; role: string; isMember: boolean }[];
  stale: InspectedDeal[];
  paused: InspectedDeal[];
  noNextStep: InspectedDeal[];
  overdue: InspectedDeal[];
  lateStage: InspectedDeal[];
  /** Every flagged, unpaused deal once, most urgent first (triageCompare): what an inspection decides. */
  triage: InspectedDeal[];
  /** Every flagged deal once, paused ones included, most urgent first: the overview's one triage list. */
  flagged: InspectedDeal[];
  funnel: {
    weekStart: IsoDate;
    newThisWeek: number;
    need: OpportunityNeed;
    quotaMinor: string | null;
    wonInPeriodMinor: string;
    averageDealSizeMinor: string | null;
    winRate: number | null;
    winRateBasis: { start: IsoDate; end: IsoDate; won: number; lost: number };
  };
  health: {
    coverage: Coverage;
    openInPeriodMinor: string;
    weightedMinor: string;
    perStage: { stageId: string; name: string; probability: number; count: number; amountMinor: string }[];
    openCount: number;
    openAmountMinor: string;
  };
  changes: {
    since: string; // ISO instant
    sinceLabel: "last inspection" | "last 7 days";
    byKind: Record<keyof ChangeSummary, ChangedDeal[]>;
    truncated: boolean;
  };
  openActionItems: OpenActionItem[];
  sessions: { openSessionId: string | null; lastCompletedAt: string | null };
}

const CHANGE_ROW_LIMIT = 5000;

/** A flagged candidate as the joined read returns it (dates as ISO text, money as text). */
interface CandidateRow {
  id: string;
  name: string;
  version: number;
  amountMinor: string;
  closeDate: IsoDate;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
  lastMovedAt: Date;
  lastTouchedAt: Date;
  pausedUntil: IsoDate | null;
  pauseReason: string | null;
  pushCount: number;
  stageId: string;
  ownerId: string;
  ownerName: string;
  accountName: string | null;
}

type ActionItemRow = OpenActionItem;


/** Whether the actor may read this scope at all (the page answers 404 otherwise). */
export function canReadScope(actor: Actor, scope: InspectionScope): boolean {
  if (scope.teamId) return canReadTeam(actor, scope.teamId);
  if (scope.repId) return scope.repId === actor.id || actor.role === "ADMIN" || actor.role === "EXECUTIVE";
  return actor.role === "ADMIN" || actor.role === "EXECUTIVE";
}

type Num = bigint | number | string | null;
const big = (v: Num): bigint => (v === null ? 0n : typeof v === "bigint" ? v : BigInt(typeof v === "number" ? Math.round(v) : v.split(".")[0]));

export async function loadInspection(actor: Actor, scope: InspectionScope, today: IsoDate, org: OrganisationSettings, db = prisma): Promise<InspectionData | null> {
  if (!canReadScope(actor, scope)) return null;
  const tz = org.timeZone;
  const period = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const periodRange = periodInstants(period, tz);
  const trailingStart = shiftPeriod(period, -3, org.fiscalYearStartMonth).start;
  const trailingFrom = startOfLocalDay(trailingStart, tz);
  const tomorrowStart = startOfLocalDay(addDays(today, 1), tz);
  const weekStart = startOfWeek(today);

  // The permission rule repeated in every `where` (ownerScope's rule, in SQL over d = Deal and u = its owner), then
  // narrowed to the scope.
  const permission = ownerScopeSql(actor);
  const sqlScope = Prisma.sql`${scope.teamId ? Prisma.sql`AND u."teamId" = ${scope.teamId}` : Prisma.empty} ${scope.repId ? Prisma.sql`AND d."ownerId" = ${scope.repId}` : Prisma.empty}`;
  const sessionWhere: Prisma.InspectionSessionWhereInput = scope.teamId ? { teamId: scope.teamId, repId: scope.repId } : scope.repId ? { repId: scope.repId } : { id: "__none__" };

  const todayDb = toDbDate(today);
  // Every read starts at once, except two that need another's answer: the flagged candidates need the stages (the
  // smallest stale threshold, the late stages) and the changes need the last inspection session.
  const stagesRead = listStages(db);
  const sessionsRead = db.inspectionSession.findMany({
    where: sessionWhere,
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { id: true, startedAt: true, completedAt: true },
  });
  const sinceOf = (sessions: Awaited<typeof sessionsRead>) => sessions.find((s) => s.completedAt)?.startedAt ?? startOfLocalDay(addDays(today, -7), tz);

  const [stages, people, candidates, perStageRows, closedRows, quotaRows, newThisWeek, sessions, changeRows, actionItems] = await Promise.all([
    stagesRead,
    db.user.findMany({
      where: scope.teamId
        ? { active: true, OR: [{ teamId: scope.teamId }, { managedTeams: { some: { teamId: scope.teamId } } }] }
        : { id: scope.repId ?? "__none__" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, role: true, teamId: true },
    }),
    // One joined read for the flagged candidates (owner and account names included): no follow-up relation loads.
    stagesRead.then((stages) => {
      const minThreshold = Math.min(org.staleThresholdDays, ...stages.map((s) => s.staleThresholdDays ?? org.staleThresholdDays));
      // Stale means the local day of the last movement is at least `threshold` days before today: prefilter in SQL
      // with the smallest threshold, then apply the exact rule per deal.
      const staleCutoff = startOfLocalDay(addDays(today, -minThreshold + 1), tz);
      const lateStageIds = stages.filter((s) => s.isLateStage).map((s) => s.id);
      return db.$queryRaw<CandidateRow[]>`
          SELECT d.id, d.name, d.version, d."amountMinor"::text AS "amountMinor", d."closeDate"::text AS "closeDate",
                 d."nextStep", d."nextStepDate"::text AS "nextStepDate", d."lastMovedAt", d."lastTouchedAt",
                 d."pausedUntil"::text AS "pausedUntil", d."pauseReason", d."pushCount", d."stageId", d."ownerId",
                 u.name AS "ownerName", a.name AS "accountName"
          FROM "Deal" d
          JOIN "User" u ON u.id = d."ownerId"
          LEFT JOIN "Account" a ON a.id = d."accountId"
          WHERE d.status = 'OPEN' ${permission} ${sqlScope}
            AND (d."lastMovedAt" < ${staleCutoff} OR NOT ${hasUpFrontContractSql("d")}
                 OR d."nextStepDate" < ${todayDb}::date OR d."pausedUntil" > ${todayDb}::date OR d."closeDate" < ${todayDb}::date
                 ${lateStageIds.length > 0 ? Prisma.sql`OR d."stageId" IN (${Prisma.join(lateStageIds)})` : Prisma.empty})
          ORDER BY d."lastMovedAt" ASC, d.id ASC`;
    }),
    db.$queryRaw<{ stageId: string; n: number; amount: Num; inPeriod: Num }[]>`
      SELECT d."stageId", count(*)::int AS n, coalesce(sum(d."amountMinor"), 0)::text AS amount,
             coalesce(sum(d."amountMinor") FILTER (WHERE d."closeDate" BETWEEN ${toDbDate(period.start)}::date AND ${toDbDate(period.end)}::date), 0)::text AS "inPeriod"
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      WHERE d.status = 'OPEN' ${permission} ${sqlScope}
      GROUP BY d."stageId"`,
    db.$queryRaw<{ won: number; lost: number; wonAmount: Num; wonInPeriod: Num }[]>`
      SELECT count(*) FILTER (WHERE d.status = 'WON')::int AS won,
             count(*) FILTER (WHERE d.status = 'LOST')::int AS lost,
             coalesce(sum(d."amountMinor") FILTER (WHERE d.status = 'WON'), 0)::text AS "wonAmount",
             coalesce(sum(d."amountMinor") FILTER (WHERE d.status = 'WON' AND d."closedAt" >= ${periodRange.from}), 0)::text AS "wonInPeriod"
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${trailingFrom} AND d."closedAt" < ${tomorrowStart} ${permission} ${sqlScope}`,
    db.$queryRaw<{ periodType: string; amount: Num; n: number }[]>`
      SELECT q."periodType"::text AS "periodType", coalesce(sum(q."amountMinor"), 0)::text AS amount, count(*)::int AS n
      FROM "Quota" q JOIN "User" u ON u.id = q."userId"
      WHERE q."periodStart" >= ${toDbDate(period.start)}::date AND q."periodEnd" <= ${toDbDate(period.end)}::date
        AND q."periodType" IN ('QUARTER', 'MONTH')
        ${scope.teamId ? Prisma.sql`AND u."teamId" = ${scope.teamId}` : Prisma.empty} ${scope.repId ? Prisma.sql`AND u.id = ${scope.repId}` : Prisma.empty}
      GROUP BY q."periodType"`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      WHERE d."createdAt" >= ${startOfLocalDay(weekStart, tz)} AND d."createdAt" < ${tomorrowStart} ${permission} ${sqlScope}`.then((r) => r[0]?.n ?? 0),
    sessionsRead,
    sessionsRead.then((sessions) => {
      const since = sinceOf(sessions);
      // Start from the team's deals touched since then (every change touches its deal), and reach their history through
      // the (dealId, at) index: the cost follows the team's activity, not the organisation's whole history.
      return db.$queryRaw<{ dealId: string; field: string; oldValue: string | null; newValue: string | null; at: Date; dealName: string; pushCount: number; ownerName: string }[]>`
          SELECT c."dealId", c.field, c."oldValue", c."newValue", c.at, d.name AS "dealName", d."pushCount", u.name AS "ownerName"
          FROM "Deal" d
          JOIN "User" u ON u.id = d."ownerId"
          JOIN "DealChange" c ON c."dealId" = d.id AND c.at >= ${since} AND c.field IN (${Prisma.join([...CHANGE_FIELDS])})
          WHERE d."lastTouchedAt" >= ${since} ${permission} ${sqlScope}
          ORDER BY c.at ASC, c.id ASC
          LIMIT ${CHANGE_ROW_LIMIT + 1}`.then((rows) =>
          rows.map((r) => ({ dealId: r.dealId, field: r.field, oldValue: r.oldValue, newValue: r.newValue, at: r.at, deal: { name: r.dealName, pushCount: r.pushCount, owner: { name: r.ownerName } } })),
        );
    }),
    db.$queryRaw<ActionItemRow[]>`
      SELECT ai.id, ai.description, ai."dueDate"::text AS "dueDate", ai."ownerId", o.name AS "ownerName",
             dl.id AS "dealId", dl.name AS "dealName", s."asOfDate"::text AS "fromSession"
      FROM "ActionItem" ai
      JOIN "User" o ON o.id = ai."ownerId"
      LEFT JOIN "Deal" dl ON dl.id = ai."dealId"
      ${scope.teamId ? Prisma.sql`JOIN` : Prisma.sql`LEFT JOIN`} "InspectionSession" s ON s.id = ai."inspectionSessionId"
      WHERE ai.status = 'OPEN'
        ${
          scope.teamId
            ? Prisma.sql`AND s."teamId" = ${scope.teamId} AND ${scope.repId ? Prisma.sql`s."repId" = ${scope.repId}` : Prisma.sql`s."repId" IS NULL`}`
            : scope.repId
              ? Prisma.sql`AND ai."ownerId" = ${scope.repId}`
              : Prisma.sql`AND s.id IS NOT NULL`
        }
      ORDER BY ai."dueDate" ASC, ai."createdAt" ASC
      LIMIT 200`,
  ]);

  const lastCompleted = sessions.find((s) => s.completedAt);
  const openSession = sessions.find((s) => !s.completedAt);
  const sinceLabel = lastCompleted ? ("last inspection" as const) : ("last 7 days" as const);
  const since = sinceOf(sessions);

  // Flags, by the pure rules.
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const thresholds = { organisationDays: org.staleThresholdDays };
  const stale: InspectedDeal[] = [];
  const paused: InspectedDeal[] = [];
  const noNextStep: InspectedDeal[] = [];
  const overdue: InspectedDeal[] = [];
  const lateStage: InspectedDeal[] = [];
  const allFlagged: InspectedDeal[] = [];
  for (const d of candidates) {
    const stage = stageById.get(d.stageId);
    const pausedUntil = d.pausedUntil;
    const nextStepDate = d.nextStepDate;
    const input = { status: "OPEN" as const, lastMovedAt: d.lastMovedAt, stageStaleThresholdDays: stage?.staleThresholdDays ?? null, pausedUntil };
    const flags: DealFlag[] = [];
    if (isStale(input, today, tz, thresholds)) flags.push("stale");
    const ns = nextStepState({ nextStep: d.nextStep, nextStepDate }, today);
    const isPausedNow = isPaused({ pausedUntil }, today);
    if (!isPausedNow && ns === "missing") flags.push("no_next_step");
    if (!isPausedNow && ns === "overdue") flags.push("overdue");
    if (stage?.isLateStage) flags.push("late_stage");
    if (d.closeDate < today) flags.push("close_date_passed");
    if (isPausedNow) flags.push("paused");
    const row: InspectedDeal = {
      id: d.id,
      name: d.name,
      version: d.version,
      accountName: d.accountName,
      ownerId: d.ownerId,
      ownerName: d.ownerName,
      stageId: d.stageId,
      stageName: stage?.name ?? "—",
      amountMinor: d.amountMinor,
      closeDate: d.closeDate,
      nextStep: d.nextStep,
      nextStepDate,
      daysSinceMovement: daysSinceMovement(d.lastMovedAt, today, tz),
      daysSinceTouch: daysSinceTouch(d.lastTouchedAt, today, tz),
      staleThresholdDays: staleThreshold(input, thresholds),
      pausedUntil,
      pauseReason: d.pauseReason,
      pushCount: d.pushCount,
      flags,
    };
    if (flags.length > 0) allFlagged.push(row);
    if (isPausedNow) paused.push(row);
    if (flags.includes("stale")) stale.push(row);
    if (flags.includes("no_next_step")) noNextStep.push(row);
    if (flags.includes("overdue")) overdue.push(row);
    if (flags.includes("late_stage")) lateStage.push(row);
  }
  stale.sort((a, b) => b.daysSinceMovement - a.daysSinceMovement);
  const flagged = allFlagged.sort(triageCompare);
  const triage = flagged.filter((d) => !d.flags.includes("paused"));

  // Health of the period.
  const perStage = stages.map((s) => {
    const r = perStageRows.find((x) => x.stageId === s.id);
    return { stageId: s.id, name: s.name, probability: s.probability, count: r?.n ?? 0, amountMinor: big(r?.amount ?? 0).toString() };
  });
  const openInPeriod = perStageRows.reduce((sum, r) => sum + big(r.inPeriod), 0n);
  const weighted = weightedPipeline(perStage.map((s) => ({ amountMinor: BigInt(s.amountMinor), probability: s.probability })));
  const closed = closedRows[0] ?? { won: 0, lost: 0, wonAmount: 0, wonInPeriod: 0 };
  const rate = closed.won + closed.lost > 0 ? closed.won / (closed.won + closed.lost) : null;
  // Mean won amount rounded half up, as averageDealSize does, from the SQL sum and count.
  const avg = closed.won > 0 ? (big(closed.wonAmount) * 2n + BigInt(closed.won)) / (2n * BigInt(closed.won)) : null;
  const wonInPeriod = big(closed.wonInPeriod);
  const quarterQuota = quotaRows.find((q) => q.periodType === "QUARTER");
  const monthQuota = quotaRows.find((q) => q.periodType === "MONTH");
  const quota = quarterQuota && quarterQuota.n > 0 ? big(quarterQuota.amount) : monthQuota && monthQuota.n > 0 ? big(monthQuota.amount) : null;
  const cov = coverage({ openPipelineMinor: openInPeriod, quotaMinor: quota, closedWonMinor: wonInPeriod, winRate: rate });
  const need = opportunitiesNeeded({
    gapMinor: quota === null ? 0n : quota - wonInPeriod,
    averageDealSizeMinor: avg,
    winRate: rate,
    daysLeft: daysBetween(today, period.end) + 1,
  });

  // What changed.
  const truncated = changeRows.length > CHANGE_ROW_LIMIT;
  const rows = truncated ? changeRows.slice(0, CHANGE_ROW_LIMIT) : changeRows;
  const summary = classifyChanges(rows, new Map(stages.map((s) => [s.id, s.order])), period);
  const dealInfo = new Map(rows.map((r) => [r.dealId, r.deal]));
  const byKind = Object.fromEntries(
    Object.entries(summary).map(([kind, deltas]) => [
      kind,
      (deltas as ChangeSummary["won"]).map((d) => {
        const info = dealInfo.get(d.dealId);
        return { dealId: d.dealId, name: info?.name ?? "", ownerName: info?.owner.name ?? "", pushCount: info?.pushCount ?? 0, from: d.from, to: d.to };
      }),
    ]),
  ) as Record<keyof ChangeSummary, ChangedDeal[]>;

  return {
    today,
    period,
    scope,
    stages,
    people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, isMember: !!scope.teamId && p.teamId === scope.teamId })),
    stale,
    paused,
    noNextStep,
    overdue,
    lateStage,
    triage,
    flagged,
    funnel: {
      weekStart,
      newThisWeek,
      need,
      quotaMinor: quota?.toString() ?? null,
      wonInPeriodMinor: wonInPeriod.toString(),
      averageDealSizeMinor: avg?.toString() ?? null,
      winRate: rate,
      winRateBasis: { start: trailingStart, end: today, won: closed.won, lost: closed.lost },
    },
    health: {
      coverage: cov,
      openInPeriodMinor: openInPeriod.toString(),
      weightedMinor: weighted.toString(),
      perStage,
      openCount: perStage.reduce((s, x) => s + x.count, 0),
      openAmountMinor: perStage.reduce((s, x) => s + BigInt(x.amountMinor), 0n).toString(),
    },
    changes: { since: since.toISOString(), sinceLabel, byKind, truncated },
    openActionItems: actionItems,
    sessions: { openSessionId: openSession?.id ?? null, lastCompletedAt: lastCompleted?.completedAt?.toISOString() ?? null },
  };
}

/** The teams the actor may inspect or read, for the picker. */
export async function listInspectableTeams(actor: Actor, db = prisma) {
  if (actor.role === "REP") return [];
  const where = actor.role === "MANAGER" ? { id: { in: [...actor.managedTeamIds] }, archivedAt: null } : { archivedAt: null };
  return db.team.findMany({ where, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
