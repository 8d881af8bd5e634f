// The inspection loader and the inspection actions against a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { startInspection } from "@/lib/actions/inspection/start-inspection";
import { recordDisposition } from "@/lib/actions/inspection/record-disposition";
import { createActionItem } from "@/lib/actions/inspection/create-action-item";
import { updateActionItem } from "@/lib/actions/inspection/update-action-item";
import { completeInspection } from "@/lib/actions/inspection/complete-inspection";
import { loadInspection } from "@/lib/data/inspection";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, periodContaining, startOfLocalDay, toDbDate } from "@/lib/domain/calendar";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;
const TZ = "America/New_York";
/** An instant at a local time of day on a calendar day in New York. */
const localAt = (day: string, hours: number) => new Date(startOfLocalDay(day, TZ).getTime() + hours * 3_600_000);

async function world() {
  await createOrganisation(prisma, { timeZone: TZ, staleThresholdDays: 14 });
  const stages = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2);
  const west = await createTeamWithReps(prisma, 1);
  const org = await loadOrganisation();
  return { stages, east, west, org };
}

describe("the inspection loader", () => {
  it("flags stale deals at exactly the threshold, with both clocks, and respects a stage override", async () => {
    const { stages, east, org } = await world();
    const today = "2026-03-15";
    const [prospecting, , , , , negotiation] = stages; // Negotiation overrides the threshold with 10 days
    const rep = east.reps[0].id;
    const d13 = await createDeal(prisma, { ownerId: rep, stageId: prospecting.id, name: "Thirteen", lastMovedAt: localAt(addDays(today, -13), 9), lastTouchedAt: localAt(addDays(today, -2), 9) });
    const d14 = await createDeal(prisma, { ownerId: rep, stageId: prospecting.id, name: "Fourteen", lastMovedAt: localAt(addDays(today, -14), 23.5) });
    const d15 = await createDeal(prisma, { ownerId: rep, stageId: prospecting.id, name: "Fifteen", lastMovedAt: localAt(addDays(today, -15), 0.5) });
    const n10 = await createDeal(prisma, { ownerId: east.reps[1].id, stageId: negotiation.id, name: "Negotiation ten", lastMovedAt: localAt(addDays(today, -10), 12) });
    const n9 = await createDeal(prisma, { ownerId: east.reps[1].id, stageId: negotiation.id, name: "Negotiation nine", lastMovedAt: localAt(addDays(today, -9), 12) });
    await createDeal(prisma, { ownerId: rep, stageId: prospecting.id, name: "Won long ago", status: "WON", lastMovedAt: localAt(addDays(today, -40), 12), closedAt: localAt(addDays(today, -40), 12) });

    const manager = await actor(east.manager.id);
    const data = (await loadInspection(manager, { teamId: east.team.id, repId: null }, today, org))!;
    expect(data.stale.map((d) => d.name).sort()).toEqual(["Fifteen", "Fourteen", "Negotiation ten"]);
    const byName = new Map([...data.stale, ...data.lateStage].map((d) => [d.name, d]));
    expect(byName.get("Fourteen")!.daysSinceMovement).toBe(14);
    expect(byName.get("Fifteen")!.daysSinceMovement).toBe(15);
    expect(byName.get("Negotiation ten")!.staleThresholdDays).toBe(10);
    expect(byName.get("Negotiation nine")!.flags).toEqual(["late_stage"]);
    expect(data.stale.some((d) => d.id === d13.id)).toBe(false);
    expect(byName.get("Fourteen")!.id).toBe(d14.id);
    expect(byName.get("Fifteen")!.id).toBe(d15.id);
    expect(byName.get("Negotiation ten")!.id).toBe(n10.id);
    expect(byName.get("Negotiation nine")!.id).toBe(n9.id);

    // The rep's own view shows only their deals.
    const repView = (await loadInspection(await actor(rep), { teamId: null, repId: rep }, today, org))!;
    expect(repView.stale.map((d) => d.name).sort()).toEqual(["Fifteen", "Fourteen"]);
    const thirteen = await prisma.deal.findUniqueOrThrow({ where: { id: d13.id } });
    expect(thirteen.status).toBe("OPEN");
  });

  it("lists paused deals separately and leaves them out of the stale and next-step lists; flags missing and overdue next steps", async () => {
    const { stages, east, org } = await world();
    const today = "2026-11-20";
    const rep = east.reps[0].id;
    await createDeal(prisma, { ownerId: rep, stageId: stages[0].id, name: "Paused stale", lastMovedAt: localAt(addDays(today, -30), 12), pausedUntil: addDays(today, 1), pauseReason: "Budget freeze", nextStep: null, nextStepDate: null });
    await createDeal(prisma, { ownerId: rep, stageId: stages[0].id, name: "Resumes today", lastMovedAt: localAt(addDays(today, -30), 12), pausedUntil: today, pauseReason: "Holiday" });
    await createDeal(prisma, { ownerId: rep, stageId: stages[0].id, name: "No step", nextStep: null, nextStepDate: null, lastMovedAt: localAt(today, 8) });
    await createDeal(prisma, { ownerId: rep, stageId: stages[0].id, name: "Overdue", nextStep: "Call", nextStepDate: addDays(today, -1), lastMovedAt: localAt(today, 8) });
    await createDeal(prisma, { ownerId: rep, stageId: stages[0].id, name: "Due today", nextStep: "Call", nextStepDate: today, lastMovedAt: localAt(today, 8) });
    const data = (await loadInspection(await actor(east.manager.id), { teamId: east.team.id, repId: null }, today, org))!;
    expect(data.paused.map((d) => [d.name, d.pauseReason, d.pausedUntil])).toEqual([["Paused stale", "Budget freeze", addDays(today, 1)]]);
    expect(data.stale.map((d) => d.name)).toEqual(["Resumes today"]);
    expect(data.noNextStep.map((d) => d.name)).toEqual(["No step"]);
    expect(data.overdue.map((d) => d.name)).toEqual(["Overdue"]);
    expect(data.triage.map((d) => d.name).sort()).toEqual(["No step", "Overdue", "Resumes today"]);
  });

  it("aggregates the period's health and the funnel need in SQL, and classifies what changed in the last 7 days", async () => {
    const { stages, east, org } = await world();
    const today = todayIn(org);
    const period = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
    const rep = east.reps[0].id;
    const now = new Date();
    await createDeal(prisma, { ownerId: rep, stageId: stages[4].id, amountMinor: 1_000_000n, closeDate: period.end, createdAt: now }); // Proposal 60%
    await createDeal(prisma, { ownerId: east.reps[1].id, stageId: stages[1].id, amountMinor: 3_000_000n, closeDate: addDays(period.end, 40), createdAt: now }); // Discovery 10%, next quarter
    await createDeal(prisma, { ownerId: rep, stageId: stages[4].id, amountMinor: 2_000_000n, status: "WON", closedAt: now, createdAt: now });
    await createDeal(prisma, { ownerId: rep, stageId: stages[4].id, amountMinor: 500_000n, status: "LOST", closedAt: now, createdAt: now });
    await prisma.quota.create({ data: { userId: rep, periodType: "QUARTER", periodStart: toDbDate(period.start), periodEnd: toDbDate(period.end), amountMinor: 10_000_000n } });
    const data = (await loadInspection(await actor(east.manager.id), { teamId: east.team.id, repId: null }, today, org))!;
    expect(data.health.weightedMinor).toBe("900000"); // 10,000 × 60% + 30,000 × 10%
    expect(data.health.openInPeriodMinor).toBe("1000000");
    expect(data.health.perStage.find((s) => s.name === "Proposal")).toMatchObject({ count: 1, amountMinor: "1000000" });
    expect(data.funnel.winRate).toBe(0.5);
    expect(data.funnel.averageDealSizeMinor).toBe("2000000");
    expect(data.health.coverage.gapMinor).toBe(8_000_000n);
    expect(data.health.coverage.ratio).toBeCloseTo(0.125);
    expect(data.health.coverage.neededRatio).toBe(2);
    expect(data.funnel.need.dealsToWin).toBe(4);
    expect(data.funnel.need.opportunitiesNeeded).toBe(8);
    expect(data.funnel.newThisWeek).toBe(4);
    expect(data.changes.sinceLabel).toBe("last 7 days");
    expect(data.changes.byKind.newDeals).toHaveLength(4);
  });

  it("refuses a team the actor may not read", async () => {
    const { east, west, org } = await world();
    const data = await loadInspection(await actor(west.manager.id), { teamId: east.team.id, repId: null }, "2026-11-20", org);
    expect(data).toBeNull();
    const repPeek = await loadInspection(await actor(west.reps[0].id), { teamId: null, repId: east.reps[0].id }, "2026-11-20", org);
    expect(repPeek).toBeNull();
  });
});

