// Test oracle: the executive dashboard's rows computed straight from "Deal" and "DealChange" (the loader's SQL before
// the quarterly rollups), assembled by the loader's own assembleQuarterlyDashboard. The rollup tests compare lib/data/quarterly.ts with it after every kind of write.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { assembleQuarterlyDashboard, assertCanRead, loadKpiReps, loadQuarterlyTargets, quarterFrame, type QuarterlyDashboard, type QuarterlyScope } from "@/lib/data/quarterly";
import { dateOnly, type IsoDate, type Period } from "@/lib/domain/calendar";
import { dealAsOf } from "@/lib/domain/as-of";

/** Per instant: the deals in scope that were open then in a stage that is (now) marked qualified. */
async function openQualifiedAtEnds(db: typeof prisma, scope: QuarterlyScope, instants: Date[]): Promise<number[]> {
  const deals = await db.deal.findMany({
    where: scope.kind === "TEAM" ? { owner: { teamId: scope.teamId } } : {},
    select: { id: true, createdAt: true, closedAt: true, status: true, stageId: true, amountMinor: true, closeDate: true, changes: { select: { id: true, at: true, field: true, oldValue: true, newValue: true } } },
  });
  const qualified = new Set((await db.pipelineStage.findMany({ where: { isQualified: true }, select: { id: true } })).map((s) => s.id));
  return instants.map(
    (t) =>
      deals.filter((d) => {
        const s = dealAsOf({ ...d, closeDate: dateOnly(d.closeDate) }, d.changes, t);
        return s?.status === "OPEN" && qualified.has(s.stageId);
      }).length,
  );
}

/** The permission rule repeated in SQL: a team scope limits every query to deals of that team's members. */
function teamFilter(scope: QuarterlyScope, alias = "u") {
  return scope.kind === "TEAM" ? Prisma.sql`AND ${Prisma.raw(`${alias}."teamId"`)} = ${scope.teamId}` : Prisma.empty;
}

type Num = number | bigint | string | null;

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
  const tz = org.timeZone;
  const { quarters, next, ranges, ends, cutoff } = quarterFrame(period, org, new Date());
  const cur = ranges[4];
  const tf = teamFilter(scope);
  const buckets = Prisma.join(ranges.map((r, i) => Prisma.sql`(${i}::int, ${r.from}::timestamptz, ${r.to}::timestamptz, ${ends[i]}::timestamptz)`));
  // Velocity is compared quarter over quarter: open qualified deals are counted at the end of the prior and this
  // quarter only (older quarters would scan most of the table for a figure nobody reads).

  const [closedRows, openAtEndRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets, teamNames, kpiReps] = await Promise.all([
    db.$queryRaw<{ idx: number; status: string; n: number; amount: Num; cycle: Num }[]>`
      SELECT b.idx, d.status::text AS status, count(*)::int AS n, coalesce(sum(d."amountMinor"), 0)::bigint AS amount,
        coalesce(sum(CASE WHEN d.status = 'WON' THEN (d."closedAt" AT TIME ZONE ${tz})::date
          - coalesce(d."firstContactDate", (d."createdAt" AT TIME ZONE ${tz})::date) END), 0)::bigint AS cycle
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId"
      JOIN (VALUES ${buckets}) AS b(idx, f, t, e) ON d."closedAt" >= b.f AND d."closedAt" < b.t
      WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${ranges[0].from} AND d."closedAt" < ${ranges[5].to} ${tf}
      GROUP BY b.idx, d.status`,
    // Open qualified deals at the prior and this quarter's end: every deal and its whole history through the pure
    // reconstruction (lib/domain/as-of.ts), the oracle of the loader's SQL (lib/data/as-of.ts).
    openQualifiedAtEnds(db, scope, [ends[3], ends[4]]).then((counts) => counts.map((n, i) => ({ idx: i + 3, n }))),
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
    loadQuarterlyTargets(db),
    db.team.findMany({ select: { id: true, name: true } }),
    loadKpiReps(db, scope),
  ]);

  // Only the SQL differs from the loader: the same assembly turns the rows into the dashboard.
  const openAtEnd = new Map(openAtEndRows.map((r) => [r.idx, r.n]));
  return assembleQuarterlyDashboard(
    { closedRows, repRows, quotaRows, openRows, forecastRows, lostRows, kpiRows, flowRows, reachedRows, stages, targets, teamNames, openAtEnd, kpiReps },
    { period, quarters, next, scope, today, org, cutoffDay: cutoff.lastDay },
  );
}
