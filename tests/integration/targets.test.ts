import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { setKpiTarget } from "@/lib/actions/targets/set-kpi-target";
import { deleteKpiTarget } from "@/lib/actions/targets/delete-kpi-target";
import { setQuota } from "@/lib/actions/targets/set-quota";
import { listTargets } from "@/lib/data/targets";
import { createOrganisation, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;

async function setup() {
  if ((await prisma.organisation.count()) === 0) await createOrganisation(prisma, { timeZone: "America/New_York", fiscalYearStartMonth: 2 });
  const east = await createTeamWithReps(prisma, 2);
  const west = await createTeamWithReps(prisma, 1);
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  return { east, west, exec, admin, rep: east.reps[0] };
}

const target = (extra: Record<string, unknown>) => ({ metric: "qualified_leads", periodType: "MONTH", periodStart: "", scope: "ORGANISATION", teamId: "", userId: "", direction: "AT_LEAST", value: "15", ...extra });

describe("setting KPI targets", () => {
  it("lets only executives and admins set organisation-wide targets", async () => {
    const { east, exec, admin, rep } = await setup();
    expect(await runAction(setKpiTarget.definition, await actor(rep.id), target({}))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(setKpiTarget.definition, await actor(east.manager.id), target({}))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "Only executives and admins set organisation-wide targets.",
    });
    expect(await prisma.kpiTarget.count({ where: { metric: "qualified_leads", scope: "ORGANISATION" } })).toBe(0);
    expect(await runAction(setKpiTarget.definition, await actor(exec.id), target({}))).toMatchObject({ ok: true });
    // The same metric, period and scope again changes the value instead of adding a second target.
    expect(await runAction(setKpiTarget.definition, await actor(admin.id), target({ value: "18" }))).toMatchObject({ ok: true });
    const rows = await prisma.kpiTarget.findMany({ where: { metric: "qualified_leads", scope: "ORGANISATION" } });
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].value)).toBe(18);
    expect(rows[0].category).toBe("LEADING");
  });

  it("lets a manager set targets for their team and its reps, not another team's", async () => {
    const { east, west, rep } = await setup();
    const manager = await actor(east.manager.id);
    expect(await runAction(setKpiTarget.definition, manager, target({ scope: "TEAM", teamId: east.team.id, value: "16" }))).toMatchObject({ ok: true });
    expect(await runAction(setKpiTarget.definition, manager, target({ scope: "REP", userId: rep.id, metric: "win_rate", periodType: "QUARTER", value: "30" }))).toMatchObject({ ok: true });
    expect(await runAction(setKpiTarget.definition, manager, target({ scope: "TEAM", teamId: west.team.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(setKpiTarget.definition, manager, target({ scope: "REP", userId: west.reps[0].id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await prisma.kpiTarget.count({ where: { OR: [{ teamId: west.team.id }, { userId: west.reps[0].id }] } })).toBe(0);

    const list = await listTargets(manager);
    expect(list.targets.filter((t) => t.scopeName === east.team.name || t.scopeName === rep.name).every((t) => t.canEdit)).toBe(true);
    expect(list.reps.map((r) => r.id).sort()).toEqual(east.reps.map((r) => r.id).sort());
  });

  it("refuses bad input with field messages", async () => {
    const { exec, east } = await setup();
    const e = await actor(exec.id);
    const noTeam = await runAction(setKpiTarget.definition, e, target({ scope: "TEAM" }));
    expect(noTeam).toMatchObject({ ok: false, fieldErrors: { teamId: ["Choose the team."] } });
    const notNumber = await runAction(setKpiTarget.definition, e, target({ value: "lots" }));
    expect(notNumber).toMatchObject({ ok: false, fieldErrors: { value: ["Give the target as a number."] } });
    // The fiscal year starts in February: a quarter starts on 1 Feb, 1 May, 1 Aug or 1 Nov.
    const midQuarter = await runAction(setKpiTarget.definition, e, target({ scope: "TEAM", teamId: east.team.id, periodType: "QUARTER", periodStart: "2026-10-01" }));
    expect(midQuarter).toMatchObject({ ok: false, fieldErrors: { periodStart: ["That is not the first day of a quarter: did you mean 2026-08-01?"] } });
    expect(await runAction(setKpiTarget.definition, e, target({ scope: "TEAM", teamId: east.team.id, periodType: "QUARTER", periodStart: "2026-11-01" }))).toMatchObject({ ok: true });
  });

  it("lets only those who may set a target delete it", async () => {
    const { east, west, exec, rep } = await setup();
    const created = await runAction(setKpiTarget.definition, await actor(east.manager.id), target({ scope: "TEAM", teamId: east.team.id, metric: "activities" }));
    const targetId = (created as { data: { id: string } }).data.id;
    expect(await runAction(deleteKpiTarget.definition, await actor(rep.id), { targetId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(deleteKpiTarget.definition, await actor(west.manager.id), { targetId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await prisma.kpiTarget.count({ where: { id: targetId } })).toBe(1);
    expect(await runAction(deleteKpiTarget.definition, await actor(exec.id), { targetId })).toMatchObject({ ok: true });
    expect(await prisma.kpiTarget.count({ where: { id: targetId } })).toBe(0);
  });
});

describe("setting quotas", () => {
  it("follows the permission matrix and stores exact money for a fiscal quarter", async () => {
    const { east, west, exec, admin, rep } = await setup();
    const quota = (extra: Record<string, unknown> = {}) => ({ userId: rep.id, periodType: "QUARTER", periodStart: "2026-11-01", amount: "250,000.50", ...extra });
    expect(await runAction(setQuota.definition, await actor(rep.id), quota())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(setQuota.definition, await actor(west.manager.id), quota())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await prisma.quota.count({ where: { userId: rep.id } })).toBe(0);
    expect(await runAction(setQuota.definition, await actor(east.manager.id), quota())).toMatchObject({ ok: true });
    const saved = await prisma.quota.findFirstOrThrow({ where: { userId: rep.id } });
    expect(saved.amountMinor).toBe(25_000_050n);
    expect(saved.periodEnd.toISOString().slice(0, 10)).toBe("2027-01-31");
    expect(await runAction(setQuota.definition, await actor(exec.id), quota({ amount: "300000" }))).toMatchObject({ ok: true });
    expect(await runAction(setQuota.definition, await actor(admin.id), quota({ amount: "310000" }))).toMatchObject({ ok: true });
    expect((await prisma.quota.findMany({ where: { userId: rep.id } })).map((q) => q.amountMinor)).toEqual([31_000_000n]);
    expect(await runAction(setQuota.definition, await actor(admin.id), quota({ amount: "-5" }))).toMatchObject({ ok: false, fieldErrors: { amount: ["Give the quota as an amount such as 250000 or 250,000.00."] } });
    expect(await runAction(setQuota.definition, await actor(admin.id), quota({ userId: east.manager.id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
