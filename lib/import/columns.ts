// The fields each import kind understands, and the guess from a CRM export's headers to those fields.
import type { ImportKind } from "@/lib/generated/prisma/enums";

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  /** Normalised header names that mean this field in common CRM exports. */
  aliases: readonly string[];
  /** A required field that these other fields can stand in for (a full name, or first and last name). */
  satisfiedBy?: readonly string[];
}

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  DEALS: [
    // Without an id column, deals are keyed by name + account + owner (lib/import/validate.ts naturalKey).
    { key: "externalId", label: "External id", required: false, aliases: ["opportunity id", "opportunityid", "record id", "deal id", "external id", "id"] },
    { key: "name", label: "Deal name", required: true, aliases: ["opportunity name", "deal name", "name", "deal"] },
    { key: "amount", label: "Amount", required: true, aliases: ["amount", "deal amount", "value", "opportunity amount"] },
    { key: "closeDate", label: "Close date", required: true, aliases: ["close date", "expected close date", "closing date"] },
    { key: "stage", label: "Stage", required: true, aliases: ["stage", "deal stage", "opportunity stage", "pipeline stage"] },
    { key: "ownerEmail", label: "Owner (email or full name)", required: true, aliases: ["owner email", "opportunity owner email", "deal owner email", "deal owner", "opportunity owner", "owner", "owner name", "owner full name"] },
    { key: "status", label: "Status", required: false, aliases: ["status", "deal status"] },
    { key: "accountName", label: "Account name", required: false, aliases: ["account name", "company", "company name", "account", "associated company"] },
    { key: "nextStep", label: "Next step", required: false, aliases: ["next step", "next steps"] },
    { key: "nextStepDate", label: "Next step date", required: false, aliases: ["next step date", "next activity date"] },
    // Dates that give imported deals their real age and clocks (docs/decisions/0021-imported-dates-and-history.md).
    { key: "createdDate", label: "Created date (first contact)", required: false, aliases: ["created date", "create date", "createddate", "created at", "date created", "created"] },
    { key: "firstContactDate", label: "First contact date", required: false, aliases: ["first contact date", "first contact"] },
    { key: "closedDate", label: "Closed date", required: false, aliases: ["closed date", "closed at", "date closed"] },
    { key: "lastModified", label: "Last modified / last activity", required: false, aliases: ["last activity", "last activity date", "last modified date", "last modified", "lastmodifieddate", "last touched at"] },
    { key: "lastStageChange", label: "Stage change date", required: false, aliases: ["last stage change date", "stage change date", "last stage change", "laststagechangedate", "last moved at"] },
    { key: "lostReason", label: "Loss reason", required: false, aliases: ["loss reason", "lost reason", "closed lost reason", "reason lost"] },
    // A paused deal (Cadence's own export): paused until its resume date, with the reason.
    { key: "pausedUntil", label: "Paused until (resume date)", required: false, aliases: ["paused until", "resume date", "pause until", "pause resume date"] },
    { key: "pauseReason", label: "Pause reason", required: false, aliases: ["pause reason", "paused reason", "reason paused"] },
  ],
  // Salesforce ("Account Name", "Website", "Account Owner", "Account ID") and HubSpot ("Company name",
  // "Company Domain Name", "Company owner", "Record ID") exports. Without an external id, re-import matches by name.
  ACCOUNTS: [
    { key: "externalId", label: "External id", required: false, aliases: ["account id", "record id", "company id", "external id", "id"] },
    { key: "name", label: "Account name", required: true, aliases: ["account name", "company name", "company", "name"] },
    { key: "domain", label: "Domain", required: false, aliases: ["company domain name", "domain", "website", "website url"] },
    { key: "industry", label: "Industry", required: false, aliases: ["industry"] },
    { key: "ownerEmail", label: "Owner email", required: false, aliases: ["owner email", "account owner email", "company owner email", "account owner", "company owner", "owner"] },
  ],
  // Salesforce Leads ("First Name", "Last Name", "Company", "Lead Source", "Lead Status", "Created Date", "Lead Owner")
  // and HubSpot contacts/leads ("First Name", "Last Name", "Email", "Original Source", "Lead Status", "Create Date",
  // "Contact owner"). Re-import matches a lead by its email.
  LEADS: [
    { key: "name", label: "Full name", required: true, satisfiedBy: ["firstName", "lastName"], aliases: ["full name", "name", "lead name", "contact name"] },
    { key: "firstName", label: "First name", required: false, aliases: ["first name", "firstname"] },
    { key: "lastName", label: "Last name", required: false, aliases: ["last name", "lastname"] },
    { key: "company", label: "Company", required: false, aliases: ["company", "company name", "account name", "associated company"] },
    { key: "email", label: "Email", required: false, aliases: ["email", "email address"] },
    { key: "source", label: "Lead source", required: false, aliases: ["lead source", "source", "original source", "original traffic source"] },
    { key: "status", label: "Lead status", required: false, aliases: ["lead status", "status"] },
    { key: "createdDate", label: "Created date", required: false, aliases: ["created date", "create date", "createddate", "created"] },
    { key: "ownerEmail", label: "Owner (email or full name)", required: true, aliases: ["lead owner", "contact owner", "lead owner email", "owner email", "owner"] },
    { key: "icpQualified", label: "ICP qualified (yes/no)", required: false, aliases: ["icp qualified", "icp", "qualified"] },
  ],
  // The email is the key. A full name, or first and last name; never a password column.
  USERS: [
    { key: "email", label: "Email", required: true, aliases: ["email", "email address", "user email", "e mail"] },
    { key: "name", label: "Full name", required: true, satisfiedBy: ["firstName", "lastName"], aliases: ["full name", "name", "user name", "display name"] },
    { key: "firstName", label: "First name", required: false, aliases: ["first name", "given name", "firstname"] },
    { key: "lastName", label: "Last name", required: false, aliases: ["last name", "surname", "family name", "lastname"] },
    { key: "role", label: "Role", required: false, aliases: ["role", "user role", "profile"] },
    { key: "team", label: "Team", required: false, aliases: ["team", "team name", "sales team"] },
    { key: "managerEmail", label: "Manager email", required: false, aliases: ["manager email", "manager", "reports to", "manager email address"] },
  ],
};

