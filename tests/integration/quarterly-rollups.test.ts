// The quarterly rollups stay exact whatever writes the deals: after each kind of write (the real actions, direct and
// bulk writes as an import does them, settings changes) the rollup tables equal a rebuild from scratch, and the
// dashboard equals the same figures computed straight from "Deal" and "DealChange" (the oracle).
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // The property below runs a few hundred actions for a handful of people within a minute.
  process.env.CADENCE_MUTATION_LIMIT = "100000";
});

import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createDeal as createDealAction } from "@/lib/actions/deals/create-deal";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { closeDeal } from "@/lib/actions/deals/close-deal";
import { reassignDeal } from "@/lib/actions/deals/reassign-deal";
import { logActivity } from "@/lib/actions/deals/log-activity";
import { createLead } from "@/lib/actions/leads/create-lead";
import { loadOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { loadQuarterlyDashboard, loadQuarterlyDrill, type QuarterlyScope } from "@/lib/data/quarterly";
import { addDays, periodContaining, periodInstants, shiftPeriod, startOfLocalDay, toDbDate, type Period } from "@/lib/domain/calendar";
import { createOrganisation, createStages, createTeamWithReps, createUser, creationHistory } from "@/prisma/factories";
import { loadQuarterlyDashboardDirect } from "./quarterly-oracle";

const ROLLUP_TABLES = [
  "QuarterlyDealFact", "QuarterlyStageVisit", "QuarterlyDealCreated", "QuarterlyCloseRollup", "QuarterlyLostReasonRollup",
  "QuarterlyReachRollup", "QuarterlyStageRollup", "QuarterlyOpenedRollup", "QuarterlyOpportunityRollup", "QuarterlyLeadRollup",
  "QuarterlyActivityRollup",
];

let stages: { id: string; name: string; order: number }[];
let exec: SessionUser;
let manager: SessionUser;
let repA1: SessionUser;
let repA2: SessionUser;
let repB: string;
let teamA: { id: string; name: string };
let teamB: { id: string; name: string };

const stage = (name: string) => stages.find((s) => s.name === name)!.id;
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

/** Every rollup row, in a stable order. */
async function rollupRows(db: Pick<typeof prisma, "$queryRawUnsafe"> = prisma): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    out[table] = rows.map((r) => json(r)).sort();
  }
  return out;
}

class Rollback extends Error {}

