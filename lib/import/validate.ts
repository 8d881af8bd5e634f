// Pure validation of an import: each row to the value it will be stored as, or its line number and reason.
import type { IsoDate } from "@/lib/domain/calendar";
import type { ColumnMapping } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { parseAmount, parseDate, parseStatus, type DateOrder } from "@/lib/import/values";
import { createHash } from "node:crypto";
import { resolveStage } from "@/lib/import/crm-stages";
import { eventInstant, inferDateOrder, parseDateValue, type DateValue, type OrderEvidence } from "@/lib/import/dates";
import type { HistoryEvent } from "@/lib/import/history";
import { rebuildDeal, type ImportedChange, type RebuildResult } from "@/lib/import/rebuild-history";
import { CANNOT_IMPORT_ROW, ownerNotInYourTeams, visibleOwner } from "@/lib/import/outside-scope";

export interface StageRef {
  id: string;
  name: string;
  order: number;
  probability?: number;
}

export interface OwnerRef {
  id: string;
  email: string;
  /** CRM exports name the owner ("Opportunity Owner", "Deal owner") rather than give an email. */
  name?: string;
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
  firstContactDate: IsoDate | null;
  lostReason: string | null;
  /** The pause (resume date and reason); null when the file has no Paused Until column (the stored pause stays). */
  pause: { until: IsoDate | null; reason: string | null } | null;
  /** The deal as the file and its history rebuild it: dated creation, moves, close; used when the deal is new. */
  rebuilt: RebuildResult;
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
  /** What the file's slashed dates say about their order (ambiguous: the preview asks once). */
  dateEvidence: OrderEvidence;
  /** Which date of the file gave the last movement of deals without a dated stage move. */
  movedFrom: "history" | "stage change date" | "last modified" | "created date" | "import day";
  /** History rows placed on the valid deals, and their date range. */
  historyRows: number;
  historyRange: { from: Date; to: Date } | null;
  /** History rows that could not be placed (unmapped stage). */
  historySkipped: RowError[];
  /** Without an id column, each deal is keyed by name + account + owner. */
  keyedBy: "id" | "natural";
  /** The history's authors ("Edited By") on the valid deals' rows: the Cadence user each is, or null (kept by name). */
  historyAuthors: ValueMatch[];
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
  /** The organisation's time zone and fiscal year (dates and instants of the file, pushes). */
  timeZone?: string;
  fiscalYearStartMonth?: number;
  /** Dated events per deal (its id, or its name when the history is matched by name), from a history file or date-entered columns. */
  history?: ReadonlyMap<string, readonly HistoryEvent[]>;
  historyMatchBy?: "id" | "name";
  /** Users a history author may be: every user of the organisation whose email or name the history names. */
  authors?: readonly { id: string; email: string; name: string }[];
}

