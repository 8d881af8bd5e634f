// The permission rules of lib/auth/permissions.ts as SQL conditions, for the raw aggregate queries that Prisma's
// `where` objects cannot express. Server-only (it pulls in Prisma), which is why it is not in permissions.ts itself.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";

/** ownerScope's rule (lib/auth/permissions) as a SQL condition over `d` (the deal) and `u` (its owner). */
export function ownerScopeSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "ADMIN":
    case "EXECUTIVE":
      return Prisma.empty;
    case "MANAGER":
      return actor.managedTeamIds.length > 0
        ? Prisma.sql`AND (d."ownerId" = ${actor.id} OR u."teamId" IN (${Prisma.join([...actor.managedTeamIds])}))`
        : Prisma.sql`AND d."ownerId" = ${actor.id}`;
    case "REP":
      return Prisma.sql`AND d."ownerId" = ${actor.id}`;
  }
}
