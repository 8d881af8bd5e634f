// "prevAt" (the previous change of a deal's field, which the as-of reconstruction filters on instead of sorting the
// history) is kept by a trigger: histories written in any order, in one statement or many, in the present or the
// past, come out exactly as a window function over the whole history says; history rows cannot be moved.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { prisma } from "@/lib/db";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";
import { previousChangeAt } from "@/prisma/seed-large";

let dealIds: string[];

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: "Europe/Berlin" });
  const stages = await createStages(prisma);
  const { reps } = await createTeamWithReps(prisma, 1, { name: "Alpha" });
  dealIds = [];
  for (let i = 0; i < 3; i++) dealIds.push((await createDeal(prisma, { ownerId: reps[0].id, stageId: stages[0].id })).id);
});

/** What "prevAt" must be: the window over every row of the table. */
async function expectedPrevAt() {
  return prisma.$queryRaw<{ id: number; prev: Date | null }[]>`
    SELECT id, CASE WHEN field IN ('status', 'stageId', 'amountMinor', 'closeDate')
      THEN lag(at) OVER (PARTITION BY "dealId", field ORDER BY at, id) END AS prev
    FROM "DealChange" ORDER BY id`;
}

const change = fc.record({
  deal: fc.integer({ min: 0, max: 2 }),
  field: fc.constantFrom("status", "stageId", "amountMinor", "closeDate", "nextStep"),
  // Few distinct instants, so that same-instant changes (ties broken by id) are common.
  minute: fc.integer({ min: 0, max: 12 }),
});

describe("DealChange.prevAt", () => {
  it("equals the previous change of the field, whatever order and batches the history is written in", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        await prisma.dealChange.deleteMany({});
        for (const batch of batches) {
          await prisma.dealChange.createMany({
            data: batch.map((c) => ({ dealId: dealIds[c.deal], field: c.field, at: new Date(Date.UTC(2026, 9, 1, 9, c.minute)), oldValue: "a", newValue: "b" })),
          });
        }
        const rows = await prisma.dealChange.findMany({ select: { id: true, prevAt: true }, orderBy: { id: "asc" } });
        const expected = await expectedPrevAt();
        expect(rows.map((r) => r.prevAt?.toISOString() ?? null)).toEqual(expected.map((r) => r.prev?.toISOString() ?? null));
      }),
      { numRuns: 40 },
    );
  });

  it("is what the large seed writes itself when it loads with triggers off", async () => {
    const at = [5, 1, 3, 3, 2, 9].map((m) => Date.UTC(2026, 9, 1, 9, m));
    const cols = { dealId: ["a", "a", "a", "b", "a", "a"], field: ["stageId", "stageId", "nextStep", "stageId", "stageId", "status"], at };
    expect(previousChangeAt(cols)).toEqual([at[4], null, null, null, at[1], null]);
  });

  it("refuses to move a history row to another instant, field or deal", async () => {
    await prisma.dealChange.deleteMany({});
    const row = await prisma.dealChange.create({ data: { dealId: dealIds[0], field: "stageId", at: new Date("2026-10-01T09:00:00Z"), oldValue: "a", newValue: "b" } });
    await expect(prisma.dealChange.update({ where: { id: row.id }, data: { at: new Date("2026-09-01T09:00:00Z") } })).rejects.toThrow(/append-only/);
    await expect(prisma.dealChange.update({ where: { id: row.id }, data: { field: "status" } })).rejects.toThrow(/append-only/);
    // Who made it can still be corrected (the import's author mapping does).
    await prisma.dealChange.update({ where: { id: row.id }, data: { actorName: "Pat Former" } });
  });
});
