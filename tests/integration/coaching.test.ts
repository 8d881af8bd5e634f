import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { saveCoachingSession } from "@/lib/actions/coaching/save-coaching-session";
import { updatePlanAction } from "@/lib/actions/coaching/update-plan-action";
import { acknowledgePlan } from "@/lib/actions/coaching/acknowledge-plan";
import { getCoachingHistory, getCoachingOverview, getCoachingSession, getNewSessionContext, getPrivateNotes } from "@/lib/data/coaching";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;

async function setup() {
  // Each test builds its own people; the database is shared by the tests of this file.
  if ((await prisma.organisation.count()) === 0) await createOrganisation(prisma, { timeZone: "America/New_York" });
  const [stage] = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2);
  const west = await createTeamWithReps(prisma, 1);
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  const rep = east.reps[0];
  const deal = await createDeal(prisma, { ownerId: rep.id, stageId: stage.id, name: "Acme renewal" });
  const westDeal = await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stage.id });
  return { east, west, exec, admin, rep, deal, westDeal, stage };
}

function sessionInput(repId: string, ownerIds: { rep: string; manager: string }, extra: Record<string, unknown> = {}) {
  return {
    repId,
    heldOn: "2026-11-10",
    behaviorRating: "3",
    behaviorNotes: "Prospects early in the week only.",
    techniqueRating: "2",
    techniqueNotes: "Jumps to the demo.",
    attitudeRating: "4",
    attitudeNotes: "Owns the misses.",
    sharedNotes: "Focus on discovery depth this month.",
    privateNote: "Consider pairing with a senior rep.",
    callReviews: [
      { recordingRef: "https://recordings.example/1", callDate: "2026-11-05", dealId: "", uncoveredPain: true, usedNegativeReverse: false, setUpFrontContract: true, pitchedFeatures: false, strengths: "Clear agenda", gaps: "No pain quantified" },
    ],
    objectives: [
      {
        dimension: "TECHNIQUE",
        title: "Uncover the real pain first",
        successCriterion: "Pain documented on 5 of 5 discovery calls",
        actions: [
          { description: "Practise pain questions", ownerId: ownerIds.rep, dueDate: "2026-11-20" },
          { description: "Review two calls together", ownerId: ownerIds.manager, dueDate: "2026-11-30" },
        ],
      },
    ],
    ...extra,
  };
}

