// Inspection decisions act on the deal in the disposition's transaction (history, version lock, events), and an
// inspection completes only when nothing is left undecided by accident. Real PostgreSQL.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { startInspection } from "@/lib/actions/inspection/start-inspection";
import { recordDisposition } from "@/lib/actions/inspection/record-disposition";
import { completeInspection } from "@/lib/actions/inspection/complete-inspection";
import { updateActionItem } from "@/lib/actions/inspection/update-action-item";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { notDiscussedLastTime } from "@/lib/data/inspection-sessions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, dateOnly, periodContaining, shiftPeriod } from "@/lib/domain/calendar";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;

async function world() {
  await createOrganisation(prisma, { timeZone: "America/New_York", staleThresholdDays: 14 });
  const stages = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2);
  const west = await createTeamWithReps(prisma, 1);
  const org = await loadOrganisation();
  const today = todayIn(org);
  const manager = await actor(east.manager.id);
  const sessionId = ((await runAction(startInspection.definition, manager, { teamId: east.team.id })) as { data: { id: string } }).data.id;
  // Flagged: no next step, close date in a few days.
  const deal = (name: string, ownerId = east.reps[0].id) =>
    createDeal(prisma, { ownerId, stageId: stages[0].id, name, nextStep: null, nextStepDate: null, closeDate: addDays(today, 3) });
  return { stages, east, west, org, today, manager, sessionId, deal };
}

/** The history rows the manager's decisions wrote (creation rows are the owner's). */
const changesOf = (dealId: string, actorId: string) =>
  prisma.dealChange.findMany({ where: { dealId, actorId }, orderBy: { id: "asc" }, select: { field: true, oldValue: true, newValue: true, reason: true } });
/** The events of one test's team (each test builds its own teams). */
const eventsFor = (teamId: string) => (type: string) => prisma.domainEvent.findMany({ where: { type, teamId }, orderBy: { occurredAt: "asc" } });

