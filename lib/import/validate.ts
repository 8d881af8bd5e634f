// Pure validation of an import: each row to the value it will be stored as, or its line number and reason.
import type { IsoDate } from "@/lib/domain/calendar";
import type { ColumnMapping } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { parseAmount, parseDate, parseStatus, type DateOrder } from "@/lib/import/values";

export interface StageRef {
  id: string;
  name: string;
  order: number;
}

export interface OwnerRef {
  id: string;
  email: string;
  teamId: string | null;
  active: boolean;
}

export interface DealImportRow {
  line: number;
  externalId: string;
  name: string;
  amountMinor: bigint;
  closeDate: IsoDate;
  stageId: string;
  status: "OPEN" | "WON" | "LOST";
  ownerId: string;
  accountName: string | null;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface ValueMatch {
  value: string;
  rows: number;
  /** The stage or user it resolves to, when it does. */
  matchedTo: string | null;
}

export interface DealValidation {
  valid: DealImportRow[];
  errors: RowError[];
  stages: ValueMatch[];
  owners: ValueMatch[];
  /** Rows refused because the importer may not import for that owner (audited). */
  refusedLines: number[];
}

export interface DealValidationContext {
  stages: readonly StageRef[];
  owners: readonly OwnerRef[];
  /** Unknown stage names (normalised) mapped by the user to a stage id. */
  stageMap: Readonly<Record<string, string>>;
  dateOrder: DateOrder;
  /** Teams the importer may import into; null means every team (admins). */
  allowedTeamIds: readonly string[] | null;
  /** Owners of deals that already carry an external id of the file, for the same permission on updates. */
  existingOwnerTeam?: ReadonlyMap<string, string | null>;
}

/** Undoes the apostrophe that lib/csv.ts puts before formula-looking text, so an export re-imports as it was. */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export const normaliseValue = (v: string) => v.trim().toLowerCase().replace(/\s+/g, " ");

/** Reads a mapped field of a row: trimmed, un-neutralised, "" when the field has no column. */
export function cellReader(mapping: ColumnMapping) {
  return (cells: readonly string[], key: string) => {
    const index = mapping[key];
    return index === null || index === undefined ? "" : unneutralise((cells[index] ?? "").trim());
  };
}

const MAX_TEXT = 500;

export function validateDeals(table: CsvTable, mapping: ColumnMapping, ctx: DealValidationContext): DealValidation {
  const cell = cellReader(mapping);
  const stageByName = new Map(ctx.stages.map((s) => [normaliseValue(s.name), s]));
  const stageById = new Map(ctx.stages.map((s) => [s.id, s]));
  const lastStage = [...ctx.stages].sort((a, b) => b.order - a.order)[0];
  const ownerByEmail = new Map(ctx.owners.map((o) => [o.email.toLowerCase(), o]));
  const allowed = ctx.allowedTeamIds ? new Set(ctx.allowedTeamIds) : null;

  const stageCounts = new Map<string, ValueMatch>();
  const ownerCounts = new Map<string, ValueMatch>();
  const seenIds = new Map<string, number>();
  const valid: DealImportRow[] = [];
  const errors: RowError[] = [];
  const refusedLines: number[] = [];

  for (const { line, cells } of table.rows) {
    const reasons: string[] = [];
    let refused = false;

    const externalId = cell(cells, "externalId");
    if (!externalId) reasons.push("The external id is empty.");
    else if (externalId.length > 200) reasons.push("The external id is longer than 200 characters.");
    else if (seenIds.has(externalId)) reasons.push(`The external id "${externalId}" repeats line ${seenIds.get(externalId)}.`);
    else seenIds.set(externalId, line);

    const name = cell(cells, "name");
    if (!name) reasons.push("The deal name is empty.");
    else if (name.length > 200) reasons.push("The deal name is longer than 200 characters.");

    const amount = parseAmount(cell(cells, "amount"));
    if (!amount.ok) reasons.push(amount.reason);
    else if (amount.value < 0n) reasons.push("The amount is negative.");

    const closeDate = parseDate(cell(cells, "closeDate"), ctx.dateOrder);
    if (!closeDate.ok) reasons.push(`Close date: ${closeDate.reason}`);

    const rawStage = cell(cells, "stage");
    const stageKey = normaliseValue(rawStage);
    let status = parseStatus(cell(cells, "status"));
    if (cell(cells, "status") && !status) reasons.push(`The status "${cell(cells, "status")}" is not open, won or lost.`);
    let stage: StageRef | undefined;
    const mappedId = ctx.stageMap[stageKey];
    if (mappedId && stageById.has(mappedId)) stage = stageById.get(mappedId);
    else stage = stageByName.get(stageKey);
    if (!stage) {
      // "Closed Won" / "Closed Lost" are a status in Cadence, not a stage: the deal keeps the last stage.
      const closed = parseStatus(rawStage);
      if (closed && closed !== "OPEN" && lastStage) {
        stage = lastStage;
        status ??= closed;
      }
    }
    if (rawStage) {
      const entry = stageCounts.get(stageKey) ?? { value: rawStage, rows: 0, matchedTo: stage?.name ?? null };
      entry.rows += 1;
      stageCounts.set(stageKey, entry);
    }
    if (!rawStage) reasons.push("The stage is empty.");
    else if (!stage) reasons.push(`The stage "${rawStage}" is not a Cadence stage: map it to one.`);

    const email = cell(cells, "ownerEmail").toLowerCase();
    const owner = ownerByEmail.get(email);
    if (email) {
      const entry = ownerCounts.get(email) ?? { value: email, rows: 0, matchedTo: owner ? owner.email : null };
      entry.rows += 1;
      ownerCounts.set(email, entry);
    }
    if (!email) reasons.push("The owner email is empty.");
    else if (!owner) reasons.push(`No Cadence user has the email ${email}.`);
    else if (!owner.active) reasons.push(`${email} is deactivated.`);
    else if (allowed && !(owner.teamId && allowed.has(owner.teamId))) {
      reasons.push(`${email} is not in a team you manage.`);
      refused = true;
    }
    if (allowed && externalId && ctx.existingOwnerTeam?.has(externalId)) {
      const team = ctx.existingOwnerTeam.get(externalId);
      if (!(team && allowed.has(team))) {
        reasons.push(`The deal "${externalId}" already exists outside your teams.`);
        refused = true;
      }
    }

    const accountName = cell(cells, "accountName") || null;
    const nextStep = cell(cells, "nextStep") || null;
    const rawNextDate = cell(cells, "nextStepDate");
    const nextStepDate = rawNextDate ? parseDate(rawNextDate, ctx.dateOrder) : null;
    if (nextStepDate && !nextStepDate.ok) reasons.push(`Next step date: ${nextStepDate.reason}`);
    if (accountName && accountName.length > 200) reasons.push("The account name is longer than 200 characters.");
    if (nextStep && nextStep.length > MAX_TEXT) reasons.push(`The next step is longer than ${MAX_TEXT} characters.`);

    if (refused) refusedLines.push(line);
    if (reasons.length) {
      errors.push({ line, reason: reasons.join(" ") });
      continue;
    }
    valid.push({
      line,
      externalId,
      name,
      amountMinor: (amount as { value: bigint }).value,
      closeDate: (closeDate as { value: IsoDate }).value,
      stageId: stage!.id,
      status: status ?? "OPEN",
      ownerId: owner!.id,
      accountName,
      nextStep,
      nextStepDate: nextStepDate && nextStepDate.ok ? nextStepDate.value : null,
    });
  }
  return {
    valid,
    errors,
    stages: [...stageCounts.values()],
    owners: [...ownerCounts.values()],
    refusedLines,
  };
}
