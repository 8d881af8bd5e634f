// Calling route handlers in integration tests as a signed-in user. The session cookie itself is next-auth's and is
// tested end to end (tests/e2e); here the handler's getCurrentUser answers with a user re-read from the database,
// so everything behind it (permissions, data layer, PostgreSQL) runs for real. Each test file declares
// (vi.mock is hoisted above the imports, so the factory imports this module itself):
//   vi.mock("@/lib/auth/session", async (original) => (await import("@/tests/support/route-session")).sessionMock(original));
// then use signInAs().
import type { SessionUser } from "@/lib/auth/session";

const current: { user: SessionUser | null } = { user: null };

export async function sessionMock(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as typeof import("@/lib/auth/session");
  return { ...original, getCurrentUser: async () => current.user };
}

/** The user the next route handler calls see as signed in (null: signed out). */
export function signInAs(user: SessionUser | null) {
  current.user = user;
}