describe("saving a coaching session", () => {
  it("lets a manager of the rep's team save the whole session in one go", async () => {
    const { east, rep, deal } = await setup();
    const input = sessionInput(rep.id, { rep: rep.id, manager: east.manager.id });
    input.callReviews[0].dealId = deal.id;
    const result = await runAction(saveCoachingSession.definition, await actor(east.manager.id), input);
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: string } }).data.id;
    const saved = await prisma.coachingSession.findUniqueOrThrow({
      where: { id },
      include: { privateNotes: true, callReviews: true, plan: { include: { objectives: { include: { actions: true } } } } },
    });
    expect(saved).toMatchObject({ behaviorRating: 3, techniqueRating: 2, attitudeRating: 4, sharedNotes: "Focus on discovery depth this month." });
    expect(saved.privateNotes.map((n) => n.body)).toEqual(["Consider pairing with a senior rep."]);
    expect(saved.callReviews[0]).toMatchObject({ dealId: deal.id, uncoveredPain: true, usedNegativeReverse: false, setUpFrontContract: true, pitchedFeatures: false });
    expect(saved.plan?.endsOn.toISOString().slice(0, 10)).toBe("2026-12-10");
    expect(saved.plan?.objectives[0].actions).toHaveLength(2);
  });

  it("follows the permission matrix: rep and executive refused, other team's manager refused as not found, admin allowed", async () => {
    const { east, west, exec, admin, rep } = await setup();
    const input = () => sessionInput(rep.id, { rep: rep.id, manager: rep.id });
    expect(await runAction(saveCoachingSession.definition, await actor(rep.id), input())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(saveCoachingSession.definition, await actor(exec.id), input())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(saveCoachingSession.definition, await actor(west.manager.id), input())).toMatchObject({ ok: false, code: "NOT_FOUND", message: "Rep was not found." });
    expect(await prisma.coachingSession.count({ where: { repId: rep.id } })).toBe(0);
    expect(await runAction(saveCoachingSession.definition, await actor(admin.id), input())).toMatchObject({ ok: true });
    expect(await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(east.reps[1].id, { rep: east.reps[1].id, manager: east.manager.id }))).toMatchObject({ ok: true });
  });

  it.each([
    ["a rating outside 1–5", { behaviorRating: "6" }, "behaviorRating", "Rate Behavior from 1 to 5."],
    ["a rating of zero", { attitudeRating: "0" }, "attitudeRating", "Rate Attitude from 1 to 5."],
    ["a plan with no objective", { objectives: [] }, "objectives", "The 30-day plan needs at least one objective."],
  ])("refuses %s with a field message and writes nothing", async (_name, override, field, message) => {
    const { east, rep } = await setup();
    const result = await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }, override));
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]).toEqual([message]);
    expect(await prisma.coachingSession.count({ where: { repId: rep.id } })).toBe(0);
  });

  it("refuses an objective without success criterion, more than five objectives and a due date before the session", async () => {
    const { east, rep } = await setup();
    const manager = await actor(east.manager.id);
    const base = sessionInput(rep.id, { rep: rep.id, manager: east.manager.id });
    const objective = base.objectives[0];

    const noCriterion = await runAction(saveCoachingSession.definition, manager, { ...base, objectives: [{ ...objective, successCriterion: "  " }] });
    expect((noCriterion as { fieldErrors: Record<string, string[]> }).fieldErrors["objectives.0.successCriterion"]).toEqual(["Give a measurable success criterion."]);

    const six = await runAction(saveCoachingSession.definition, manager, { ...base, objectives: Array.from({ length: 6 }, () => objective) });
    expect((six as { fieldErrors: Record<string, string[]> }).fieldErrors.objectives).toEqual(["The 30-day plan takes at most 5 objectives: focus on the few that matter."]);

    const early = await runAction(saveCoachingSession.definition, manager, {
      ...base,
      objectives: [{ ...objective, actions: [{ description: "Too early", ownerId: rep.id, dueDate: "2026-11-09" }] }],
    });
    expect((early as { fieldErrors: Record<string, string[]> }).fieldErrors["objectives.0.actions.0.dueDate"]).toEqual(["The due date cannot be before the session."]);

    const otherDeal = await runAction(saveCoachingSession.definition, manager, { ...base, callReviews: [{ ...base.callReviews[0], dealId: "someone-elses" }] });
    expect((otherDeal as { fieldErrors: Record<string, string[]> }).fieldErrors["callReviews.0.dealId"]).toEqual(["Choose one of this rep's deals."]);
    expect(await prisma.coachingSession.count({ where: { repId: rep.id } })).toBe(0);
    expect(await prisma.developmentPlan.count({ where: { repId: rep.id } })).toBe(0);
  });

  it("opens the next session with the previous plan: it must be reviewed, and the verdict stays in the history", async () => {
    const { east, rep } = await setup();
    const manager = await actor(east.manager.id);
    const first = await runAction(saveCoachingSession.definition, manager, sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }));
    expect(first.ok).toBe(true);
    const context = await getNewSessionContext(manager, rep.id);
    expect(context.lastSession).toMatchObject({ behavior: 3, technique: 2, attitude: 4 });
    const plan = context.planToReview!;
    expect(plan.objectives[0].title).toBe("Uncover the real pain first");

    const second = { ...sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }), heldOn: "2026-11-20" };
    const unreviewed = await runAction(saveCoachingSession.definition, manager, second);
    expect((unreviewed as { fieldErrors: Record<string, string[]> }).fieldErrors["review.verdict"]).toEqual(["Review the previous plan first: give it a verdict."]);

    const reviewed = await runAction(saveCoachingSession.definition, manager, {
      ...second,
      review: { planId: plan.id, verdict: "PARTLY", verdictNotes: "Three of five calls.", objectives: [{ id: plan.objectives[0].id, verdict: "NOT_ACHIEVED" }] },
    });
    expect(reviewed.ok).toBe(true);
    const history = await getCoachingHistory(await actor(rep.id), rep.id);
    const old = history.sessions.find((s) => s.heldOn === "2026-11-10")!;
    expect(old.plan).toMatchObject({ verdict: "PARTLY", verdictNotes: "Three of five calls.", reviewed: true });
    expect(old.plan!.objectives[0].verdict).toBe("NOT_ACHIEVED");
    expect((await getNewSessionContext(manager, rep.id)).planToReview?.startsOn).toBe("2026-11-20");
    // Overdue actions come from the open plan only: the reviewed plan's leftovers are part of its verdict.
    const overdue = (await getCoachingOverview(manager, "2026-11-25")).overdueActions.filter((a) => a.repId === rep.id);
    expect(overdue.map((a) => [a.description, a.sessionId])).toEqual([["Practise pain questions", (reviewed as { data: { id: string } }).data.id]]);
  });
});

