// Property-based: every /api/v1 endpoint (discovered from the route files) meets generated hostile path segments,
// query strings, headers and JSON bodies, with tokens of several roles. The only allowed outcomes are a success or a
// problem-details refusal below 500 — never a 500 — and a refused write leaves every table as it was.
import fs from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db";
import { createPersonalToken } from "@/lib/api/tokens";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { api, apiRoutes } from "@/tests/support/api-client";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const RUNS = Number(process.env.CADENCE_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.CADENCE_FUZZ_SEED ?? 20261202);

async function tableCounts(): Promise<string> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'AuditLog', 'RateLimitBucket', 'ApiToken')
    ORDER BY tablename`;
  const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.tablename}")::text`).join(" || ',' || ")} AS c`;
  return (await prisma.$queryRawUnsafe<{ c: string }[]>(sql))[0].c;
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("", " ", "<script>", "'; DROP TABLE \"Deal\"; --", "9999-12-31", "2026-02-30", "-1", "0", "501", "1e308", "NaN", "\u0000", "null", "../../etc/passwd", "%00", "a,b,,c", "__proto__"),
  fc.string({ minLength: 300, maxLength: 400 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, Number.MAX_SAFE_INTEGER + 2, 1e21, true, false, null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const QUERY_KEYS = ["limit", "starting_after", "fields", "updated_since", "status", "stage_id", "owner_id", "account_id", "flag", "q", "team_id", "user_id", "deal_id", "zz"];

function bodyKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : ["name", "deals"];
}

describe("hostile input against every API endpoint", () => {
  const tokens: string[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const a = await createTeamWithReps(prisma, 1);
    const b = await createTeamWithReps(prisma, 1);
    const admin = await createUser(prisma, { role: "ADMIN" });
    const deal = await createDeal(prisma, { ownerId: a.reps[0].id, stageId: stages[1].id });
    const other = await createDeal(prisma, { ownerId: b.reps[0].id, stageId: stages[1].id });
    await prisma.deal.update({ where: { id: deal.id }, data: { externalId: "EXT-1" } });
    for (const u of [admin.id, a.manager.id, a.reps[0].id]) tokens.push((await createPersonalToken(prisma as unknown as Tx, { id: u }, { name: "fuzz", expiresAt: null, readOnly: false })).text);
    ids = [deal.id, other.id, "EXT-1", stages[0].id, a.team.id, a.reps[0].id, "missing", "%2e%2e", "x".repeat(80)];
  });

  it("answers below 500 with JSON, and writes nothing on refusal", async () => {
    const routes = apiRoutes();
    let tried = 0;
    for (const route of routes) {
      const source = fs.readFileSync(route.file, "utf8");
      const methods = [...source.matchAll(/export (?:const|function|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      for (const method of methods) {
        const endpoint = ENDPOINTS.find((e) => e.method === method && e.path === route.docPath);
        const keys = bodyKeys(endpoint?.body);
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...tokens),
            fc.array(fc.oneof(fc.constantFrom(...ids), hostileString), { minLength: route.paramNames.length, maxLength: route.paramNames.length }),
            fc.dictionary(fc.constantFrom(...QUERY_KEYS), hostileString, { maxKeys: 3 }),
            fc.oneof(fc.dictionary(fc.constantFrom(...keys, "__proto__", "ownerId", "version", "id"), hostileValue, { maxKeys: 6 }), hostileValue),
            fc.option(hostileString, { nil: undefined }),
            async (token, segments, query, body, ifMatch) => {
              let path = route.docPath;
              route.paramNames.forEach((n, i) => (path = path.replace(`{${n}}`, encodeURIComponent(String(segments[i]).slice(0, 300)) || "x")));
              const qs = new URLSearchParams(query as Record<string, string>).toString();
              const write = method !== "GET";
              const before = write ? await tableCounts() : "";
              const headers: Record<string, string> = {};
              if (ifMatch !== undefined) headers["if-match"] = ifMatch.replace(/[^\x20-\x7e]/g, "");
              const r = await api(method, `${path.slice(1)}${qs ? `?${qs}` : ""}`, { token, body: write ? body : undefined, headers });
              tried++;
              expect(r.status, `${method} ${path}?${qs} ${JSON.stringify(body)?.slice(0, 200)} → ${JSON.stringify(r.body)?.slice(0, 300)}`).toBeLessThan(500);
              if (r.status >= 400) {
                expect(r.headers.get("content-type")).toBe("application/problem+json");
                expect(typeof r.body.detail).toBe("string");
                if (write) expect(await tableCounts()).toBe(before);
              }
            },
          ),
          { numRuns: route.docPath === "/openapi.json" ? 1 : RUNS, seed: SEED },
        );
      }
    }
    console.info(`api-hostile-input: ${routes.length} route files, ${tried} requests`);
    expect(tried).toBeGreaterThan(routes.length);
  }, 600_000);
});
