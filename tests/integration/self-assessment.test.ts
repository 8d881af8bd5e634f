// The leadership self-assessment on real PostgreSQL: only managers and executives answer, only their own answers
// (anyone else's is answered like a missing one), the schema is strict, ended quarters are read-only, a save is one
// audited write, and the quarterly review reads the leaders it may.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction, type ActionResult } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { saveSelfAssessment } from "@/lib/actions/self-assessment/save-self-assessment";
import { leadersInScope, loadAnswers, loadSelfAssessmentReview } from "@/lib/data/self-assessment";
import { todayIn } from "@/lib/data/organisation";
import { periodContaining, shiftPeriod, toDbDate } from "@/lib/domain/calendar";
import { SELF_ASSESSMENT_QUESTIONS } from "@/lib/domain/self-assessment-vocabulary";
import { createOrganisation, createTeamWithReps, createUser } from "@/prisma/factories";

const def = saveSelfAssessment.definition;
const actor = async (id: string) => (await loadActor(id)) as SessionUser;
const answer = (r: ActionResult) => (r.ok ? "ok" : `${r.code}: ${r.message}`);

function input(leaderId: string, quarterStart: string, scores: Partial<Record<string, unknown>> = {}, extra: Record<string, unknown> = {}) {
  return {
    leaderId,
    quarterStart,
    answers: Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, { score: scores[q] ?? "3", notes: q === "actionable_data" ? "  Dashboards in every inspection.  " : "" }])),
    ...extra,
  };
}

