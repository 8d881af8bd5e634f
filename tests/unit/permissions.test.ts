import { describe, expect, it } from "vitest";
import {
  canAdminister,
  canImport,
  canManage,
  canRead,
  canReadOrganisation,
  canReadTeam,
  canWrite,
  ownerScope,
  relationTo,
  type Actor,
} from "@/lib/auth/permissions";

const TEAM_A = "team-a";
const TEAM_B = "team-b";
const rep: Actor = { id: "rep-1", role: "REP", teamId: TEAM_A, managedTeamIds: [] };
const manager: Actor = { id: "mgr-1", role: "MANAGER", teamId: null, managedTeamIds: [TEAM_A] };
const executive: Actor = { id: "exec-1", role: "EXECUTIVE", teamId: null, managedTeamIds: [] };
const admin: Actor = { id: "admin-1", role: "ADMIN", teamId: null, managedTeamIds: [] };

const own = (actor: Actor) => ({ ownerId: actor.id, ownerTeamId: actor.teamId });
const sameTeam = { ownerId: "rep-2", ownerTeamId: TEAM_A };
const otherTeam = { ownerId: "rep-3", ownerTeamId: TEAM_B };
const noTeam = { ownerId: "rep-4", ownerTeamId: null };

describe("relationTo", () => {
  it("tells own, managed and other apart", () => {
    expect(relationTo(rep, own(rep))).toBe("own");
    expect(relationTo(manager, sameTeam)).toBe("managed");
    expect(relationTo(manager, otherTeam)).toBe("other");
    expect(relationTo(rep, sameTeam)).toBe("other"); // a teammate's deal is not the rep's
    expect(relationTo(manager, noTeam)).toBe("other");
  });
});

// The table of DOMAIN.md, cell by cell: [actor, object, may read, may write].
const matrix: [string, Actor, { ownerId: string; ownerTeamId: string | null }, boolean, boolean][] = [
  ["rep / own", rep, own(rep), true, true],
  ["rep / teammate", rep, sameTeam, false, false],
  ["rep / other team", rep, otherTeam, false, false],
  ["manager / own", manager, own(manager), true, true],
  ["manager / managed team", manager, sameTeam, true, true],
  ["manager / other team", manager, otherTeam, false, false],
  ["manager / rep without team", manager, noTeam, false, false],
  ["executive / any", executive, otherTeam, true, false],
  ["executive / managed-looking", executive, sameTeam, true, false],
  ["admin / any", admin, otherTeam, true, true],
];

describe("read and write permissions", () => {
  it.each(matrix)("%s", (_label, actor, object, read, write) => {
    expect(canRead(actor, object)).toBe(read);
    expect(canWrite(actor, object)).toBe(write);
  });
});

describe("management rights", () => {
  it("lets a manager manage only the reps of their teams", () => {
    expect(canManage(manager, { id: "rep-2", teamId: TEAM_A })).toBe(true);
    expect(canManage(manager, { id: "rep-3", teamId: TEAM_B })).toBe(false);
    expect(canManage(rep, { id: "rep-2", teamId: TEAM_A })).toBe(false);
    expect(canManage(executive, { id: "rep-2", teamId: TEAM_A })).toBe(false);
    expect(canManage(admin, { id: "rep-3", teamId: TEAM_B })).toBe(true);
  });

  it("limits team figures to that team's managers, executives and admins", () => {
    expect(canReadTeam(manager, TEAM_A)).toBe(true);
    expect(canReadTeam(manager, TEAM_B)).toBe(false);
    expect(canReadTeam(rep, TEAM_A)).toBe(false);
    expect(canReadTeam(executive, TEAM_B)).toBe(true);
  });

  it("keeps administration to admins and organisation figures to executives and admins", () => {
    expect([rep, manager, executive, admin].map(canAdminister)).toEqual([false, false, false, true]);
    expect([rep, manager, executive, admin].map(canReadOrganisation)).toEqual([false, false, true, true]);
    expect([rep, manager, executive, admin].map(canImport)).toEqual([false, true, false, true]);
  });
});

describe("ownerScope", () => {
  it("builds the where clause that repeats the rule in every query", () => {
    expect(ownerScope(rep)).toEqual({ ownerId: "rep-1" });
    expect(ownerScope(manager)).toEqual({ OR: [{ ownerId: "mgr-1" }, { owner: { teamId: { in: [TEAM_A] } } }] });
    expect(ownerScope(executive)).toEqual({});
    expect(ownerScope(admin)).toEqual({});
  });
});
