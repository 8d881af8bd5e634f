// Issue 18 items 3 and 4 on real PostgreSQL: the per-address sign-in limit and the audit log take the socket's
// address unless CADENCE_TRUSTED_PROXIES says a proxy is in front; failures are limited per (account, client), so a
// guesser cannot lock the owner out, and past a much higher per-account ceiling attempts are slowed, never refused.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authorizeCredentials } from "@/lib/auth/options";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { createUser } from "@/prisma/factories";
import { fromClient } from "@/tests/support/client-request";

const SOCKET = "198.51.100.20"; // the one machine the probe really came from
const noWait = async () => undefined;

/** One failed attempt on a fresh email each time, so only the per-address limit can refuse it. */
const fail = (i: number, headers: Record<string, unknown>) =>
  authorizeCredentials({ email: `probe-${i}@example.test`, password: "wrong-password" }, headers, noWait);

afterEach(() => {
  delete process.env.CADENCE_SIGNIN_ACCOUNT_CEILING;
});

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted: a forged X-Forwarded-For does not escape the per-address limit", async () => {
    for (let i = 0; i < 30; i++) expect(await fail(i, fromClient(SOCKET, { "X-Forwarded-For": "203.0.113.7" }))).toBeNull();
    // The 31st attempt claims another address; it is the same socket, so it is refused.
    await expect(fail(30, fromClient(SOCKET, { "X-Forwarded-For": "203.0.113.8" }))).rejects.toThrow("RateLimited");
    await expect(fail(31, fromClient(SOCKET, { "X-Real-IP": "203.0.113.9" }))).rejects.toThrow("RateLimited");
    const ips = await prisma.auditLog.findMany({ where: { action: { in: ["auth.signin.failure", "auth.signin.rate_limited"] } }, distinct: ["ip"], select: { ip: true } });
    expect(ips).toEqual([{ ip: SOCKET }]);
    // Another machine is not affected.
    expect(await fail(32, fromClient("198.51.100.21"))).toBeNull();
  });

  it("honours X-Forwarded-For from a trusted proxy (by hop count and by address list)", async () => {
    const proxy = "10.0.0.5";
    for (let i = 0; i < 30; i++) expect(await fail(100 + i, fromClient(proxy, { "X-Forwarded-For": "203.0.113.7" }, "1"))).toBeNull();
    await expect(fail(130, fromClient(proxy, { "X-Forwarded-For": "203.0.113.7" }, "1"))).rejects.toThrow("RateLimited");
    // Behind the proxy, another client is another address.
    expect(await fail(131, fromClient(proxy, { "X-Forwarded-For": "203.0.113.8" }, "1"))).toBeNull();
    // A list: the proxy's range is skipped, the client's own claim further left is not believed.
    expect(await fail(132, fromClient(proxy, { "X-Forwarded-For": "1.2.3.4, 203.0.113.40" }, "10.0.0.0/8"))).toBeNull();
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { actorEmail: "probe-132@example.test" } });
    expect(entry.ip).toBe("203.0.113.40");
    // The same request from a machine outside the list: its forwarding headers are ignored.
    expect(await fail(133, fromClient("198.51.100.77", { "X-Forwarded-For": "203.0.113.41" }, "10.0.0.0/8"))).toBeNull();
    expect((await prisma.auditLog.findFirstOrThrow({ where: { actorEmail: "probe-133@example.test" } })).ip).toBe("198.51.100.77");
  });

  it("cannot be set by the client through the header server.ts uses to pass it on", async () => {
    const forged = fromClient("198.51.100.30", { [CLIENT_IP_HEADER]: "203.0.113.99 forged-signature" });
    expect(forged[CLIENT_IP_HEADER]).not.toContain("203.0.113.99");
    await fail(200, forged);
    expect((await prisma.auditLog.findFirstOrThrow({ where: { actorEmail: "probe-200@example.test" } })).ip).toBe("198.51.100.30");
    // Without server.ts in front (no signature it made), a client-written value is not believed either.
    await fail(201, { [CLIENT_IP_HEADER]: "203.0.113.99 forged-signature", "x-forwarded-for": "203.0.113.98" });
    expect((await prisma.auditLog.findFirstOrThrow({ where: { actorEmail: "probe-201@example.test" } })).ip).toBe("local");
  });
});

