// Pure validation of a users file: each row to the user it creates or updates (keyed by email), or its line and reason.
import type { Role } from "@/lib/generated/prisma/enums";
import { isColumnMapped, type ColumnMapping } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { cellReader, normaliseValue, type RowError, type ValueMatch } from "@/lib/import/validate";
import { CANNOT_IMPORT_ROW } from "@/lib/import/outside-scope";

export interface ExistingUserRef {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface ManagerRef {
  email: string;
  active: boolean;
  managedTeamIds: readonly string[];
}

export interface UserImportRow {
  line: number;
  /** The user this row updates; null when it creates one. */
  id: string | null;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  /** What the row changes, for the preview and the audit log; null for a new user. */
  before: { name: string; role: Role; teamId: string | null } | null;
}

export interface UserValidation {
  valid: UserImportRow[];
  errors: RowError[];
  teams: ValueMatch[];
  /** Rows refused because the importer may not create or change that user (audited). */
  refusedLines: number[];
}

export interface UserValidationContext {
  actorId: string;
  /** Teams the importer may import into; null means every team and every role (admins). */
  allowedTeamIds: readonly string[] | null;
  existing: readonly ExistingUserRef[];
  /** Active (not archived) teams. */
  teams: readonly TeamRef[];
  /** Users named in the manager column, with the teams they lead. */
  managers: readonly ManagerRef[];
}

const ROLE_WORDS: Record<string, Role> = {
  rep: "REP",
  "sales rep": "REP",
  "sales representative": "REP",
  representative: "REP",
  "account executive": "REP",
  ae: "REP",
  sdr: "REP",
  bdr: "REP",
  manager: "MANAGER",
  "sales manager": "MANAGER",
  "team lead": "MANAGER",
  executive: "EXECUTIVE",
  exec: "EXECUTIVE",
  "sales executive": "EXECUTIVE",
  vp: "EXECUTIVE",
  "vp sales": "EXECUTIVE",
  admin: "ADMIN",
  administrator: "ADMIN",
  "system administrator": "ADMIN",
};

/** A role as CRM user exports spell it; null when the text names none of the four. */
export function parseRole(raw: string): Role | null {
  const t = normaliseValue(raw).replace(/[_-]+/g, " ");
  return ROLE_WORDS[t] ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateUsers(table: CsvTable, mapping: ColumnMapping, ctx: UserValidationContext): UserValidation {
  const cell = cellReader(mapping);
  const existingByEmail = new Map(ctx.existing.map((u) => [u.email.toLowerCase(), u]));
  const teamByName = new Map(ctx.teams.map((t) => [normaliseValue(t.name), t]));
  const teamById = new Map(ctx.teams.map((t) => [t.id, t]));
  const managerByEmail = new Map(ctx.managers.map((m) => [m.email.toLowerCase(), m]));
  const allowed = ctx.allowedTeamIds ? new Set(ctx.allowedTeamIds) : null;
  const hasRole = isColumnMapped(mapping, "role");

  const valid: UserImportRow[] = [];
  const errors: RowError[] = [];
  const refusedLines: number[] = [];
  const teamCounts = new Map<string, ValueMatch>();
  const seen = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const reasons: string[] = [];
    let refused = false;
    /** The row would touch a record outside the manager's teams: its only reason is that it cannot be imported. */
    let hidden = false;

    const email = cell(cells, "email").toLowerCase();
    if (!email) reasons.push("The email is empty.");
    else if (email.length > 200 || !EMAIL.test(email)) reasons.push(`"${email}" is not an email address.`);
    else if (seen.has(email)) reasons.push(`The email ${email} repeats line ${seen.get(email)}.`);
    else seen.set(email, line);
    const existing = email ? existingByEmail.get(email) : undefined;

    const fullName = cell(cells, "name") || [cell(cells, "firstName"), cell(cells, "lastName")].filter(Boolean).join(" ");
    // An existing user without a name in the file keeps the one they have.
    const name = fullName || existing?.name || "";
    if (!name) reasons.push("The name is empty.");
    else if (name.length > 120) reasons.push("The name is longer than 120 characters.");

    const rawRole = hasRole ? cell(cells, "role") : "";
    let role: Role | null = rawRole ? parseRole(rawRole) : (existing?.role ?? "REP");
    if (rawRole && !role) reasons.push(`The role "${rawRole}" is not rep, manager, executive or admin.`);

    const rawTeam = cell(cells, "team");
    // A team the file names but Cadence cannot resolve is a bad row, not a refusal: only resolved teams are scoped.
    let teamUnresolved = false;
    let teamId: string | null | undefined;
    if (rawTeam) {
      const team = teamByName.get(normaliseValue(rawTeam));
      const entry = teamCounts.get(normaliseValue(rawTeam)) ?? { value: rawTeam, rows: 0, matchedTo: team?.name ?? null };
      entry.rows += 1;
      teamCounts.set(normaliseValue(rawTeam), entry);
      if (!team) {
        reasons.push(`No active team is named "${rawTeam}".`);
        teamUnresolved = true;
      } else teamId = team.id;
    }

    const managerEmail = cell(cells, "managerEmail").toLowerCase();
    if (managerEmail) {
      const manager = managerByEmail.get(managerEmail);
      if (!manager || !manager.active) {
        reasons.push(`No active Cadence user has the manager email ${managerEmail}.`);
        teamUnresolved ||= !rawTeam;
      } else if (teamId && !manager.managedTeamIds.includes(teamId)) reasons.push(`${managerEmail} does not lead the team "${rawTeam}".`);
      else if (!rawTeam) {
        // The manager says which team, when they lead exactly one.
        if (manager.managedTeamIds.length === 1 && teamById.has(manager.managedTeamIds[0])) teamId = manager.managedTeamIds[0];
        else {
          reasons.push(`${managerEmail} leads ${manager.managedTeamIds.length === 0 ? "no team" : "several teams"}: add a team column.`);
          teamUnresolved = true;
        }
      }
    }
    // No team in the file: a new user has none, an existing one keeps theirs.
    const finalTeam = teamId === undefined ? (existing?.teamId ?? null) : teamId;

    if (existing && existing.id === ctx.actorId && role && role !== existing.role) {
      reasons.push("An import cannot change your own role.");
      role = existing.role;
    }
    if (allowed) {
      // Managers bring in reps of their own teams, and change only such reps.
      if (role && role !== "REP") {
        reasons.push(`Only an administrator can import users with the ${role.toLowerCase()} role.`);
        refused = true;
      }
      if (!teamUnresolved && !(finalTeam && allowed.has(finalTeam))) {
        reasons.push(finalTeam ? `The team "${teamById.get(finalTeam)?.name ?? rawTeam}" is not one you manage.` : "Give the user one of your teams.");
        refused = true;
      }
      if (existing && !(existing.role === "REP" && existing.teamId && allowed.has(existing.teamId))) {
        // Nothing about the other team's user (not even their team): only that this row cannot be imported.
        reasons.push(CANNOT_IMPORT_ROW);
        refused = true;
        hidden = true;
      }
    }

    if (refused) refusedLines.push(line);
    if (reasons.length) {
      errors.push({ line, reason: hidden ? CANNOT_IMPORT_ROW : reasons.join(" ") });
      continue;
    }
    valid.push({
      line,
      id: existing?.id ?? null,
      email,
      name,
      role: role!,
      teamId: finalTeam,
      before: existing ? { name: existing.name, role: existing.role, teamId: existing.teamId } : null,
    });
  }
  return { valid, errors, teams: [...teamCounts.values()], refusedLines };
}
