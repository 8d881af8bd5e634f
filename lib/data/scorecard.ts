// The rep scorecard's data: monthly KPI figures aggregated in SQL by calendar month in the organisation's time zone,
// today's data integrity, quotas and the targets that may apply. The KPI rules live in lib/domain/kpi.ts.
import "server-only";
import { hasUpFrontContractSql } from "@/lib/data/deal-rules-sql";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { getReadableRep } from "@/lib/data/coaching";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { dateOnly, periodContaining, periodInstants, toDbDate, type IsoDate, type PeriodKind } from "@/lib/domain/calendar";
import { buildScorecard, scorecardDataStart, type MonthFigures } from "@/lib/domain/kpi";
import type { TargetRow } from "@/lib/domain/targets";
import { periodProgressOn } from "@/lib/domain/period-to-date";

type Db = typeof prisma;

interface BucketRow {
  kind: string;
  month: string;
  n: number;
  amount: bigint | null;
  cycle: number | null;
}

/** Per calendar month (org time zone) from `from` to `to` inclusive: leads, activities, new deals, won/lost, cycle. */
export async function monthlyKpiFigures(repId: string, from: IsoDate, to: IsoDate, timeZone: string, db: Db = prisma): Promise<MonthFigures[]> {
  const { from: fromInstant, to: toInstant } = periodInstants({ start: from, end: to }, timeZone);
  const rows = await db.$queryRaw<BucketRow[]>`
    SELECT 'lead' AS kind, to_char("createdOn", 'YYYY-MM') AS month, count(*)::int AS n, NULL::bigint AS amount, NULL::int AS cycle
      FROM "Lead" WHERE "ownerId" = ${repId} AND "icpQualified" AND "createdOn" BETWEEN ${from}::date AND ${to}::date GROUP BY 2
    UNION ALL
    SELECT 'activity', to_char("occurredOn", 'YYYY-MM'), count(*)::int, NULL, NULL
      FROM "Activity" WHERE "userId" = ${repId} AND "occurredOn" BETWEEN ${from}::date AND ${to}::date GROUP BY 2
    UNION ALL
    SELECT 'opportunity', to_char("createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM'), count(*)::int, NULL, NULL
      FROM "Deal" WHERE "ownerId" = ${repId} AND "createdAt" >= ${fromInstant} AND "createdAt" < ${toInstant} GROUP BY 2
    UNION ALL
    SELECT lower("status"::text), to_char("closedAt" AT TIME ZONE ${timeZone}, 'YYYY-MM'), count(*)::int, sum("amountMinor")::bigint,
           sum((("closedAt" AT TIME ZONE ${timeZone})::date - coalesce("firstContactDate", ("createdAt" AT TIME ZONE ${timeZone})::date)))::int
      FROM "Deal" WHERE "ownerId" = ${repId} AND "status" IN ('WON', 'LOST') AND "closedAt" >= ${fromInstant} AND "closedAt" < ${toInstant}
      GROUP BY 1, 2`;
  const months = new Map<string, MonthFigures>();
  for (const r of rows) {
    let m = months.get(r.month);
    if (!m) months.set(r.month, (m = { month: r.month, qualifiedLeads: 0, activities: 0, newOpportunities: 0, won: 0, lost: 0, wonMinor: 0n, cycleDaysTotal: 0, cycleDeals: 0 }));
    if (r.kind === "lead") m.qualifiedLeads += r.n;
    else if (r.kind === "activity") m.activities += r.n;
    else if (r.kind === "opportunity") m.newOpportunities += r.n;
    else if (r.kind === "won") {
      m.won += r.n;
      m.wonMinor += BigInt(r.amount ?? 0);
      m.cycleDaysTotal += r.cycle ?? 0;
      m.cycleDeals += r.n;
    } else if (r.kind === "lost") m.lost += r.n;
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Methodology adoption over the rep's open deals today (percent points), in SQL; null with no open deals. */
export async function dataIntegrityNow(repId: string, today: IsoDate, org: Pick<OrganisationSettings, "timeZone" | "staleThresholdDays">, db: Db = prisma): Promise<number | null> {
  const [row] = await db.$queryRaw<{ open: number; following: number }[]>`
    SELECT count(*)::int AS open,
           count(*) FILTER (WHERE
             ((d."pausedUntil" IS NOT NULL AND d."pausedUntil" > ${today}::date)
               OR (${today}::date - (d."lastMovedAt" AT TIME ZONE ${org.timeZone})::date) < coalesce(s."staleThresholdDays", ${org.staleThresholdDays}::int))
             AND ${hasUpFrontContractSql("d")}
             AND d."nextStepDate" >= ${today}::date
             AND d."closeDate" >= ${today}::date)::int AS following
      FROM "Deal" d JOIN "PipelineStage" s ON s."id" = d."stageId"
     WHERE d."ownerId" = ${repId} AND d."status" = 'OPEN'`;
  return row.open === 0 ? null : (row.following / row.open) * 100;
}

/** The whole scorecard of a rep the actor may read, for the current month or quarter and the six before. */
export async function getScorecard(actor: Actor, repId: string, kind: Exclude<PeriodKind, "YEAR">, org: OrganisationSettings, today: IsoDate, db: Db = prisma) {
  const rep = await getReadableRep(actor, repId, db);
  const fy = org.fiscalYearStartMonth;
  const current = periodContaining(today, kind, fy);
  const from = scorecardDataStart(current, fy);
  const [months, integrity, quotas, targets] = await Promise.all([
    monthlyKpiFigures(rep.id, from, current.end, org.timeZone, db),
    dataIntegrityNow(rep.id, today, org, db),
    db.quota.findMany({ where: { userId: rep.id, periodType: kind, periodStart: { gte: toDbDate(from) } }, select: { periodStart: true, amountMinor: true } }),
    db.kpiTarget.findMany({
      where: { periodType: kind, OR: [{ scope: "ORGANISATION" }, ...(rep.teamId ? [{ scope: "TEAM" as const, teamId: rep.teamId }] : []), { scope: "REP", userId: rep.id }] },
      select: { id: true, metric: true, periodType: true, periodStart: true, scope: true, teamId: true, userId: true, direction: true, value: true, isRelative: true, createdAt: true },
    }),
  ]);
  const targetRows: TargetRow[] = targets.map((t) => ({ ...t, periodStart: t.periodStart ? dateOnly(t.periodStart) : null, value: Number(t.value) }));
  const periods = buildScorecard({
    current,
    fiscalYearStartMonth: fy,
    months,
    quotas: new Map(quotas.map((q) => [dateOnly(q.periodStart), q.amountMinor])),
    targets: targetRows,
    dataIntegrityNow: integrity,
    rep: { id: rep.id, teamId: rep.teamId, startDate: rep.startDate ? dateOnly(rep.startDate) : null },
    progress: periodProgressOn(current, today),
  });
  return { rep: { id: rep.id, name: rep.name, teamName: rep.team?.name ?? null }, periods };
}
