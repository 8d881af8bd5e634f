// Pure validation of a leads file (Salesforce Leads report, HubSpot contacts or leads export): each row to the lead
// it creates or updates, or its line and reason.
import type { ColumnMapping } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { inferDateOrder, parseDateValue } from "@/lib/import/dates";
import { cellReader, normaliseValue, type OwnerRef, type RowError, type ValueMatch } from "@/lib/import/validate";
import { CANNOT_IMPORT_ROW, ownerNotInYourTeams, visibleOwner } from "@/lib/import/outside-scope";
import type { DateOrder } from "@/lib/import/values";
import type { IsoDate } from "@/lib/domain/calendar";

export type LeadImportStatus = "OPEN" | "DISQUALIFIED" | "CONVERTED";

export interface LeadImportRow {
  line: number;
  /** The lead this row updates (same owner scope, same email); null when it creates one. */
  id: string | null;
  name: string;
  company: string | null;
  email: string | null;
  source: string | null;
  status: LeadImportStatus;
  /** The CRM's status text when it disqualifies the lead ("Closed - Not Converted", "Unqualified"). */
  disqualifiedReason: string | null;
  icpQualified: boolean;
  createdOn: IsoDate;
  createdAt: Date | null;
  ownerId: string;
}

export interface LeadValidation {
  valid: LeadImportRow[];
  errors: RowError[];
  owners: ValueMatch[];
  statuses: { value: string; rows: number; matchedTo: string | null }[];
  refusedLines: number[];
}

export interface LeadValidationContext {
  owners: readonly OwnerRef[];
  /** Leads that carry one of the file's emails, for re-import to update rather than duplicate. */
  existing: readonly { id: string; email: string; ownerTeamId: string | null }[];
  allowedTeamIds: readonly string[] | null;
  dateOrder: DateOrder;
  timeZone: string;
  /** The import day, for a file without a created date. */
  today: IsoDate;
}

// Salesforce's standard Lead Status picklist and HubSpot's lead status values.
const STATUS: Record<string, LeadImportStatus> = {
  "open - not contacted": "OPEN",
  "working - contacted": "OPEN",
  "closed - converted": "CONVERTED",
  "closed - not converted": "DISQUALIFIED",
  new: "OPEN",
  open: "OPEN",
  "in progress": "OPEN",
  in_progress: "OPEN",
  "attempted to contact": "OPEN",
  attempted_to_contact: "OPEN",
  connected: "OPEN",
  "open deal": "CONVERTED",
  open_deal: "CONVERTED",
  converted: "CONVERTED",
  unqualified: "DISQUALIFIED",
  disqualified: "DISQUALIFIED",
  "bad timing": "DISQUALIFIED",
  bad_timing: "DISQUALIFIED",
};

const YES = /^(yes|y|true|1|qualified|x)$/i;

