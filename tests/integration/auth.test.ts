import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authorizeCredentials } from "@/lib/auth/options";
import { loadActor } from "@/lib/auth/session";
import { createTeamWithReps, createUser } from "@/prisma/factories";
import { fromClient } from "@/tests/support/client-request";

/** A request from the machine at `ip`, as server.ts hands it to next-auth. */
const headers = (ip: string) => fromClient(ip);

describe("sign-in", () => {
  it("signs in with the right password and records it", async () => {
    const user = await createUser(prisma, { email: "right@example.test", password: "correct horse" });
    const result = await authorizeCredentials({ email: "Right@Example.test", password: "correct horse" }, headers("10.0.0.1"));
    expect(result?.id).toBe(user.id);
    const entries = await prisma.auditLog.findMany({ where: { actorId: user.id } });
    expect(entries.map((e) => e.action)).toEqual(["auth.signin.success"]);
  });

  it("refuses a wrong password and writes the failure to the audit log", async () => {
    await createUser(prisma, { email: "wrong@example.test", password: "correct horse" });
    const result = await authorizeCredentials({ email: "wrong@example.test", password: "battery staple" }, headers("10.0.0.2"));
    expect(result).toBeNull();
    const failure = await prisma.auditLog.findFirst({ where: { action: "auth.signin.failure", actorEmail: "wrong@example.test" } });
    expect(failure?.ip).toBe("10.0.0.2");
    expect(failure?.details).toMatchObject({ reason: "bad_credentials" });
  });

  it("refuses an unknown email the same way as a wrong password", async () => {
    const result = await authorizeCredentials({ email: "nobody@example.test", password: "whatever" }, headers("10.0.0.3"));
    expect(result).toBeNull();
  });

  it("never signs in a user who has no password, not even with the dummy hash's password", async () => {
    const user = await createUser(prisma, { email: "nopassword@example.test" });
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: null } });
    for (const password of ["cadence-dummy-password", "", "password-123"]) {
      expect(await authorizeCredentials({ email: "nopassword@example.test", password }, headers("10.0.0.5"))).toBeNull();
    }
  });

  it("tells a deactivated user that the account is deactivated", async () => {
    await createUser(prisma, { email: "gone@example.test", password: "correct horse", active: false });
    await expect(authorizeCredentials({ email: "gone@example.test", password: "correct horse" }, headers("10.0.0.4"))).rejects.toThrow(
      "AccountDisabled",
    );
  });

  it("rate-limits repeated failures on one account from one client and audits the refusal, but not the owner elsewhere", async () => {
    const user = await createUser(prisma, { email: "target@example.test", password: "correct horse" });
    const attempts = [];
    for (let i = 0; i < 8; i++) attempts.push(await authorizeCredentials({ email: "target@example.test", password: `guess-${i}` }, headers("10.1.0.1")));
    expect(attempts.every((a) => a === null)).toBe(true);
    // The ninth attempt from that client is refused even with the right password…
    await expect(authorizeCredentials({ email: "target@example.test", password: "correct horse" }, headers("10.1.0.1"))).rejects.toThrow("RateLimited");
    expect(await prisma.auditLog.count({ where: { action: "auth.signin.rate_limited", actorEmail: "target@example.test" } })).toBe(1);
    // …while the owner, on a client that did not fail, signs in (issue 18 item 4; tests/integration/signin-limits.test.ts).
    expect(await authorizeCredentials({ email: "target@example.test", password: "correct horse" }, headers("10.1.0.99"))).toMatchObject({ id: user.id });
  });
});

describe("the session's user is re-read on every request", () => {
  it("drops a user as soon as they are deactivated and sees a role change at once", async () => {
    const { manager, team, reps } = await createTeamWithReps(prisma, 1);
    const actor = await loadActor(manager.id);
    expect(actor).toMatchObject({ role: "MANAGER", managedTeamIds: [team.id] });

    await prisma.user.update({ where: { id: reps[0].id }, data: { role: "MANAGER" } });
    expect((await loadActor(reps[0].id))?.role).toBe("MANAGER");

    await prisma.user.update({ where: { id: manager.id }, data: { active: false } });
    expect(await loadActor(manager.id)).toBeNull();
  });
});
