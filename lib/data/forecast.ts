// Forecast submissions: the caller's (and their teams') history for the current quarter and what the deals suggest.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { periodContaining, periodInstants, toDbDate, type IsoDate, type Period } from "@/lib/domain/calendar";
import type { ForecastSuggestion } from "@/lib/domain/forecast";

export interface ForecastTarget {
  scope: "REP" | "TEAM";
  /** The team for a team forecast; the rep's team for their own. */
  teamId: string | null;
  title: string;
  suggestion: ForecastSuggestion;
  history: { id: string; commitMinor: bigint; bestCaseMinor: bigint; notes: string | null; submittedAt: Date; by: string }[];
}

type Num = bigint | number | string | null;
const big = (v: Num) => (v === null ? 0n : BigInt(typeof v === "string" ? v.split(".")[0] : v));

/**
 * The forecast page: a rep forecasts their own number; a manager forecasts each team they manage.
 * Two queries for suggestions and one for history, whatever the number of teams.
 */
export async function loadForecastPage(actor: Actor, org: OrganisationSettings, today: IsoDate): Promise<{ period: Period; targets: ForecastTarget[] }> {
  const period = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const { from, to } = periodInstants(period, org.timeZone);
  const isManager = actor.role === "MANAGER";
  const teamIds = isManager ? [...actor.managedTeamIds] : [];
  if (!isManager && actor.role !== "REP") return { period, targets: [] };
  if (isManager && teamIds.length === 0) return { period, targets: [] };

  // The permission rule in SQL: a rep's own deals, or the deals of the manager's teams' members.
  const who = isManager ? Prisma.sql`u."teamId" IN (${Prisma.join(teamIds)})` : Prisma.sql`d."ownerId" = ${actor.id}`;
  const groupKey = isManager ? Prisma.sql`u."teamId"` : Prisma.sql`d."ownerId"`;
  const [suggestions, history, teams] = await Promise.all([
    prisma.$queryRaw<{ key: string; won: Num; weighted: Num; late: Num; lateN: number; open: Num }[]>`
      SELECT ${groupKey} AS key,
        coalesce(sum(d."amountMinor") FILTER (WHERE d.status = 'WON' AND d."closedAt" >= ${from} AND d."closedAt" < ${to}), 0)::bigint AS won,
        coalesce(sum(d."amountMinor" * s.probability / 100) FILTER (WHERE d.status = 'OPEN' AND d."closeDate" BETWEEN ${period.start}::date AND ${period.end}::date), 0)::bigint AS weighted,
        coalesce(sum(d."amountMinor") FILTER (WHERE d.status = 'OPEN' AND s."isLateStage" AND d."closeDate" BETWEEN ${period.start}::date AND ${period.end}::date), 0)::bigint AS late,
        (count(*) FILTER (WHERE d.status = 'OPEN' AND s."isLateStage" AND d."closeDate" BETWEEN ${period.start}::date AND ${period.end}::date))::int AS "lateN",
        coalesce(sum(d."amountMinor") FILTER (WHERE d.status = 'OPEN' AND d."closeDate" BETWEEN ${period.start}::date AND ${period.end}::date), 0)::bigint AS open
      FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" JOIN "PipelineStage" s ON s.id = d."stageId"
      WHERE ${who} AND (d.status = 'OPEN' OR d."closedAt" >= ${from})
      GROUP BY 1`,
    prisma.forecastSubmission.findMany({
      where: {
        periodType: "QUARTER",
        periodStart: toDbDate(period.start),
        ...(isManager ? { scope: "TEAM" as const, teamId: { in: teamIds } } : { scope: "REP" as const, userId: actor.id }),
      },
      select: { id: true, teamId: true, commitMinor: true, bestCaseMinor: true, notes: true, submittedAt: true, user: { select: { name: true } } },
      orderBy: { submittedAt: "desc" },
      take: 500,
    }),
    prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);

  const suggestionFor = (key: string): ForecastSuggestion => {
    const r = suggestions.find((s) => s.key === key);
    return { wonMinor: big(r?.won ?? null), weightedOpenMinor: big(r?.weighted ?? null), lateStageMinor: big(r?.late ?? null), lateStageDeals: r?.lateN ?? 0, openMinor: big(r?.open ?? null) };
  };
  const toHistory = (rows: typeof history) =>
    rows.map((h) => ({ id: h.id, commitMinor: h.commitMinor, bestCaseMinor: h.bestCaseMinor, notes: h.notes, submittedAt: h.submittedAt, by: h.user.name }));

  if (!isManager) {
    return { period, targets: [{ scope: "REP", teamId: actor.teamId, title: "Your forecast", suggestion: suggestionFor(actor.id), history: toHistory(history) }] };
  }
  return {
    period,
    targets: teams.map((t) => ({ scope: "TEAM" as const, teamId: t.id, title: `Team ${t.name}`, suggestion: suggestionFor(t.id), history: toHistory(history.filter((h) => h.teamId === t.id)) })),
  };
}
