// Ending sessions: every session token carries the user's `sessionVersion` from sign-in, and lib/auth/session.ts
// (pages, actions, route handlers) and server.ts (the page cache) refuse a token whose version is no longer the
// user's. Bumping the version therefore ends every session issued before, on every instance, at the next request.
// See docs/decisions/0014-session-revocation.md.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";

/** For a `user.update`'s data, in the same write as the change that ends the sessions (password, active, role). */
export const END_SESSIONS = { sessionVersion: { increment: 1 } } satisfies Prisma.UserUpdateInput;

/**
 * Sign-out: ends the sessions issued at or before `version` (the signing-out token's). A replayed old token's
 * sign-out finds a newer version and changes nothing, so it cannot end sessions opened after it.
 */
export async function endSessions(db: Pick<Tx, "user">, userId: string, version: number): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId, sessionVersion: version }, data: END_SESSIONS });
  return count > 0;
}
