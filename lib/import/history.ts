// Reading a deal history file (Salesforce's Opportunity History and Opportunity Field History reports or their
// OpportunityHistory / OpportunityFieldHistory exports, a property history, Cadence's own history export) and
// HubSpot's "Date entered <stage>" columns of a deal export, into one list of dated events per deal. Pure.
import type { CsvTable } from "@/lib/import/csv-file";
import { eventInstant, inferDateOrder, parseDateValue } from "@/lib/import/dates";
import { stripPipeline } from "@/lib/import/crm-stages";
import { parseAmount, parseStatus, type DateOrder } from "@/lib/import/values";

export type HistoryField = "created" | "stage" | "status" | "amount" | "closeDate";

/** One dated fact about a deal: it was created, or a field took a value (stage names stay raw until mapped). */
export interface HistoryEvent {
  /** The deal's id in the file (or its name, when the history is matched by name). */
  dealKey: string;
  at: Date;
  field: HistoryField;
  /** Normalised values: stage names as written, amounts in minor units, dates as YYYY-MM-DD, statuses OPEN/WON/LOST. */
  oldValue: string | null;
  newValue: string | null;
  /** The line of the file (history rows) or of the deal file (date-entered columns). */
  line: number;
  /** Who made the change as the file names them ("Edited By", "Last Modified By", "Changed By"): a name or an email. */
  author?: string | null;
}

export type HistoryFormat = "snapshots" | "field-changes";

export interface HistoryParse {
  format: HistoryFormat;
  /** What the file looks like, for the preview ("Salesforce Opportunity History", …). */
  label: string;
  events: HistoryEvent[];
  errors: { line: number; reason: string }[];
  /** Rows about fields Cadence does not keep in its history (owner, probability, next step…). */
  ignored: number;
  matchBy: "id" | "name";
  dateOrder: "MDY" | "DMY" | "ambiguous" | "none" | "conflict";
}

