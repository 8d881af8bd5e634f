// Fifty concurrent updates of the same deal version through the real action on real PostgreSQL: exactly one wins,
// the other 49 are told about the conflict, and the history holds exactly one change.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

const RUNS = 3;
const WRITERS = 50;

describe("concurrent edits of one deal", () => {
  it(`${WRITERS} writers on the same version: one succeeds, ${WRITERS - 1} conflict, one history row (${RUNS} runs)`, async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const { manager, reps } = await createTeamWithReps(prisma, 1);
    // The owner and the manager both edit: permission differs, the lock does not.
    const actors = (await Promise.all([reps[0].id, manager.id].map(loadActor))) as SessionUser[];
    const outcomes: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const deal = await createDeal(prisma, { ownerId: reps[0].id, stageId: stages[1].id, amountMinor: 500_000 });
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          runAction(updateDeal.definition, actors[i % 2], { dealId: deal.id, expectedVersion: String(deal.version), amount: String(1_000 + i) }),
        ),
      );
      const ok = results.filter((r) => r.ok);
      const conflicts = results.filter((r) => !r.ok && r.code === "CONFLICT");
      outcomes.push(`${ok.length} ok / ${conflicts.length} conflict`);
      expect(ok).toHaveLength(1);
      expect(conflicts).toHaveLength(WRITERS - 1);
      const changes = await prisma.dealChange.findMany({ where: { dealId: deal.id, field: "amountMinor", oldValue: { not: null } } });
      expect(changes).toHaveLength(1);
      const saved = await prisma.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { amountMinor: true, version: true } });
      expect(saved.version).toBe(deal.version + 1);
      expect(changes[0].newValue).toBe(saved.amountMinor.toString());
    }
    console.info(`concurrent-edits: ${RUNS} runs of ${WRITERS} writers: ${outcomes.join(", ")}`);
  }, 180_000);
});

describe("double submits", () => {
  it("a create submitted twice with the same idempotency key creates one deal", async () => {
    const { createDeal: createDealAction } = await import("@/lib/actions/deals/create-deal");
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const { reps } = await createTeamWithReps(prisma, 1);
    const actor = (await loadActor(reps[0].id)) as SessionUser;
    const form = { name: "Double-clicked deal", amount: "12500", closeDate: "2099-06-30", stageId: stages[1].id, qualified: "false", accountId: "", idempotencyKey: "form-7f3a" };
    const [first, second] = await Promise.all([runAction(createDealAction.definition, actor, form), runAction(createDealAction.definition, actor, form)].map((p) => p.catch((e) => e)));
    const third = await runAction(createDealAction.definition, actor, form);
    const ids = [first, second, third].filter((r) => r.ok).map((r) => (r.ok ? (r.data as { id: string }).id : null));
    expect(new Set(ids).size).toBe(1);
    expect(await prisma.deal.count({ where: { name: "Double-clicked deal" } })).toBe(1);
    // A different key is a different submission.
    expect((await runAction(createDealAction.definition, actor, { ...form, idempotencyKey: "form-other" })).ok).toBe(true);
    expect(await prisma.deal.count({ where: { name: "Double-clicked deal" } })).toBe(2);
  });
});
