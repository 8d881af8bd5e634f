// The signed-in user, re-read from the database on every request so role changes and deactivation apply at once, and
// a session whose version the user has moved past (sign-out, password set, deactivation, role change) ends at once.
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { cookies } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { decodeSessionToken, sessionTokenFrom } from "@/lib/auth/jwt";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export interface SessionUser extends Actor {
  name: string;
  email: string;
}

/** An active user as an actor, or null when they are deactivated (callers without a session: tests, scripts). */
export function loadActor(userId: string): Promise<SessionUser | null> {
  return readActor(userId, null);
}

/** The user behind a session, or null when they are deactivated or that session was ended (lib/auth/revoke.ts). */
export function loadSessionActor(userId: string, sessionVersion: unknown): Promise<SessionUser | null> {
  return readActor(userId, { sessionVersion });
}

async function readActor(userId: string, session: { sessionVersion: unknown } | null): Promise<SessionUser | null> {
  // One statement, the managed teams aggregated beside the user (Prisma's relation load would be a second query,
  // and every rendered page pays this read): see bench/report.md, issue 17.
  const rows = await prisma.$queryRaw<{ id: string; name: string; email: string; role: Role; active: boolean; sessionVersion: number; teamId: string | null; managedTeamIds: string[] }[]>`
    SELECT u.id, u.name, u.email, u.role::text AS role, u.active, u."sessionVersion", u."teamId",
           coalesce(array_agg(tm."teamId" ORDER BY tm."teamId") FILTER (WHERE tm."teamId" IS NOT NULL), '{}') AS "managedTeamIds"
    FROM "User" u LEFT JOIN "TeamManager" tm ON tm."userId" = u.id
    WHERE u.id = ${userId}
    GROUP BY u.id`;
  const user = rows[0];
  if (!user || !user.active) return null;
  if (session && session.sessionVersion !== user.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId, managedTeamIds: user.managedTeamIds };
}

/**
 * The session token's user id and session version, decoded once per request (React cache) with the derived key kept
 * per secret (lib/auth/jwt.ts): what next-auth's getServerSession returns for a JWT session through Cadence's
 * session callback, without re-running next-auth's session route (decode, callbacks, a re-encoded token that a
 * server component cannot set anyway) on every render.
 */
export const getSessionClaims = cache(async (): Promise<{ id: string; sv: number | null } | null> => {
  // cookies() first: it is what makes every page that asks for the user dynamic. Returning before it (no secret at
  // build time) would let `next build` prerender a signed-in page as a static redirect to /signin.
  const jar = await cookies();
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const token = sessionTokenFrom((name) => jar.get(name)?.value, () => jar.getAll(), authOptions.useSecureCookies ?? false);
  if (!token) return null;
  try {
    const claims = await decodeSessionToken({ token, secret });
    if (typeof claims?.uid !== "string") return null;
    return { id: claims.uid, sv: typeof claims.sv === "number" ? claims.sv : null };
  } catch {
    return null; // not a token under this secret, or expired: signed out, as getServerSession answers
  }
});

/** The current user, or null when signed out or deactivated. Cached for the duration of one request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  // A token without a version (issued before versions existed) matches no user: it counts as ended.
  return loadSessionActor(claims.id, claims.sv);
});

/** For pages: the current user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For pages restricted to some roles: others get the 403 page (app/forbidden.tsx), not the content. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
