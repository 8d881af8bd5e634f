// Pure validation of an accounts file: each row to the account it creates or updates, or its line and reason.
import type { ColumnMapping } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { cellReader, normaliseValue, type OwnerRef, type RowError, type ValueMatch } from "@/lib/import/validate";
import { CANNOT_IMPORT_ROW, inAllowedTeams, ownerNotInYourTeams, visibleOwner } from "@/lib/import/outside-scope";

export interface ExistingAccountRef {
  id: string;
  name: string;
  externalId: string | null;
  /** The current owner's team, for a manager's permission to overwrite it. */
  ownerTeamId: string | null;
}

export interface AccountImportRow {
  line: number;
  /** The account this row updates; null when it creates one. */
  id: string | null;
  externalId: string | null;
  name: string;
  domain: string | null;
  industry: string | null;
  ownerId: string | null;
  ownerEmail: string | null;
}

export interface AccountValidation {
  valid: AccountImportRow[];
  errors: RowError[];
  owners: ValueMatch[];
  /** Rows refused because the importer may not set that owner or change that account (audited). */
  refusedLines: number[];
}

export interface AccountValidationContext {
  owners: readonly OwnerRef[];
  /** Accounts that carry one of the file's external ids or names (case-insensitive). */
  existing: readonly ExistingAccountRef[];
  /** Teams the importer may import into; null means every team (admins). */
  allowedTeamIds: readonly string[] | null;
}

const MAX_NAME = 200;

/** "https://www.Acme.com/about" → "acme.com": the part of a website that names the company. */
export function normaliseDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/?#].*$/, "");
}

/**
 * Matching, in this order: the external id (re-import updates); else, for a row without one, the only account of
 * that name (case-insensitive, as deal import links accounts by name); a row with a new external id adopts the only
 * same-named account that has none yet (one a deal import created). Several accounts of one name and no external id
 * is ambiguous: the row is rejected rather than guessed, since updating the wrong company is worse than a rejected row.
 */
export function validateAccounts(table: CsvTable, mapping: ColumnMapping, ctx: AccountValidationContext): AccountValidation {
  const cell = cellReader(mapping);
  const ownerByEmail = new Map(ctx.owners.map((o) => [o.email.toLowerCase(), o]));
  const allowed = ctx.allowedTeamIds ? new Set(ctx.allowedTeamIds) : null;
  const byExternal = new Map<string, ExistingAccountRef>();
  const byName = new Map<string, ExistingAccountRef[]>();
  for (const a of ctx.existing) {
    if (a.externalId) byExternal.set(a.externalId, a);
    const key = normaliseValue(a.name);
    byName.set(key, [...(byName.get(key) ?? []), a]);
  }

  const valid: AccountImportRow[] = [];
  const errors: RowError[] = [];
  const refusedLines: number[] = [];
  const ownerCounts = new Map<string, ValueMatch>();
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  // An existing account is written by one row of the file at most.
  const claimed = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const reasons: string[] = [];
    let refused = false;
    /** The row would touch a record outside the manager's teams: its only reason is that it cannot be imported. */
    let hidden = false;

    const externalId = cell(cells, "externalId") || null;
    let badId = true;
    if (externalId && externalId.length > 200) reasons.push("The external id is longer than 200 characters.");
    else if (externalId && seenIds.has(externalId)) reasons.push(`The external id "${externalId}" repeats line ${seenIds.get(externalId)}.`);
    else badId = false;
    if (externalId && !badId) seenIds.set(externalId, line);

    const name = cell(cells, "name");
    const nameKey = normaliseValue(name);
    if (!name) reasons.push("The account name is empty.");
    else if (name.length > MAX_NAME) reasons.push(`The account name is longer than ${MAX_NAME} characters.`);
    else if (!externalId && seenNames.has(nameKey)) reasons.push(`The account "${name}" repeats line ${seenNames.get(nameKey)}: add an external id column to tell them apart.`);
    if (name && !externalId && !seenNames.has(nameKey)) seenNames.set(nameKey, line);

    const domain = normaliseDomain(cell(cells, "domain")) || null;
    if (domain && domain.length > 200) reasons.push("The domain is longer than 200 characters.");
    const industry = cell(cells, "industry") || null;
    if (industry && industry.length > 120) reasons.push("The industry is longer than 120 characters.");

    let existing: ExistingAccountRef | undefined;
    if (externalId) existing = byExternal.get(externalId);
    if (!existing && name && !badId) {
      const sameName = byName.get(nameKey) ?? [];
      if (externalId) {
        const unlinked = sameName.filter((a) => !a.externalId);
        if (unlinked.length === 1 && !claimed.has(unlinked[0].id)) existing = unlinked[0];
      } else if (sameName.length === 1) {
        existing = sameName[0];
      } else if (sameName.length > 1) {
        reasons.push(`${sameName.length} accounts are named "${name}": add an external id column to say which one this row is.`);
        // How many accounts other teams have by that name is not the manager's to know.
        if (allowed && sameName.some((a) => !inAllowedTeams(a.ownerTeamId, allowed))) hidden = true;
      }
    }
    if (badId) existing = undefined;
    else if (existing && claimed.has(existing.id)) {
      reasons.push(`Line ${claimed.get(existing.id)} already updates the account "${existing.name}".`);
      existing = undefined;
    }

    const email = cell(cells, "ownerEmail").toLowerCase();
    const owner = email ? ownerByEmail.get(email) : undefined;
    if (email) {
      const entry = ownerCounts.get(email) ?? { value: email, rows: 0, matchedTo: visibleOwner(owner, allowed)?.email ?? null };
      entry.rows += 1;
      ownerCounts.set(email, entry);
      if (allowed && !visibleOwner(owner, allowed)) {
        reasons.push(ownerNotInYourTeams(email));
        refused ||= !!owner;
      } else if (!owner) reasons.push(`No Cadence user has the email ${email}.`);
      else if (!owner.active) reasons.push(`${email} is deactivated.`);
    } else if (allowed) {
      // A manager's accounts belong to their teams: an unowned account would be nobody's.
      reasons.push("Give the account an owner from your teams.");
    }
    if (allowed && existing && !inAllowedTeams(existing.ownerTeamId, allowed)) {
      reasons.push(CANNOT_IMPORT_ROW);
      refused = true;
      hidden = true;
    }

    if (refused) refusedLines.push(line);
    if (reasons.length) {
      errors.push({ line, reason: hidden ? CANNOT_IMPORT_ROW : reasons.join(" ") });
      continue;
    }
    if (existing) claimed.set(existing.id, line);
    valid.push({ line, id: existing?.id ?? null, externalId, name, domain, industry, ownerId: owner?.id ?? null, ownerEmail: owner?.email ?? null });
  }
  return { valid, errors, owners: [...ownerCounts.values()], refusedLines };
}
