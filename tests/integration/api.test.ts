// The public API on real PostgreSQL through its real route files: tokens of every role against own, team and other
// objects, read-only and revoked tokens, upsert by CRM id, idempotency, If-Match conflicts, bulk all-or-nothing,
// query validation, paging, the per-token rate limit, and every answer checked against the documented schema.
import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";

// The bulk upsert's statement count is measured (Prisma emits query events only when asked before lib/db.ts loads).
vi.hoisted(() => {
  process.env.CADENCE_QUERY_LOG ??= "1";
});

import { onQuery, prisma, type Tx } from "@/lib/db";
import { createPersonalToken, createServiceToken } from "@/lib/api/tokens";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { api, apiRoutes } from "@/tests/support/api-client";
import { conform } from "@/tests/support/api-conform";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { todayIn, loadOrganisation } from "@/lib/data/organisation";
import { addDays } from "@/lib/domain/calendar";
import { CLIENT_IP_HEADER, parseTrustedProxies, stampClientIp } from "@/lib/http/client-ip";

type Role = "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
type Relation = "own" | "team" | "other";

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let stages: { id: string }[] = [];
let today = "";
const checked = new Set<string>();


async function call(method: string, url: string, docPath: string, opts: Parameters<typeof api>[2] = {}) {
  const answer = await api(method, url, opts);
  // Sparse answers are checked field by field in their own test.
  if (!/[?&]fields=/.test(url) && conform(method, docPath, answer)) checked.add(`${method} ${docPath}`);
  return answer;
}

beforeAll(async () => {
  await createOrganisation(prisma);
  stages = await createStages(prisma);
  const org = await loadOrganisation(prisma);
  today = todayIn(org);
  const A = await createTeamWithReps(prisma, 2);
  const B = await createTeamWithReps(prisma, 1);
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  const gone = await createUser(prisma, { role: "REP", teamId: A.team.id });
  ids.a1 = A.reps[0].id;
  ids.a2 = A.reps[1].id;
  ids.b1 = B.reps[0].id;
  ids.teamA = A.team.id;
  ids.teamB = B.team.id;
  ids.admin = admin.id;
  const owners: Record<Relation, string> = { own: A.reps[0].id, team: A.reps[1].id, other: B.reps[0].id };
  for (const rel of ["own", "team", "other"] as Relation[]) ids[`deal_${rel}`] = (await createDeal(prisma, { ownerId: owners[rel], stageId: stages[1].id })).id;
  const mk = async (userId: string, readOnly = false) => (await createPersonalToken(prisma as unknown as Tx, { id: userId }, { name: "t", expiresAt: null, readOnly })).text;
  tokens.REP = await mk(A.reps[0].id);
  tokens.MANAGER = await mk(A.manager.id);
  tokens.EXECUTIVE = await mk(exec.id);
  tokens.ADMIN = await mk(admin.id);
  tokens.readOnly = await mk(A.reps[0].id, true);
  tokens.deactivated = await mk(gone.id);
  await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
  const revoked = await createPersonalToken(prisma as unknown as Tx, { id: admin.id }, { name: "r", expiresAt: null, readOnly: false });
  await prisma.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  tokens.revoked = revoked.text;
  tokens.expired = (await createPersonalToken(prisma as unknown as Tx, { id: admin.id }, { name: "e", expiresAt: new Date(Date.now() - 1000), readOnly: false })).text;
  tokens.serviceTeamA = (await createServiceToken(prisma as unknown as Tx, { id: admin.id }, { name: "crm", role: "MANAGER", teamId: A.team.id, expiresAt: null, readOnly: false })).text;
});