describe("leadership self-assessment", () => {
  let current: ReturnType<typeof periodContaining>;
  let east: Awaited<ReturnType<typeof createTeamWithReps>>;
  let west: Awaited<ReturnType<typeof createTeamWithReps>>;
  let exec: { id: string };
  let admin: { id: string };

  beforeAll(async () => {
    const org = (await prisma.organisation.findFirst()) ?? (await createOrganisation(prisma, { timeZone: "America/New_York" }));
    current = periodContaining(todayIn(org), "QUARTER", org.fiscalYearStartMonth);
    east = await createTeamWithReps(prisma, 2);
    west = await createTeamWithReps(prisma, 1);
    exec = await createUser(prisma, { role: "EXECUTIVE" });
    admin = await createUser(prisma, { role: "ADMIN" });
  });

  it("lets a manager answer this quarter and change the answers; each save that changes something is one audit entry", async () => {
    const manager = await actor(east.manager.id);
    const first = await runAction(def, manager, input(manager.id, current.start, { actionable_data: "5", feedback_loop: 2 }));
    expect(answer(first)).toBe("ok");
    let saved = await loadAnswers(manager.id, current.start);
    expect(saved).toHaveLength(SELF_ASSESSMENT_QUESTIONS.length);
    const data = saved.find((a) => a.question === "actionable_data")!;
    expect(data).toMatchObject({ score: 5, notes: "Dashboards in every inspection." });
    expect(saved.find((a) => a.question === "feedback_loop")).toMatchObject({ score: 2, notes: null });

    const edited = await runAction(def, manager, input(manager.id, current.start, { actionable_data: "4", feedback_loop: 2 }));
    expect(answer(edited)).toBe("ok");
    saved = await loadAnswers(manager.id, current.start);
    expect(saved.find((a) => a.question === "actionable_data")?.score).toBe(4);
    expect(await prisma.selfAssessmentAnswer.count({ where: { userId: manager.id } })).toBe(SELF_ASSESSMENT_QUESTIONS.length);

    // The same answers again change nothing and add no entry.
    await runAction(def, manager, input(manager.id, current.start, { actionable_data: "4", feedback_loop: 2 }));
    const entries = await prisma.auditLog.findMany({ where: { action: "self-assessment.saved", actorId: manager.id }, orderBy: { at: "asc" } });
    expect(entries).toHaveLength(2);
    expect(entries[1].targetId).toBe(`${manager.id}:${current.start}`);
    expect(entries[1].details).toMatchObject({ quarterStart: current.start, scores: { actionable_data: 4, feedback_loop: 2 } });
  });

  it("lets an executive answer their own", async () => {
    expect(answer(await runAction(def, await actor(exec.id), input(exec.id, current.start)))).toBe("ok");
  });

  it("refuses reps and admins by role, and writes nothing", async () => {
    const rep = await actor(east.reps[0].id);
    expect(answer(await runAction(def, rep, input(rep.id, current.start)))).toMatch(/^FORBIDDEN/);
    expect(answer(await runAction(def, await actor(admin.id), input(admin.id, current.start)))).toMatch(/^FORBIDDEN/);
    expect(await prisma.selfAssessmentAnswer.count({ where: { userId: { in: [rep.id, admin.id] } } })).toBe(0);
  });

  it("refuses another leader's answers exactly like a missing leader, audits the refusal and writes nothing", async () => {
    const manager = await actor(east.manager.id);
    const before = await prisma.selfAssessmentAnswer.findMany({ orderBy: { id: "asc" } });
    const missing = answer(await runAction(def, manager, input("missing-leader-id", current.start)));
    expect(missing).toMatch(/^NOT_FOUND/);
    const denied = await prisma.auditLog.count({ where: { action: "authz.denied", actorId: manager.id } });
    // Another team's manager, the executive, a rep id: all read like the missing one.
    expect(answer(await runAction(def, manager, input(west.manager.id, current.start)))).toBe(missing);
    expect(answer(await runAction(def, manager, input(exec.id, current.start)))).toBe(missing);
    expect(answer(await runAction(def, manager, input(east.reps[0].id, current.start)))).toBe(missing);
    expect(answer(await runAction(def, await actor(exec.id), input(east.manager.id, current.start, { actionable_data: "1" })))).toBe(missing);
    expect(await prisma.auditLog.count({ where: { action: "authz.denied", actorId: manager.id } })).toBe(denied + 2);
    expect(await prisma.selfAssessmentAnswer.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("refuses unknown fields and scores outside 1–5 with a 400-style answer beside the field, writing nothing", async () => {
    const manager = await actor(west.manager.id);
    const refused = async (payload: Record<string, unknown>) => {
      const r = await runAction(def, manager, payload);
      expect(r.ok).toBe(false);
      if (r.ok) return {};
      expect(r.code).toBe("INVALID");
      return r.fieldErrors ?? {};
    };
    expect((await refused(input(manager.id, current.start, {}, { userId: east.manager.id })))._form?.[0]).toMatch(/not accepted: userId/);
    const withExtraQuestion = input(manager.id, current.start);
    (withExtraQuestion.answers as Record<string, unknown>).leadership_style = { score: "5" };
    expect((await refused(withExtraQuestion))._form?.[0]).toMatch(/leadership_style/);
    const withExtraKey = input(manager.id, current.start);
    (withExtraKey.answers as Record<string, Record<string, unknown>>).feedback_loop.answeredAt = "2020-01-01";
    expect((await refused(withExtraKey))._form?.[0]).toMatch(/answeredAt/);
    for (const bad of ["0", "6", "4.5", "five", "", -1, 100]) {
      const errors = await refused(input(manager.id, current.start, { targets_communicated: bad }));
      expect(errors["answers.targets_communicated.score"]).toEqual(["Choose a score from 1 to 5."]);
    }
    const noScore = input(manager.id, current.start);
    delete (noScore.answers as Record<string, Record<string, unknown>>).forecast_grounded.score;
    expect((await refused(noScore))["answers.forecast_grounded.score"]).toEqual(["Choose a score from 1 to 5."]);
    const tooLong = input(manager.id, current.start);
    (tooLong.answers as Record<string, Record<string, unknown>>).feedback_loop.notes = "x".repeat(2001);
    expect((await refused(tooLong))["answers.feedback_loop.notes"]?.[0]).toMatch(/2000/);
    expect(await prisma.selfAssessmentAnswer.count({ where: { userId: manager.id } })).toBe(0);
  });

  it("keeps ended quarters read-only and refuses quarters not started", async () => {
    const manager = await actor(west.manager.id);
    const previous = shiftPeriod(current, -1);
    const next = shiftPeriod(current, 1);
    const ended = await runAction(def, manager, input(manager.id, previous.start));
    expect(ended).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { quarterStart: ["That quarter has ended: its answers are read-only."] } });
    expect(await runAction(def, manager, input(manager.id, next.start))).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { quarterStart: ["That quarter has not started yet."] } });
    expect(await prisma.selfAssessmentAnswer.count({ where: { userId: manager.id } })).toBe(0);
  });

  it("shows a manager only their own answers on the quarterly review, an executive every leader in scope", async () => {
    const previous = shiftPeriod(current, -1);
    await prisma.selfAssessmentAnswer.create({ data: { userId: west.manager.id, quarterStart: toDbDate(previous.start), question: "feedback_loop", score: 2 } });
    const eastScope = { kind: "TEAM" as const, teamId: east.team.id, teamName: east.team.name };
    const manager = await actor(east.manager.id);
    expect((await leadersInScope(manager, eastScope)).map((l) => l.id)).toEqual([east.manager.id]);
    expect(await leadersInScope(manager, { kind: "TEAM", teamId: west.team.id, teamName: west.team.name })).toEqual([]);
    const executive = await actor(exec.id);
    expect((await leadersInScope(executive, eastScope)).map((l) => l.id)).toEqual([east.manager.id]);
    const orgLeaders = (await leadersInScope(executive, { kind: "ORGANISATION" })).map((l) => l.id);
    expect(orgLeaders).toEqual(expect.arrayContaining([east.manager.id, west.manager.id, exec.id]));
    expect(orgLeaders).not.toContain(admin.id);

    const review = await loadSelfAssessmentReview(executive, { quarter: current, scope: { kind: "ORGANISATION" } }, 1);
    expect(review.quarters.map((q) => q.start)).toEqual([-3, -2, -1, 0].map((o) => shiftPeriod(current, o).start));
    expect(review.answers).toEqual(expect.arrayContaining([{ userId: west.manager.id, quarterStart: previous.start, question: "feedback_loop", score: 2 }]));
    expect(review.answers.filter((a) => a.userId === east.manager.id && a.quarterStart === current.start)).toHaveLength(SELF_ASSESSMENT_QUESTIONS.length);
    // East has two active reps and no quota yet.
    expect((await loadSelfAssessmentReview(manager, { quarter: current, scope: eastScope }, 1)).targets).toEqual({ reps: 2, withQuota: 0 });
  });
});
