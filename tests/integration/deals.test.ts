// Deal and lead actions against a real PostgreSQL: authorization, optimistic locking, history, bad input.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { z } from "zod";
import { runAction, type ActionDefinition } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createDeal as createDealAction } from "@/lib/actions/deals/create-deal";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { closeDeal } from "@/lib/actions/deals/close-deal";
import { logActivity } from "@/lib/actions/deals/log-activity";
import { pauseDeal } from "@/lib/actions/deals/pause-deal";
import { reassignDeal } from "@/lib/actions/deals/reassign-deal";
import { createLead } from "@/lib/actions/leads/create-lead";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, dateOnly } from "@/lib/domain/calendar";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const actor = async (id: string) => (await loadActor(id)) as SessionUser;

async function world() {
  if (!(await prisma.organisation.findFirst())) await createOrganisation(prisma);
  const stages = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2);
  const west = await createTeamWithReps(prisma, 1);
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  const today = todayIn(await loadOrganisation());
  const deal = await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[1].id, amountMinor: 5_000_000n, closeDate: addDays(today, 20), nextStep: "Call", nextStepDate: addDays(today, 2) });
  return { stages, east, west, exec, admin, today, deal };
}

/** Everything a write could touch on a deal: nothing of it may change on a refusal. */
async function snapshot(dealId: string) {
  const [deal, changes, activities] = await Promise.all([
    prisma.deal.findUniqueOrThrow({ where: { id: dealId } }),
    prisma.dealChange.count({ where: { dealId } }),
    prisma.activity.count({ where: { dealId } }),
  ]);
  return { ...deal, changes, activities };
}

describe("authorization over every deal action", () => {
  it("refuses others' deals exactly like missing ones, forbids executives, lets admins act — and writes nothing when refused", async () => {
    const w = await world();
    const teammate = await actor(w.east.reps[1].id);
    const otherManager = await actor(w.west.manager.id);
    const exec = await actor(w.exec.id);
    const admin = await actor(w.admin.id);
    const inputs = {
      update: (id: string) => ({ dealId: id, expectedVersion: "1", amount: "1" }),
      close: (id: string) => ({ dealId: id, expectedVersion: "1", outcome: "WON" }),
      activity: (id: string) => ({ dealId: id, type: "CALL", occurredOn: w.today, subject: "Hello" }),
      pause: (id: string) => ({ dealId: id, expectedVersion: "1", reason: "Budget", resumeDate: addDays(w.today, 5) }),
      reassign: (id: string) => ({ dealId: id, expectedVersion: "1", newOwnerId: w.east.reps[1].id }),
    };
    const defs: Record<keyof typeof inputs, { definition: ActionDefinition<z.ZodType, unknown, unknown> }> = { update: updateDeal, close: closeDeal, activity: logActivity, pause: pauseDeal, reassign: reassignDeal };
    const before = await snapshot(w.deal.id);
    for (const [key, def] of Object.entries(defs) as [keyof typeof defs, (typeof defs)[keyof typeof defs]][]) {
      const input = inputs[key];
      // A rep on a teammate's deal; a manager on another team's deal: answered exactly like a missing deal.
      for (const who of [teammate, otherManager]) {
        const denied = await runAction(def.definition, who, input(w.deal.id));
        const missing = await runAction(def.definition, who, input("no-such-deal"));
        expect(denied, `${key} by ${who.role}`).toEqual(missing);
        // Reps may not pause or reassign at all (a role refusal); everything else is NOT_FOUND.
        expect(denied).toMatchObject({ ok: false, code: who.role === "REP" && (key === "pause" || key === "reassign") ? "FORBIDDEN" : "NOT_FOUND" });
      }
      const byExec = await runAction(def.definition, exec, input(w.deal.id));
      expect(byExec, `${key} by executive`).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await snapshot(w.deal.id)).toEqual(before);
    // A rep may not pause or reassign even their own deal: that is the manager's call.
    const owner = await actor(w.east.reps[0].id);
    expect(await runAction(pauseDeal.definition, owner, inputs.pause(w.deal.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(reassignDeal.definition, owner, inputs.reassign(w.deal.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(w.deal.id)).toEqual(before);
    // Admins act anywhere.
    expect(await runAction(updateDeal.definition, admin, inputs.update(w.deal.id))).toMatchObject({ ok: true });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } })).amountMinor).toBe(100n);
  });

  it("lets the team's manager pause and reassign within the team, not outside it", async () => {
    const w = await world();
    const manager = await actor(w.east.manager.id);
    const paused = await runAction(pauseDeal.definition, manager, { dealId: w.deal.id, expectedVersion: "1", reason: "Budget freeze", resumeDate: addDays(w.today, 10) });
    expect(paused).toMatchObject({ ok: true, data: { version: 2 } });
    const outside = await runAction(reassignDeal.definition, manager, { dealId: w.deal.id, expectedVersion: "2", newOwnerId: w.west.reps[0].id });
    expect(outside).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { newOwnerId: [expect.any(String)] } });
    const inside = await runAction(reassignDeal.definition, manager, { dealId: w.deal.id, expectedVersion: "2", newOwnerId: w.east.reps[1].id });
    expect(inside).toMatchObject({ ok: true });
    const deal = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    expect(deal.ownerId).toBe(w.east.reps[1].id);
    expect(dateOnly(deal.pausedUntil!)).toBe(addDays(w.today, 10));
    expect(deal.pauseReason).toBe("Budget freeze");
    const rows = await prisma.dealChange.findMany({ where: { dealId: w.deal.id, field: { in: ["pausedUntil", "ownerId"] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.field, r.oldValue, r.newValue, r.actorId])).toEqual([
      ["pausedUntil", null, addDays(w.today, 10), w.east.manager.id],
      ["ownerId", w.east.reps[0].id, w.east.reps[1].id, w.east.manager.id],
    ]);
  });
});

