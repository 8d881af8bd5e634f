// The mutation limit and the origin check on real PostgreSQL: the counters, the proxy's 429 and 403 answers, and
// that a mutation is counted exactly once between the proxy and the action wrapper.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { hit, MUTATION_LIMIT, peek, retryAfterSeconds, type Limit } from "@/lib/http/rate-limit";
import { TOO_FAST_PREFIX } from "@/lib/http/rate-limit-message";
import { crossSiteReason, mutationKind } from "@/lib/http/mutation-guard";
import { runAction, type ActionDefinition } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createUser } from "@/prisma/factories";
import { proxy } from "@/proxy";

const SECRET = "rate-limit-test-secret";
const LIMIT = 3;

beforeAll(() => {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  vi.stubEnv("CADENCE_MUTATION_LIMIT", String(LIMIT));
});
afterAll(() => vi.unstubAllEnvs());

// A harmless action on the shared wrapper: it only needs to be counted.
const touch: ActionDefinition<z.ZodType<Record<string, never>>, unknown, { id: string }> = {
  name: "test.touch",
  roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
  schema: z.strictObject({}),
  handler: async () => ({ id: "touched" }),
};

async function sessionCookie(userId: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { uid: userId, sub: userId }, secret: SECRET })}`;
}

function post(path: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, { method: "POST", headers: { host: "localhost:3000", ...headers } });
}

const count = async (userId: string) =>
  (await prisma.rateLimitBucket.aggregate({ where: { key: MUTATION_LIMIT(userId).key }, _sum: { count: true } }))._sum.count ?? 0;
const audits = (action: string, actorId: string) => prisma.auditLog.findMany({ where: { action, actorId }, select: { details: true } });
const passedThrough = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("fixed-window counters", () => {
  const limit: Limit = { key: "test:window", max: 2, windowSeconds: 60 };
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

  it("allow up to the maximum in a window, say when it ends, and start again in the next", async () => {
    expect(await hit(limit, at(10))).toEqual({ allowed: true, retryAfterSeconds: 50 });
    expect(await hit(limit, at(20))).toEqual({ allowed: true, retryAfterSeconds: 40 });
    expect(await hit(limit, at(59))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(retryAfterSeconds(limit, at(30))).toBe(30);
    expect(await peek(limit, at(30))).toBe(3);
    expect(await peek(limit, at(30))).toBe(3); // looking does not count
    expect(await hit(limit, at(60))).toEqual({ allowed: true, retryAfterSeconds: 60 });
  });

  it("count concurrent hits from several instances exactly", async () => {
    const shared: Limit = { key: "test:concurrent", max: 10, windowSeconds: 60 };
    const now = at(5);
    const results = await Promise.all(Array.from({ length: 25 }, () => hit(shared, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(await peek(shared, now)).toBe(25);
  });
});

describe("which requests are mutations, and which are cross-site", () => {
  it("treats every non-GET request as a mutation except next-auth's own endpoints", () => {
    expect(mutationKind("POST", "/deals/abc")).toBe("action");
    expect(mutationKind("POST", "/api/import")).toBe("route");
    expect(mutationKind("DELETE", "/api/import/x")).toBe("route");
    expect(mutationKind("GET", "/api/export/deals")).toBeNull();
    expect(mutationKind("HEAD", "/deals")).toBeNull();
    expect(mutationKind("POST", "/api/auth/callback/credentials")).toBeNull();
  });

  it("compares the Origin's host with x-forwarded-host, else Host, like Next's own server-action check", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(crossSiteReason(h({ host: "cadence.example", origin: "https://cadence.example" }))).toBeNull();
    expect(crossSiteReason(h({ host: "cadence.example", origin: "https://evil.example" }))).toMatch(/evil\.example/);
    expect(crossSiteReason(h({ host: "10.0.0.5:3000", "x-forwarded-host": "cadence.example", origin: "https://cadence.example" }))).toBeNull();
    expect(crossSiteReason(h({ host: "cadence.example", origin: "null" }))).not.toBeNull();
    expect(crossSiteReason(h({ host: "cadence.example", origin: "not a url" }))).toBe("malformed origin");
    expect(crossSiteReason(h({ host: "cadence.example" }))).toBeNull();
    expect(crossSiteReason(h({ host: "cadence.example", "sec-fetch-site": "cross-site" }))).not.toBeNull();
    expect(crossSiteReason(h({ host: "cadence.example", "sec-fetch-site": "same-origin" }))).toBeNull();
  });
});

describe("the proxy in front of mutations", () => {
  let rep: SessionUser;
  let cookie: string;

  beforeAll(async () => {
    const user = await createUser(prisma, { role: "REP" });
    rep = (await loadActor(user.id))!;
    cookie = await sessionCookie(rep.id);
  });

  it("counts each server action once (the wrapper counts, the proxy only looks) and answers 429 once the limit is reached", async () => {
    const action = () => post("/deals/d1", { cookie, origin: "http://localhost:3000", "next-action": "7f00aa" });
    for (let i = 0; i < LIMIT; i++) {
      expect(passedThrough(await proxy(action()))).toBe(true);
      expect((await runAction(touch, rep, {})).ok).toBe(true);
      expect(await count(rep.id)).toBe(i + 1);
    }

    const refused = await proxy(action());
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Exactly text/plain: Next's client turns it into the rejected action's message, which app/error.tsx shows.
    expect(refused.headers.get("content-type")).toBe("text/plain");
    expect(await refused.text()).toMatch(new RegExp(`^${TOO_FAST_PREFIX.replace(".", "\\.")} Nothing was saved; wait (a second|\\d+ seconds) and try again\\.$`));
    expect(await count(rep.id)).toBe(LIMIT);
    const rows = await audits("ratelimit.mutation", rep.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ path: "/deals/d1", kind: "action", actionId: "7f00aa", status: 429 });

    // Requests that passed the proxy together still meet the wrapper's own count: a typed refusal, audited once.
    const late = await runAction(touch, rep, {});
    expect(late).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await audits("ratelimit.mutation", rep.id)).toHaveLength(2);

    // Reading is never limited.
    const read = await proxy(new NextRequest("http://localhost:3000/deals", { headers: { cookie, host: "localhost:3000" } }));
    expect(passedThrough(read)).toBe(true);
  });

  it("counts route handlers itself and answers them 429 in JSON", async () => {
    const other = await createUser(prisma, { role: "MANAGER" });
    const otherCookie = await sessionCookie(other.id);
    const upload = () => post("/api/import", { cookie: otherCookie, origin: "http://localhost:3000" });
    for (let i = 0; i < LIMIT; i++) expect(passedThrough(await proxy(upload()))).toBe(true);
    expect(await count(other.id)).toBe(LIMIT);
    const refused = await proxy(upload());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).message).toContain(TOO_FAST_PREFIX);
    expect(await audits("ratelimit.mutation", other.id)).toHaveLength(1);
  });

  it("refuses a mutation from another origin with 403, audited, before counting it", async () => {
    const user = await createUser(prisma, { role: "REP" });
    const userCookie = await sessionCookie(user.id);
    const forged = await proxy(post("/deals/d1", { cookie: userCookie, origin: "https://evil.example", "next-action": "7f00aa" }));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("did not come from a Cadence page");
    const forgedUpload = await proxy(post("/api/import", { cookie: userCookie, origin: "https://evil.example" }));
    expect(forgedUpload.status).toBe(403);
    expect((await forgedUpload.json()).ok).toBe(false);
    expect(await count(user.id)).toBe(0);
    const rows = await audits("csrf.refused", user.id);
    expect(rows.map((r) => (r.details as { kind: string }).kind).sort()).toEqual(["action", "route"]);
  });

  it("leaves requests without a valid session, and next-auth's endpoints, to their own checks", async () => {
    const before = await prisma.rateLimitBucket.count();
    const noSession = await proxy(post("/deals/d1", { origin: "http://localhost:3000", "next-action": "7f00aa" }));
    expect(noSession.status).not.toBe(429);
    const badCookie = await proxy(post("/api/import", { cookie: "next-auth.session-token=forged", origin: "http://localhost:3000" }));
    expect(passedThrough(badCookie)).toBe(true);
    const signIn = await proxy(post("/api/auth/callback/credentials", { cookie, origin: "http://localhost:3000" }));
    expect(passedThrough(signIn)).toBe(true);
    expect(await prisma.rateLimitBucket.count()).toBe(before);
  });
});