describe("inspection decisions change the deal", () => {
  it("push moves the close date with its reason and counts as a push; the history and events say so", async () => {
    const { east, org, today, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const d = await deal("Pushed");
    const nextQuarter = shiftPeriod(periodContaining(today, "QUARTER", org.fiscalYearStartMonth), 1, org.fiscalYearStartMonth).start;
    // The new date and the reason are both asked for.
    const missing = await runAction(recordDisposition.definition, manager, { sessionId, dealId: d.id, expectedVersion: d.version, disposition: "PUSH" });
    expect(missing).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { closeDate: [expect.any(String)], note: [expect.any(String)] } });
    const r = await runAction(recordDisposition.definition, manager, { sessionId, dealId: d.id, expectedVersion: d.version, disposition: "PUSH", closeDate: nextQuarter, note: "Budget next quarter", flags: "no_next_step" });
    expect(r).toMatchObject({ ok: true, data: { version: d.version + 1 } });
    const after = await prisma.deal.findUniqueOrThrow({ where: { id: d.id } });
    expect(dateOnly(after.closeDate)).toBe(nextQuarter);
    expect(after.pushCount).toBe(1);
    expect(await changesOf(d.id, manager.id)).toEqual([{ field: "closeDate", oldValue: addDays(today, 3), newValue: nextQuarter, reason: "Budget next quarter" }]);
    const disposition = await prisma.inspectionDisposition.findFirstOrThrow({ where: { sessionId, dealId: d.id } });
    expect(disposition).toMatchObject({ disposition: "PUSH", note: "Budget next quarter", flags: ["no_next_step"] });
    const [recorded] = await eventsOf("inspection.decision_recorded");
    expect(recorded).toMatchObject({ dealId: d.id, subjectUserId: d.ownerId, payload: { decision: "PUSH", deal: { id: d.id, name: "Pushed" } } });
    expect(await eventsOf("deal.pushed")).toHaveLength(1);
  });

  it("close out never defaults to won, lost needs its reason, and the deal closes with its history", async () => {
    const { east, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const d = await deal("Closed out");
    const base = { sessionId, dealId: d.id, expectedVersion: d.version, disposition: "CLOSE_OUT" };
    expect(await runAction(recordDisposition.definition, manager, base)).toMatchObject({ ok: false, fieldErrors: { outcome: [expect.any(String)] } });
    expect(await runAction(recordDisposition.definition, manager, { ...base, outcome: "LOST" })).toMatchObject({ ok: false, fieldErrors: { lostReason: [expect.any(String)] } });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "OPEN", version: d.version });
    expect(await runAction(recordDisposition.definition, manager, { ...base, outcome: "LOST", lostReason: "Went with a competitor" })).toMatchObject({ ok: true });
    const after = await prisma.deal.findUniqueOrThrow({ where: { id: d.id } });
    expect(after).toMatchObject({ status: "LOST", lostReason: "Went with a competitor" });
    expect(after.closedAt).not.toBeNull();
    expect((await changesOf(d.id, manager.id)).map((c) => c.field).sort()).toEqual(["lostReason", "status"]);
    expect(await eventsOf("deal.lost")).toHaveLength(1);
  });

  it("pause, next step and reassign change the deal; reassign stays inside the team; keep needs why it stays", async () => {
    const { east, west, today, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const paused = await deal("Paused");
    const stepped = await deal("Stepped");
    const moved = await deal("Moved");
    const kept = await deal("Kept");
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: paused.id, expectedVersion: paused.version, disposition: "PAUSE", resumeDate: addDays(today, 30), note: "Budget freeze" })).toMatchObject({ ok: true });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: paused.id } })).toMatchObject({ pauseReason: "Budget freeze", pausedById: manager.id });
    expect((await changesOf(paused.id, manager.id)).find((c) => c.field === "pausedUntil")).toMatchObject({ newValue: addDays(today, 30), reason: "Budget freeze" });

    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: stepped.id, expectedVersion: stepped.version, disposition: "NEXT_STEP", nextStep: "Demo to the CFO", nextStepDate: addDays(today, 2) })).toMatchObject({ ok: true });
    const s = await prisma.deal.findUniqueOrThrow({ where: { id: stepped.id } });
    expect(s.nextStep).toBe("Demo to the CFO");
    expect(dateOnly(s.nextStepDate!)).toBe(addDays(today, 2));

    const reassign = { sessionId, dealId: moved.id, expectedVersion: moved.version, disposition: "REASSIGN" };
    expect(await runAction(recordDisposition.definition, manager, { ...reassign, newOwnerId: west.reps[0].id })).toMatchObject({ ok: false, fieldErrors: { newOwnerId: [expect.any(String)] } });
    expect(await runAction(recordDisposition.definition, manager, { ...reassign, newOwnerId: east.reps[1].id, note: "Territory" })).toMatchObject({ ok: true });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: moved.id } })).ownerId).toBe(east.reps[1].id);
    expect((await changesOf(moved.id, manager.id)).map((c) => [c.field, c.newValue])).toEqual([["ownerId", east.reps[1].id]]);

    const keep = { sessionId, dealId: kept.id, expectedVersion: kept.version, disposition: "KEEP" };
    expect(await runAction(recordDisposition.definition, manager, keep)).toMatchObject({ ok: false, fieldErrors: { note: [expect.any(String)] } });
    expect(await runAction(recordDisposition.definition, manager, { ...keep, note: "Signed SOW on its way" })).toMatchObject({ ok: true, data: { version: kept.version } });
    expect(await changesOf(kept.id, manager.id)).toEqual([]);
    expect(await eventsOf("deal.updated")).toHaveLength(3);
  });

  it("an action item comes with a decision, and marking it done emits action_item.done", async () => {
    const { east, today, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const d = await deal("With an item");
    const r = await runAction(recordDisposition.definition, manager, {
      sessionId,
      dealId: d.id,
      expectedVersion: d.version,
      disposition: "COMMIT",
      note: "Champion confirmed",
      actionDescription: "Send the order form",
      actionOwnerId: east.reps[0].id,
      actionDueDate: addDays(today, 2),
    });
    expect(r).toMatchObject({ ok: true });
    const item = await prisma.actionItem.findFirstOrThrow({ where: { dealId: d.id } });
    expect(item).toMatchObject({ description: "Send the order form", ownerId: east.reps[0].id, inspectionSessionId: sessionId });
    expect(await eventsOf("action_item.created")).toHaveLength(1);
    expect(await runAction(updateActionItem.definition, await actor(east.reps[0].id), { actionItemId: item.id, status: "DONE" })).toMatchObject({ ok: true });
    expect(await eventsOf("action_item.done")).toMatchObject([{ subjectUserId: east.reps[0].id }]);
  });

  it("a rep's concurrent edit is a conflict that shows what changed; nothing is written", async () => {
    const { east, today, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const d = await deal("Contested");
    expect(await runAction(updateDeal.definition, await actor(east.reps[0].id), { dealId: d.id, expectedVersion: d.version, nextStep: "Call back", nextStepDate: addDays(today, 1) })).toMatchObject({ ok: true });
    const r = await runAction(recordDisposition.definition, manager, { sessionId, dealId: d.id, expectedVersion: d.version, disposition: "NEXT_STEP", nextStep: "Exec sponsor meeting", nextStepDate: addDays(today, 4) });
    expect(r).toMatchObject({ ok: false, code: "CONFLICT", values: { nextStep: "Exec sponsor meeting" }, details: { currentVersion: d.version + 1 } });
    const changes = (r as { details: { changes: { fieldLabel: string; to: string }[] } }).details.changes;
    expect(changes.some((c) => c.to.includes("Call back"))).toBe(true);
    expect(await prisma.inspectionDisposition.count({ where: { sessionId } })).toBe(0);
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: d.id } })).nextStep).toBe("Call back");
    expect(await eventsOf("inspection.decision_recorded")).toHaveLength(0);
    // Saving again on top of the rep's change applies it.
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: d.id, expectedVersion: d.version + 1, disposition: "NEXT_STEP", nextStep: "Exec sponsor meeting", nextStepDate: addDays(today, 4) })).toMatchObject({ ok: true });
  });

  it("another team's deal is refused exactly like a missing one, and changes nothing", async () => {
    const { west, manager, sessionId, deal } = await world();
    const theirs = await deal("Theirs", west.reps[0].id);
    const input = { sessionId, expectedVersion: 1, disposition: "CLOSE_OUT", outcome: "WON" };
    const other = await runAction(recordDisposition.definition, manager, { ...input, dealId: theirs.id });
    const missing = await runAction(recordDisposition.definition, manager, { ...input, dealId: "no-such-deal" });
    expect(other).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { dealId: [expect.any(String)] } });
    expect({ ...other, values: undefined }).toEqual({ ...missing, values: undefined });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "OPEN", version: theirs.version });
  });
});

