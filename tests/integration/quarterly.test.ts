// The quarterly dashboard's SQL against a hand-computed fixture, and its permissions (URL loader, drill, actions).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { loadOrganisation, type OrganisationSettings } from "@/lib/data/organisation";
import { loadQuarterlyDashboard, loadQuarterlyDrill, resolveQuarterlyRequest, type QuarterlyDashboard } from "@/lib/data/quarterly";
import { parseQuarterParam } from "@/lib/domain/quarterly";
import { toDbDate, type Period } from "@/lib/domain/calendar";
import { runAction } from "@/lib/actions/safe-action";
import { createReview } from "@/lib/actions/quarterly/create-review";
import { updateReview } from "@/lib/actions/quarterly/update-review";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const TODAY = "2026-11-23";
// FY2026 Q3 in New York: 1 Jul 2026 00:00 EDT = 04:00 UTC.
const Q3_START = new Date("2026-07-01T04:00:00.000Z");

let org: OrganisationSettings;
let quarter: Period;
let exec: SessionUser;
let managerA: SessionUser;
let teamA: { id: string };
let teamB: { id: string };
let repA1: string;
let repB: string;
let dash: QuarterlyDashboard;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: "America/New_York", currency: "USD", fiscalYearStartMonth: 1 });
  const stages = await createStages(prisma);
  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const a = await createTeamWithReps(prisma, 2, { name: "Alpha" });
  const b = await createTeamWithReps(prisma, 1, { name: "Beta" });
  const e = await createUser(prisma, { role: "EXECUTIVE" });
  teamA = a.team;
  teamB = b.team;
  repA1 = a.reps[0].id;
  const repA2 = a.reps[1].id;
  repB = b.reps[0].id;

  // Won exactly at the quarter's first instant (midnight in New York): Q3. Prospecting → Discovery → Negotiation.
  const wonA = await createDeal(prisma, {
    ownerId: repA1, stageId: stage("Prospecting"), name: "Boundary win", amountMinor: 10_000_000n, status: "OPEN",
    createdAt: new Date("2026-06-01T16:00:00.000Z"), closeDate: "2026-07-01",
  });
  await prisma.dealChange.createMany({
    data: [
      { dealId: wonA.id, at: new Date("2026-06-11T16:00:00.000Z"), field: "stageId", oldValue: stage("Prospecting"), newValue: stage("Discovery") },
      { dealId: wonA.id, at: new Date("2026-06-21T16:00:00.000Z"), field: "stageId", oldValue: stage("Discovery"), newValue: stage("Negotiation") },
      { dealId: wonA.id, at: Q3_START, field: "status", oldValue: "OPEN", newValue: "WON" },
    ],
  });
  await prisma.deal.update({ where: { id: wonA.id }, data: { status: "WON", closedAt: Q3_START, stageId: stage("Negotiation") } });
  // One millisecond before the quarter: the prior quarter (Q2).
  await createDeal(prisma, {
    ownerId: repA1, stageId: stage("Negotiation"), name: "Last-second Q2 win", amountMinor: 5_000_000n, status: "WON",
    createdAt: new Date("2026-05-01T16:00:00.000Z"), closedAt: new Date(Q3_START.getTime() - 1), closeDate: "2026-06-30",
  });
  // Lost in Prospecting after 9 days.
  await createDeal(prisma, {
    ownerId: repA2, stageId: stage("Prospecting"), name: "Price loss", amountMinor: 3_000_000n, status: "LOST", lostReason: "Price",
    createdAt: new Date("2026-08-01T15:00:00.000Z"), closedAt: new Date("2026-08-10T15:00:00.000Z"), closeDate: "2026-08-10",
  });
  // Lost in August, then reopened: not a loss of Q3 (it is open again, closing in Q4).
  const reopened = await createDeal(prisma, {
    ownerId: repA2, stageId: stage("Discovery"), name: "Reopened", amountMinor: 4_000_000n, status: "OPEN",
    createdAt: new Date("2026-07-15T15:00:00.000Z"), lastMovedAt: new Date("2026-11-20T15:00:00.000Z"), closeDate: "2026-12-15",
    nextStep: "Call", nextStepDate: "2026-12-01",
  });
  await prisma.dealChange.createMany({
    data: [
      { dealId: reopened.id, at: new Date("2026-08-20T15:00:00.000Z"), field: "status", oldValue: "OPEN", newValue: "LOST" },
      { dealId: reopened.id, at: new Date("2026-11-20T15:00:00.000Z"), field: "status", oldValue: "LOST", newValue: "OPEN" },
    ],
  });
  // Team Beta: won on the last day, created at Negotiation 29 days earlier.
  await createDeal(prisma, {
    ownerId: repB, stageId: stage("Negotiation"), name: "Beta win", amountMinor: 2_000_000n, status: "WON",
    createdAt: new Date("2026-09-01T16:00:00.000Z"), closedAt: new Date("2026-09-30T16:00:00.000Z"), closeDate: "2026-09-30",
  });
  // Stale open deal in Proposal (60%), closing in Q4.
  await createDeal(prisma, {
    ownerId: repA1, stageId: stage("Proposal"), name: "Stale proposal", amountMinor: 8_000_000n, status: "OPEN",
    createdAt: new Date("2026-10-01T15:00:00.000Z"), closeDate: "2026-12-31", nextStep: "Chase", nextStepDate: "2026-12-01",
  });

  const quota = (userId: string, start: string, end: string, amount: bigint) =>
    ({ userId, periodType: "QUARTER" as const, periodStart: toDbDate(start), periodEnd: toDbDate(end), amountMinor: amount });
  await prisma.quota.createMany({
    data: [
      quota(repA1, "2026-07-01", "2026-09-30", 10_000_000n),
      quota(repA2, "2026-07-01", "2026-09-30", 10_000_000n),
      quota(repB, "2026-07-01", "2026-09-30", 5_000_000n),
      quota(repA1, "2026-10-01", "2026-12-31", 10_000_000n),
    ],
  });
  // Week 1 of Q3 runs Monday 29 June to Sunday 5 July (New York). The latest submission before its end is scored.
  const sub = (userId: string, scope: "REP" | "TEAM", teamId: string, commit: bigint, at: string) => ({
    userId, scope, teamId, periodType: "QUARTER" as const, periodStart: toDbDate("2026-07-01"), periodEnd: toDbDate("2026-09-30"),
    commitMinor: commit, bestCaseMinor: commit, submittedAt: new Date(at),
  });
  await prisma.forecastSubmission.createMany({
    data: [
      sub(repA1, "REP", teamA.id, 9_000_000n, "2026-06-29T13:00:00.000Z"),
      sub(repA1, "REP", teamA.id, 9_500_000n, "2026-07-06T03:59:00.000Z"), // Sunday 5 July 23:59 in New York
      sub(repA1, "REP", teamA.id, 20_000_000n, "2026-07-06T04:00:00.000Z"), // Monday of week 2: too late
      sub(a.manager.id, "TEAM", teamA.id, 11_000_000n, "2026-07-02T20:00:00.000Z"),
    ],
  });

  org = await loadOrganisation(prisma);
  quarter = parseQuarterParam("FY2026 Q3", TODAY, 1)!;
  exec = (await loadActor(e.id))!;
  managerA = (await loadActor(a.manager.id))!;
  dash = await loadQuarterlyDashboard(exec, { quarter, scope: { kind: "ORGANISATION" } }, org, TODAY);
});

