import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { addRitual } from "@/lib/actions/rhythm/add-ritual";
import { moveRitual } from "@/lib/actions/rhythm/move-ritual";
import { removeRitual } from "@/lib/actions/rhythm/remove-ritual";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { loadRhythmAdherence, loadRhythmHistory, loadRhythmWeek } from "@/lib/data/rhythm";
import { createOrganisation, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;

async function org() {
  if ((await prisma.organisation.count()) === 0) await createOrganisation(prisma, { timeZone: "America/New_York" });
}

async function inspect(managerId: string, teamId: string, completedAt: string) {
  await prisma.inspectionSession.create({ data: { managerId, teamId, asOfDate: new Date(`${completedAt.slice(0, 10)}T00:00:00Z`), startedAt: new Date(completedAt), completedAt: new Date(completedAt) } });
}

async function coach(managerId: string, repId: string, heldOn: string, completed = true) {
  await prisma.coachingSession.create({ data: { managerId, repId, heldOn: new Date(`${heldOn}T00:00:00Z`), completedAt: completed ? new Date(`${heldOn}T15:00:00Z`) : null } });
}

const Q4 = { quarterStart: "2026-10-01", quarterEnd: "2026-12-31" };

describe("rhythm adherence over a quarter", () => {
  it("counts inspections on time by the team's align day in the organisation's time zone, never a week in progress as missed", async () => {
    await org();
    const east = await createTeamWithReps(prisma, 1);
    const other = await createTeamWithReps(prisma, 1);
    await prisma.rhythmRitual.create({ data: { managerId: east.manager.id, teamId: east.team.id, ritual: "align", weekday: 1 } });
    // Week of Mon 5 Oct: 23:30 on Monday in New York (Tuesday in UTC) is on time.
    await inspect(east.manager.id, east.team.id, "2026-10-06T03:30:00Z");
    // Week of 12 Oct: on Tuesday, a day late.
    await inspect(east.manager.id, east.team.id, "2026-10-13T15:00:00Z");
    // Another team's inspection never counts for this one.
    await inspect(other.manager.id, other.team.id, "2026-10-19T14:00:00Z");

    // Wednesday 21 Oct: the week of 19 Oct is in progress and not done yet, so it is not counted.
    const [row] = await loadRhythmAdherence(prisma, { ...Q4, today: "2026-10-21", managerIds: [east.manager.id] });
    expect(row).toMatchObject({ managerId: east.manager.id, managerName: east.manager.name, weeksDue: 2, inspectionsOnTime: 1, inspectionShare: 0.5 });

    // Done on Monday 19 Oct: the week in progress counts, on time.
    await inspect(east.manager.id, east.team.id, "2026-10-19T13:00:00Z");
    const [after] = await loadRhythmAdherence(prisma, { ...Q4, today: "2026-10-21", managerIds: [east.manager.id] });
    expect(after).toMatchObject({ weeksDue: 3, inspectionsOnTime: 2 });
    expect(after.inspectionShare).toBeCloseTo(2 / 3);

    // Moving the align day to Tuesday makes the week of 12 Oct on time too.
    await prisma.rhythmRitual.update({ where: { managerId_teamId_ritual: { managerId: east.manager.id, teamId: east.team.id, ritual: "align" } }, data: { weekday: 2 } });
    const [moved] = await loadRhythmAdherence(prisma, { ...Q4, today: "2026-10-21", managerIds: [east.manager.id] });
    expect(moved).toMatchObject({ weeksDue: 3, inspectionsOnTime: 3, inspectionShare: 1 });
  });

  it("counts coaching per rep per month: ended months in full, the month in progress only for sessions held", async () => {
    await org();
    const team = await createTeamWithReps(prisma, 2);
    const [ann, bob] = team.reps;
    await coach(team.manager.id, ann.id, "2026-10-10");
    await coach(team.manager.id, ann.id, "2026-10-20"); // a second session the same month is still one rep-month
    await coach(team.manager.id, bob.id, "2026-10-28", false); // not completed: not held
    await coach(team.manager.id, bob.id, "2026-11-03");
    await coach(team.manager.id, bob.id, "2026-09-30"); // the previous quarter

    const [row] = await loadRhythmAdherence(prisma, { ...Q4, today: "2026-11-15", managerIds: [team.manager.id] });
    // October: 2 reps due, 1 held; November (in progress): Bob held, Ann not yet (not missed); December: not yet.
    expect(row).toMatchObject({ coachingDue: 3, coachingHeld: 2 });
    expect(row.coachingShare).toBeCloseTo(2 / 3);
    // No align ritual in this manager's rhythm: no inspection weeks to be on time for.
    expect(row).toMatchObject({ weeksDue: 0, inspectionsOnTime: 0, inspectionShare: null });

    // The quarter once ended: every month counts in full.
    const [ended] = await loadRhythmAdherence(prisma, { ...Q4, today: "2027-01-05", managerIds: [team.manager.id] });
    expect(ended).toMatchObject({ coachingDue: 6, coachingHeld: 2 });
  });

  it("answers every manager in one call with a fixed number of queries, and nobody for an empty list", async () => {
    await org();
    const a = await createTeamWithReps(prisma, 1);
    const b = await createTeamWithReps(prisma, 1);
    const rows = await loadRhythmAdherence(prisma, { ...Q4, today: "2026-11-15" });
    const ids = rows.map((r) => r.managerId);
    expect(ids).toEqual(expect.arrayContaining([a.manager.id, b.manager.id]));
    expect(await loadRhythmAdherence(prisma, { ...Q4, today: "2026-11-15", managerIds: [] })).toEqual([]);
    // Inside a transaction too.
    const inTx = await prisma.$transaction((tx) => loadRhythmAdherence(tx, { ...Q4, today: "2026-11-15", managerIds: [a.manager.id] }));
    expect(inTx.map((r) => r.managerId)).toEqual([a.manager.id]);
  });
});

describe("editing a weekly rhythm", () => {
  async function setup() {
    await org();
    const east = await createTeamWithReps(prisma, 1);
    const west = await createTeamWithReps(prisma, 1);
    const admin = await createUser(prisma, { role: "ADMIN" });
    const exec = await createUser(prisma, { role: "EXECUTIVE" });
    const align = await prisma.rhythmRitual.create({ data: { managerId: east.manager.id, teamId: east.team.id, ritual: "align", weekday: 1 } });
    const westAlign = await prisma.rhythmRitual.create({ data: { managerId: west.manager.id, teamId: west.team.id, ritual: "align", weekday: 1 } });
    return { east, west, admin, exec, align, westAlign };
  }

  it("lets a manager add, move and remove their own rituals, with each change in the history", async () => {
    const { east, align } = await setup();
    const me = await actor(east.manager.id);
    expect(await runAction(moveRitual.definition, me, { ritualId: align.id, fromWeekday: "1", weekday: "3" })).toMatchObject({ ok: true });
    const added = await runAction(addRitual.definition, me, { managerId: me.id, teamId: east.team.id, ritual: "coach", weekday: "4" });
    expect(added).toMatchObject({ ok: true });
    // Twice the same ritual for a team is refused beside the field, not as a crash.
    const twice = await runAction(addRitual.definition, me, { managerId: me.id, teamId: east.team.id, ritual: "coach", weekday: "2" });
    expect(twice).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { ritual: ["Coach live is already on Thursday: move it instead."] } });
    // A move from a day the ritual is no longer on (someone moved it meanwhile) is a conflict, not a blind overwrite.
    expect(await runAction(moveRitual.definition, me, { ritualId: align.id, fromWeekday: "1", weekday: "5" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await runAction(removeRitual.definition, me, { ritualId: align.id })).toMatchObject({ ok: true });

    const week = await loadRhythmWeek(prisma, me.id, "2026-11-25", "America/New_York");
    expect(week.teams.map((t) => t.rituals.map((r) => [r.ritual, r.day]))).toEqual([[["coach", "2026-11-26"]]]);
    const history = await loadRhythmHistory(prisma, me.id);
    expect(history.map((h) => h.action)).toEqual(["rhythm.ritual_removed", "rhythm.ritual_added", "rhythm.ritual_moved"]);
    expect(history[2].details).toMatchObject({ from: 1, to: 3, ritual: "align" });
  });

  it("refuses another manager's rhythm, a rep and an executive exactly like a missing one, and changes nothing", async () => {
    const { east, west, exec, westAlign } = await setup();
    const me = await actor(east.manager.id);
    const missingMove = await runAction(moveRitual.definition, me, { ritualId: "no-such-ritual", fromWeekday: "1", weekday: "2" });
    expect(missingMove).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await runAction(moveRitual.definition, me, { ritualId: westAlign.id, fromWeekday: "1", weekday: "2" })).toEqual(missingMove);
    expect(await runAction(removeRitual.definition, me, { ritualId: westAlign.id })).toEqual(missingMove);
    const missingTeam = await runAction(addRitual.definition, me, { managerId: me.id, teamId: "no-such-team", ritual: "coach", weekday: "3" });
    expect(missingTeam).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Another manager's team, or my team in another manager's name.
    expect(await runAction(addRitual.definition, me, { managerId: west.manager.id, teamId: west.team.id, ritual: "coach", weekday: "3" })).toMatchObject({ ok: false, code: "NOT_FOUND", message: missingTeam.ok ? "" : missingTeam.message });
    expect(await runAction(addRitual.definition, me, { managerId: west.manager.id, teamId: east.team.id, ritual: "coach", weekday: "3" })).toMatchObject({ ok: false, code: "NOT_FOUND", message: missingTeam.ok ? "" : missingTeam.message });
    for (const who of [await actor(east.reps[0].id), await actor(exec.id)]) {
      const r = await runAction(moveRitual.definition, who, { ritualId: westAlign.id, fromWeekday: "1", weekday: "2" });
      expect(r.ok).toBe(false);
    }
    expect(await prisma.rhythmRitual.findUniqueOrThrow({ where: { id: westAlign.id } })).toMatchObject({ weekday: 1 });
    expect(await prisma.rhythmRitual.count({ where: { managerId: west.manager.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "authz.denied", actorId: me.id } })).toBe(4);
  });

  it("lets an administrator edit any manager's rhythm, only for a team that manager leads", async () => {
    const { east, west, admin, westAlign } = await setup();
    const a = await actor(admin.id);
    expect(await runAction(moveRitual.definition, a, { ritualId: westAlign.id, fromWeekday: "1", weekday: "2" })).toMatchObject({ ok: true });
    expect(await runAction(addRitual.definition, a, { managerId: west.manager.id, teamId: west.team.id, ritual: "review", weekday: "5" })).toMatchObject({ ok: true });
    expect(await runAction(addRitual.definition, a, { managerId: west.manager.id, teamId: east.team.id, ritual: "review", weekday: "5" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const history = await loadRhythmHistory(prisma, west.manager.id);
    expect(history.map((h) => [h.action, h.actor?.name])).toEqual([["rhythm.ritual_added", a.name], ["rhythm.ritual_moved", a.name]]);
  });
});

describe("this week's rhythm", () => {
  it("marks align done by the week's inspection and coach by a completed session, on their local day", async () => {
    await org();
    const team = await createTeamWithReps(prisma, 1);
    const m = team.manager.id;
    await prisma.rhythmRitual.createMany({ data: [
      { managerId: m, teamId: team.team.id, ritual: "align", weekday: 1 },
      { managerId: m, teamId: team.team.id, ritual: "coach", weekday: 3 },
      { managerId: m, teamId: team.team.id, ritual: "close", weekday: 4 },
    ] });
    // Wednesday 25 Nov 2026 in New York. Last week's late-Sunday inspection (Monday in UTC) does not count.
    await inspect(m, team.team.id, "2026-11-23T04:30:00Z");
    let week = await loadRhythmWeek(prisma, m, "2026-11-25", "America/New_York");
    expect(week.teams[0].rituals.map((r) => [r.ritual, r.state])).toEqual([["align", "missed"], ["coach", "due"], ["close", "planned"]]);
    expect(week.teams[0].rituals[0].href).toBe(`/inspection?team=${team.team.id}`);

    await inspect(m, team.team.id, "2026-11-24T15:00:00Z");
    await coach(m, team.reps[0].id, "2026-11-25", false); // started, not completed
    week = await loadRhythmWeek(prisma, m, "2026-11-25", "America/New_York");
    expect(week.teams[0].rituals.map((r) => [r.ritual, r.state, r.doneOn])).toEqual([["align", "done", "2026-11-24"], ["coach", "due", null], ["close", "planned", null]]);
    expect(week.teams[0].rituals[0].href).toMatch(/^\/inspection\/[a-z0-9]+$/);
    await coach(m, team.reps[0].id, "2026-11-25");
    week = await loadRhythmWeek(prisma, m, "2026-11-25", "America/New_York");
    expect(week.teams[0].rituals[1]).toMatchObject({ state: "done", doneOn: "2026-11-25", href: expect.stringMatching(/^\/coaching\/sessions\//) });
  });
});
