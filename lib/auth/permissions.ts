// The one answer to "may this user read or change this object", for the four roles of DOMAIN.md.
import type { Role } from "@/lib/generated/prisma/enums";

/** Who is asking: enough to decide every permission without another query. */
export interface Actor {
  id: string;
  role: Role;
  /** The team the user belongs to (reps), if any. */
  teamId: string | null;
  /** The teams the user manages (managers). */
  managedTeamIds: readonly string[];
}

/** How an object relates to the actor, as the permission table needs it. */
export interface OwnedObject {
  /** The user the object belongs to (a deal's owner, a coaching session's rep...). */
  ownerId: string;
  /** That user's team. */
  ownerTeamId: string | null;
}

export type Relation = "own" | "managed" | "other";

export function relationTo(actor: Actor, object: OwnedObject): Relation {
  if (object.ownerId === actor.id) return "own";
  if (object.ownerTeamId && actor.managedTeamIds.includes(object.ownerTeamId)) return "managed";
  return "other";
}

/** Reading pipeline data: a rep their own, a manager their teams, executives and admins everything. */
export function canRead(actor: Actor, object: OwnedObject): boolean {
  switch (actor.role) {
    case "ADMIN":
    case "EXECUTIVE":
      return true;
    case "MANAGER":
      return relationTo(actor, object) !== "other";
    case "REP":
      return relationTo(actor, object) === "own";
  }
}

/** Changing a deal, lead or activity: owners and their managers; admins. Executives are read-mostly. */
export function canWrite(actor: Actor, object: OwnedObject): boolean {
  switch (actor.role) {
    case "ADMIN":
      return true;
    case "EXECUTIVE":
      return false;
    case "MANAGER":
      return relationTo(actor, object) !== "other";
    case "REP":
      return relationTo(actor, object) === "own";
  }
}

/** Manager-only work on a rep: inspections, pausing and reassigning deals, coaching, team targets. */
export function canManage(actor: Actor, rep: { id: string; teamId: string | null }): boolean {
  if (actor.role === "ADMIN") return true;
  if (actor.role !== "MANAGER") return false;
  return rep.teamId !== null && actor.managedTeamIds.includes(rep.teamId);
}

export function canManageTeam(actor: Actor, teamId: string): boolean {
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && actor.managedTeamIds.includes(teamId);
}

/** Reading a team's figures: its managers, executives and admins. */
export function canReadTeam(actor: Actor, teamId: string): boolean {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return true;
  return actor.role === "MANAGER" && actor.managedTeamIds.includes(teamId);
}

/** Organisation-wide figures and targets: executives and admins. */
export function canReadOrganisation(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "EXECUTIVE";
}

export function canSetOrganisationTargets(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "EXECUTIVE";
}

/** Users, teams, stages and settings. */
export function canAdminister(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Importing data: admins anywhere, managers into their own teams only (checked per row by the importer). */
export function canImport(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "MANAGER";
}

/** The Prisma `where` that limits a query over deals (or anything owned by a user) to what the actor may read. */
export function ownerScope(actor: Actor): { ownerId?: string; OR?: object[] } {
  switch (actor.role) {
    case "ADMIN":
    case "EXECUTIVE":
      return {};
    case "MANAGER":
      return { OR: [{ ownerId: actor.id }, { owner: { teamId: { in: [...actor.managedTeamIds] } } }] };
    case "REP":
      return { ownerId: actor.id };
  }
}

/** The users whose data the actor may read: the same rule as ownerScope, over the User table. */
export function userScope(actor: Actor): object {
  switch (actor.role) {
    case "ADMIN":
    case "EXECUTIVE":
      return {};
    case "MANAGER":
      return { OR: [{ id: actor.id }, { teamId: { in: [...actor.managedTeamIds] } }] };
    case "REP":
      return { id: actor.id };
  }
}

export const ROLE_LABELS: Record<Role, string> = {
  REP: "Sales rep",
  MANAGER: "Sales manager",
  EXECUTIVE: "Executive",
  ADMIN: "Administrator",
};