describe("the quarterly dashboard's figures (hand-computed)", () => {
  it("counts the deal closed at the quarter's first instant in it, and the one a millisecond earlier in the prior quarter", () => {
    expect(dash.current.won).toBe(2);
    expect(dash.current.wonMinor).toBe(12_000_000n);
    expect(dash.prior.wonMinor).toBe(5_000_000n);
    expect(dash.revenueChange).toBeCloseTo(1.4, 10); // 120k vs 50k
  });

  it("does not count a deal lost and then reopened as lost", () => {
    expect(dash.current.lost).toBe(1);
    expect(dash.current.winRateByCount).toBeCloseTo(2 / 3, 10);
    expect(dash.current.winRateByValue).toBeCloseTo(0.8, 10); // 120k ÷ 150k
    expect(dash.lostReasons).toEqual([{ reason: "Price", deals: 1, amountMinor: 3_000_000n }]);
  });

  it("computes deal size, cycle length, quota attainment and coverage of the next quarter", () => {
    expect(dash.current.averageDealSizeMinor).toBe(6_000_000n);
    expect(dash.current.cycleDays).toBe(29.5); // 30 and 29 days
    expect(dash.quotaMinor).toBe(25_000_000n);
    expect(dash.attainment).toBeCloseTo(0.48, 10);
    expect(dash.nextQuarter.pipelineMinor).toBe(12_000_000n);
    expect(dash.nextQuarter.coverage.ratio).toBeCloseTo(1.2, 10);
    expect(dash.nextQuarter.coverage.neededRatio).toBeCloseTo(1.5, 10);
    expect(dash.sameQuarterLastYear.cycleDays).toBeNull();
    expect(dash.cycleChange).toBeNull();
  });

  it("finds conversion, median time in stage and the constraint from the stage history", () => {
    const prospecting = dash.stages.find((s) => s.name === "Prospecting")!;
    expect(prospecting.reached).toBe(3);
    expect(prospecting.advanced).toBe(2);
    expect(prospecting.medianDays).toBeCloseTo(9.5, 6); // 10 and 9 days
    expect(dash.stages.find((s) => s.name === "Negotiation")!).toMatchObject({ reached: 2, advanced: 2, rate: 1 });
    expect(dash.constraint?.name).toBe("Prospecting");
    expect(dash.constraint?.explanation).toContain("67%");
  });

  it("scores the commit standing at the end of week 1 against the actual", () => {
    const rep = dash.forecast.reps.find((r) => r.userId === repA1)!;
    expect(rep.commitMinor).toBe(9_500_000n);
    expect(rep.accuracy).toBeCloseTo(0.95, 10);
    expect(rep.benchmark).toBe("excellent");
    const team = dash.forecast.teams.find((t) => t.teamId === teamA.id)!;
    expect(team).toMatchObject({ commitMinor: 11_000_000n, actualMinor: 10_000_000n, benchmark: "ok" });
    expect(dash.forecast.organisation?.accuracy).toBeCloseTo(1 - 1 / 12, 10);
    expect(dash.forecast.reps.find((r) => r.userId === repB)!.commitMinor).toBeNull();
  });

  it("weights the stale deal by its stage probability and measures methodology adoption", () => {
    expect(dash.open.deals).toBe(2);
    expect(dash.open.staleDeals).toBe(1);
    expect(dash.open.staleWeightedMinor).toBe(4_800_000n);
    expect(dash.open.adoption).toBe(0.5);
  });

  it("shows no data for an empty quarter, never NaN", async () => {
    const empty = await loadQuarterlyDashboard(exec, { quarter: parseQuarterParam("FY2020 Q1", TODAY, 1)!, scope: { kind: "ORGANISATION" } }, org, TODAY);
    expect(empty.current.won).toBe(0);
    expect(empty.current.winRateByCount).toBeNull();
    expect(empty.current.averageDealSizeMinor).toBeNull();
    expect(empty.current.velocityPerDayMinor).toBeNull();
    expect(empty.constraint).toBeNull();
    expect(JSON.stringify(empty, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(/NaN|Infinity/);
  });

  it("drills into won revenue and lists exactly the deals behind the figure", async () => {
    const drill = await loadQuarterlyDrill(exec, { quarter, scope: { kind: "ORGANISATION" }, metric: "won" }, org, TODAY);
    expect(drill.deals.map((d) => d.name).sort()).toEqual(["Beta win", "Boundary win"]);
    expect(drill.totalMinor).toBe(dash.current.wonMinor);
  });

  it("drills into a stage's conversion and lists the closed deals whose history reached it", async () => {
    const discovery = dash.stages.find((s) => s.name === "Discovery")!;
    const drill = await loadQuarterlyDrill(exec, { quarter, scope: { kind: "ORGANISATION" }, metric: "stage", stageId: discovery.stageId }, org, TODAY);
    expect(drill.deals.map((d) => d.name).sort()).toEqual(["Beta win", "Boundary win"]);
    expect(drill.total).toBe(discovery.reached);
  });
});

describe("who may see which figures", () => {
  it("gives a manager their own team, not the organisation and not another team by URL", async () => {
    const own = await resolveQuarterlyRequest(managerA, { q: "FY2026 Q3", team: null }, org, TODAY);
    expect(own).toMatchObject({ ok: true, scope: { kind: "TEAM", teamId: teamA.id } });
    const other = await resolveQuarterlyRequest(managerA, { q: "FY2026 Q3", team: teamB.id }, org, TODAY);
    expect(other).toMatchObject({ ok: false });
    const all = await resolveQuarterlyRequest(managerA, { q: "FY2026 Q3", team: "all" }, org, TODAY);
    expect(all).toMatchObject({ ok: false });
    const bad = await resolveQuarterlyRequest(exec, { q: "Q9 of never", team: null }, org, TODAY);
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining("not a quarter") });
  });

  it("refuses the loader and the drill for another team's scope, and scopes the team's own figures", async () => {
    await expect(loadQuarterlyDashboard(managerA, { quarter, scope: { kind: "TEAM", teamId: teamB.id, teamName: "Beta" } }, org, TODAY)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadQuarterlyDashboard(managerA, { quarter, scope: { kind: "ORGANISATION" } }, org, TODAY)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadQuarterlyDrill(managerA, { quarter, scope: { kind: "TEAM", teamId: teamB.id, teamName: "Beta" }, metric: "won" }, org, TODAY)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const mine = await loadQuarterlyDashboard(managerA, { quarter, scope: { kind: "TEAM", teamId: teamA.id, teamName: "Alpha" } }, org, TODAY);
    expect(mine.current.wonMinor).toBe(10_000_000n);
    expect(mine.current.winRateByCount).toBe(0.5);
    expect(mine.quotaMinor).toBe(20_000_000n);
  });

  it("freezes a review's snapshot, lets the team's manager record one, and refuses another team's review and edits", async () => {
    const created = await runAction(createReview.definition, exec, { quarter: "FY2026 Q3", teamId: "", constraintText: "Prospecting", notes: "" });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: string } }).data.id;
    const row = await prisma.quarterlyReview.findUniqueOrThrow({ where: { id } });
    const snapshot = row.snapshot as { current: { wonMinor: string } };
    expect(snapshot.current.wonMinor).toBe("12000000");

    // A later change to the data does not rewrite the frozen figures.
    await prisma.deal.updateMany({ where: { name: "Beta win" }, data: { amountMinor: 1n } });
    const again = await prisma.quarterlyReview.findUniqueOrThrow({ where: { id } });
    expect((again.snapshot as { current: { wonMinor: string } }).current.wonMinor).toBe("12000000");

    const otherTeam = await runAction(createReview.definition, managerA, { quarter: "FY2026 Q3", teamId: teamB.id, constraintText: "", notes: "" });
    expect(otherTeam).toMatchObject({ ok: false });
    const orgWide = await runAction(createReview.definition, managerA, { quarter: "FY2026 Q3", teamId: "", constraintText: "", notes: "" });
    expect(orgWide).toMatchObject({ ok: false });
    const edit = await runAction(updateReview.definition, managerA, { reviewId: id, constraintText: "Mine now", notes: "" });
    expect(edit).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await prisma.quarterlyReview.findUniqueOrThrow({ where: { id } })).constraintText).toBe("Prospecting");

    const own = await runAction(createReview.definition, managerA, { quarter: "FY2026 Q3", teamId: teamA.id, constraintText: "Discovery", notes: "" });
    expect(own.ok).toBe(true);
  });
});
