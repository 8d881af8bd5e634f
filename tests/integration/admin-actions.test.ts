import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createUser } from "@/lib/actions/admin/create-user";
import { updateUser } from "@/lib/actions/admin/update-user";
import { setUserActive } from "@/lib/actions/admin/set-user-active";
import { setUserPassword } from "@/lib/actions/admin/set-user-password";
import { authorizeCredentials } from "@/lib/auth/options";
import { createTeam } from "@/lib/actions/admin/create-team";
import { updateTeam } from "@/lib/actions/admin/update-team";
import { saveStage } from "@/lib/actions/admin/save-stage";
import { deleteStage } from "@/lib/actions/admin/delete-stage";
import { updateSettings } from "@/lib/actions/admin/update-settings";
import { listStagesForAdmin } from "@/lib/data/admin";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { isStale } from "@/lib/domain/deal-rules";
import { verifyPassword } from "@/lib/auth/password";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser as makeUser } from "@/prisma/factories";

beforeEach(async () => {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "DealChange", "Deal", "Account", "AuditLog", "RateLimitBucket", "TeamManager", "User", "Team", "PipelineStage", "Organisation" CASCADE`,
  );
});

async function setup() {
  await createOrganisation(prisma, { staleThresholdDays: 14, timeZone: "America/New_York" });
  const stages = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2, { name: "East" });
  const admin = await makeUser(prisma, { role: "ADMIN", email: "admin@x.test" });
  const exec = await makeUser(prisma, { role: "EXECUTIVE" });
  const actor = async (id: string) => (await loadActor(id)) as SessionUser;
  return { stages, east, admin: await actor(admin.id), exec: await actor(exec.id), manager: await actor(east.manager.id), rep: await actor(east.reps[0].id), actor };
}

describe("administration", () => {
  it("refuses every admin action to non-admins and audits each refusal", async () => {
    const { manager, exec, rep, east } = await setup();
    const attempts = [
      [createUser, { name: "X", email: "x@x.test", role: "ADMIN" }],
      [updateUser, { userId: rep.id, role: "ADMIN" }],
      [setUserActive, { userId: rep.id, active: "false" }],
      [setUserPassword, { userId: rep.id, password: "taken-over-123" }],
      [createTeam, { name: "Mine" }],
      [updateTeam, { teamId: east.team.id, name: "Renamed" }],
      [saveStage, { name: "New", order: "9", probability: "50" }],
      [updateSettings, { name: "X", timeZone: "UTC", currency: "EUR", fiscalYearStartMonth: "1", staleThresholdDays: "7", forecastScoringWeek: "1" }],
    ] as const;
    for (const who of [manager, exec, rep]) {
      for (const [action, input] of attempts) {
        const result = await runAction(action.definition, who, { ...input });
        expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    }
    expect(await prisma.auditLog.count({ where: { action: "authz.denied" } })).toBe(attempts.length * 3);
    expect((await loadActor(rep.id))?.role).toBe("REP");
    expect(await prisma.team.count({ where: { name: "Mine" } })).toBe(0);
  });

  it("creates a user with a generated password shown once, changes role and team, deactivates and reactivates, all audited", async () => {
    const { admin, east } = await setup();
    const created = await runAction(createUser.definition, admin, { name: "Nina New", email: "Nina@X.test", role: "REP", teamId: east.team.id, password: "" });
    if (!created.ok) throw new Error(created.message);
    const { id, generatedPassword } = created.data as { id: string; generatedPassword: string };
    expect(generatedPassword).toHaveLength(16);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ email: "nina@x.test", teamId: east.team.id, role: "REP", active: true });
    expect(await verifyPassword(generatedPassword, stored.passwordHash!)).toBe(true);

    const duplicate = await runAction(createUser.definition, admin, { name: "Again", email: "nina@x.test", role: "REP" });
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { email: ["A user with this email already exists."] } });

    expect(await runAction(updateUser.definition, admin, { userId: id, role: "MANAGER", teamId: "" })).toMatchObject({ ok: true });
    expect(await runAction(setUserActive.definition, admin, { userId: id, active: "false" })).toMatchObject({ ok: true });
    // The session re-reads the user on every request: a deactivated user has no session at the next request.
    expect(await loadActor(id)).toBeNull();
    expect(await runAction(setUserActive.definition, admin, { userId: id, active: "true" })).toMatchObject({ ok: true });
    expect((await loadActor(id))?.role).toBe("MANAGER");
    expect(await prisma.user.count({ where: { id } })).toBe(1);

    const log = await prisma.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });
    expect(log.map((l) => l.action)).toEqual(["user.created", "user.role_changed", "user.team_changed", "user.deactivated", "user.reactivated"]);
    expect(log[1]).toMatchObject({ actorId: admin.id, details: { from: "REP", to: "MANAGER" } });
    expect(await runAction(setUserActive.definition, admin, { userId: admin.id, active: "false" })).toMatchObject({ ok: false, message: "You cannot deactivate yourself." });
  });

  it("sets a password for a user who has none (an imported user), shown once, after which they can sign in", async () => {
    const { admin, east } = await setup();
    const rep = east.reps[1];
    await prisma.user.update({ where: { id: rep.id }, data: { passwordHash: null } });
    const signIn = (password: string) => authorizeCredentials({ email: rep.email, password }, { "x-forwarded-for": "10.9.0.1" });
    expect(await signIn("password-123")).toBeNull();

    const short = await runAction(setUserPassword.definition, admin, { userId: rep.id, password: "short" });
    expect(short).toMatchObject({ ok: false, fieldErrors: { password: ["Use at least 10 characters, or leave it empty to generate one."] } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: rep.id } })).passwordHash).toBeNull();

    const set = await runAction(setUserPassword.definition, admin, { userId: rep.id, password: "" });
    if (!set.ok) throw new Error(set.message);
    const { generatedPassword } = set.data as { generatedPassword: string };
    expect(generatedPassword).toHaveLength(16);
    expect((await signIn(generatedPassword))?.id).toBe(rep.id);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.password_set", targetId: rep.id } });
    expect(entry.actorId).toBe(admin.id);
    expect(JSON.stringify(entry.details)).not.toContain(generatedPassword);
  });

  it("creates, renames and archives teams and lets a manager lead several", async () => {
    const { admin, east, manager } = await setup();
    const created = await runAction(createTeam.definition, admin, { name: "North" });
    if (!created.ok) throw new Error(created.message);
    const northId = (created.data as { id: string }).id;
    expect(await runAction(updateTeam.definition, admin, { teamId: northId, name: "North America", managerIds: [manager.id] })).toMatchObject({ ok: true });
    expect([...((await loadActor(manager.id))?.managedTeamIds ?? [])].sort()).toEqual([east.team.id, northId].sort());
    expect(await runAction(updateTeam.definition, admin, { teamId: northId, name: "North America", managerIds: [manager.id], archived: "on" })).toMatchObject({ ok: true });
    expect((await prisma.team.findUniqueOrThrow({ where: { id: northId } })).archivedAt).not.toBeNull();
    const clash = await runAction(updateTeam.definition, admin, { teamId: northId, name: "East" });
    expect(clash).toMatchObject({ ok: false, fieldErrors: { name: ["A team with this name already exists."] } });
    const actions = (await prisma.auditLog.findMany({ where: { targetId: northId }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["team.created", "team.renamed", "team.managers_changed", "team.archived"]);
  });

  it("refuses to delete a stage that holds deals unless they move, then moves them in the same transaction", async () => {
    const { admin, stages, east } = await setup();
    const deal = await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[1].id });
    const refused = await runAction(deleteStage.definition, admin, { stageId: stages[1].id });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { moveToStageId: ["This stage holds 1 deal: choose where to move them first."] } });
    expect(await prisma.pipelineStage.count({ where: { id: stages[1].id } })).toBe(1);
    expect(await runAction(deleteStage.definition, admin, { stageId: stages[1].id, moveToStageId: stages[2].id })).toMatchObject({ ok: true });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).stageId).toBe(stages[2].id);
    expect(await prisma.dealChange.count({ where: { dealId: deal.id, field: "stageId", oldValue: stages[1].id, newValue: stages[2].id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "stage.deleted" } })).toBe(1);
  });

  it("validates settings and the stale counts follow the new threshold and time zone at the next read", async () => {
    const { admin, stages, east } = await setup();
    // Moved 10 days ago (in New York): fresh under 14 days, stale under 7.
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[1].id, lastMovedAt: tenDaysAgo, createdAt: tenDaysAgo });
    const stale = async () => (await listStagesForAdmin(await loadOrganisation())).find((s) => s.id === stages[1].id)!.staleDeals;
    expect(await stale()).toBe(0);

    const bad = await runAction(updateSettings.definition, admin, { name: "Org", timeZone: "Mars/Olympus", currency: "EURO", fiscalYearStartMonth: "13", staleThresholdDays: "0", forecastScoringWeek: "1" });
    expect(bad).toMatchObject({ ok: false, code: "INVALID" });
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual(["currency", "fiscalYearStartMonth", "staleThresholdDays", "timeZone"]);
    expect(await runAction(updateSettings.definition, admin, { name: "Org", timeZone: "Europe/Paris", currency: "XYZ", fiscalYearStartMonth: "4", staleThresholdDays: "7", forecastScoringWeek: "2" })).toMatchObject({ ok: false, fieldErrors: { currency: expect.any(Array) } });

    const ok = await runAction(updateSettings.definition, admin, { name: "Org", timeZone: "Europe/Paris", currency: "eur", fiscalYearStartMonth: "4", staleThresholdDays: "7", forecastScoringWeek: "2" });
    expect(ok).toMatchObject({ ok: true });
    expect(await loadOrganisation()).toMatchObject({ timeZone: "Europe/Paris", currency: "EUR", fiscalYearStartMonth: 4, staleThresholdDays: 7, forecastScoringWeek: 2 });
    expect(await stale()).toBe(1);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.changed" } });
    expect(entry.details).toMatchObject({ staleThresholdDays: { from: 14, to: 7 }, timeZone: { from: "America/New_York", to: "Europe/Paris" } });

    // A per-stage threshold overrides the organisation's.
    expect(await runAction(saveStage.definition, admin, { stageId: stages[1].id, name: stages[1].name, order: "2", probability: "10", staleThresholdDays: "30", isQualified: "on" })).toMatchObject({ ok: true });
    expect(await stale()).toBe(0);
  });

  it("counts whole days in the organisation's time zone, exactly as the domain's stale rule does", async () => {
    const { admin, stages, east } = await setup();
    // Deals moved every 3 hours over the last 48 hours; with a 1-day threshold, which are stale depends on where
    // midnight falls, i.e. on the time zone.
    const now = Date.now();
    const moved = Array.from({ length: 17 }, (_, k) => new Date(now - k * 3 * 3_600_000));
    for (const at of moved) await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[0].id, lastMovedAt: at, createdAt: at });
    const counts: Record<string, number> = {};
    for (const timeZone of ["UTC", "Asia/Kolkata", "America/New_York"]) {
      await runAction(updateSettings.definition, admin, { name: "Org", timeZone, currency: "USD", fiscalYearStartMonth: "1", staleThresholdDays: "1", forecastScoringWeek: "1" });
      const org = await loadOrganisation();
      const today = todayIn(org);
      const expected = moved.filter((lastMovedAt) => isStale({ status: "OPEN", lastMovedAt }, today, timeZone, { organisationDays: 1 })).length;
      counts[timeZone] = (await listStagesForAdmin(org)).reduce((n, s) => n + s.staleDeals, 0);
      expect(counts[timeZone]).toBe(expected);
    }
    // UTC and India are 5h30 apart: the 3-hourly movements fall on different local days, so the counts differ.
    expect(counts.UTC).not.toBe(counts["Asia/Kolkata"]);
  });
});