describe("recording an inspection", () => {
  it("records dispositions and action items; the next inspection opens with the items still open", async () => {
    const { stages, east, org } = await world();
    const today = todayIn(org);
    const manager = await actor(east.manager.id);
    const deal = await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[0].id, nextStep: null, nextStepDate: null });
    const started = await runAction(startInspection.definition, manager, { teamId: east.team.id });
    expect(started).toMatchObject({ ok: true, data: { resumed: false } });
    const sessionId = (started as { data: { id: string } }).data.id;
    // Starting again resumes the open session.
    expect(await runAction(startInspection.definition, manager, { teamId: east.team.id })).toMatchObject({ ok: true, data: { id: sessionId, resumed: true } });
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: deal.id, expectedVersion: deal.version, disposition: "KEEP", note: "Buyer engaged", flags: "no_next_step" })).toMatchObject({ ok: true });
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: deal.id, expectedVersion: deal.version, disposition: "COMMIT", note: "Verbal yes" })).toMatchObject({ ok: true });
    const item = await runAction(createActionItem.definition, manager, { sessionId, description: "Set a next step with the buyer", ownerId: east.reps[0].id, dueDate: addDays(today, 3), dealId: deal.id });
    expect(item).toMatchObject({ ok: true });
    const done = await runAction(createActionItem.definition, manager, { sessionId, description: "Already handled", ownerId: east.reps[1].id, dueDate: today });
    expect(await runAction(updateActionItem.definition, await actor(east.reps[1].id), { actionItemId: (done as { data: { id: string } }).data.id, status: "DONE" })).toMatchObject({ ok: true });
    expect(await runAction(completeInspection.definition, manager, { sessionId, notes: "Good week" })).toMatchObject({ ok: true });
    const dispositions = await prisma.inspectionDisposition.findMany({ where: { sessionId } });
    expect(dispositions.map((d) => d.disposition)).toEqual(["COMMIT"]);
    // A completed session takes no more decisions.
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: deal.id, expectedVersion: deal.version, disposition: "KEEP", note: "Late" })).toMatchObject({ ok: false, code: "INVALID" });

    const next = await runAction(startInspection.definition, manager, { teamId: east.team.id });
    expect(next).toMatchObject({ ok: true, data: { resumed: false } });
    const data = (await loadInspection(manager, { teamId: east.team.id, repId: null }, today, org))!;
    expect(data.openActionItems.map((a) => a.description)).toEqual(["Set a next step with the buyer"]);
    expect(data.changes.sinceLabel).toBe("last inspection");
    // The rep sees their own open items.
    const repView = (await loadInspection(await actor(east.reps[0].id), { teamId: null, repId: east.reps[0].id }, today, org))!;
    expect(repView.openActionItems.map((a) => a.description)).toEqual(["Set a next step with the buyer"]);
  });

  it("authorizes every inspection action: reps and executives are refused, other teams' managers see nothing, admins may act", async () => {
    const { stages, east, west, org } = await world();
    const today = todayIn(org);
    const exec = await actor((await createUser(prisma, { role: "EXECUTIVE" })).id);
    const admin = await actor((await createUser(prisma, { role: "ADMIN" })).id);
    const rep = await actor(east.reps[0].id);
    const outsider = await actor(west.manager.id);
    const manager = await actor(east.manager.id);
    const deal = await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[0].id });
    const westDeal = await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stages[0].id });
    const sessionId = ((await runAction(startInspection.definition, manager, { teamId: east.team.id })) as { data: { id: string } }).data.id;
    const item = (await runAction(createActionItem.definition, manager, { sessionId, description: "Call", ownerId: east.reps[0].id, dueDate: today })) as { data: { id: string } };
    const counts = async () => [await prisma.inspectionSession.count(), await prisma.inspectionDisposition.count(), await prisma.actionItem.count(), (await prisma.actionItem.findUniqueOrThrow({ where: { id: item.data.id } })).status];
    const before = await counts();

    const disposition = { sessionId, dealId: deal.id, expectedVersion: deal.version, disposition: "KEEP", note: "Fine" };
    const newItem = { sessionId, description: "Sneaky", ownerId: east.reps[0].id, dueDate: today };
    for (const who of [rep, exec]) {
      expect(await runAction(startInspection.definition, who, { teamId: east.team.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await runAction(recordDisposition.definition, who, disposition)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await runAction(createActionItem.definition, who, newItem)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await runAction(completeInspection.definition, who, { sessionId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await runAction(updateActionItem.definition, exec, { actionItemId: item.data.id, status: "DONE" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(updateActionItem.definition, await actor(east.reps[1].id), { actionItemId: item.data.id, status: "DONE" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Another team's manager: the session is answered like a missing one.
    const missing = await runAction(recordDisposition.definition, outsider, { ...disposition, sessionId: "no-such-session" });
    expect(await runAction(recordDisposition.definition, outsider, disposition)).toEqual(missing);
    expect(await runAction(createActionItem.definition, outsider, newItem)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await runAction(completeInspection.definition, outsider, { sessionId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await runAction(updateActionItem.definition, outsider, { actionItemId: item.data.id, status: "DONE" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await runAction(startInspection.definition, outsider, { teamId: east.team.id })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { teamId: [expect.any(String)] } });
    // A deal or owner outside the session's team is refused at the field.
    expect(await runAction(recordDisposition.definition, manager, { ...disposition, dealId: westDeal.id })).toMatchObject({ ok: false, fieldErrors: { dealId: [expect.any(String)] } });
    expect(await runAction(createActionItem.definition, manager, { ...newItem, ownerId: west.reps[0].id })).toMatchObject({ ok: false, fieldErrors: { ownerId: [expect.any(String)] } });
    expect(await runAction(createActionItem.definition, manager, { ...newItem, dueDate: addDays(today, -1) })).toMatchObject({ ok: false, fieldErrors: { dueDate: [expect.any(String)] } });
    expect(await counts()).toEqual(before);

    expect(await runAction(recordDisposition.definition, admin, disposition)).toMatchObject({ ok: true });
    expect(await runAction(updateActionItem.definition, rep, { actionItemId: item.data.id, status: "DONE" })).toMatchObject({ ok: true });
  });
});
