// The signed-in user, re-read from the database on every request so role changes and deactivation apply at once, and
// a session whose version the user has moved past (sign-out, password set, deactivation, role change) ends at once.
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
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
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      sessionVersion: true,
      teamId: true,
      managedTeams: { select: { teamId: true } },
    },
  });
  if (!user || !user.active) return null;
  if (session && session.sessionVersion !== user.sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    managedTeamIds: user.managedTeams.map((t) => t.teamId),
  };
}

/** The current user, or null when signed out or deactivated. Cached for the duration of one request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: string; sv?: unknown } | undefined;
  if (!claims?.id) return null;
  // A token without a version (issued before versions existed) matches no user: it counts as ended.
  return loadSessionActor(claims.id, typeof claims.sv === "number" ? claims.sv : null);
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