describe("what each role reads", () => {
  it("never gives a rep the manager-only notes, and keeps other teams out", async () => {
    const { east, west, exec, rep } = await setup();
    const saved = await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }));
    const id = (saved as { data: { id: string } }).data.id;
    const repActor = await actor(rep.id);
    expect(await getPrivateNotes(repActor, id)).toEqual([]);
    const repView = await getCoachingSession(repActor, id);
    expect(JSON.stringify(repView)).not.toContain("senior rep");
    expect(JSON.stringify(await getCoachingHistory(repActor, rep.id))).not.toContain("senior rep");
    expect((await getPrivateNotes(await actor(east.manager.id), id)).map((n) => n.body)).toEqual(["Consider pairing with a senior rep."]);
    expect(await getPrivateNotes(await actor(exec.id), id)).toHaveLength(1);
    expect(await getPrivateNotes(await actor(west.manager.id), id)).toEqual([]);

    await expect(getCoachingSession(await actor(west.manager.id), id)).rejects.toThrow("Coaching session was not found.");
    await expect(getCoachingSession(await actor(east.reps[1].id), id)).rejects.toThrow("Coaching session was not found.");
    await expect(getCoachingHistory(await actor(east.reps[1].id), rep.id)).rejects.toThrow("Rep was not found.");
    await expect(getNewSessionContext(await actor(west.manager.id), rep.id)).rejects.toThrow("Rep was not found.");
    expect((await getCoachingHistory(await actor(exec.id), rep.id)).sessions).toHaveLength(1);
  });

  it("shows the manager who is due, overdue actions and BAT trends for their teams only", async () => {
    const { east, rep } = await setup();
    await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }));
    const overview = await getCoachingOverview(await actor(east.manager.id), "2026-11-25");
    expect(overview.reps.map((r) => [r.id, r.dueState])).toEqual(
      expect.arrayContaining([
        [rep.id, "done"],
        [east.reps[1].id, "overdue"],
      ]),
    );
    expect(overview.reps).toHaveLength(2);
    expect(overview.reps.find((r) => r.id === rep.id)!.bat).toEqual([{ heldOn: "2026-11-10", behavior: 3, technique: 2, attitude: 4 }]);
    // Due 20 Nov and not done by the 25th: overdue. The manager's own action is due on the 30th.
    expect(overview.overdueActions.map((a) => a.description)).toEqual(["Practise pain questions"]);
    expect((await getCoachingOverview(await actor(east.manager.id), "2026-12-05")).reps.find((r) => r.id === rep.id)!.dueState).toBe("due");
  });
});

describe("closing the loop on plan actions", () => {
  it("lets the owner and the rep's managers update an action; nobody else", async () => {
    const { east, west, exec, admin, rep } = await setup();
    await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }));
    const actions = await prisma.planAction.findMany({ where: { objective: { plan: { repId: rep.id } } }, orderBy: { dueDate: "asc" } });
    const [repAction, managerAction] = actions;
    const update = async (userId: string, actionId: string, status = "DONE") => runAction(updatePlanAction.definition, await actor(userId), { actionId, status });

    expect(await update(rep.id, repAction.id)).toMatchObject({ ok: true });
    const done = await prisma.planAction.findUniqueOrThrow({ where: { id: repAction.id } });
    expect(done.status).toBe("DONE");
    expect(done.completedAt).not.toBeNull();
    // The rep's own plan, but the manager's action: refused like a missing one.
    expect(await update(rep.id, managerAction.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await update(east.reps[1].id, repAction.id, "TODO")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await update(west.manager.id, repAction.id, "TODO")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await update(exec.id, repAction.id, "TODO")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await prisma.planAction.findUniqueOrThrow({ where: { id: repAction.id } })).status).toBe("DONE");
    expect(await update(east.manager.id, managerAction.id, "IN_PROGRESS")).toMatchObject({ ok: true });
    expect(await update(admin.id, repAction.id, "TODO")).toMatchObject({ ok: true });
    expect(await update(rep.id, repAction.id, "FINISHED")).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("lets only the rep acknowledge their plan", async () => {
    const { east, west, exec, rep } = await setup();
    await runAction(saveCoachingSession.definition, await actor(east.manager.id), sessionInput(rep.id, { rep: rep.id, manager: east.manager.id }));
    const plan = await prisma.developmentPlan.findFirstOrThrow({ where: { repId: rep.id } });
    const ack = async (userId: string) => runAction(acknowledgePlan.definition, await actor(userId), { planId: plan.id });
    expect(await ack(east.reps[1].id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await ack(east.manager.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await ack(west.manager.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await ack(exec.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await prisma.developmentPlan.findUniqueOrThrow({ where: { id: plan.id } })).acknowledgedAt).toBeNull();
    expect(await ack(rep.id)).toMatchObject({ ok: true });
    expect((await prisma.developmentPlan.findUniqueOrThrow({ where: { id: plan.id } })).acknowledgedAt).not.toBeNull();
  });
});
