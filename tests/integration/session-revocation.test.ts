// Issue 18 item 5: sign-out, a password set by an admin, deactivation and a role change (on the admin screen and by a
// users import) each end the sessions issued before them. A real next-auth session token is minted through Cadence's
// own jwt callback and read back by lib/auth/session.ts (the cookie decoded once per request), exactly as a page, an
// action or a route handler reads it; only the request's cookies are supplied by the test (outside Next there is no
// request scope for next/headers).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { decode, encode, type JWT } from "next-auth/jwt";

const jar = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "session-revocation-test-secret";
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
  return { cookie: null as string | null };
});
// The request's cookies, as next/headers gives them to a page, an action or a route handler.
vi.mock("next/headers", async (importOriginal) => {
  const original = (await importOriginal()) as typeof import("next/headers");
  const all = () => (jar.cookie ? [{ name: "next-auth.session-token", value: jar.cookie }] : []);
  return {
    ...original,
    cookies: async () => ({ get: (name: string) => all().find((c) => c.name === name), getAll: all }),
  };
});

import { prisma } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { getCurrentUser, loadActor, type SessionUser } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/safe-action";
import { setUserPassword } from "@/lib/actions/admin/set-user-password";
import { setUserActive } from "@/lib/actions/admin/set-user-active";
import { updateUser } from "@/lib/actions/admin/update-user";
import { commitUsers } from "@/lib/import/commit-users";
import { GET as exportDeals } from "@/app/api/export/deals/route";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

/** A session token as next-auth issues it at sign-in: Cadence's jwt callback with the signed-in user, then encoded. */
async function signIn(userId: string): Promise<string> {
  const jwt = authOptions.callbacks!.jwt!;
  const token = (await jwt({ token: { sub: userId }, user: { id: userId }, account: null, trigger: "signIn" } as Parameters<typeof jwt>[0])) as JWT;
  return encode({ token, secret: process.env.NEXTAUTH_SECRET!, maxAge: 12 * 60 * 60 });
}

/** Who the request carrying `cookie` is, for a page or an action (getCurrentUser) and for a route handler. */
async function asSession(cookie: string) {
  jar.cookie = cookie || null;
  const user = await getCurrentUser();
  const exported = await exportDeals(new Request("http://localhost/api/export/deals"));
  return { userId: user?.id ?? null, exportStatus: exported.status };
}

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "AuditLog", "TeamManager", "ImportJob", "User", "Team", "PipelineStage", "Organisation" CASCADE`);
  jar.cookie = null;
});

async function setup() {
  await createOrganisation(prisma, { timeZone: "America/New_York" });
  await createStages(prisma);
  const east = await createTeamWithReps(prisma, 1, { name: "East" });
  const admin = (await loadActor((await createUser(prisma, { role: "ADMIN", email: "admin@x.test" })).id)) as SessionUser;
  return { admin, rep: east.reps[0] };
}

describe("ending sessions", () => {
  it("a session is honoured until something ends it (control)", async () => {
    const { rep } = await setup();
    const cookie = await signIn(rep.id);
    expect(await asSession(cookie)).toEqual({ userId: rep.id, exportStatus: 200 });
    expect(await asSession("")).toEqual({ userId: null, exportStatus: 401 });
  });

  it("sign-out ends that session and every older one, not one opened after it", async () => {
    const { rep } = await setup();
    const laptop = await signIn(rep.id);
    const phone = await signIn(rep.id);
    // What next-auth calls with the decoded token of the session signing out.
    await authOptions.events!.signOut!({ token: (await decode({ token: laptop, secret: process.env.NEXTAUTH_SECRET! }))!, session: undefined as never });
    expect(await asSession(laptop)).toEqual({ userId: null, exportStatus: 401 });
    expect(await asSession(phone)).toEqual({ userId: null, exportStatus: 401 });
    expect(await prisma.auditLog.count({ where: { action: "auth.signout", actorId: rep.id } })).toBe(1);

    const later = await signIn(rep.id);
    expect(await asSession(later)).toEqual({ userId: rep.id, exportStatus: 200 });
    // Replaying the old token's sign-out cannot end the newer session.
    await authOptions.events!.signOut!({ token: (await decode({ token: laptop, secret: process.env.NEXTAUTH_SECRET! }))!, session: undefined as never });
    expect(await asSession(later)).toEqual({ userId: rep.id, exportStatus: 200 });
  });

  it("a password set by an admin ends the user's older sessions; the new password opens a new one", async () => {
    const { admin, rep } = await setup();
    const before = await signIn(rep.id);
    const set = await runAction(setUserPassword.definition, admin, { userId: rep.id, password: "a-brand-new-password" });
    expect(set.ok).toBe(true);
    expect(await asSession(before)).toEqual({ userId: null, exportStatus: 401 });
    expect(await asSession(await signIn(rep.id))).toEqual({ userId: rep.id, exportStatus: 200 });
  });

  it("deactivation ends the sessions, and they stay ended after a reactivation", async () => {
    const { admin, rep } = await setup();
    const before = await signIn(rep.id);
    expect((await runAction(setUserActive.definition, admin, { userId: rep.id, active: "false" })).ok).toBe(true);
    expect(await asSession(before)).toEqual({ userId: null, exportStatus: 401 });
    expect((await runAction(setUserActive.definition, admin, { userId: rep.id, active: "true" })).ok).toBe(true);
    expect(await asSession(before)).toEqual({ userId: null, exportStatus: 401 });
  });

  it("a role change on the admin screen ends the sessions; a team change alone does not", async () => {
    const { admin, rep } = await setup();
    const before = await signIn(rep.id);
    expect((await runAction(updateUser.definition, admin, { userId: rep.id, role: "REP", teamId: "" })).ok).toBe(true);
    expect(await asSession(before)).toEqual({ userId: rep.id, exportStatus: 200 });
    expect((await runAction(updateUser.definition, admin, { userId: rep.id, role: "MANAGER", teamId: "" })).ok).toBe(true);
    expect(await asSession(before)).toEqual({ userId: null, exportStatus: 401 });
  });

  it("a role change by a users import ends the sessions; a row that changes only the name does not", async () => {
    const { admin, rep } = await setup();
    const other = await createUser(prisma, { role: "REP", email: "other@x.test" });
    const repSession = await signIn(rep.id);
    const otherSession = await signIn(other.id);
    const job = await prisma.importJob.create({ data: { kind: "USERS", fileName: "users.csv", createdById: admin.id } });
    await commitUsers(
      [
        { line: 2, id: rep.id, email: rep.email, name: "Promoted Rep", role: "MANAGER", teamId: rep.teamId, before: { name: rep.name, role: "REP", teamId: rep.teamId } },
        { line: 3, id: other.id, email: other.email, name: "Renamed Only", role: "REP", teamId: other.teamId, before: { name: other.name, role: "REP", teamId: other.teamId } },
      ],
      { jobId: job.id, actorId: admin.id, allowedTeamIds: null },
    );
    expect(await asSession(repSession)).toEqual({ userId: null, exportStatus: 401 });
    expect(await asSession(otherSession)).toEqual({ userId: other.id, exportStatus: 200 });
  });

  it("a token from before session versions existed counts as ended", async () => {
    const { rep } = await setup();
    const legacy = await encode({ token: { sub: rep.id, uid: rep.id }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await asSession(legacy)).toEqual({ userId: null, exportStatus: 401 });
  });
});