/** The external id of a deal of a file without an id column: its name, account and owner, so that re-importing the file updates it. */
export function naturalKey(name: string, account: string, owner: string): string {
  const text = [name, account, owner].map(normaliseValue).join("\u0000");
  return `key-${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

/** The date columns of a deal file, read together for the day/month order. */
export const DEAL_DATE_FIELDS = ["closeDate", "nextStepDate", "createdDate", "firstContactDate", "closedDate", "lastModified", "lastStageChange", "pausedUntil"] as const;

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

/** The time of day a close-date cell carries, if any. */
function closeTime(raw: string, order: DateOrder, timeZone: string): Date | null {
  const v = parseDateValue(raw, order, timeZone);
  return v.ok ? v.value.instant : null;
}

/** What a stage name of the file becomes, as the preview lists it. */
function stageLabel(r: ReturnType<typeof resolveStage>): string | null {
  if (!r) return null;
  if (r.kind === "status") return r.status === "WON" ? "Won (a status)" : "Lost (a status)";
  return r.by === "default" ? `${r.stage.name} (${r.crm} default)` : r.stage.name;
}

const isMapped = (mapping: ColumnMapping, key: string) => mapping[key] !== null && mapping[key] !== undefined;

export function validateDeals(table: CsvTable, mapping: ColumnMapping, ctx: DealValidationContext): DealValidation {
  const cell = cellReader(mapping);
  const lastStage = [...ctx.stages].sort((a, b) => b.order - a.order)[0];
  const ownerByEmail = new Map(ctx.owners.map((o) => [o.email.toLowerCase(), o]));
  // A name matches an owner only when exactly one user has it.
  const ownerByName = new Map<string, OwnerRef | null>();
  // A manager's names are matched among the users of their teams only: a name outside them must not change the answer.
  for (const o of ctx.owners) {
    if (!o.name || (ctx.allowedTeamIds && !(o.teamId && ctx.allowedTeamIds.includes(o.teamId)))) continue;
    ownerByName.set(normaliseValue(o.name), ownerByName.has(normaliseValue(o.name)) ? null : o);
  }
  const timeZone = ctx.timeZone ?? "UTC";
  const fiscalYearStartMonth = ctx.fiscalYearStartMonth ?? 1;
  const keyedBy = mapping.externalId === null || mapping.externalId === undefined ? "natural" : "id";
  // The day/month order is read from every date of the file at once: 11/10/2026 beside 12/18/2026 is month-first.
  const dateEvidence = inferDateOrder(
    table.rows.flatMap((r) => DEAL_DATE_FIELDS.map((f) => cell(r.cells, f)).filter(Boolean)),
  );
  const dateOrder: DateOrder = ctx.dateOrder !== "auto" ? ctx.dateOrder : dateEvidence === "MDY" || dateEvidence === "DMY" ? dateEvidence : "auto";
  const lookup = (raw: string) => {
    const r = resolveStage(raw, ctx.stages, ctx.stageMap);
    return r === null ? null : r.kind === "stage" ? { stageId: r.stage.id } : { status: r.status };
  };
  const optionalDate = (cells: readonly string[], key: string, label: string, reasons: string[]): DateValue | null => {
    const raw = cell(cells, key);
    if (!raw) return null;
    const v = parseDateValue(raw, dateOrder, timeZone);
    if (!v.ok) {
      reasons.push(`${label}: ${v.reason}`);
      return null;
    }
    return v.value;
  };
  let movedFrom: DealValidation["movedFrom"] = "import day";
  if (isMapped(mapping, "createdDate")) movedFrom = "created date";
  if (isMapped(mapping, "lastModified")) movedFrom = "last modified";
  if (isMapped(mapping, "lastStageChange")) movedFrom = "stage change date";
  let historyRows = 0;
  let historyFrom: Date | null = null;
  let historyTo: Date | null = null;
  const historySkipped: RowError[] = [];
  const allowed = ctx.allowedTeamIds ? new Set(ctx.allowedTeamIds) : null;
  // A history author is the user with that email, or the only user with that name; otherwise the name is kept as written.
  const authorByEmail = new Map((ctx.authors ?? []).map((u) => [u.email.toLowerCase(), u]));
  const authorByName = new Map<string, { id: string; email: string } | null>();
  for (const u of ctx.authors ?? []) authorByName.set(normaliseValue(u.name), authorByName.has(normaliseValue(u.name)) ? null : u);
  const authorCounts = new Map<string, ValueMatch>();
  const attribute = (c: ImportedChange): ImportedChange => {
    const written = c.author?.trim();
    if (!written) return c;
    const user = authorByEmail.get(written.toLowerCase()) ?? authorByName.get(normaliseValue(written)) ?? null;
    const entry = authorCounts.get(normaliseValue(written)) ?? { value: written, rows: 0, matchedTo: user?.email ?? null };
    entry.rows += 1;
    authorCounts.set(normaliseValue(written), entry);
    return user ? { ...c, actorId: user.id, actorName: null } : { ...c, actorId: null, actorName: written.slice(0, 200) };
  };

  const stageCounts = new Map<string, ValueMatch>();
  const ownerCounts = new Map<string, ValueMatch>();
  const seenIds = new Map<string, number>();
  const valid: DealImportRow[] = [];
  const errors: RowError[] = [];
  const refusedLines: number[] = [];

  for (const { line, cells } of table.rows) {
    const reasons: string[] = [];
    let refused = false;
    /** The row would touch a record outside the manager's teams: its only reason is that it cannot be imported. */
    let hidden = false;

    const externalId = keyedBy === "natural" ? naturalKey(cell(cells, "name"), cell(cells, "accountName"), cell(cells, "ownerEmail")) : cell(cells, "externalId");
    if (!externalId) reasons.push("The external id is empty.");
    else if (externalId.length > 200) reasons.push("The external id is longer than 200 characters.");
    else if (seenIds.has(externalId))
      reasons.push(keyedBy === "natural" ? `The same deal name, account and owner repeat line ${seenIds.get(externalId)}.` : `The external id "${externalId}" repeats line ${seenIds.get(externalId)}.`);
    else seenIds.set(externalId, line);

    const name = cell(cells, "name");
    if (!name) reasons.push("The deal name is empty.");
    else if (name.length > 200) reasons.push("The deal name is longer than 200 characters.");

    const amount = parseAmount(cell(cells, "amount"));
    if (!amount.ok) reasons.push(amount.reason);
    else if (amount.value < 0n) reasons.push("The amount is negative.");

    const closeDate = parseDate(cell(cells, "closeDate"), dateOrder);
    if (!closeDate.ok) reasons.push(`Close date: ${closeDate.reason}`);

    const rawStage = cell(cells, "stage");
    const stageKey = normaliseValue(rawStage);
    let status = parseStatus(cell(cells, "status"));
    if (cell(cells, "status") && !status) reasons.push(`The status "${cell(cells, "status")}" is not open, won or lost.`);
    let stage: StageRef | undefined;
    let stageFromStatus = false;
    const resolved = resolveStage(rawStage, ctx.stages, ctx.stageMap);
    if (resolved?.kind === "stage") stage = ctx.stages.find((s) => s.id === resolved.stage.id);
    else if (resolved?.kind === "status" && lastStage) {
      // "Closed Won" / "Closed Lost" are a status in Cadence, not a stage: the deal keeps the last stage it reached
      // in its history, or the last stage.
      stage = lastStage;
      stageFromStatus = true;
      status ??= resolved.status;
    }
    if (rawStage) {
      const entry = stageCounts.get(stageKey) ?? { value: rawStage, rows: 0, matchedTo: stageLabel(resolved) };
      entry.rows += 1;
      stageCounts.set(stageKey, entry);
    }
    if (!rawStage) reasons.push("The stage is empty.");
    else if (!stage) reasons.push(`The stage "${rawStage}" is not a Cadence stage: map it to one.`);

    const email = cell(cells, "ownerEmail").toLowerCase();
    const owner = ownerByEmail.get(email) ?? ownerByName.get(normaliseValue(email)) ?? undefined;
    if (email) {
      const entry = ownerCounts.get(email) ?? { value: email, rows: 0, matchedTo: visibleOwner(owner, allowed)?.email ?? null };
      entry.rows += 1;
      ownerCounts.set(email, entry);
    }
    if (!email) reasons.push("The owner email is empty.");
    else if (allowed && !visibleOwner(owner, allowed)) {
      reasons.push(email.includes("@") ? ownerNotInYourTeams(cell(cells, "ownerEmail")) : `No Cadence user in your teams is named "${cell(cells, "ownerEmail")}".`);
      refused ||= !!owner;
    } else if (!owner) reasons.push(email.includes("@") ? `No Cadence user has the email ${email}.` : `No Cadence user is named "${cell(cells, "ownerEmail")}" (or several are): use the owner's email.`);
    else if (!owner.active) reasons.push(`${email} is deactivated.`);
    if (allowed && externalId && ctx.existingOwnerTeam?.has(externalId)) {
      const team = ctx.existingOwnerTeam.get(externalId);
      if (!(team && allowed.has(team))) {
        reasons.push(CANNOT_IMPORT_ROW);
        refused = true;
        hidden = true;
      }
    }

    const accountName = cell(cells, "accountName") || null;
    const nextStep = cell(cells, "nextStep") || null;
    const rawNextDate = cell(cells, "nextStepDate");
    const nextStepDate = rawNextDate ? parseDate(rawNextDate, dateOrder) : null;
    if (nextStepDate && !nextStepDate.ok) reasons.push(`Next step date: ${nextStepDate.reason}`);
    if (accountName && accountName.length > 200) reasons.push("The account name is longer than 200 characters.");
    if (nextStep && nextStep.length > MAX_TEXT) reasons.push(`The next step is longer than ${MAX_TEXT} characters.`);

    const created = optionalDate(cells, "createdDate", "Created date", reasons);
    const firstContact = optionalDate(cells, "firstContactDate", "First contact date", reasons);
    const closed = optionalDate(cells, "closedDate", "Closed date", reasons);
    const modified = optionalDate(cells, "lastModified", "Last modified", reasons);
    const stageChange = optionalDate(cells, "lastStageChange", "Stage change date", reasons);
    const lostReason = cell(cells, "lostReason") || null;
    if (lostReason && lostReason.length > MAX_TEXT) reasons.push(`The loss reason is longer than ${MAX_TEXT} characters.`);
    const rawPausedUntil = cell(cells, "pausedUntil");
    const pausedUntil = rawPausedUntil ? parseDate(rawPausedUntil, dateOrder) : null;
    if (pausedUntil && !pausedUntil.ok) reasons.push(`Paused until: ${pausedUntil.reason}`);
    const pauseReason = cell(cells, "pauseReason") || null;
    if (pauseReason && pauseReason.length > MAX_TEXT) reasons.push(`The pause reason is longer than ${MAX_TEXT} characters.`);
    if (pauseReason && !rawPausedUntil) reasons.push("A pause reason needs its resume date (Paused Until).");
    if (rawPausedUntil && (status ?? "OPEN") !== "OPEN") reasons.push("A won or lost deal is not paused: leave Paused Until empty.");
    const pause = isMapped(mapping, "pausedUntil") ? { until: pausedUntil?.ok ? pausedUntil.value : null, reason: rawPausedUntil ? pauseReason : null } : null;

    if (refused) refusedLines.push(line);
    if (reasons.length) {
      errors.push({ line, reason: hidden ? CANNOT_IMPORT_ROW : reasons.join(" ") });
      continue;
    }
    const createdAt = created ? eventInstant(created, timeZone) : null;
    const lastModifiedAt = modified ? eventInstant(modified, timeZone) : null;
    const historyKey = ctx.historyMatchBy === "name" ? name : keyedBy === "natural" ? name : externalId;
    const events = ctx.history?.get(historyKey) ?? [];
    const rebuilt = rebuildDeal(
      {
        status: status ?? "OPEN",
        stageId: stage!.id,
        stageFromStatus,
        amountMinor: (amount as { value: bigint }).value,
        closeDate: (closeDate as { value: IsoDate }).value,
        createdAt,
        closedDay: closed?.date ?? null,
        // HubSpot's Close Date of a closed deal is the instant it closed ("2026-11-24 16:45").
        closedKnownAt: closed?.instant ?? closeTime(cell(cells, "closeDate"), dateOrder, timeZone),
        fallbackMovedAt: stageChange ? eventInstant(stageChange, timeZone) : (lastModifiedAt ?? createdAt),
        lastModifiedAt,
      },
      events,
      { timeZone, fiscalYearStartMonth, lookup },
    );
    if (events.length) {
      historyRows += events.length;
      for (const e of events) {
        if (!historyFrom || e.at < historyFrom) historyFrom = e.at;
        if (!historyTo || e.at > historyTo) historyTo = e.at;
      }
    }
    historySkipped.push(...rebuilt.skipped);
    rebuilt.changes = rebuilt.changes.map(attribute);
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
      firstContactDate: firstContact?.date ?? created?.date ?? null,
      lostReason,
      pause,
      rebuilt,
    });
  }
  // Stage names that only the history uses need a mapping too.
  for (const events of ctx.history?.values() ?? []) {
    for (const e of events) {
      for (const v of e.field === "stage" ? [e.oldValue, e.newValue] : []) {
        if (!v || stageCounts.has(normaliseValue(v))) continue;
        stageCounts.set(normaliseValue(v), { value: v, rows: 0, matchedTo: stageLabel(resolveStage(v, ctx.stages, ctx.stageMap)) });
      }
    }
  }
  return {
    valid,
    errors,
    stages: [...stageCounts.values()],
    owners: [...ownerCounts.values()],
    refusedLines,
    dateEvidence,
    movedFrom,
    historyRows,
    historyRange: historyFrom && historyTo ? { from: historyFrom, to: historyTo } : null,
    historySkipped,
    keyedBy,
    historyAuthors: [...authorCounts.values()],
  };
}