/** What a from-scratch rebuild would hold, without keeping it (the rebuild runs in a transaction rolled back). */
async function rebuiltRows(): Promise<Record<string, string[]>> {
  let rebuilt: Record<string, string[]> = {};
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SELECT quarterly_rollup_rebuild()");
      rebuilt = await rollupRows(tx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return rebuilt;
}

async function expectRollupsExact(quarters: Period[]) {
  const incremental = await rollupRows();
  expect(incremental).toEqual(await rebuiltRows());
  const org = await loadOrganisation();
  const today = todayIn(org);
  const scopes: QuarterlyScope[] = [
    { kind: "ORGANISATION" },
    { kind: "TEAM", teamId: teamA.id, teamName: teamA.name },
    { kind: "TEAM", teamId: teamB.id, teamName: teamB.name },
  ];
  for (const quarter of quarters) {
    for (const scope of scopes) {
      const viaRollups = await loadQuarterlyDashboard(exec, { quarter, scope }, org, today);
      const direct = await loadQuarterlyDashboardDirect(exec, { quarter, scope }, org, today);
      expect(json(viaRollups), `${quarter.label} ${scope.kind}`).toBe(json(direct));
    }
    // The stage drill (highest stage reached, from the rollups) lists what the history says.
    const range = periodInstants(quarter, org.timeZone);
    for (const s of stages) {
      const drill = await loadQuarterlyDrill(exec, { quarter, scope: { kind: "ORGANISATION" }, metric: "stage", stageId: s.id }, org, today);
      const [direct] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Deal" d
        WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${range.from} AND d."closedAt" < ${range.to} AND EXISTS (
          SELECT 1 FROM "DealChange" c JOIN "PipelineStage" cs ON cs.id = c."newValue"
          WHERE c."dealId" = d.id AND c.field = 'stageId' AND cs."order" >= ${s.order})`;
      expect(drill.total, `${quarter.label} drill ${s.name}`).toBe(direct.n);
    }
  }
  return incremental;
}

function quartersAround(org: OrganisationSettings): Period[] {
  const current = periodContaining(todayIn(org), "QUARTER", org.fiscalYearStartMonth);
  return [shiftPeriod(current, -1, org.fiscalYearStartMonth), current];
}

async function version(dealId: string) {
  return String((await prisma.deal.findUniqueOrThrow({ where: { id: dealId }, select: { version: true } })).version);
}

beforeAll(async () => {
  // A fiscal year starting in February, in New York: quarters are neither calendar quarters nor UTC days.
  await createOrganisation(prisma, { timeZone: "America/New_York", currency: "USD", fiscalYearStartMonth: 2 });
  stages = await createStages(prisma);
  const a = await createTeamWithReps(prisma, 2, { name: "Alpha" });
  const b = await createTeamWithReps(prisma, 1, { name: "Beta" });
  const e = await createUser(prisma, { role: "EXECUTIVE" });
  teamA = { id: a.team.id, name: "Alpha" };
  teamB = { id: b.team.id, name: "Beta" };
  exec = (await loadActor(e.id))!;
  manager = (await loadActor(a.manager.id))!;
  repA1 = (await loadActor(a.reps[0].id))!;
  repA2 = (await loadActor(a.reps[1].id))!;
  repB = b.reps[0].id;
});

describe("the quarterly rollups follow every write", () => {
  it("stays exact through a deal's life in the real actions: create, stage moves, amount, won, lost, reopen, reassign", async () => {
    const org = await loadOrganisation();
    const today = todayIn(org);
    const quarters = quartersAround(org);
    const before = await expectRollupsExact(quarters);
    expect(before.QuarterlyCloseRollup).toEqual([]);

    const created = await runAction(createDealAction.definition, repA1, {
      name: "Rollup deal", amount: "10000", closeDate: addDays(today, 20), stageId: stage("Prospecting"), nextStep: "Call", nextStepDate: addDays(today, 1),
    });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { data: { id: string } }).data.id;
    const afterCreate = await expectRollupsExact(quarters);
    // A new opportunity of this quarter, nothing closed yet.
    expect(afterCreate.QuarterlyOpportunityRollup).toHaveLength(1);
    expect(afterCreate.QuarterlyDealFact).toEqual([]);

    for (const next of ["Discovery", "Proposal", "Qualification"]) {
      expect(await runAction(updateDeal.definition, repA1, { dealId: id, expectedVersion: await version(id), stageId: stage(next) })).toMatchObject({ ok: true });
      await expectRollupsExact(quarters);
    }
    expect(await runAction(updateDeal.definition, repA1, { dealId: id, expectedVersion: await version(id), amount: "12345.67" })).toMatchObject({ ok: true });
    await expectRollupsExact(quarters);

    expect(await runAction(closeDeal.definition, repA1, { dealId: id, expectedVersion: await version(id), outcome: "WON" })).toMatchObject({ ok: true });
    const won = await expectRollupsExact(quarters);
    expect(won.QuarterlyCloseRollup).toHaveLength(1);
    expect(won.QuarterlyCloseRollup[0]).toContain('"amountMinor":"1234567"');
    // Four stage visits, the highest stage reached is Proposal (order 5).
    expect(won.QuarterlyStageVisit).toHaveLength(4);
    expect(won.QuarterlyReachRollup[0]).toContain('"maxStageOrder":5');

    // The real clock decides the quarter of an action's close; the dashboard of this quarter shows it.
    const dash = await loadQuarterlyDashboard(exec, { quarter: quarters[1], scope: { kind: "ORGANISATION" } }, org, today);
    expect(dash.current.wonMinor).toBe(1_234_567n);

    const lost = await runAction(createDealAction.definition, repA2, { name: "Lost one", amount: "500", closeDate: addDays(today, 5), stageId: stage("Discovery") });
    const lostId = (lost as { data: { id: string } }).data.id;
    expect(await runAction(closeDeal.definition, repA2, { dealId: lostId, expectedVersion: await version(lostId), outcome: "LOST", lostReason: "  Timing " })).toMatchObject({ ok: true });
    const afterLoss = await expectRollupsExact(quarters);
    expect(afterLoss.QuarterlyLostReasonRollup.join()).toContain('"reason":"Timing"');

    // Reopened (as an admin fix or an import does it): the loss is taken back everywhere.
    await prisma.$transaction([
      prisma.deal.update({ where: { id: lostId }, data: { status: "OPEN", closedAt: null, lostReason: null, version: { increment: 1 } } }),
      prisma.dealChange.create({ data: { dealId: lostId, field: "status", oldValue: "LOST", newValue: "OPEN", source: "SYSTEM" } }),
    ]);
    const reopened = await expectRollupsExact(quarters);
    expect(reopened.QuarterlyLostReasonRollup).toEqual([]);

    // Reassigned inside the team by the manager, then the rep moves to another team: figures follow the owner.
    expect(await runAction(reassignDeal.definition, manager, { dealId: lostId, expectedVersion: await version(lostId), newOwnerId: repA1.id })).toMatchObject({ ok: true });
    await expectRollupsExact(quarters);
    await prisma.deal.update({ where: { id: id }, data: { ownerId: repA2.id } });
    await expectRollupsExact(quarters);
    await prisma.user.update({ where: { id: repA2.id }, data: { teamId: teamB.id } });
    const moved = await expectRollupsExact(quarters);
    const betaDash = await loadQuarterlyDashboard(exec, { quarter: quarters[1], scope: { kind: "TEAM", teamId: teamB.id, teamName: "Beta" } }, org, today);
    expect(betaDash.current.wonMinor).toBe(1_234_567n);
    expect(moved.QuarterlyCloseRollup[0]).toContain(repA2.id);
    await prisma.user.update({ where: { id: repA2.id }, data: { teamId: teamA.id } });

    // Leads and activities count toward the leading KPIs.
    expect(await runAction(createLead.definition, repA1, { name: "Lead", icpQualified: "true", createdOn: today })).toMatchObject({ ok: true });
    expect(await runAction(logActivity.definition, repA2, { dealId: id, type: "CALL", occurredOn: today, subject: "Call" })).toMatchObject({ ok: true });
    const kpis = await expectRollupsExact(quarters);
    expect(kpis.QuarterlyLeadRollup).toHaveLength(1);
    expect(kpis.QuarterlyActivityRollup).toHaveLength(1);
    await prisma.activity.deleteMany({ where: { dealId: id } });
    await prisma.lead.updateMany({ data: { icpQualified: false } });
    const cleared = await expectRollupsExact(quarters);
    expect([cleared.QuarterlyLeadRollup, cleared.QuarterlyActivityRollup]).toEqual([[], []]);

    await prisma.deal.delete({ where: { id } });
    const deleted = await expectRollupsExact(quarters);
    expect(deleted.QuarterlyCloseRollup).toEqual([]);
    expect(deleted.QuarterlyStageVisit).toEqual([]);
  });

  it("stays exact after a bulk insert as an import does it, with closes on quarter boundaries, and after settings change", async () => {
    const org = await loadOrganisation();
    const quarters = quartersAround(org);
    const [prior, current] = quarters;
    // The first instant of this quarter, the last millisecond of the prior one, and inside both.
    const boundary = startOfLocalDay(current.start, org.timeZone);
    const closes = [boundary, new Date(boundary.getTime() - 1), startOfLocalDay(addDays(prior.start, 10), org.timeZone), new Date(boundary.getTime() + 86_400_000 * 3)];
    const owners = [repA1.id, repA2.id, repB];
    const data = Array.from({ length: 40 }, (_, i) => {
      const closedAt = i % 5 === 4 ? null : closes[i % closes.length];
      const createdAt = new Date((closedAt ?? boundary).getTime() - 86_400_000 * (20 + i));
      return {
        id: `bulk_${i}`,
        name: `Imported ${i}`,
        ownerId: owners[i % owners.length],
        stageId: stages[i % stages.length].id,
        status: closedAt ? (i % 3 === 0 ? ("WON" as const) : ("LOST" as const)) : ("OPEN" as const),
        amountMinor: BigInt(100_000 + i * 1_001),
        closeDate: toDbDate(closedAt ? current.start : current.end),
        createdAt,
        lastMovedAt: createdAt,
        closedAt,
        lostReason: i % 3 === 0 ? null : i % 2 ? "Price" : "",
        firstContactDate: i % 4 === 0 ? toDbDate(addDays(prior.start, -30)) : null,
      };
    });
    await prisma.deal.createMany({ data });
    await prisma.dealChange.createMany({
      data: data.flatMap((d, i) => [
        ...creationHistory({ ...d, stageId: stages[0].id }, null, d.createdAt, "IMPORT"),
        { dealId: d.id, at: new Date(d.createdAt.getTime() + 86_400_000 * 2), field: "stageId", oldValue: stages[0].id, newValue: stages[(i % 5) + 1].id, source: "IMPORT" as const },
        { dealId: d.id, at: new Date(d.createdAt.getTime() + 86_400_000 * 5 + i * 3_600_000), field: "stageId", oldValue: stages[(i % 5) + 1].id, newValue: d.stageId, source: "IMPORT" as const },
      ]),
    });
    const bulk = await expectRollupsExact(quarters);
    expect(bulk.QuarterlyDealFact.length).toBe(data.filter((d) => d.closedAt).length);

    // History edited after the close: the visits and the highest stage reached follow.
    await prisma.dealChange.deleteMany({ where: { dealId: "bulk_0", field: "stageId", source: "IMPORT", oldValue: { not: null } } });
    await expectRollupsExact(quarters);

    // Settings move the quarters and the stage order: the rollups are rebuilt at commit.
    await prisma.organisation.updateMany({ data: { fiscalYearStartMonth: 1 } });
    const jan = await loadOrganisation();
    await expectRollupsExact(quartersAround(jan));
    await prisma.organisation.updateMany({ data: { timeZone: "Asia/Tokyo" } });
    await expectRollupsExact(quartersAround(await loadOrganisation()));
    await prisma.$transaction([
      prisma.pipelineStage.update({ where: { id: stage("Proposal") }, data: { order: 50 } }),
      prisma.pipelineStage.update({ where: { id: stage("Discovery") }, data: { order: 60 } }),
    ]);
    stages = await prisma.pipelineStage.findMany({ orderBy: { order: "asc" } });
    await expectRollupsExact(quartersAround(await loadOrganisation()));
    await prisma.organisation.updateMany({ data: { timeZone: "America/New_York", fiscalYearStartMonth: 2 } });

    // TRUNCATE fires no row triggers: the rollups start over from what is left.
    await prisma.activity.create({ data: { userId: repA1.id, type: "CALL", occurredOn: toDbDate(todayIn(org)), subject: "Kept" } });
    await prisma.$executeRawUnsafe(`TRUNCATE "Lead"`);
    const truncated = await expectRollupsExact(quartersAround(await loadOrganisation()));
    expect(truncated.QuarterlyActivityRollup).toHaveLength(1);
    expect(truncated.QuarterlyCloseRollup.length).toBeGreaterThan(0);
  });

  it("stays exact over random sequences of writes (fixed seed)", async () => {
    const owners = [repA1.id, repA2.id, repB];
    const org = await loadOrganisation();
    const base = startOfLocalDay(periodContaining(todayIn(org), "QUARTER", org.fiscalYearStartMonth).start, org.timeZone).getTime();
    const day = 86_400_000;
    const write = fc.oneof(
      fc.record({ kind: fc.constant("create" as const), owner: fc.nat(2), stage: fc.nat(5), offset: fc.integer({ min: -200, max: 20 }) }),
      fc.record({ kind: fc.constant("move" as const), deal: fc.nat(20), stage: fc.nat(5), offset: fc.integer({ min: -150, max: 30 }) }),
      fc.record({ kind: fc.constant("close" as const), deal: fc.nat(20), won: fc.boolean(), offset: fc.integer({ min: -120, max: 40 }), reason: fc.constantFrom(null, "", "Price", " Price ") }),
      fc.record({ kind: fc.constant("reopen" as const), deal: fc.nat(20) }),
      fc.record({ kind: fc.constant("amount" as const), deal: fc.nat(20), amount: fc.bigInt({ min: 0n, max: 10_000_000_000n }) }),
      fc.record({ kind: fc.constant("owner" as const), deal: fc.nat(20), owner: fc.nat(2) }),
      fc.record({ kind: fc.constant("delete" as const), deal: fc.nat(20) }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
        const ids = (await prisma.deal.findMany({ where: { name: { startsWith: "Random " } }, select: { id: true }, orderBy: { id: "asc" } })).map((d) => d.id);
        const pick = (i: number) => (ids.length ? ids[i % ids.length] : null);
        for (const w of writes) {
          if (w.kind === "create") {
            const createdAt = new Date(base + w.offset * day + 3_600_000 * 7);
            const deal = await prisma.deal.create({
              data: { name: `Random ${n++}`, ownerId: owners[w.owner], stageId: stages[w.stage].id, amountMinor: 1_000n * BigInt(n), closeDate: toDbDate("2099-01-01"), createdAt, lastMovedAt: createdAt },
            });
            await prisma.dealChange.createMany({ data: creationHistory(deal, null, createdAt) });
            ids.push(deal.id);
            continue;
          }
          const id = pick(w.deal);
          if (!id) continue;
          if (w.kind === "move") {
            await prisma.dealChange.create({ data: { dealId: id, field: "stageId", newValue: stages[w.stage].id, at: new Date(base + w.offset * day) } });
            await prisma.deal.update({ where: { id }, data: { stageId: stages[w.stage].id } });
          } else if (w.kind === "close") {
            await prisma.deal.update({ where: { id }, data: { status: w.won ? "WON" : "LOST", closedAt: new Date(base + w.offset * day), lostReason: w.won ? null : w.reason } });
          } else if (w.kind === "reopen") {
            await prisma.deal.update({ where: { id }, data: { status: "OPEN", closedAt: null } });
          } else if (w.kind === "amount") {
            await prisma.deal.update({ where: { id }, data: { amountMinor: w.amount } });
          } else if (w.kind === "owner") {
            await prisma.deal.update({ where: { id }, data: { ownerId: owners[w.owner] } });
          } else {
            await prisma.deal.delete({ where: { id } });
            ids.splice(ids.indexOf(id), 1);
          }
        }
        await expectRollupsExact(quartersAround(org));
      }),
      { seed: 20261123, numRuns: 12 },
    );
  }, 240_000);
});