describe("optimistic locking", () => {
  it("lets exactly one of two concurrent saves of the same version through, and tells the other what changed", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const manager = await actor(w.east.manager.id);
    const [a, b] = await Promise.all([
      runAction(updateDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "1", amount: "60000" }),
      runAction(updateDeal.definition, manager, { dealId: w.deal.id, expectedVersion: "1", amount: "70000" }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    if (refused.ok) throw new Error("unreachable");
    // What the user typed is kept, and the winning change is shown in words.
    expect(refused.values?.amount).toMatch(/0000$/);
    const details = refused.details as { currentVersion: number; changes: { fieldLabel: string; from: string; to: string }[] };
    expect(details.currentVersion).toBe(2);
    expect(details.changes).toContainEqual(expect.objectContaining({ fieldLabel: "Amount", from: "$50,000" }));
    const deal = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    expect(deal.version).toBe(2);
    expect(await prisma.dealChange.count({ where: { dealId: w.deal.id, field: "amountMinor", oldValue: "5000000" } })).toBe(1);
  });

  it("refuses a save based on an old version even when not concurrent", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    expect(await runAction(updateDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "1", nextStep: "Send proposal" })).toMatchObject({ ok: true });
    const stale = await runAction(updateDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "1", amount: "1" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", values: { amount: "1" } });
    expect((stale as { message: string }).message).toContain("Next step: Call → Send proposal");
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } })).amountMinor).toBe(5_000_000n);
  });
});

