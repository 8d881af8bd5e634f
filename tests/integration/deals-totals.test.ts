// The deal list's total and weighted total are what the filter selects: for every filter they add up the very rows
// the list shows, weighted by stage probability and rounded once. Real PostgreSQL.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { listDeals, parseDealFilters, type DealFilters } from "@/lib/data/deals";
import { dealTotals } from "@/lib/data/deals-totals";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, startOfLocalDay } from "@/lib/domain/calendar";
import { weightedPipeline } from "@/lib/domain/metrics";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

/** The list's filters from a query string (the parser answers either the filters or a result carrying them). */
function filtersOf(query: Record<string, string | undefined>): DealFilters {
  const parsed = parseDealFilters(query as Record<string, string>) as unknown as DealFilters | { ok: boolean; value?: DealFilters; message?: string };
  if ("ok" in parsed) {
    if (!parsed.ok || !parsed.value) throw new Error(parsed.message);
    return parsed.value;
  }
  return parsed;
}

describe("deal list totals", () => {
  it("sum and weight exactly the deals each filter selects, inside the actor's scope", async () => {
    await createOrganisation(prisma, { timeZone: "America/New_York", staleThresholdDays: 14 });
    const stages = await createStages(prisma);
    const east = await createTeamWithReps(prisma, 2);
    const west = await createTeamWithReps(prisma, 1);
    const org = await loadOrganisation();
    const today = todayIn(org);
    const at = (days: number) => new Date(startOfLocalDay(addDays(today, -days), org.timeZone).getTime() + 12 * 3_600_000);
    const [a, b] = east.reps;
    await createDeal(prisma, { ownerId: a.id, stageId: stages[0].id, amountMinor: 100_001, lastMovedAt: at(30) });
    await createDeal(prisma, { ownerId: a.id, stageId: stages[5].id, amountMinor: 250_033, lastMovedAt: at(11), nextStep: "  ", nextStepDate: null });
    await createDeal(prisma, { ownerId: b.id, stageId: stages[2].id, amountMinor: 77_777, nextStepDate: addDays(today, -2) });
    await createDeal(prisma, { ownerId: b.id, stageId: stages[1].id, amountMinor: 10_000, pausedUntil: addDays(today, 9), lastMovedAt: at(60), nextStep: null });
    await createDeal(prisma, { ownerId: b.id, stageId: stages[3].id, amountMinor: 55_555, status: "WON", closedAt: at(1) });
    await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stages[0].id, amountMinor: 9_999_999, lastMovedAt: at(40) });
    const manager = (await loadActor(east.manager.id)) as SessionUser;
    const probability = new Map(stages.map((s) => [s.id, s.probability]));
    const stageOf = new Map((await prisma.deal.findMany({ select: { id: true, stageId: true } })).map((d) => [d.id, d.stageId]));

    const queries: Record<string, string>[] = [{}, { flag: "stale" }, { flag: "no_next_step" }, { flag: "overdue" }, { flag: "paused" }, { status: "won" }, { owner: b.id }, { q: "deal" }];
    for (const query of queries) {
      const filters = filtersOf(query);
      const { rows } = await listDeals(manager, filters, today, org);
      const totals = await dealTotals(manager, filters, today, org);
      expect({ query, count: totals.count }).toEqual({ query, count: rows.length });
      expect(totals.amountMinor).toBe(rows.reduce((s, r) => s + BigInt(r.amountMinor), 0n));
      expect(totals.weightedMinor).toBe(weightedPipeline(rows.map((r) => ({ amountMinor: BigInt(r.amountMinor), probability: probability.get(stageOf.get(r.id)!)! }))));
    }
    // Another team's deal never counts.
    expect((await dealTotals(manager, filtersOf({}), today, org)).amountMinor).toBe(100_001n + 250_033n + 77_777n + 10_000n);
  });
});
