import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { isEmpty, seedDemo } from "@/prisma/seed";

describe("the demo seed in PostgreSQL", () => {
  it("fills an empty database, and its history agrees with every deal's state", async () => {
    expect(await isEmpty()).toBe(true);
    const { deals } = await seedDemo(prisma, new Date("2026-11-23T15:00:00Z"));
    expect(await isEmpty()).toBe(false);
    expect(await prisma.deal.count()).toBe(deals);

    // For each tracked field, the newest history row holds the deal's current value.
    const disagreements = await prisma.$queryRaw<{ n: bigint }[]>`
      WITH latest AS (
        SELECT DISTINCT ON ("dealId", field) "dealId", field, "newValue"
        FROM "DealChange" WHERE field IN ('stageId', 'amountMinor', 'closeDate')
        ORDER BY "dealId", field, at DESC, id DESC
      )
      SELECT count(*) AS n FROM latest l JOIN "Deal" d ON d.id = l."dealId"
      WHERE (l.field = 'stageId' AND l."newValue" <> d."stageId")
         OR (l.field = 'amountMinor' AND l."newValue" <> d."amountMinor"::text)
         OR (l.field = 'closeDate' AND l."newValue" <> to_char(d."closeDate", 'YYYY-MM-DD'))`;
    expect(Number(disagreements[0].n)).toBe(0);

    const users = await prisma.user.groupBy({ by: ["role"], _count: true });
    expect(Object.fromEntries(users.map((u) => [u.role, u._count]))).toEqual({ ADMIN: 1, EXECUTIVE: 1, MANAGER: 3, REP: 15 });
  }, 240_000); // the whole demo organisation: about 10 s alone, much longer on a busy 2-core machine
});