describe("history", () => {
  it("writes one row per changed field with old and new values, actor and push reason; clocks and push count follow the rules", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const before = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    // Into a later fiscal quarter: a push.
    const later = addDays(w.today, 200);
    const r = await runAction(updateDeal.definition, rep, {
      dealId: w.deal.id,
      expectedVersion: "1",
      amount: "75,000.50",
      closeDate: later,
      stageId: w.stages[2].id,
      nextStep: "Proposal review",
      nextStepDate: addDays(w.today, 1),
      pushReason: "Budget moved",
      name: before.name,
    });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    const rows = await prisma.dealChange.findMany({ where: { dealId: w.deal.id, actorId: rep.id, field: { not: "created" }, at: { gt: before.createdAt } }, orderBy: { field: "asc" } });
    expect(rows.map((x) => [x.field, x.oldValue, x.newValue, x.reason])).toEqual([
      ["amountMinor", "5000000", "7500050", null],
      ["closeDate", dateOnly(before.closeDate), later, "Budget moved"],
      ["nextStep", "Call", "Proposal review", null],
      ["nextStepDate", addDays(w.today, 2), addDays(w.today, 1), null],
      ["stageId", w.stages[1].id, w.stages[2].id, null],
    ]);
    const after = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    expect(after.lastMovedAt.getTime()).toBeGreaterThan(before.lastMovedAt.getTime());
    expect(after.lastTouchedAt.getTime()).toBeGreaterThan(before.lastTouchedAt.getTime());
    expect(after.pushCount).toBe(1);

    // An edit that is not movement touches the deal but leaves the stale clock alone.
    const r2 = await runAction(updateDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "2", amount: "80000" });
    expect(r2).toMatchObject({ ok: true });
    const after2 = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    expect(after2.lastMovedAt).toEqual(after.lastMovedAt);
    expect(after2.lastTouchedAt.getTime()).toBeGreaterThanOrEqual(after.lastTouchedAt.getTime());
    expect(after2.pushCount).toBe(1);

    // An activity touches; it is not movement and not a field change.
    const a = await runAction(logActivity.definition, rep, { dealId: w.deal.id, type: "MEETING", occurredOn: w.today, subject: "Demo" });
    expect(a).toMatchObject({ ok: true });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } })).lastMovedAt).toEqual(after.lastMovedAt);

    // Closing is movement; lost needs a reason.
    expect(await runAction(closeDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "3", outcome: "LOST" })).toMatchObject({ ok: false, fieldErrors: { lostReason: [expect.any(String)] } });
    expect(await runAction(closeDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "3", outcome: "LOST", lostReason: "No budget" })).toMatchObject({ ok: true });
    const closed = await prisma.deal.findUniqueOrThrow({ where: { id: w.deal.id } });
    expect(closed.status).toBe("LOST");
    expect(closed.closedAt).not.toBeNull();
    expect(closed.lastMovedAt.getTime()).toBeGreaterThan(after.lastMovedAt.getTime());
    const status = await prisma.dealChange.findFirstOrThrow({ where: { dealId: w.deal.id, field: "status" } });
    expect([status.oldValue, status.newValue, status.reason]).toEqual(["OPEN", "LOST", "No budget"]);
  });

  it("creates a deal with its creation history, owned by the caller whatever the payload says", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const r = await runAction(createDealAction.definition, rep, { name: "Acme expansion", amount: "12500", closeDate: addDays(w.today, 30), stageId: w.stages[0].id, newAccountName: "Acme" });
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { id: string } }).data.id;
    const deal = await prisma.deal.findUniqueOrThrow({ where: { id }, include: { account: true } });
    expect([deal.ownerId, deal.amountMinor, deal.account?.name, deal.nextStep]).toEqual([rep.id, 1_250_000n, "Acme", null]);
    const fields = (await prisma.dealChange.findMany({ where: { dealId: id } })).map((c) => c.field).sort();
    expect(fields).toEqual(["amountMinor", "closeDate", "created", "stageId"]);
  });
});

