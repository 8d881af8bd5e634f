// The as-of reconstruction and the pipeline flow on real PostgreSQL: on generated histories the SQL (lib/data/as-of.ts,
// lib/data/flow.ts) equals the pure oracle (lib/domain/as-of.ts, lib/domain/flow.ts) deal by deal and to the cent,
// start + ins − outs = end, and a manager's bars never hold another team's deals.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { openDealsAsOf, openPipelineAsOf, type PipelineScope } from "@/lib/data/as-of";
import { isFlowBar, loadFlow, loadFlowDeals, loadFlowTotals, resolveFlowScope } from "@/lib/data/flow";
import { dealAsOf } from "@/lib/domain/as-of";
import { addDealToFlow, emptyFlowTotals, flowBalances, type FlowWindow } from "@/lib/domain/flow";
import { toDbDate } from "@/lib/domain/calendar";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { dealsArb, instantArb, recorded, STAGES, type GeneratedDeal } from "@/tests/support/deal-histories";

let stageIds: Record<string, string>;
let reps: { id: string; teamId: string }[];
let teamA: string;
let teamB: string;
let managerA: SessionUser;
let managerB: SessionUser;
let exec: SessionUser;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: "America/New_York" });
  const stages = await createStages(prisma);
  stageIds = Object.fromEntries(STAGES.map((s, i) => [s, stages[i].id]));
  const a = await createTeamWithReps(prisma, 2, { name: "Alpha" });
  const b = await createTeamWithReps(prisma, 1, { name: "Beta" });
  teamA = a.team.id;
  teamB = b.team.id;
  reps = [...a.reps.map((r) => ({ id: r.id, teamId: teamA })), ...b.reps.map((r) => ({ id: r.id, teamId: teamB }))];
  managerA = (await loadActor(a.manager.id))!;
  managerB = (await loadActor(b.manager.id))!;
  exec = (await loadActor((await createUser(prisma, { role: "EXECUTIVE" })).id))!;
});

/** Writes generated deals as Cadence stores them (a row and its history), owned round-robin by the reps. */
async function store(deals: GeneratedDeal[]) {
  await prisma.deal.deleteMany({});
  const rows = deals.map((g, i) => ({ g, owner: reps[i % reps.length], ...recorded(g) }));
  const stage = (id: string) => stageIds[id] ?? id;
  await prisma.deal.createMany({
    data: rows.map(({ now, owner }) => ({
      id: now.id, name: `Deal ${now.id}`, ownerId: owner.id, stageId: stage(now.stageId), status: now.status, amountMinor: now.amountMinor,
      closeDate: toDbDate(now.closeDate), createdAt: now.createdAt, lastMovedAt: now.createdAt, lastTouchedAt: now.createdAt, closedAt: now.closedAt,
    })),
  });
  await prisma.dealChange.createMany({
    data: rows.flatMap(({ now, changes }) =>
      changes.map((c) => ({
        dealId: now.id, at: c.at, field: c.field,
        oldValue: c.field === "stageId" && c.oldValue ? stage(c.oldValue) : c.oldValue,
        newValue: c.field === "stageId" && c.newValue ? stage(c.newValue) : c.newValue,
      })),
    ),
  });
  // The oracle's view, in the database's stage ids (the history's ids are ordered as written: ids rise with them).
  return rows.map(({ owner, now, changes }) => ({
    owner,
    now: { ...now, stageId: stage(now.stageId) },
    changes: changes.map((c) => ({ ...c, oldValue: c.field === "stageId" && c.oldValue ? stage(c.oldValue) : c.oldValue })),
  }));
}

const inScope = (scope: PipelineScope, owner: { id: string; teamId: string }) =>
  scope.kind === "ORGANISATION" || (scope.kind === "TEAM" ? owner.teamId === scope.teamId : owner.id === scope.userId);