export function validateLeads(table: CsvTable, mapping: ColumnMapping, ctx: LeadValidationContext): LeadValidation {
  const cell = cellReader(mapping);
  const ownerByEmail = new Map(ctx.owners.map((o) => [o.email.toLowerCase(), o]));
  const ownerByName = new Map<string, OwnerRef | null>();
  // A manager's names are matched among the users of their teams only: a name outside them must not change the answer.
  for (const o of ctx.owners) {
    if (!o.name || (ctx.allowedTeamIds && !(o.teamId && ctx.allowedTeamIds.includes(o.teamId)))) continue;
    ownerByName.set(normaliseValue(o.name), ownerByName.has(normaliseValue(o.name)) ? null : o);
  }
  const existingByEmail = new Map(ctx.existing.map((l) => [l.email.toLowerCase(), l]));
  const allowed = ctx.allowedTeamIds ? new Set(ctx.allowedTeamIds) : null;
  const evidence = inferDateOrder(table.rows.map((r) => cell(r.cells, "createdDate")));
  const order: DateOrder = ctx.dateOrder !== "auto" ? ctx.dateOrder : evidence === "MDY" || evidence === "DMY" ? evidence : "auto";

  const valid: LeadImportRow[] = [];
  const errors: RowError[] = [];
  const refusedLines: number[] = [];
  const ownerCounts = new Map<string, ValueMatch>();
  const statusCounts = new Map<string, { value: string; rows: number; matchedTo: string | null }>();
  const seenEmails = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const reasons: string[] = [];
    let refused = false;
    const name = cell(cells, "name") || [cell(cells, "firstName"), cell(cells, "lastName")].filter(Boolean).join(" ");
    if (!name) reasons.push("The lead has no name.");
    else if (name.length > 200) reasons.push("The name is longer than 200 characters.");
    const company = cell(cells, "company") || null;
    if (company && company.length > 200) reasons.push("The company is longer than 200 characters.");
    const email = cell(cells, "email").toLowerCase() || null;
    if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) reasons.push(`"${email}" is not an email address.`);
    else if (email && seenEmails.has(email)) reasons.push(`The email ${email} repeats line ${seenEmails.get(email)}.`);
    else if (email) seenEmails.set(email, line);
    const source = cell(cells, "source") || null;
    if (source && source.length > 200) reasons.push("The lead source is longer than 200 characters.");

    const rawStatus = cell(cells, "status");
    const status = rawStatus ? (STATUS[normaliseValue(rawStatus)] ?? null) : "OPEN";
    if (rawStatus) {
      const entry = statusCounts.get(normaliseValue(rawStatus)) ?? { value: rawStatus, rows: 0, matchedTo: status ? status.toLowerCase() : null };
      entry.rows++;
      statusCounts.set(normaliseValue(rawStatus), entry);
    }
    if (!status) reasons.push(`The lead status "${rawStatus}" is not one Cadence knows (open, working, converted, not converted, unqualified).`);

    const rawCreated = cell(cells, "createdDate");
    const created = rawCreated ? parseDateValue(rawCreated, order, ctx.timeZone) : null;
    if (created && !created.ok) reasons.push(`Created date: ${created.reason}`);

    const ownerText = cell(cells, "ownerEmail");
    const owner = ownerByEmail.get(ownerText.toLowerCase()) ?? ownerByName.get(normaliseValue(ownerText)) ?? undefined;
    if (ownerText) {
      const key = ownerText.toLowerCase();
      const entry = ownerCounts.get(key) ?? { value: ownerText, rows: 0, matchedTo: visibleOwner(owner, allowed)?.email ?? null };
      entry.rows++;
      ownerCounts.set(key, entry);
    }
    let hidden = false;
    if (!ownerText) reasons.push("The lead owner is empty.");
    else if (allowed && !visibleOwner(owner, allowed)) {
      // Unknown, or in another team: the same answer to a manager (lib/import/outside-scope.ts).
      reasons.push(ownerText.includes("@") ? ownerNotInYourTeams(ownerText) : `No Cadence user in your teams is named "${ownerText}".`);
      refused ||= !!owner;
    } else if (!owner) reasons.push(`No Cadence user has the email or the name "${ownerText}" (a name must be unique).`);
    else if (!owner.active) reasons.push(`${ownerText} is deactivated.`);
    const existing = email ? existingByEmail.get(email) : undefined;
    if (existing && allowed && !(existing.ownerTeamId && allowed.has(existing.ownerTeamId))) {
      refused = true;
      hidden = true;
    }

    if (refused) refusedLines.push(line);
    if (reasons.length || hidden) {
      errors.push({ line, reason: hidden ? CANNOT_IMPORT_ROW : reasons.join(" ") });
      continue;
    }
    valid.push({
      line,
      id: existing?.id ?? null,
      name,
      company,
      email,
      source,
      status: status!,
      disqualifiedReason: status === "DISQUALIFIED" ? rawStatus : null,
      icpQualified: YES.test(cell(cells, "icpQualified")),
      createdOn: created && created.ok ? created.value.date : ctx.today,
      createdAt: created && created.ok ? (created.value.instant ?? null) : null,
      ownerId: owner!.id,
    });
  }
  return { valid, errors, owners: [...ownerCounts.values()], statuses: [...statusCounts.values()], refusedLines };
}
