// Property-based: every server action's schema meets generated hostile input. The only allowed outcomes are a
// typed refusal or a correct write — never an unexpected error (a 500), and a refusal writes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { discoverActions, isGuarded } from "@/tests/support/discover";

const RUNS = Number(process.env.CADENCE_FUZZ_RUNS ?? 40);
// A fixed seed keeps CI reproducible; set CADENCE_FUZZ_SEED to explore other inputs.
const SEED = Number(process.env.CADENCE_FUZZ_SEED ?? 20261123);
const ALLOWED_FAILURES = new Set(["INVALID", "NOT_FOUND", "FORBIDDEN", "CONFLICT"]);

/** Row counts of every table in one query: a refused call must leave them all unchanged. */
async function tableCounts(): Promise<string> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'AuditLog', 'RateLimitBucket')
    ORDER BY tablename`;
  const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.tablename}")::text`).join(" || ',' || ")} AS c`;
  const rows = await prisma.$queryRawUnsafe<{ c: string }[]>(sql);
  return rows[0].c;
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://evil\")",
    "'; DROP TABLE \"Deal\"; --",
    "9999-12-31",
    "0000-01-01",
    "2026-02-30",
    "-0",
    "NaN",
    "Infinity",
    "1e308",
    "99999999999999999999999",
    "\u0000",
    "null",
  ),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, -0, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const hostileKeys = fc.constantFrom("__proto__", "constructor", "prototype", "ownerId", "version", "id", "role", "isAdmin");

describe("hostile input against every action", () => {
  let actors: SessionUser[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const a = await createTeamWithReps(prisma, 2);
    const b = await createTeamWithReps(prisma, 1);
    const admin = await createUser(prisma, { role: "ADMIN" });
    const deal = await createDeal(prisma, { ownerId: a.reps[0].id, stageId: stages[1].id });
    const other = await createDeal(prisma, { ownerId: b.reps[0].id, stageId: stages[2].id });
    actors = (await Promise.all([admin.id, a.manager.id, a.reps[0].id].map(loadActor))) as SessionUser[];
    ids = [deal.id, other.id, a.reps[0].id, b.reps[0].id, a.team.id, b.team.id, stages[0].id, a.manager.id];
  });

  it("answers with a typed result and never writes on refusal", async () => {
    const actions = (await discoverActions()).filter((a) => isGuarded(a.action));
    let tried = 0;
    for (const { action, file, exportName } of actions) {
      if (!isGuarded(action)) continue;
      const def = action.definition;
      const shape = (def.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      const keys = Object.keys(shape);
      const objectKey = def.object?.key;
      const input = fc.record({
        known: fc.dictionary(keys.length ? fc.constantFrom(...keys) : fc.constant("x"), hostileValue, { maxKeys: keys.length || 1 }),
        extra: fc.option(fc.tuple(hostileKeys, hostileValue), { nil: undefined }),
        objectId: fc.oneof(fc.constantFrom(...ids), hostileString),
        actor: fc.constantFrom(...actors),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ known, extra, objectId, actor }) => {
          tried++;
          const payload: Record<string, unknown> = { ...known };
          if (objectKey) payload[objectKey] = objectId;
          if (extra) Object.defineProperty(payload, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
          const before = await tableCounts();
          const result = await runAction(def, actor, payload);
          if (!result.ok) {
            expect(ALLOWED_FAILURES.has(result.code), `${file}#${exportName} answered ${result.code}: ${result.message}`).toBe(true);
            expect(await tableCounts(), `${file}#${exportName} wrote on refusal`).toBe(before);
          }
          // Prototype pollution never reaches plain objects.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    console.info(`hostile-input: ${tried} generated inputs over ${actions.length} actions`);
    expect(tried).toBeGreaterThan(0);
  }, 600_000);
});
