// Issue 13: a text longer than its limit is refused beside its field with the limit and its length, never cut, and
// nothing is written; an imported row with a too-long name is refused with the reason, the other rows go in.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { runAction, type ActionDefinition } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createDeal as createDealAction } from "@/lib/actions/deals/create-deal";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { createLead } from "@/lib/actions/leads/create-lead";
import { createTeam } from "@/lib/actions/admin/create-team";
import { saveStage } from "@/lib/actions/admin/save-stage";
import { createPersonalToken } from "@/lib/actions/tokens/create-personal-token";
import { createImportJob, readSettings, startDealImport, writeSettings } from "@/lib/import/jobs";
import { coachingSessionSchema } from "@/lib/domain/coaching";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays } from "@/lib/domain/calendar";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;
type Def = { definition: ActionDefinition<z.ZodType, unknown, unknown> };

async function world() {
  if (!(await prisma.organisation.findFirst())) await createOrganisation(prisma);
  const stages = (await prisma.pipelineStage.count()) ? await prisma.pipelineStage.findMany({ orderBy: { order: "asc" } }) : await createStages(prisma);
  const team = await createTeamWithReps(prisma, 1);
  const admin = await createUser(prisma, { role: "ADMIN" });
  const today = todayIn(await loadOrganisation());
  return { stages, team, admin, today };
}

describe("a text longer than its limit", () => {
  it("is refused beside its field with the limit and its length, kept as typed, and nothing is written", async () => {
    const w = await world();
    const rep = await actor(w.team.reps[0].id);
    const admin = await actor(w.admin.id);
    const deal = await createDeal(prisma, { ownerId: w.team.reps[0].id, stageId: w.stages[1].id, amountMinor: 100_000n, closeDate: addDays(w.today, 20) });
    const long = (n: number) => "N".repeat(n);
    const cases: { def: Def; who: SessionUser; input: Record<string, string>; field: string; message: RegExp; typed: string }[] = [
      { def: createDealAction, who: rep, input: { name: long(300), amount: "1000", closeDate: addDays(w.today, 30), stageId: w.stages[0].id }, field: "name", message: /^The deal name is at most 200 characters \(this one has 300\)\.$/, typed: long(300) },
      { def: createDealAction, who: rep, input: { name: "Fine", amount: "1000", closeDate: addDays(w.today, 30), stageId: w.stages[0].id, newAccountName: long(201) }, field: "newAccountName", message: /^The account name is at most 200 characters \(this one has 201\)\.$/, typed: long(201) },
      { def: createDealAction, who: rep, input: { name: "Fine", amount: "1000", closeDate: addDays(w.today, 30), stageId: w.stages[0].id, nextStep: long(501) }, field: "nextStep", message: /^The next step is at most 500 characters \(this one has 501\)\.$/, typed: long(501) },
      { def: updateDeal, who: rep, input: { dealId: deal.id, expectedVersion: "1", name: long(201) }, field: "name", message: /^The deal name is at most 200 characters \(this one has 201\)\.$/, typed: long(201) },
      { def: createLead, who: rep, input: { name: long(250), createdOn: w.today }, field: "name", message: /^The lead's name is at most 200 characters \(this one has 250\)\.$/, typed: long(250) },
      { def: createLead, who: rep, input: { name: "Ann", company: long(201), createdOn: w.today }, field: "company", message: /^The company is at most 200 characters/, typed: long(201) },
      { def: createTeam, who: admin, input: { name: long(81) }, field: "name", message: /^The team name is at most 80 characters \(this one has 81\)\.$/, typed: long(81) },
      { def: saveStage, who: admin, input: { name: long(61), order: "9", probability: "10", staleThresholdDays: "14" }, field: "name", message: /^The stage name is at most 60 characters/, typed: long(61) },
      { def: createPersonalToken, who: rep, input: { name: long(101), expiresIn: "30", access: "read" }, field: "name", message: /^The token name is at most 100 characters \(this one has 101\)\.$/, typed: long(101) },
    ];
    const counts = async () => ({
      deals: await prisma.deal.count(),
      accounts: await prisma.account.count(),
      leads: await prisma.lead.count(),
      teams: await prisma.team.count(),
      stages: await prisma.pipelineStage.count(),
      tokens: await prisma.apiToken.count(),
      changes: await prisma.dealChange.count(),
    });
    const before = await counts();
    for (const c of cases) {
      const result = await runAction(c.def.definition, c.who, c.input);
      expect(result, `${c.def.definition.name} ${c.field}`).toMatchObject({ ok: false, code: "INVALID" });
      if (result.ok) continue;
      expect(result.fieldErrors?.[c.field]?.[0], `${c.def.definition.name} ${c.field}`).toMatch(c.message);
      // What was typed comes back whole, so the form shows it again to be shortened, not cut.
      expect(result.values?.[c.field]).toBe(c.typed);
    }
    expect(await counts()).toEqual(before);
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe(deal.name);

    // Exactly at the limit is accepted, whole.
    const atLimit = await runAction(createDealAction.definition, rep, { name: long(200), amount: "1000", closeDate: addDays(w.today, 30), stageId: w.stages[0].id });
    expect(atLimit).toMatchObject({ ok: true });
    expect(await prisma.deal.count({ where: { name: long(200) } })).toBe(1);
  });

  it("in the coaching plan names the field and its limit", () => {
    const parsed = coachingSessionSchema.safeParse({
      repId: "r",
      heldOn: "2026-12-01",
      behaviorRating: "3",
      attitudeRating: "3",
      techniqueRating: "3",
      objectives: [{ dimension: "BEHAVIOR", title: "T".repeat(301), successCriterion: "ok", actions: [{ description: "d", ownerId: "r", dueDate: "2026-12-20" }] }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain("The objective is at most 300 characters (this one has 301).");
  });

  it("in an imported row refuses that row with the reason and imports the others", async () => {
    const w = await world();
    const email = w.team.reps[0].email;
    const csv = [
      "Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Owner Email",
      `LIM-1,${"L".repeat(300)},Acme,1000,2027-03-15,Discovery,${email}`,
      `LIM-2,Short name,${"A".repeat(201)},1000,2027-03-15,Discovery,${email}`,
      `LIM-3,Kept,Acme,1000,2027-03-15,Discovery,${email}`,
    ].join("\r\n");
    const admin = await actor(w.admin.id);
    const job = await createImportJob(admin, "DEALS", "limits.csv", new TextEncoder().encode(csv + "\r\n"));
    if (!job.ok) throw new Error(job.message);
    await writeSettings(job.jobId, { ...(await readSettings(job.jobId))!, mapped: true });
    await startDealImport(admin, job.jobId, { wait: true });
    const done = await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } });
    expect(done).toMatchObject({ status: "COMMITTED", created: 1, rejected: 2 });
    const rejected = (done.errors as { rejected: { line: number; reason: string }[] }).rejected;
    expect(rejected).toEqual([
      { line: 2, reason: expect.stringContaining("The deal name is longer than 200 characters.") },
      { line: 3, reason: expect.stringContaining("The account name is longer than 200 characters.") },
    ]);
    expect(await prisma.deal.count({ where: { externalId: { in: ["LIM-1", "LIM-2"] } } })).toBe(0);
    expect(await prisma.deal.count({ where: { name: { startsWith: "LLLL" } } })).toBe(0);
    expect(await prisma.deal.findUniqueOrThrow({ where: { externalId: "LIM-3" } })).toMatchObject({ name: "Kept" });
  });
});
