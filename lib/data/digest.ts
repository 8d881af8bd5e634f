// The Monday digest's figures for every recipient at once: a handful of set-based queries (no query per person),
// so that a run at 200k deals and 500 reps stays a few statements.
import { prisma, type Tx } from "@/lib/db";
import { addDays, dateOnly, periodContaining, startOfLocalDay, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import type { ExecutiveDigestPayload, ManagerDigestPayload, RepDigestPayload } from "@/lib/mail/messages";

type Db = typeof prisma | Tx;

export interface DigestOrganisation {
  timeZone: string;
  fiscalYearStartMonth: number;
  staleThresholdDays: number;
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
  role: "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
}

const PER_LIST = 10;

/** Active reps, managers and executives without this week's digest yet (the key decides "already written"). */
export async function digestRecipients(weekOf: IsoDate, db: Db = prisma): Promise<Recipient[]> {
  return db.$queryRaw<Recipient[]>`
    SELECT u."id", u."name", u."email", u."role"::text AS "role" FROM "User" u
    WHERE u."active" AND u."role" IN ('REP', 'MANAGER', 'EXECUTIVE') AND u."passwordHash" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "MailOutbox" m WHERE m."idempotencyKey" = 'digest:' || ${weekOf} || ':' || u."id")
    ORDER BY u."id"`;
}

type Omit2<T> = Omit<T, "name" | "weekOf">;

export async function repDigests(repIds: string[], today: IsoDate, org: DigestOrganisation, db: Db = prisma): Promise<Map<string, Omit2<RepDigestPayload>>> {
  const out = new Map<string, Omit2<RepDigestPayload>>();
  if (repIds.length === 0) return out;
  const weekStart = today;
  const weekEnd = addDays(today, 6);
  const quarter = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const from = startOfLocalDay(quarter.start, org.timeZone);
  const to = startOfLocalDay(addDays(quarter.end, 1), org.timeZone);
  const dayStart = startOfLocalDay(today, org.timeZone);
  const [deals, items, actions, quota] = await Promise.all([
    // Next steps this week, overdue next steps and stale deals: one scan of the reps' open deals, ranked per list.
    db.$queryRaw<{ ownerId: string; list: string; dealId: string; dealName: string; nextStep: string | null; date: Date | null; days: number }[]>`
      WITH open AS (
        SELECT d."id", d."name", d."ownerId", d."nextStep", d."nextStepDate", d."lastMovedAt",
               COALESCE(s."staleThresholdDays", ${org.staleThresholdDays}) AS threshold,
               (d."pausedUntil" IS NOT NULL AND d."pausedUntil" >= ${toDbDate(today)}) AS paused
        FROM "Deal" d JOIN "PipelineStage" s ON s."id" = d."stageId"
        WHERE d."ownerId" = ANY(${repIds}) AND d."status" = 'OPEN'
      ), listed AS (
        SELECT "ownerId", 'week' AS list, "id", "name", "nextStep", "nextStepDate" AS date, 0 AS days FROM open
          WHERE "nextStepDate" BETWEEN ${toDbDate(weekStart)} AND ${toDbDate(weekEnd)}
        UNION ALL
        SELECT "ownerId", 'overdue', "id", "name", "nextStep", "nextStepDate", 0 FROM open
          WHERE NOT paused AND "nextStepDate" < ${toDbDate(today)}
        UNION ALL
        SELECT "ownerId", 'stale', "id", "name", NULL, NULL,
               floor(extract(epoch FROM (${dayStart}::timestamptz - "lastMovedAt")) / 86400)::int FROM open
          WHERE NOT paused AND "lastMovedAt" < ${dayStart}::timestamptz - make_interval(days => threshold)
      ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY "ownerId", list ORDER BY date NULLS LAST, days DESC, "id") AS n FROM listed
      )
      SELECT "ownerId", list, "id" AS "dealId", "name" AS "dealName", "nextStep", date, days FROM ranked WHERE n <= ${PER_LIST}`,
    db.$queryRaw<{ ownerId: string; id: string; description: string; dueDate: Date; dealId: string | null }[]>`
      SELECT "ownerId", "id", "description", "dueDate", "dealId" FROM (
        SELECT a.*, row_number() OVER (PARTITION BY a."ownerId" ORDER BY a."dueDate", a."id") AS n
        FROM "ActionItem" a WHERE a."ownerId" = ANY(${repIds}) AND a."status" = 'OPEN') x
      WHERE n <= ${PER_LIST}`,
    db.$queryRaw<{ ownerId: string; id: string; description: string; dueDate: Date; sessionId: string }[]>`
      SELECT "ownerId", "id", "description", "dueDate", "sessionId" FROM (
        SELECT pa."ownerId", pa."id", pa."description", pa."dueDate", p."sessionId",
               row_number() OVER (PARTITION BY pa."ownerId" ORDER BY pa."dueDate", pa."id") AS n
        FROM "PlanAction" pa JOIN "PlanObjective" o ON o."id" = pa."objectiveId" JOIN "DevelopmentPlan" p ON p."id" = o."planId"
        WHERE pa."ownerId" = ANY(${repIds}) AND pa."status"::text <> 'DONE') x
      WHERE n <= ${PER_LIST}`,
    db.$queryRaw<{ ownerId: string; won: bigint; quota: bigint | null }[]>`
      SELECT r."id" AS "ownerId",
        (SELECT COALESCE(sum(d."amountMinor"), 0)::bigint FROM "Deal" d
          WHERE d."ownerId" = r."id" AND d."status" = 'WON' AND d."closedAt" >= ${from} AND d."closedAt" < ${to}) AS won,
        (SELECT q."amountMinor" FROM "Quota" q
          WHERE q."userId" = r."id" AND q."periodType" = 'QUARTER' AND q."periodStart" = ${toDbDate(quarter.start)}) AS quota
      FROM unnest(${repIds}::text[]) AS r("id")`,
  ]);
  for (const id of repIds) {
    out.set(id, { nextSteps: [], overdue: [], stale: [], actionItems: [], planActions: [], quota: { periodLabel: quarter.label, wonMinor: "0", quotaMinor: null } });
  }
  for (const d of deals) {
    const digest = out.get(d.ownerId)!;
    if (d.list === "week") digest.nextSteps.push({ dealId: d.dealId, dealName: d.dealName, nextStep: d.nextStep ?? "", date: dateOnly(d.date!) });
    else if (d.list === "overdue") digest.overdue.push({ dealId: d.dealId, dealName: d.dealName, date: dateOnly(d.date!) });
    else digest.stale.push({ dealId: d.dealId, dealName: d.dealName, days: d.days });
  }
  for (const a of items) out.get(a.ownerId)!.actionItems.push({ id: a.id, description: a.description, dueDate: dateOnly(a.dueDate), dealId: a.dealId });
  for (const a of actions) out.get(a.ownerId)!.planActions.push({ id: a.id, description: a.description, dueDate: dateOnly(a.dueDate), sessionId: a.sessionId });
  for (const q of quota) out.get(q.ownerId)!.quota = { periodLabel: quarter.label, wonMinor: String(q.won), quotaMinor: q.quota === null ? null : String(q.quota) };
  return out;
}

export async function managerDigests(managerIds: string[], today: IsoDate, org: DigestOrganisation, db: Db = prisma): Promise<Map<string, Omit2<ManagerDigestPayload>>> {
  const out = new Map<string, Omit2<ManagerDigestPayload>>();
  if (managerIds.length === 0) return out;
  const dayStart = startOfLocalDay(today, org.timeZone);
  const lastWeekStart = startOfLocalDay(addDays(today, -7), org.timeZone);
  const month = periodContaining(today, "MONTH");
  const [flags, undecided, coaching, flow] = await Promise.all([
    db.$queryRaw<{ managerId: string; flag: string; count: number; value: bigint }[]>`
      WITH open AS (
        SELECT tm."userId" AS "managerId", d."amountMinor", d."nextStep", d."nextStepDate", d."lastMovedAt",
               COALESCE(s."staleThresholdDays", ${org.staleThresholdDays}) AS threshold,
               (d."pausedUntil" IS NOT NULL AND d."pausedUntil" >= ${toDbDate(today)}) AS paused
        FROM "TeamManager" tm JOIN "User" u ON u."teamId" = tm."teamId"
        JOIN "Deal" d ON d."ownerId" = u."id" AND d."status" = 'OPEN'
        JOIN "PipelineStage" s ON s."id" = d."stageId"
        WHERE tm."userId" = ANY(${managerIds})
      )
      SELECT "managerId", flag, count(*)::int AS count, COALESCE(sum("amountMinor"), 0)::bigint AS value FROM (
        SELECT "managerId", 'stale' AS flag, "amountMinor" FROM open WHERE NOT paused AND "lastMovedAt" < ${dayStart}::timestamptz - make_interval(days => threshold)
        UNION ALL SELECT "managerId", 'no_next_step', "amountMinor" FROM open WHERE NOT paused AND ("nextStepDate" IS NULL OR btrim(COALESCE("nextStep", '')) = '')
        UNION ALL SELECT "managerId", 'overdue', "amountMinor" FROM open WHERE NOT paused AND "nextStepDate" < ${toDbDate(today)}
      ) f GROUP BY "managerId", flag ORDER BY "managerId", flag`,
    db.$queryRaw<{ managerId: string; sessionId: string; count: number }[]>`
      SELECT DISTINCT ON (s."managerId") s."managerId", s."id" AS "sessionId",
        (SELECT count(*)::int FROM "InspectionDisposition" x WHERE x."sessionId" = s."id" AND x."disposition"::text IN ('NOT_DISCUSSED', 'SKIPPED')) AS count
      FROM "InspectionSession" s WHERE s."managerId" = ANY(${managerIds}) AND s."completedAt" IS NOT NULL
      ORDER BY s."managerId", s."completedAt" DESC`,
    db.$queryRaw<{ managerId: string; repId: string; repName: string; lastHeldOn: Date | null }[]>`
      SELECT tm."userId" AS "managerId", u."id" AS "repId", u."name" AS "repName",
        (SELECT max(c."heldOn") FROM "CoachingSession" c WHERE c."repId" = u."id" AND c."completedAt" IS NOT NULL) AS "lastHeldOn"
      FROM "TeamManager" tm JOIN "User" u ON u."teamId" = tm."teamId" AND u."role" = 'REP' AND u."active"
      WHERE tm."userId" = ANY(${managerIds})
        AND NOT EXISTS (SELECT 1 FROM "CoachingSession" c WHERE c."repId" = u."id" AND c."completedAt" IS NOT NULL
                        AND c."heldOn" BETWEEN ${toDbDate(month.start)} AND ${toDbDate(month.end)})
      ORDER BY tm."userId", u."name"`,
    db.$queryRaw<{ managerId: string; created: number; createdMinor: bigint; won: number; wonMinor: bigint; lost: number; lostMinor: bigint }[]>`
      SELECT tm."userId" AS "managerId",
        count(*) FILTER (WHERE d."createdAt" >= ${lastWeekStart} AND d."createdAt" < ${dayStart})::int AS created,
        COALESCE(sum(d."amountMinor") FILTER (WHERE d."createdAt" >= ${lastWeekStart} AND d."createdAt" < ${dayStart}), 0)::bigint AS "createdMinor",
        count(*) FILTER (WHERE d."status" = 'WON' AND d."closedAt" >= ${lastWeekStart} AND d."closedAt" < ${dayStart})::int AS won,
        COALESCE(sum(d."amountMinor") FILTER (WHERE d."status" = 'WON' AND d."closedAt" >= ${lastWeekStart} AND d."closedAt" < ${dayStart}), 0)::bigint AS "wonMinor",
        count(*) FILTER (WHERE d."status" = 'LOST' AND d."closedAt" >= ${lastWeekStart} AND d."closedAt" < ${dayStart})::int AS lost,
        COALESCE(sum(d."amountMinor") FILTER (WHERE d."status" = 'LOST' AND d."closedAt" >= ${lastWeekStart} AND d."closedAt" < ${dayStart}), 0)::bigint AS "lostMinor"
      FROM "TeamManager" tm JOIN "User" u ON u."teamId" = tm."teamId" JOIN "Deal" d ON d."ownerId" = u."id"
      WHERE tm."userId" = ANY(${managerIds})
        AND (d."createdAt" >= ${lastWeekStart} OR d."closedAt" >= ${lastWeekStart})
      GROUP BY tm."userId"`,
  ]);
  for (const id of managerIds) {
    out.set(id, { flagged: [], undecided: { count: 0, sessionId: null }, coachingDue: [], flow: { created: 0, createdMinor: "0", won: 0, wonMinor: "0", lost: 0, lostMinor: "0" } });
  }
  for (const f of flags) out.get(f.managerId)!.flagged.push({ flag: f.flag, count: f.count, valueMinor: String(f.value) });
  for (const u of undecided) out.get(u.managerId)!.undecided = { count: u.count, sessionId: u.sessionId };
  for (const c of coaching) out.get(c.managerId)!.coachingDue.push({ repId: c.repId, repName: c.repName, lastHeldOn: c.lastHeldOn ? dateOnly(c.lastHeldOn) : null });
  for (const f of flow) {
    out.get(f.managerId)!.flow = { created: f.created, createdMinor: String(f.createdMinor), won: f.won, wonMinor: String(f.wonMinor), lost: f.lost, lostMinor: String(f.lostMinor) };
  }
  return out;
}

/** Per team (the same for every executive): inspection done last week, flagged value, coverage, commit and quota. */
export async function executiveDigest(today: IsoDate, org: DigestOrganisation, db: Db = prisma): Promise<ExecutiveDigestPayload["teams"]> {
  const dayStart = startOfLocalDay(today, org.timeZone);
  const lastWeekStart = startOfLocalDay(addDays(today, -7), org.timeZone);
  const quarter = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const from = startOfLocalDay(quarter.start, org.timeZone);
  const to = startOfLocalDay(addDays(quarter.end, 1), org.timeZone);
  const rows = await db.$queryRaw<{ teamId: string; teamName: string; done: boolean; flagged: bigint; pipeline: bigint; won: bigint; commit: bigint | null; quota: bigint | null }[]>`
    SELECT t."id" AS "teamId", t."name" AS "teamName",
      EXISTS (SELECT 1 FROM "InspectionSession" s WHERE s."teamId" = t."id" AND s."completedAt" >= ${lastWeekStart} AND s."completedAt" < ${dayStart}) AS done,
      COALESCE((SELECT sum(d."amountMinor") FROM "Deal" d JOIN "User" u ON u."id" = d."ownerId" JOIN "PipelineStage" st ON st."id" = d."stageId"
        WHERE u."teamId" = t."id" AND d."status" = 'OPEN' AND NOT (d."pausedUntil" IS NOT NULL AND d."pausedUntil" >= ${toDbDate(today)})
          AND (d."lastMovedAt" < ${dayStart}::timestamptz - make_interval(days => COALESCE(st."staleThresholdDays", ${org.staleThresholdDays}))
               OR d."nextStepDate" IS NULL OR d."nextStepDate" < ${toDbDate(today)})), 0)::bigint AS flagged,
      COALESCE((SELECT sum(d."amountMinor") FROM "Deal" d JOIN "User" u ON u."id" = d."ownerId"
        WHERE u."teamId" = t."id" AND d."status" = 'OPEN' AND d."closeDate" BETWEEN ${toDbDate(quarter.start)} AND ${toDbDate(quarter.end)}), 0)::bigint AS pipeline,
      COALESCE((SELECT sum(d."amountMinor") FROM "Deal" d JOIN "User" u ON u."id" = d."ownerId"
        WHERE u."teamId" = t."id" AND d."status" = 'WON' AND d."closedAt" >= ${from} AND d."closedAt" < ${to}), 0)::bigint AS won,
      (SELECT f."commitMinor" FROM "ForecastSubmission" f WHERE f."teamId" = t."id" AND f."periodType" = 'QUARTER'
        AND f."periodStart" = ${toDbDate(quarter.start)} ORDER BY f."submittedAt" DESC LIMIT 1) AS commit,
      (SELECT sum(q."amountMinor") FROM "Quota" q JOIN "User" u ON u."id" = q."userId"
        WHERE u."teamId" = t."id" AND q."periodType" = 'QUARTER' AND q."periodStart" = ${toDbDate(quarter.start)})::bigint AS quota
    FROM "Team" t WHERE t."archivedAt" IS NULL ORDER BY t."name"`;
  return rows.map((r) => {
    const remaining = r.quota === null ? null : r.quota - r.won;
    return {
      teamId: r.teamId,
      teamName: r.teamName,
      inspectionDone: r.done,
      flaggedMinor: String(r.flagged),
      pipelineMinor: String(r.pipeline),
      // Coverage: open pipeline closing this quarter over the quota still to win (DOMAIN.md); none once quota is met.
      coverage: remaining === null || remaining <= 0n ? null : Number(r.pipeline) / Number(remaining),
      commitMinor: r.commit === null ? null : String(r.commit),
      quotaMinor: r.quota === null ? null : String(r.quota),
    };
  });
}