/** A mapping from field key to the index of the file's column that holds it. */
export type ColumnMapping = Record<string, number | null>;

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[_\-./]+/g, " ")
    .replace(/\s+/g, " ");
}

/** The same export twice has the same signature, whatever the column order or the letter case. */
export function headerSignature(headers: readonly string[]): string {
  return [...headers.map(normaliseHeader)].sort().join("|");
}

/** Guesses each field's column: an exact alias first, in the order of the aliases (most specific first). */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS[kind]) {
    let found: number | null = null;
    for (const alias of field.aliases) {
      const index = normalised.findIndex((h, i) => h === alias && !taken.has(i));
      if (index >= 0) {
        found = index;
        break;
      }
    }
    if (found !== null) taken.add(found);
    mapping[field.key] = found;
  }
  return mapping;
}

/** A remembered mapping applies only if it still points inside this file. */
export function applySavedMapping(kind: ImportKind, headers: readonly string[], saved: unknown): ColumnMapping | null {
  if (!saved || typeof saved !== "object") return null;
  const out: ColumnMapping = {};
  for (const field of IMPORT_FIELDS[kind]) {
    const v = (saved as Record<string, unknown>)[field.key];
    out[field.key] = typeof v === "number" && Number.isInteger(v) && v >= 0 && v < headers.length ? v : null;
  }
  return out;
}

/** The required fields that no column provides. */
export function missingRequired(kind: ImportKind, mapping: ColumnMapping): ImportField[] {
  const mapped = (key: string) => mapping[key] !== null && mapping[key] !== undefined;
  return IMPORT_FIELDS[kind].filter((f) => f.required && !mapped(f.key) && !(f.satisfiedBy ?? []).some(mapped));
}

/** Whether the file has a column for this field (an unmapped optional field keeps what is stored). */
export const isColumnMapped = (mapping: ColumnMapping, key: string) => mapping[key] !== null && mapping[key] !== undefined;
