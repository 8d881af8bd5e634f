// The deal list's totals: how many deals the filter selects, their amount and their weighted amount (amount × the
// stage's probability), aggregated in SQL over every selected deal (the list itself shows at most LIST_LIMIT rows).
// The flag filters are the exact rules of lib/domain/deal-rules.ts written in SQL, so the totals match the rows.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import type { DealFilters } from "@/lib/data/deals";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { ownerScopeSql } from "@/lib/data/scope-sql";
import { toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { weightedTotal } from "@/lib/domain/metrics";

export interface DealTotals {
  count: number;
  amountMinor: bigint;
  weightedMinor: bigint;
}

export async function dealTotals(actor: Actor, filters: Omit<DealFilters, "sort" | "dir">, today: IsoDate, org: Pick<OrganisationSettings, "timeZone" | "staleThresholdDays">, db = prisma): Promise<DealTotals> {
  const todayDb = toDbDate(today);
  const notPaused = Prisma.sql`(d."pausedUntil" IS NULL OR d."pausedUntil" <= ${todayDb}::date)`;
  const open = Prisma.sql`d.status = 'OPEN'`;
  const blankStep = Prisma.sql`(btrim(coalesce(d."nextStep", '')) = '' OR d."nextStepDate" IS NULL)`;
  const flag = (() => {
    switch (filters.flag) {
      case "stale":
        // Whole local days since the last movement reach the stage's threshold (the organisation's without one).
        return Prisma.sql`AND ${open} AND ${notPaused}
          AND (d."lastMovedAt" AT TIME ZONE ${org.timeZone})::date <= ${todayDb}::date - coalesce(s."staleThresholdDays", ${org.staleThresholdDays})::int`;
      case "no_next_step":
        return Prisma.sql`AND ${open} AND ${notPaused} AND ${blankStep}`;
      case "overdue":
        return Prisma.sql`AND ${open} AND ${notPaused} AND NOT ${blankStep} AND d."nextStepDate" < ${todayDb}::date`;
      case "paused":
        return Prisma.sql`AND ${open} AND d."pausedUntil" > ${todayDb}::date`;
      default:
        return Prisma.empty;
    }
  })();
  const q = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db.$queryRaw<{ probability: number; n: number; amount: string }[]>`
    SELECT s.probability, count(*)::int AS n, coalesce(sum(d."amountMinor"), 0)::text AS amount
    FROM "Deal" d
    JOIN "User" u ON u.id = d."ownerId"
    JOIN "PipelineStage" s ON s.id = d."stageId"
    LEFT JOIN "Account" a ON a.id = d."accountId"
    WHERE d.status = ${filters.status}::"DealStatus" ${ownerScopeSql(actor)}
      ${filters.ownerId ? Prisma.sql`AND d."ownerId" = ${filters.ownerId}` : Prisma.empty}
      ${filters.stageId ? Prisma.sql`AND d."stageId" = ${filters.stageId}` : Prisma.empty}
      ${q ? Prisma.sql`AND (d.name ILIKE ${q} OR a.name ILIKE ${q})` : Prisma.empty}
      ${flag}
    GROUP BY s.probability`;
  const perProbability = rows.map((r) => ({ amountMinor: BigInt(r.amount), probability: r.probability }));
  return {
    count: rows.reduce((s, r) => s + r.n, 0),
    amountMinor: perProbability.reduce((s, r) => s + r.amountMinor, 0n),
    weightedMinor: weightedTotal(perProbability),
  };
}