describe("a guesser cannot lock the owner out", () => {
  it("eight failures from one client limit that client on that account; the owner signs in from another", async () => {
    const owner = await createUser(prisma, { email: "owner@example.test", password: "correct horse" });
    const attacker = fromClient("203.0.113.66");
    for (let i = 0; i < 8; i++) {
      expect(await authorizeCredentials({ email: owner.email, password: `guess-${i}` }, attacker, noWait)).toBeNull();
    }
    // The attacker's pair stays limited, even with the right password.
    await expect(authorizeCredentials({ email: owner.email, password: "correct horse" }, attacker, noWait)).rejects.toThrow("RateLimited");
    // The owner, from a client that did not fail, gets in.
    expect(await authorizeCredentials({ email: owner.email, password: "correct horse" }, fromClient("198.51.100.5"), noWait)).toMatchObject({ id: owner.id });
    // The attacker can still use its address for another account (the per-address limit is the wider one).
    const other = await createUser(prisma, { email: "other@example.test", password: "correct horse" });
    expect(await authorizeCredentials({ email: other.email, password: "correct horse" }, attacker, noWait)).toMatchObject({ id: other.id });
    await expect(authorizeCredentials({ email: owner.email, password: "guess-9" }, attacker, noWait)).rejects.toThrow("RateLimited");

    const limited = await prisma.auditLog.findMany({ where: { action: "auth.signin.rate_limited", actorEmail: owner.email }, orderBy: { at: "asc" }, select: { ip: true, details: true } });
    expect(limited).toEqual([
      { ip: "203.0.113.66", details: { by: "account_and_client" } },
      { ip: "203.0.113.66", details: { by: "account_and_client" } },
    ]);
  });

  it("past the per-account ceiling every attempt is slowed and audited, and the owner still gets in", async () => {
    process.env.CADENCE_SIGNIN_ACCOUNT_CEILING = "12";
    const owner = await createUser(prisma, { email: "ceiling@example.test", password: "correct horse" });
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    // A botnet: twelve addresses, one guess each — no pair reaches its limit.
    for (let i = 0; i < 12; i++) {
      expect(await authorizeCredentials({ email: owner.email, password: `guess-${i}` }, fromClient(`203.0.113.${100 + i}`), wait)).toBeNull();
    }
    expect(waits).toEqual([]);
    expect(await authorizeCredentials({ email: owner.email, password: "guess-12" }, fromClient("203.0.113.200"), wait)).toBeNull();
    expect(await authorizeCredentials({ email: owner.email, password: "guess-13" }, fromClient("203.0.113.201"), wait)).toBeNull();
    expect(await authorizeCredentials({ email: owner.email, password: "correct horse" }, fromClient("198.51.100.5"), wait)).toMatchObject({ id: owner.id });
    // Held back longer with every failure past the ceiling (250 ms, 500 ms, 1 s …), never refused.
    expect(waits).toEqual([250, 500, 1000]);
    const slowed = await prisma.auditLog.findMany({ where: { action: "auth.signin.slowed", actorEmail: owner.email }, orderBy: { at: "asc" }, select: { ip: true, details: true } });
    expect(slowed.map((s) => s.details)).toEqual([
      { accountFailures: 12, delayMs: 250 },
      { accountFailures: 13, delayMs: 500 },
      { accountFailures: 14, delayMs: 1000 },
    ]);
    expect(slowed[2].ip).toBe("198.51.100.5");
    expect(await prisma.auditLog.count({ where: { action: "auth.signin.rate_limited", actorEmail: owner.email } })).toBe(0);
  });
});
