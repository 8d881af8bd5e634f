// What a manager's import preview may say about records outside their teams: nothing that tells whether they exist.
import type { OwnerRef } from "@/lib/import/validate";

/** The whole reason for a row that would touch a deal, account or user outside the manager's teams. */
export const CANNOT_IMPORT_ROW = "You cannot import this row.";

/** An owner email that is unknown, deactivated elsewhere or in another team reads the same to a manager. */
export const ownerNotInYourTeams = (email: string) => `No Cadence user in your teams has the email ${email}.`;

/** True when the actor may see this team's records: admins (allowed = null) every team, managers their own. */
export function inAllowedTeams(teamId: string | null | undefined, allowed: ReadonlySet<string> | null): boolean {
  return allowed === null || (!!teamId && allowed.has(teamId));
}

/** The matched owner a manager may be told about: only a user of their own teams. */
export function visibleOwner<T extends Pick<OwnerRef, "teamId">>(owner: T | undefined, allowed: ReadonlySet<string> | null): T | undefined {
  return owner && inAllowedTeams(owner.teamId, allowed) ? owner : undefined;
}
