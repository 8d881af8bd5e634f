import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadRhythmAdherence } from "@/lib/data/rhythm";
import { createOrganisation, createTeamWithReps } from "@/prisma/factories";

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