describe("bad input gets a message at the field and writes nothing", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a negative amount", { amount: "-5" }, "amount"],
    ["a non-numeric amount", { amount: "lots" }, "amount"],
    ["an absurd amount", { amount: "99999999999999" }, "amount"],
    ["an impossible date", { closeDate: "2026-02-30" }, "closeDate"],
    ["a malformed date", { closeDate: "next week" }, "closeDate"],
    ["a next-step date in the past", { nextStepDate: "2001-01-01" }, "nextStepDate"],
    ["an unknown stage", { stageId: "no-such-stage" }, "stageId"],
    ["an unknown account", { accountId: "no-such-account" }, "accountId"],
    ["an over-long next step", { nextStep: "x".repeat(501) }, "nextStep"],
    ["an over-long name", { name: "x".repeat(201) }, "name"],
    ["an extra ownerId", { ownerId: "someone" }, "_form"],
    ["a version key instead of expectedVersion", { version: "7" }, "_form"],
  ];
  for (const [what, extra, field] of cases) {
    it(`refuses ${what}`, async () => {
      const w = await world();
      const rep = await actor(w.east.reps[0].id);
      const before = await snapshot(w.deal.id);
      const r = await runAction(updateDeal.definition, rep, { dealId: w.deal.id, expectedVersion: "1", ...extra });
      expect(r).toMatchObject({ ok: false, code: "INVALID" });
      expect((r as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.[0]).toEqual(expect.any(String));
      expect(await snapshot(w.deal.id)).toEqual(before);
    });
  }

  it("refuses a stage move without a next step, at both fields, and accepts the fix in the same save", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const bare = await createDeal(prisma, { ownerId: rep.id, stageId: w.stages[0].id, nextStep: null, nextStepDate: null });
    const before = await snapshot(bare.id);
    const r = await runAction(updateDeal.definition, rep, { dealId: bare.id, expectedVersion: "1", stageId: w.stages[1].id });
    expect(r).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { nextStep: [expect.stringContaining("next step")], nextStepDate: [expect.any(String)] } });
    expect(await snapshot(bare.id)).toEqual(before);
    const fixed = await runAction(updateDeal.definition, rep, { dealId: bare.id, expectedVersion: "1", stageId: w.stages[1].id, nextStep: "Discovery call", nextStepDate: w.today });
    expect(fixed).toMatchObject({ ok: true });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: bare.id } })).stageId).toBe(w.stages[1].id);
  });

  it("refuses a stage move when the existing next-step date is overdue", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const late = await createDeal(prisma, { ownerId: rep.id, stageId: w.stages[0].id, nextStep: "Call back", nextStepDate: addDays(w.today, -1) });
    const r = await runAction(updateDeal.definition, rep, { dealId: late.id, expectedVersion: "1", stageId: w.stages[1].id });
    expect(r).toMatchObject({ ok: false, fieldErrors: { nextStepDate: [expect.stringContaining("past")] } });
  });

  it("refuses bad input when creating a deal and writes no deal", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const count = await prisma.deal.count();
    const r = await runAction(createDealAction.definition, rep, { name: "", amount: "-1", closeDate: "2026-13-01", stageId: "nope", ownerId: w.east.reps[1].id });
    expect(r).toMatchObject({ ok: false, code: "INVALID" });
    expect(await prisma.deal.count()).toBe(count);
  });
});

describe("leads", () => {
  it("records a lead for the caller with the ICP flag; refuses executives, future dates and extra fields", async () => {
    const w = await world();
    const rep = await actor(w.east.reps[0].id);
    const ok = await runAction(createLead.definition, rep, { name: "Jane Buyer", company: "Initech", icpQualified: "true", createdOn: w.today });
    expect(ok).toMatchObject({ ok: true });
    const lead = await prisma.lead.findFirstOrThrow({ where: { name: "Jane Buyer" } });
    expect([lead.ownerId, lead.icpQualified, dateOnly(lead.createdOn)]).toEqual([rep.id, true, w.today]);
    expect(await runAction(createLead.definition, await actor(w.exec.id), { name: "X", createdOn: w.today })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAction(createLead.definition, rep, { name: "Y", createdOn: addDays(w.today, 3) })).toMatchObject({ ok: false, fieldErrors: { createdOn: [expect.any(String)] } });
    expect(await runAction(createLead.definition, rep, { name: "Z", createdOn: w.today, ownerId: w.east.reps[1].id })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await prisma.lead.count()).toBe(1);
  });
});
