// CI guard (sizes and counts, never times): each main page's data loader issues the same number of SQL statements
// whatever the team size or the number of deals — no query per deal or per rep (N+1).
import { describe, expect, it, vi } from "vitest";

// Prisma emits query events only when asked at construction: set before lib/db.ts is imported.
vi.hoisted(() => {
  process.env.CADENCE_QUERY_LOG = "1";
});

import pg from "pg";
import { onQuery, prisma } from "@/lib/db";
import { loadActor } from "@/lib/auth/session";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadInspection } from "@/lib/data/inspection";
import { loadQuarterlyDashboard } from "@/lib/data/quarterly";
import { currentWeekWindow, loadFlow, loadFlowDeals } from "@/lib/data/flow";
import { listDeals, parseDealFilters } from "@/lib/data/deals";
import { getCoachingOverview } from "@/lib/data/coaching";
import { listQuotas, listTargets } from "@/lib/data/targets";
import { periodContaining, shiftPeriod } from "@/lib/domain/calendar";
import { BENCH_EMAILS, defaultOptions, loadLarge, truncateAllTables, type LargeOptions } from "@/prisma/seed-large";

async function load(overrides: Partial<LargeOptions>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await truncateAllTables(client);
  await client.end();
  await loadLarge(process.env.DATABASE_URL!, defaultOptions({ today: "2026-11-23", ...overrides }));
}

async function countQueries(run: () => Promise<unknown>): Promise<{ count: number; result: unknown }> {
  let count = 0;
  const stop = onQuery(() => count++);
  try {
    const result = await run();
    return { count, result };
  } finally {
    stop();
  }
}

async function actorByEmail(email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

/** The queries each main page's loader issues on the data set currently loaded, and what it found. */
async function measure() {
  const org = await loadOrganisation();
  const today = todayIn(org);
  const manager = await actorByEmail(BENCH_EMAILS.manager01);
  const rep = await actorByEmail(BENCH_EMAILS.rep0001);
  const exec = await actorByEmail(BENCH_EMAILS.executive);
  const quarter = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);

  const inspection = await countQueries(() => loadInspection(manager, { teamId: "bt_01", repId: null }, today, org));
  const repInspection = await countQueries(() => loadInspection(rep, { teamId: null, repId: rep.id }, today, org));
  const dashboard = await countQueries(() => loadQuarterlyDashboard(exec, { quarter, scope: { kind: "ORGANISATION" } }, org, today));
  const teamDashboard = await countQueries(() =>
    loadQuarterlyDashboard(manager, { quarter, scope: { kind: "TEAM", teamId: "bt_01", teamName: "Bench Team 01" } }, org, today),
  );
  const deals = await countQueries(() => listDeals(rep, parseDealFilters({}), today, org));
  const teamDeals = await countQueries(() => listDeals(manager, parseDealFilters({}), today, org));
  const coaching = await countQueries(() => getCoachingOverview(manager, today));
  const quarters = [0, 1].map((o) => shiftPeriod(quarter, o, org.fiscalYearStartMonth).start);
  const targets = await countQueries(() => Promise.all([listTargets(manager), listQuotas(manager, "QUARTER", quarters)]));
  const week = currentWeekWindow(org, new Date());
  const flow = await countQueries(() => loadFlow(exec, { kind: "ORGANISATION" }, week));
  const teamFlow = await countQueries(() =>
    Promise.all([loadFlow(manager, { kind: "TEAM", teamId: "bt_01" }, week), loadFlowDeals(manager, { kind: "TEAM", teamId: "bt_01" }, week, "end")]),
  );
  const inspected = inspection.result as { people: unknown[] } | null;
  return {
    counts: {
      inspection: inspection.count,
      repInspection: repInspection.count,
      dashboard: dashboard.count,
      teamDashboard: teamDashboard.count,
      deals: deals.count,
      teamDeals: teamDeals.count,
      coaching: coaching.count,
      targets: targets.count,
      flow: flow.count,
      teamFlow: teamFlow.count,
    },
    inspectedPeople: inspected?.people.length ?? 0,
    dealCount: await prisma.deal.count(),
  };
}

describe("queries per page do not grow with the data (no N+1)", () => {
  it("issues the same number of SQL statements for a 2-rep team with 400 deals and a 12-rep team with 4,000 deals", async () => {
    await load({ deals: 400, teams: 2, reps: 4, team01Reps: 2 });
    const small = await measure();
    await load({ deals: 4_000, teams: 3, reps: 30, team01Reps: 12 });
    const large = await measure();

    // The larger data set really is larger where it matters: more people on the team, ten times the deals.
    expect(large.inspectedPeople).toBeGreaterThan(small.inspectedPeople);
    expect(large.dealCount).toBe(10 * small.dealCount);
    for (const count of Object.values(small.counts)) expect(count).toBeGreaterThan(0);
    expect(large.counts).toEqual(small.counts);
  });
});
