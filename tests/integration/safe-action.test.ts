import { describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { runAction, type ActionDefinition } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { canWrite } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { createDeal, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

// A small action built on the shared wrapper, the way every real action is.
const renameDeal: ActionDefinition<z.ZodType<{ dealId: string; name: string }>, { id: string; ownerId: string; ownerTeamId: string | null }, { id: string }> = {
  name: "test.rename-deal",
  roles: ["REP", "MANAGER", "ADMIN"],
  schema: z.strictObject({ dealId: z.string(), name: z.string().trim().min(1, "Give the deal a name.").max(200) }),
  object: {
    key: "dealId",
    label: "Deal",
    load: async (id, db) => {
      const d = await db.deal.findUnique({ where: { id }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } });
      return d ? { id: d.id, ownerId: d.ownerId, ownerTeamId: d.owner.teamId } : null;
    },
    can: (actor, deal) => canWrite(actor, deal),
  },
  handler: async ({ input, tx }) => {
    await tx.deal.update({ where: { id: input.dealId }, data: { name: input.name } });
    if (input.name === "explode") throw new AppError("INVALID", "Not that name.", { name: ["Not that name."] });
    return { id: input.dealId };
  },
};

async function setup() {
  const [stage] = await createStages(prisma);
  const a = await createTeamWithReps(prisma, 2);
  const b = await createTeamWithReps(prisma, 1);
  const deal = await createDeal(prisma, { ownerId: a.reps[0].id, stageId: stage.id, name: "Original" });
  const actor = async (id: string) => (await loadActor(id)) as SessionUser;
  return { a, b, deal, actor };
}

describe("the action wrapper", () => {
  it("refuses a caller without a session", async () => {
    const { deal } = await setup();
    const result = await runAction(renameDeal, null, { dealId: deal.id, name: "x" });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("lets the owner change their deal", async () => {
    const { a, deal, actor } = await setup();
    const result = await runAction(renameDeal, await actor(a.reps[0].id), { dealId: deal.id, name: "Renamed" });
    expect(result).toEqual({ ok: true, data: { id: deal.id } });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe("Renamed");
  });

  it("answers another rep's deal exactly like a missing one, and audits the refusal", async () => {
    const { a, deal, actor } = await setup();
    const teammate = await actor(a.reps[1].id);
    const denied = await runAction(renameDeal, teammate, { dealId: deal.id, name: "Mine now" });
    const missing = await runAction(renameDeal, teammate, { dealId: "no-such-deal", name: "Mine now" });
    expect(denied).toEqual(missing);
    expect(denied).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe("Original");
    const entry = await prisma.auditLog.findFirst({ where: { action: "authz.denied", actorId: teammate.id } });
    expect(entry?.targetId).toBe(deal.id);
  });

  it("keeps a manager inside their own teams", async () => {
    const { a, b, deal, actor } = await setup();
    expect((await runAction(renameDeal, await actor(a.manager.id), { dealId: deal.id, name: "By manager" })).ok).toBe(true);
    expect(await runAction(renameDeal, await actor(b.manager.id), { dealId: deal.id, name: "Other manager" })).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a role that may not call the action", async () => {
    const { deal, actor } = await setup();
    const exec = await createUser(prisma, { role: "EXECUTIVE" });
    expect(await runAction(renameDeal, await actor(exec.id), { dealId: deal.id, name: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("refuses unknown fields instead of ignoring them, and writes nothing", async () => {
    const { a, deal, actor } = await setup();
    const result = await runAction(renameDeal, await actor(a.reps[0].id), { dealId: deal.id, name: "Sneaky", ownerId: a.reps[1].id });
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (!result.ok) expect(result.fieldErrors?._form?.[0]).toContain("ownerId");
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe("Original");
  });

  it("puts a validation message on the field and echoes what was typed", async () => {
    const { a, deal, actor } = await setup();
    const form = new FormData();
    form.set("dealId", deal.id);
    form.set("name", "   ");
    const result = await runAction(renameDeal, await actor(a.reps[0].id), form);
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: ["Give the deal a name."] } });
  });

  it("rolls back every write when the handler fails", async () => {
    const { a, deal, actor } = await setup();
    const result = await runAction(renameDeal, await actor(a.reps[0].id), { dealId: deal.id, name: "explode" });
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: ["Not that name."] } });
    expect((await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).name).toBe("Original");
  });
});