describe("the open pipeline as of an instant, in SQL", () => {
  it("equals the pure reconstruction deal by deal, for every scope", async () => {
    await fc.assert(
      fc.asyncProperty(dealsArb(20), fc.array(instantArb, { minLength: 1, maxLength: 3 }), async (deals, instants) => {
        const stored = await store(deals);
        for (const scope of [{ kind: "ORGANISATION" }, { kind: "TEAM", teamId: teamA }, { kind: "REP", userId: reps[2].id }] as PipelineScope[]) {
          for (const t of instants) {
            const expected = stored
              .filter((d) => inScope(scope, d.owner))
              .map((d) => ({ ownerId: d.owner.id, s: dealAsOf(d.now, d.changes, t) }))
              .filter((x) => x.s?.status === "OPEN")
              .map((x) => ({ dealId: x.s!.id, ownerId: x.ownerId, stageId: x.s!.stageId, amountMinor: x.s!.amountMinor, closeDate: x.s!.closeDate }))
              .sort((a, b) => a.dealId.localeCompare(b.dealId));
            const actual = (await openDealsAsOf(t, scope)).map((r) => ({ dealId: r.dealId, ownerId: r.ownerId, stageId: r.stageId, amountMinor: r.amountMinor, closeDate: r.closeDate }));
            expect(actual).toEqual(expected);
          }
          const aggregated = await openPipelineAsOf(instants, scope);
          instants.forEach((t, idx) => {
            const sum = aggregated.filter((r) => r.idx === idx).reduce((a, r) => a + r.amountMinor, 0n);
            const oracle = stored.filter((d) => inScope(scope, d.owner)).map((d) => dealAsOf(d.now, d.changes, t)).filter((s) => s?.status === "OPEN").reduce((a, s) => a + s!.amountMinor, 0n);
            expect(sum).toBe(oracle);
          });
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe("the pipeline flow in SQL", () => {
  const WINDOW_DAYS = { start: "2026-01-05", end: "2026-01-07" };

  it("equals the oracle bar by bar, balances to the cent, and keeps a manager's bars to their team", async () => {
    await fc.assert(
      fc.asyncProperty(dealsArb(20), instantArb, fc.integer({ min: 0, max: 5_000 }), async (deals, from, span) => {
        const stored = await store(deals);
        const window: FlowWindow = { preset: "custom", ...WINDOW_DAYS, from, to: new Date(from.getTime() + span * 60_000), inProgress: false, label: "" };
        for (const [actor, scope] of [[exec, { kind: "ORGANISATION" }], [managerA, { kind: "TEAM", teamId: teamA }]] as [SessionUser, PipelineScope][]) {
          const oracle = emptyFlowTotals();
          for (const d of stored.filter((x) => inScope(scope, x.owner))) {
            addDealToFlow(oracle, dealAsOf(d.now, d.changes, window.from), dealAsOf(d.now, d.changes, window.to), d.now.createdAt >= window.from, WINDOW_DAYS);
          }
          const { flow, teams } = await loadFlow(actor, scope, window);
          expect(flow).toEqual(oracle);
          expect(flowBalances(flow)).toBe(true);
          if (scope.kind === "ORGANISATION") {
            // A row per team, each balancing, adding up to the organisation.
            for (const t of teams) expect(flowBalances(t.flow)).toBe(true);
            expect(teams.reduce((a, t) => a + t.flow.end.amountMinor, 0n)).toBe(flow.end.amountMinor);
          } else {
            expect(await loadFlowTotals(actor, scope, window)).toEqual(oracle);
            const teamADeals = new Set(stored.filter((d) => d.owner.teamId === teamA).map((d) => d.now.id));
            for (const bar of ["start", "end", "new", "reopened", "increased", "won", "lost", "decreased", "pushed", "pulled_in"]) {
              if (!isFlowBar(bar)) throw new Error(bar);
              const { deals: listed, total } = await loadFlowDeals(actor, scope, window, bar);
              for (const d of listed) expect(teamADeals.has(d.id)).toBe(true);
              const bucket = bar === "start" ? flow.start : bar === "end" ? flow.end : bar in flow.ins ? flow.ins[bar as "new"] : bar in flow.outs ? flow.outs[bar as "won"] : flow.shifts[bar as "pushed"];
              expect(total).toBe(bucket.deals);
              expect(listed.reduce((a, d) => a + d.amountMinor, 0n)).toBe(bucket.amountMinor);
            }
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it("refuses another team's flow as it refuses a missing one", async () => {
    const r = await resolveFlowScope(managerA, teamB);
    expect(r.ok).toBe(false);
    const window: FlowWindow = { preset: "week", start: "2026-01-05", end: "2026-01-11", from: new Date("2026-01-05T05:00:00Z"), to: new Date("2026-01-12T05:00:00Z"), inProgress: false, label: "" };
    await expect(loadFlow(managerA, { kind: "TEAM", teamId: teamB }, window)).rejects.toThrow();
    await expect(loadFlow(managerB, { kind: "ORGANISATION" }, window)).rejects.toThrow();
    const own = await resolveFlowScope(managerA, null);
    expect(own.ok && own.scope).toMatchObject({ kind: "TEAM", teamId: teamA });
  });
});