describe("completing an inspection", () => {
  it("asks with the count left; not discussed deals are recorded apart and open the next inspection", async () => {
    const { east, manager, sessionId, deal } = await world();
    const eventsOf = eventsFor(east.team.id);
    const decided = await deal("Decided");
    const left1 = await deal("Left one");
    const left2 = await deal("Left two");
    expect(await runAction(recordDisposition.definition, manager, { sessionId, dealId: decided.id, expectedVersion: decided.version, disposition: "KEEP", note: "Fine" })).toMatchObject({ ok: true });
    const refused = await runAction(completeInspection.definition, manager, { sessionId });
    expect(refused).toMatchObject({ ok: false, code: "INVALID", details: { undecided: 2 } });
    expect((await prisma.inspectionSession.findUniqueOrThrow({ where: { id: sessionId } })).completedAt).toBeNull();
    expect(await runAction(completeInspection.definition, manager, { sessionId, rest: "NOT_DISCUSSED" })).toMatchObject({ ok: true });
    const rows = await prisma.inspectionDisposition.findMany({ where: { sessionId }, select: { dealId: true, disposition: true } });
    expect(rows.filter((r) => r.disposition === "NOT_DISCUSSED").map((r) => r.dealId).sort()).toEqual([left1.id, left2.id].sort());
    expect((await eventsOf("inspection.completed"))[0].payload).toMatchObject({ decided: 1, notDiscussed: 2, skipped: 0 });

    const next = ((await runAction(startInspection.definition, manager, { teamId: east.team.id })) as { data: { id: string } }).data.id;
    const s = await prisma.inspectionSession.findUniqueOrThrow({ where: { id: next } });
    expect((await notDiscussedLastTime({ id: next, teamId: east.team.id, repId: null, startedAt: s.startedAt.toISOString() })).sort()).toEqual([left1.id, left2.id].sort());
    // Skipping records them as skipped; they are not carried over.
    expect(await runAction(completeInspection.definition, manager, { sessionId: next, rest: "SKIPPED" })).toMatchObject({ ok: true });
    expect(await prisma.inspectionDisposition.count({ where: { sessionId: next, disposition: "SKIPPED" } })).toBe(3);
  });
});