/** Header names compared without case, punctuation or spacing: "Field / Event" is "field event", "OPPORTUNITYID" "opportunityid". */
export const headerKey = (h: string) =>
  h.replace(/^\uFEFF/, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

const ID_HEADERS = ["opportunity id", "opportunityid", "opportunity id 18", "deal id", "dealid", "record id", "deal record id", "object id"];
const NAME_HEADERS = ["opportunity name", "deal name", "opportunity", "name"];
const AT_HEADERS = ["edit date", "changed at", "createddate", "created date", "last modified", "last modified date", "date", "timestamp", "change date", "modified date"];
const FIELD_HEADERS = ["field event", "field", "property", "property name", "field name"];
const OLD_HEADERS = ["old value", "oldvalue", "previous value"];
const NEW_HEADERS = ["new value", "newvalue", "value"];
const STAGE_HEADERS = ["stage", "stage name", "stagename", "to stage", "deal stage"];
const AMOUNT_HEADERS = ["amount"];
const CLOSE_HEADERS = ["close date", "closedate"];
// Salesforce's Opportunity Field History "Edited By", its Opportunity History "Last Modified By", HubSpot's property
// history "Updated by", Cadence's own "Changed By".
const AUTHOR_HEADERS = ["edited by", "changed by", "last modified by", "modified by", "updated by", "created by", "user", "changed by user"];

const FIELD_NAMES: Record<string, HistoryField | "amountMinor"> = {
  stage: "stage",
  "stage name": "stage",
  stagename: "stage",
  "deal stage": "stage",
  dealstage: "stage",
  stageid: "stage",
  amount: "amount",
  amountminor: "amountMinor",
  "close date": "closeDate",
  closedate: "closeDate",
  created: "created",
  "opportunity created": "created",
  "deal created": "created",
  status: "status",
};

function find(keys: string[], wanted: readonly string[]): number {
  for (const w of wanted) {
    const i = keys.indexOf(w);
    if (i >= 0) return i;
  }
  return -1;
}

/** Whether a table is a history file (rather than a deal file): it has a deal id and either field changes or stage snapshots with a date. */
export function describeHistoryTable(headers: readonly string[]): { ok: true; format: HistoryFormat; label: string } | { ok: false; message: string } {
  const keys = headers.map(headerKey);
  const hasKey = find(keys, ID_HEADERS) >= 0 || find(keys, NAME_HEADERS) >= 0;
  const hasAt = find(keys, AT_HEADERS) >= 0;
  if (!hasKey) return { ok: false, message: "The history file has no Opportunity ID (or deal id, or Opportunity Name) column to match its rows to deals." };
  if (!hasAt) return { ok: false, message: "The history file has no date column (Edit Date, Created Date, Last Modified or Changed At)." };
  if (find(keys, FIELD_HEADERS) >= 0 && find(keys, NEW_HEADERS) >= 0) {
    const label = keys.includes("changed at") ? "Cadence deal history export" : keys.includes("field event") || keys.includes("edit date") ? "Salesforce Opportunity Field History" : "field history";
    return { ok: true, format: "field-changes", label };
  }
  if (find(keys, STAGE_HEADERS) >= 0) {
    return { ok: true, format: "snapshots", label: keys.includes("stagename") ? "Salesforce OpportunityHistory export" : "Salesforce Opportunity History" };
  }
  return { ok: false, message: "The history file has neither Field / Old Value / New Value columns nor a Stage column: it is not a deal history." };
}

/**
 * Reads a history file. `dealKeys` are the ids of the deal file (or its names when it has no id column): rows for other
 * deals are reported, never guessed. The date order is inferred from the history's own dates unless one was chosen.
 */
export function parseHistoryTable(table: CsvTable, opts: { order: DateOrder; timeZone: string; matchBy: "id" | "name" }): HistoryParse {
  const described = describeHistoryTable(table.headers);
  if (!described.ok) return { format: "field-changes", label: "unreadable", events: [], errors: [{ line: 1, reason: described.message }], ignored: 0, matchBy: opts.matchBy, dateOrder: "none" };
  const keys = table.headers.map(headerKey);
  const idCol = find(keys, ID_HEADERS);
  const nameCol = find(keys, NAME_HEADERS);
  const keyCol = opts.matchBy === "id" && idCol >= 0 ? idCol : nameCol >= 0 ? nameCol : idCol;
  const matchBy: "id" | "name" = keyCol === idCol ? "id" : "name";
  const atCol = find(keys, AT_HEADERS);
  const authorCol = find(keys, AUTHOR_HEADERS);
  const cell = (cells: readonly string[], i: number) => (i >= 0 ? (cells[i] ?? "").trim().replace(/^'(?=[=+\-@\t\r])/, "") : "");

  const dateCols = described.format === "snapshots" ? [atCol, find(keys, CLOSE_HEADERS)] : [atCol];
  const evidence = inferDateOrder(table.rows.flatMap((r) => dateCols.filter((c) => c >= 0).map((c) => r.cells[c] ?? "")));
  const order: DateOrder = opts.order !== "auto" ? opts.order : evidence === "MDY" || evidence === "DMY" ? evidence : "auto";

  const events: HistoryEvent[] = [];
  const errors: HistoryParse["errors"] = [];
  let ignored = 0;
  const readAt = (cells: readonly string[], line: number): Date | null => {
    const v = parseDateValue(cell(cells, atCol), order, opts.timeZone);
    if (!v.ok) {
      errors.push({ line, reason: `Date: ${v.reason}` });
      return null;
    }
    return eventInstant(v.value, opts.timeZone);
  };

  if (described.format === "field-changes") {
    const fieldCol = find(keys, FIELD_HEADERS);
    const oldCol = find(keys, OLD_HEADERS);
    const newCol = find(keys, NEW_HEADERS);
    for (const { line, cells } of table.rows) {
      const dealKey = cell(cells, keyCol);
      if (!dealKey) {
        errors.push({ line, reason: "The deal id is empty." });
        continue;
      }
      const field = FIELD_NAMES[headerKey(cell(cells, fieldCol))];
      if (!field) {
        ignored++;
        continue;
      }
      const at = readAt(cells, line);
      if (!at) continue;
      const values = [cell(cells, oldCol), cell(cells, newCol)].map((raw): { ok: true; value: string | null } | { ok: false; reason: string } => {
        if (!raw || field === "created") return { ok: true, value: null };
        if (field === "stage") return { ok: true, value: stripPipeline(raw) };
        if (field === "amountMinor") return /^-?\d+$/.test(raw) ? { ok: true, value: raw } : { ok: false, reason: `"${raw}" is not an amount.` };
        if (field === "amount") {
          const a = parseAmount(raw);
          return a.ok ? { ok: true, value: a.value.toString() } : a;
        }
        if (field === "closeDate") {
          const d = parseDateValue(raw, order, opts.timeZone);
          return d.ok ? { ok: true, value: d.value.date } : d;
        }
        const s = parseStatus(raw);
        return s ? { ok: true, value: s } : { ok: false, reason: `"${raw}" is not open, won or lost.` };
      });
      const bad = values.find((v) => !v.ok);
      if (bad && !bad.ok) {
        errors.push({ line, reason: bad.reason });
        continue;
      }
      const [oldValue, newValue] = values.map((v) => (v.ok ? v.value : null));
      events.push({ dealKey, at, field: field === "amountMinor" ? "amount" : field, oldValue, newValue, line, author: cell(cells, authorCol) || null });
    }
  } else {
    // Snapshots: each row is the deal's stage, amount and close date from that instant on; consecutive rows differ in what changed.
    const stageCol = find(keys, STAGE_HEADERS);
    const amountCol = find(keys, AMOUNT_HEADERS);
    const closeCol = find(keys, CLOSE_HEADERS);
    const rows: { dealKey: string; at: Date; line: number; stage: string | null; amount: string | null; close: string | null; author: string | null }[] = [];
    for (const { line, cells } of table.rows) {
      const dealKey = cell(cells, keyCol);
      if (!dealKey) {
        errors.push({ line, reason: "The deal id is empty." });
        continue;
      }
      const at = readAt(cells, line);
      if (!at) continue;
      const rawAmount = cell(cells, amountCol);
      const amount = rawAmount ? parseAmount(rawAmount) : null;
      if (amount && !amount.ok) {
        errors.push({ line, reason: `Amount: ${amount.reason}` });
        continue;
      }
      const rawClose = cell(cells, closeCol);
      const close = rawClose ? parseDateValue(rawClose, order, opts.timeZone) : null;
      if (close && !close.ok) {
        errors.push({ line, reason: `Close date: ${close.reason}` });
        continue;
      }
      const stage = cell(cells, stageCol);
      rows.push({ dealKey, at, line, stage: stage ? stripPipeline(stage) : null, amount: amount?.ok ? amount.value.toString() : null, close: close?.ok ? close.value.date : null, author: cell(cells, authorCol) || null });
    }
    rows.sort((a, b) => (a.dealKey < b.dealKey ? -1 : a.dealKey > b.dealKey ? 1 : a.at.getTime() - b.at.getTime() || a.line - b.line));
    type Snapshot = (typeof rows)[number];
    const state: { prev: Snapshot | null } = { prev: null };
    for (const r of rows) {
      const first: boolean = !state.prev || state.prev.dealKey !== r.dealKey;
      const before: Snapshot | null = first ? null : state.prev;
      const push = (field: HistoryField, oldValue: string | null, newValue: string | null) => {
        if (newValue === null) return;
        if (!first && oldValue === newValue) return;
        events.push({ dealKey: r.dealKey, at: r.at, field, oldValue: first ? null : oldValue, newValue, line: r.line, author: r.author });
      };
      push("stage", before?.stage ?? null, r.stage);
      push("amount", before?.amount ?? null, r.amount);
      push("closeDate", before?.close ?? null, r.close);
      // A snapshot without a value keeps the previous one for the next comparison.
      state.prev = { ...r, stage: r.stage ?? before?.stage ?? null, amount: r.amount ?? before?.amount ?? null, close: r.close ?? before?.close ?? null };
    }
  }
  return { format: described.format, label: described.label, events, errors, ignored, matchBy, dateOrder: evidence };
}

/** A HubSpot "Date entered <stage>" column of a deal export: the stage it is about. */
export function dateEnteredStage(header: string): string | null {
  const internal = /^hs_(?:v2_)?date_entered_(.+)$/i.exec(header.trim());
  if (internal) return internal[1];
  const label = /^date entered\s+["'“”]?(.+?)["'“”]?\s*$/i.exec(header.trim());
  return label ? stripPipeline(label[1].trim()) : null;
}

/** The date-entered columns of a deal file, by column index. */
export function dateEnteredColumns(headers: readonly string[]): { index: number; stage: string }[] {
  return headers.flatMap((h, index) => {
    const stage = dateEnteredStage(h);
    return stage ? [{ index, stage }] : [];
  });
}

/** Stage events from the date-entered columns of one deal row (the earliest is the stage it was created in). */
export function dateEnteredEvents(
  dealKey: string,
  line: number,
  cells: readonly string[],
  columns: readonly { index: number; stage: string }[],
  order: DateOrder,
  timeZone: string,
): { events: HistoryEvent[]; errors: string[] } {
  const events: HistoryEvent[] = [];
  const errors: string[] = [];
  for (const c of columns) {
    const raw = (cells[c.index] ?? "").trim();
    if (!raw) continue;
    const v = parseDateValue(raw, order, timeZone);
    if (!v.ok) {
      errors.push(`Date entered ${c.stage}: ${v.reason}`);
      continue;
    }
    events.push({ dealKey, at: eventInstant(v.value, timeZone), field: "stage", oldValue: null, newValue: c.stage, line });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  // Entering a stage leaves the one before: chain the old values so that the rebuild reads moves, not snapshots.
  for (let i = 1; i < events.length; i++) events[i].oldValue = events[i - 1].newValue;
  return { events, errors };
}