describe("API authentication", () => {
  it("refuses a missing, unknown, revoked, expired or deactivated user's token with 401 problem details", async () => {
    for (const token of [undefined, "cad_nope", tokens.revoked, tokens.expired, tokens.deactivated]) {
      const r = await call("GET", "deals", "/deals", { token });
      expect(r.status, String(token)).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("records last use, and refuses writes with a read-only token", async () => {
    const r = await call("GET", "deals", "/deals", { token: tokens.readOnly });
    expect(r.status).toBe(200);
    const row = await prisma.apiToken.findFirst({ where: { readOnly: true }, select: { lastUsedAt: true } });
    expect(row?.lastUsedAt).not.toBeNull();
    const w = await call("POST", "deals", "/deals", { token: tokens.readOnly, body: { name: "x", amount: 10, closeDate: addDays(today, 5), stageId: stages[0].id } });
    expect(w.status).toBe(403);
    expect(w.body.type).toContain("read-only-token");
  });
});

describe("API authorization matrix (deals: read and write; lists: scope)", () => {
  const canRead = (role: Role, rel: Relation) => role === "ADMIN" || role === "EXECUTIVE" || (role === "MANAGER" && rel !== "other") || (role === "REP" && rel === "own");
  const canWrite = (role: Role, rel: Relation) => role === "ADMIN" || (role === "MANAGER" && rel !== "other") || (role === "REP" && rel === "own");

  it("answers every role × relation as the browser would, a refusal exactly like a missing deal", async () => {
    const missing = await call("GET", "deals/missing-deal-id", "/deals/{id}", { token: tokens.ADMIN });
    expect(missing.status).toBe(404);
    const failures: string[] = [];
    for (const role of ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] as Role[]) {
      for (const rel of ["own", "team", "other"] as Relation[]) {
        const id = ids[`deal_${rel}`];
        const get = await call("GET", `deals/${id}`, "/deals/{id}", { token: tokens[role] });
        if ((get.status === 200) !== canRead(role, rel)) failures.push(`GET ${role}/${rel}: ${get.status}`);
        if (get.status === 404 && get.body.detail !== missing.body.detail) failures.push(`GET ${role}/${rel}: refusal differs from missing`);
        const before = await prisma.deal.findUniqueOrThrow({ where: { id }, select: { version: true } });
        const patch = await call("PATCH", `deals/${id}`, "/deals/{id}", { token: tokens[role], body: { name: `Renamed by ${role}` }, headers: { "if-match": `"${before.version}"` } });
        const allowed = canWrite(role, rel);
        if ((patch.status === 200) !== allowed) failures.push(`PATCH ${role}/${rel}: ${patch.status} ${patch.body?.detail}`);
        if (!allowed && ![403, 404].includes(patch.status)) failures.push(`PATCH ${role}/${rel}: refused with ${patch.status}`);
        if (!allowed && role !== "EXECUTIVE" && patch.status !== 404) failures.push(`PATCH ${role}/${rel}: object refusal must be 404`);
        const after = await prisma.deal.findUniqueOrThrow({ where: { id }, select: { version: true } });
        if (!allowed && after.version !== before.version) failures.push(`PATCH ${role}/${rel}: wrote on refusal`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("limits every list to what the token's user may read", async () => {
    const listIds = async (role: string, url: string, doc: string) => {
      const r = await call("GET", url, doc, { token: tokens[role] });
      expect(r.status, `${role} ${url}`).toBe(200);
      return (r.body.data as { id: string }[]).map((d) => d.id);
    };
    expect(new Set(await listIds("REP", "deals", "/deals"))).toEqual(new Set([ids.deal_own]));
    expect(new Set(await listIds("MANAGER", "deals", "/deals"))).toEqual(new Set([ids.deal_own, ids.deal_team]));
    expect(await listIds("serviceTeamA", "deals", "/deals")).toHaveLength(2);
    expect((await listIds("ADMIN", "deals", "/deals")).length).toBe(3);
    expect(await listIds("REP", "users", "/users")).toEqual([ids.a1]);
    expect(await listIds("MANAGER", "users", "/users")).not.toContain(ids.b1);
    expect(await listIds("REP", "teams", "/teams")).toEqual([ids.teamA]);
    expect((await listIds("EXECUTIVE", "teams", "/teams")).sort()).toEqual([ids.teamA, ids.teamB].sort());
    const otherUser = await call("GET", `users/${ids.b1}`, "/users/{id}", { token: tokens.REP });
    expect(otherUser.status).toBe(404);
    expect((await listIds("REP", "stages", "/stages")).length).toBe(stages.length);
    // Every other list answers and conforms for every role.
    for (const route of apiRoutes()) {
      if (route.paramNames.length || route.docPath === "/openapi.json") continue;
      for (const role of ["REP", "MANAGER", "EXECUTIVE", "ADMIN"]) {
        const mod = (await import(`@/${route.file}`)) as Record<string, unknown>;
        if (!mod.GET) continue;
        const r = await call("GET", route.docPath.slice(1), route.docPath, { token: tokens[role] });
        expect(r.status, `${role} GET ${route.docPath}`).toBe(200);
      }
    }
  });
});

describe("API writes", () => {
  it("creates with an Idempotency-Key once, replays the first answer, and refuses the key for another body", async () => {
    const body = { name: "Idem deal", amount: "1,200.50", closeDate: addDays(today, 10), stageId: stages[0].id };
    const first = await call("POST", "deals", "/deals", { token: tokens.REP, body, headers: { "idempotency-key": "k-1" } });
    expect(first.status).toBe(201);
    expect(first.body.amountMinor).toBe(120050);
    const again = await call("POST", "deals", "/deals", { token: tokens.REP, body, headers: { "idempotency-key": "k-1" } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.deal.count({ where: { name: "Idem deal" } })).toBe(1);
    const other = await call("POST", "deals", "/deals", { token: tokens.REP, body: { ...body, name: "Other" }, headers: { "idempotency-key": "k-1" } });
    expect(other.status).toBe(422);
  });

  it("refuses unknown fields and bad values with field errors, never a 500", async () => {
    const r = await call("POST", "deals", "/deals", { token: tokens.REP, body: { name: "", amount: "-5", closeDate: "2026-02-30", stageId: stages[0].id, ownerId: ids.b1 } });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.errors)).toEqual(expect.arrayContaining(["name", "amount", "closeDate", "_form"]));
    const bad = await call("POST", "deals", "/deals", { token: tokens.REP, rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    const text = await call("POST", "deals", "/deals", { token: tokens.REP, rawBody: "a=b", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
  });

  it("answers a stale If-Match with 412 and the form's conflict message, and requires If-Match on PATCH", async () => {
    const id = ids.deal_own;
    const { version } = await prisma.deal.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const ok = await call("PATCH", `deals/${id}`, "/deals/{id}", { token: tokens.REP, body: { nextStep: "Call the CFO", nextStepDate: addDays(today, 3) }, headers: { "if-match": `"${version}"` } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(version + 1);
    const stale = await call("PATCH", `deals/${id}`, "/deals/{id}", { token: tokens.REP, body: { name: "Lost update" }, headers: { "if-match": `"${version}"` } });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toMatch(/Someone changed this deal after you opened it/);
    expect(stale.body.details.currentVersion).toBe(version + 1);
    const none = await call("PATCH", `deals/${id}`, "/deals/{id}", { token: tokens.REP, body: { name: "x" } });
    expect(none.status).toBe(400);
  });

  it("upserts by CRM id: creates, then a stage change is a movement with history and the up-front contract", async () => {
    const base = { name: "CRM-1", amount: 5000, closeDate: addDays(today, 20), stageId: stages[0].id, nextStep: "Demo", nextStepDate: addDays(today, 2) };
    const created = await call("PUT", "deals/external/SF-0001", "/deals/external/{externalId}", { token: tokens.REP, body: base });
    expect(created.status).toBe(201);
    expect(created.body.externalId).toBe("SF-0001");
    const noContract = await call("PUT", "deals/external/SF-0001", "/deals/external/{externalId}", { token: tokens.REP, body: { ...base, stageId: stages[1].id, nextStep: "", nextStepDate: "" } });
    expect(noContract.status).toBe(400);
    expect(Object.keys(noContract.body.errors).length).toBeGreaterThan(0);
    const moved = await call("PUT", "deals/external/SF-0001", "/deals/external/{externalId}", { token: tokens.REP, body: { ...base, stageId: stages[1].id, closeDate: addDays(today, 120) } });
    expect(moved.status).toBe(200);
    expect(moved.body.stageId).toBe(stages[1].id);
    expect(moved.body.pushCount).toBe(1);
    const history = await call("GET", `deals/${created.body.id}`, "/deals/{id}", { token: tokens.REP });
    expect(history.body.history.map((h: { field: string }) => h.field)).toEqual(expect.arrayContaining(["created", "stageId", "closeDate"]));
    expect(history.body.history.filter((h: { field: string }) => h.field === "stageId")).toHaveLength(2);
    const events = await prisma.domainEvent.findMany({ where: { dealId: created.body.id }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["deal.created", "deal.updated", "deal.moved", "deal.pushed"]));
    const won = await call("PUT", "deals/external/SF-0001", "/deals/external/{externalId}", { token: tokens.REP, body: { ...base, stageId: stages[1].id, closeDate: addDays(today, 120), status: "WON" } });
    expect(won.status).toBe(200);
    expect(won.body.status).toBe("WON");
    // Another team's rep cannot see or take over the deal: answered as missing.
    const other = await createPersonalToken(prisma as unknown as Tx, { id: ids.b1 }, { name: "b", expiresAt: null, readOnly: false });
    const takeover = await call("PUT", "deals/external/SF-0001", "/deals/external/{externalId}", { token: other.text, body: base });
    expect(takeover.status).toBe(404);
  });

  it("bulk-upserts all or nothing, with every refused item's errors", async () => {
    const item = (i: number) => ({ externalId: `BULK-${i}`, name: `Bulk ${i}`, amount: 100 + i, closeDate: addDays(today, 30), stageId: stages[0].id });
    const before = await prisma.deal.count();
    const refused = await call("POST", "deals/bulk", "/deals/bulk", { token: tokens.MANAGER, body: { deals: [item(1), item(2), { ...item(3), closeDate: "2001-01-01" }, item(4), { ...item(5), stageId: "nope" }] } });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors).sort()).toEqual(["deals.2.closeDate", "deals.4.stageId"]);
    expect(await prisma.deal.count()).toBe(before);
    const ok = await call("POST", "deals/bulk", "/deals/bulk", { token: tokens.MANAGER, body: { deals: [item(1), item(2), item(3)] } });
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(3);
    const again = await call("POST", "deals/bulk", "/deals/bulk", { token: tokens.MANAGER, body: { deals: [{ ...item(1), amount: 999 }, item(6)] } });
    expect(again.body).toMatchObject({ created: 1, updated: 1 });
    const tooMany = await call("POST", "deals/bulk", "/deals/bulk", { token: tokens.MANAGER, body: { deals: Array.from({ length: 1001 }, (_, i) => item(i)) } });
    expect(tooMany.status).toBe(400);
  });

  it("bulk-upserts set-based: the same statements for 5 deals as for 60, and each deal ends as the single PUT leaves it", async () => {
    const run = async (prefix: string, n: number, extra: Record<string, unknown> = {}) => {
      const deals = Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, name: `${prefix} ${i}`, amount: 1000 + i, closeDate: addDays(today, 30), stageId: stages[0].id, nextStep: "Demo", nextStepDate: addDays(today, 2), ...extra }));
      let count = 0;
      const stop = onQuery(() => count++);
      try {
        const r = await call("POST", "deals/bulk", "/deals/bulk", { token: tokens.ADMIN, body: { deals } });
        expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      } finally {
        stop();
      }
      return count;
    };
    // Creations, then moves with a push, then closes: the count does not grow with the number of deals.
    const small = [await run("QS", 5), await run("QS", 5, { stageId: stages[1].id, closeDate: addDays(today, 200) }), await run("QS", 5, { stageId: stages[1].id, closeDate: addDays(today, 200), status: "WON" })];
    const large = [await run("QL", 60), await run("QL", 60, { stageId: stages[1].id, closeDate: addDays(today, 200) }), await run("QL", 60, { stageId: stages[1].id, closeDate: addDays(today, 200), status: "WON" })];
    expect(large).toEqual(small);
    expect(Math.max(...large)).toBeLessThan(40);

    const deal = await prisma.deal.findUniqueOrThrow({ where: { externalId: "QL-7" }, select: { id: true, status: true, stageId: true, pushCount: true, version: true, closedAt: true } });
    expect(deal).toMatchObject({ status: "WON", stageId: stages[1].id, pushCount: 1, version: 3 });
    expect(deal.closedAt).not.toBeNull();
    const history = await prisma.dealChange.findMany({ where: { dealId: deal.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { field: true, oldValue: true, newValue: true } });
    expect(history.map((h) => h.field)).toEqual(["created", "stageId", "amountMinor", "closeDate", "nextStep", "nextStepDate", "closeDate", "stageId", "status"]);
    expect(history.at(-1)).toMatchObject({ oldValue: "OPEN", newValue: "WON" });
    const events = await prisma.domainEvent.findMany({ where: { dealId: deal.id }, orderBy: { occurredAt: "asc" }, select: { type: true, payload: true } });
    expect(events.map((e) => e.type)).toEqual(["deal.created", "deal.updated", "deal.moved", "deal.pushed", "deal.updated", "deal.won"]);
    expect((events.at(-1)!.payload as { deal: { status: string; version: number } }).deal).toMatchObject({ status: "WON", version: 3 });
    // A closed deal does not reopen, and a lost one needs a reason: per-item errors, nothing saved.
    const refused = await call("POST", "deals/bulk", "/deals/bulk", {
      token: tokens.ADMIN,
      body: { deals: [{ externalId: "QL-1", name: "x", amount: 1, closeDate: addDays(today, 30), stageId: stages[1].id, status: "OPEN" }, { externalId: "QS-NEW", name: "y", amount: 1, closeDate: addDays(today, 30), stageId: stages[0].id, status: "LOST" }] },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors).sort()).toEqual(["deals.0.status", "deals.1.status"]);
  });

  it("writes through the other resources' actions with their permissions", async () => {
    const lead = await call("POST", "leads", "/leads", { token: tokens.REP, body: { name: "Ada", company: "Analytical", email: "ada@example.com" } });
    expect([201, 400]).toContain(lead.status);
    const exec = await call("POST", "leads", "/leads", { token: tokens.EXECUTIVE, body: { name: "Ada" } });
    expect(exec.status).toBe(403);
  });
});

describe("API reading", () => {
  it("pages with limit and starting_after in a stable order, filters by updated_since and picks fields", async () => {
    const all = await call("GET", "deals?limit=500", "/deals", { token: tokens.ADMIN });
    const everyId = all.body.data.map((d: { id: string }) => d.id);
    expect(everyId).toEqual([...everyId].sort());
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await call("GET", `deals?limit=2${after ? `&starting_after=${after}` : ""}`, "/deals", { token: tokens.ADMIN });
      seen.push(...page.body.data.map((d: { id: string }) => d.id));
      if (!page.body.has_more) break;
      after = seen.at(-1);
    }
    expect(seen).toEqual(everyId);
    const future = await call("GET", `deals?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, "/deals", { token: tokens.ADMIN });
    expect(future.body.data).toEqual([]);
    const sparse = await call("GET", "deals?fields=name,amountMinor&limit=1", "/deals", { token: tokens.ADMIN });
    expect(Object.keys(sparse.body.data[0]).sort()).toEqual(["amountMinor", "id", "name"]);
  });

  it("answers malformed query strings with 400 and the parameter, never 500", async () => {
    for (const q of ["limit=abc", "limit=0", "limit=501", "zz=1", "fields=nope", "updated_since=yesterday", "status=open", "limit=1&limit=2", "starting_after=%00"]) {
      const r = await call("GET", `deals?${q}`, "/deals", { token: tokens.ADMIN });
      expect(r.status, q).toBe(400);
      expect(Object.keys(r.body.errors ?? {}).length, q).toBeGreaterThan(0);
    }
  });

  it("gives every token its own budget, answered 429 with Retry-After and RateLimit headers", async () => {
    const previous = process.env.CADENCE_API_LIMIT;
    process.env.CADENCE_API_LIMIT = "3";
    try {
      const token = (await createPersonalToken(prisma as unknown as Tx, { id: ids.admin }, { name: "rl", expiresAt: null, readOnly: true })).text;
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) remaining.push((await call("GET", "stages", "/stages", { token })).headers.get("ratelimit-remaining")!);
      expect(remaining).toEqual(["2", "1", "0"]);
      const refused = await call("GET", "stages", "/stages", { token });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const other = (await createPersonalToken(prisma as unknown as Tx, { id: ids.admin }, { name: "rl2", expiresAt: null, readOnly: true })).text;
      expect((await call("GET", "stages", "/stages", { token: other })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.CADENCE_API_LIMIT;
      else process.env.CADENCE_API_LIMIT = previous;
    }
  });
});

describe("API client address", () => {
  /** What server.ts adds for a connection from `socket`, whatever X-Forwarded-For the client wrote (no proxy trusted). */
  function fromSocket(socket: string, forged: string): Record<string, string> {
    const req = { headers: { "x-forwarded-for": forged } as Record<string, string>, rawHeaders: ["X-Forwarded-For", forged], socket: { remoteAddress: socket } };
    stampClientIp(req, parseTrustedProxies(undefined));
    return { "x-forwarded-for": forged, [CLIENT_IP_HEADER]: req.headers[CLIENT_IP_HEADER] };
  }

  it("counts unknown tokens per client address: a forged X-Forwarded-For neither changes the budget nor the audited address", async () => {
    const previous = process.env.CADENCE_API_REFUSED_LIMIT;
    process.env.CADENCE_API_REFUSED_LIMIT = "3";
    try {
      const statuses: number[] = [];
      // A new forged address every time; a minute boundary may reset the window once, so allow two windows' worth.
      for (let i = 0; i < 8 && !statuses.includes(429); i++) {
        const r = await call("GET", "stages", "/stages", { token: `cad_guess${i}`, headers: fromSocket("203.0.113.7", `198.51.100.${i + 1}, 10.0.0.${i + 1}`) });
        statuses.push(r.status);
      }
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const audited = await prisma.auditLog.findMany({ where: { action: "api.token.refused", ip: { in: ["203.0.113.7", "198.51.100.1", "198.51.100.2", "10.0.0.1"] } }, select: { ip: true } });
      expect(audited.length).toBeGreaterThanOrEqual(4);
      expect(new Set(audited.map((a) => a.ip))).toEqual(new Set(["203.0.113.7"]));
      // Another client keeps its own budget; a valid token from the refused address still works.
      expect((await call("GET", "stages", "/stages", { token: "cad_guess", headers: fromSocket("203.0.113.8", "203.0.113.7") })).status).toBe(401);
      expect((await call("GET", "stages", "/stages", { token: tokens.ADMIN, headers: fromSocket("203.0.113.7", "1.2.3.4") })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.CADENCE_API_REFUSED_LIMIT;
      else process.env.CADENCE_API_REFUSED_LIMIT = previous;
    }
  });
});

describe("OpenAPI document", () => {
  it("documents every route file's methods, resolves every $ref, and every documented response was checked", async () => {
    const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: object }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    for (const route of apiRoutes()) {
      if (route.docPath === "/openapi.json") continue;
      const source = fs.readFileSync(route.file, "utf8");
      for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
        expect(doc.paths[route.docPath]?.[method.toLowerCase()], `${method} ${route.docPath}`).toBeDefined();
      }
    }
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[name], name).toBeDefined();
    const served = await api("GET", "openapi.json");
    expect(served.status).toBe(200);
    expect(served.body.paths["/deals"]).toBeDefined();
  });

  it("has had a real response of every GET endpoint checked against its schema", () => {
    const gets = ENDPOINTS.filter((e) => e.method === "GET" && !e.params).map((e) => `GET ${e.path}`);
    expect(gets.filter((g) => !checked.has(g))).toEqual([]);
  });
});
