// Import jobs from upload to result: the uploaded file and settings stored on the job row (so any app instance can
// serve the next step), the preview of each kind, and the background commit.
import { prisma } from "@/lib/db";
import { audit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { applySavedMapping, guessMapping, headerSignature, isColumnMapped, missingRequired, type ColumnMapping } from "@/lib/import/columns";
import { decodeCsv, parseCsvTable, type CsvTable } from "@/lib/import/csv-file";
import { unneutralise, validateDeals, type DealValidation, type RowError } from "@/lib/import/validate";
import { validateAccounts, type AccountValidation } from "@/lib/import/validate-accounts";
import { validateUsers, type UserValidation } from "@/lib/import/validate-users";
import { commitDeals } from "@/lib/import/commit-deals";
import { commitAccounts } from "@/lib/import/commit-accounts";
import { commitUsers } from "@/lib/import/commit-users";
import { commitLeads } from "@/lib/import/commit-leads";
import { validateLeads, type LeadValidation } from "@/lib/import/validate-leads";
import { todayIn } from "@/lib/data/organisation";
import type { CommitOptions, CommitResult } from "@/lib/import/commit-runner";
import type { DateOrder } from "@/lib/import/values";
import { loadOrganisation } from "@/lib/data/organisation";
import { dateEnteredColumns, dateEnteredEvents, describeHistoryTable, parseHistoryTable, type HistoryEvent } from "@/lib/import/history";

export interface JobSettings {
  kind: ImportKind;
  mapping: ColumnMapping;
  stageMap: Record<string, string>;
  dateOrder: DateOrder;
  /** True once the user confirmed the mapping (the preview follows). */
  mapped: boolean;
}

type Db = Pick<typeof prisma, "importJob">;

/** A pending upload is kept this long; after that its file text is dropped and it must be uploaded again. */
const PENDING_FILE_DAYS = 7;

/** Teams a manager may import into; null for admins (everything). */
export function importScope(actor: SessionUser): readonly string[] | null {
  return actor.role === "ADMIN" ? null : [...actor.managedTeamIds];
}

/** Adds (or replaces) the history file of a pending deal import, after the same checks as the deal file. */
export async function attachHistoryFile(actor: SessionUser, jobId: string, fileName: string, bytes: Uint8Array): Promise<{ ok: true } | { ok: false; message: string }> {
  const job = await getImportJob(actor, jobId);
  if (!job || job.status !== "PENDING") return { ok: false, message: "That import was not found or has already started." };
  if (job.kind !== "DEALS") return { ok: false, message: "Only a deal import takes a history file." };
  const text = decodeCsv(bytes);
  if (!text.ok) return text;
  const table = parseCsvTable(text.value);
  if (!table.ok) return table;
  if (table.value.rows.length === 0) return { ok: false, message: "The history file has a header row but no data rows." };
  const described = describeHistoryTable(table.value.headers);
  if (!described.ok) return described;
  await prisma.importJob.update({ where: { id: jobId }, data: { historyFileName: fileName.slice(0, 200), historyText: text.value } });
  return { ok: true };
}

/** Stores an uploaded file as a PENDING job, after the checks that need no database (encoding, delimiter, headers). */
export async function createImportJob(actor: SessionUser, kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<{ ok: true; jobId: string } | { ok: false; message: string }> {
  const text = decodeCsv(bytes);
  if (!text.ok) return text;
  const table = parseCsvTable(text.value);
  if (!table.ok) return table;
  if (table.value.rows.length === 0) return { ok: false, message: "The file has a header row but no data rows." };
  const saved = await prisma.importMapping.findUnique({
    where: { kind_signature: { kind, signature: headerSignature(table.value.headers) } },
    select: { mapping: true },
  });
  const mapping = applySavedMapping(kind, table.value.headers, saved?.mapping) ?? guessMapping(kind, table.value.headers);
  const settings: JobSettings = { kind, mapping, stageMap: {}, dateOrder: "auto", mapped: false };
  const job = await prisma.importJob.create({
    data: {
      kind,
      fileName: fileName.slice(0, 200),
      totalRows: table.value.rows.length,
      createdById: actor.id,
      fileText: text.value,
      settings: settings as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  // Uploads that were never imported do not keep their file forever.
  await prisma.importJob.updateMany({
    where: { status: "PENDING", fileText: { not: null }, startedAt: { lt: new Date(Date.now() - PENDING_FILE_DAYS * 86_400_000) } },
    data: { fileText: null, historyText: null },
  });
  return { ok: true, jobId: job.id };
}

/** What a finished job keeps: the rejected rows, the first external ids (deals) and the first record ids written. */
export function jobDetails(errors: unknown): { rejected: RowError[]; externalIds: string[]; ids: string[] } {
  const e = (errors ?? {}) as { rejected?: RowError[]; externalIds?: string[]; ids?: string[] };
  return {
    rejected: Array.isArray(e.rejected) ? e.rejected : [],
    externalIds: Array.isArray(e.externalIds) ? e.externalIds : [],
    ids: Array.isArray(e.ids) ? e.ids : [],
  };
}

export async function writeSettings(jobId: string, settings: JobSettings, db: Db = prisma) {
  await db.importJob.update({ where: { id: jobId }, data: { settings: settings as unknown as Prisma.InputJsonValue } });
}

export async function readSettings(jobId: string, db: Db = prisma): Promise<JobSettings | null> {
  const job = await db.importJob.findUnique({ where: { id: jobId }, select: { settings: true } });
  return (job?.settings as JobSettings | null | undefined) ?? null;
}

export async function readTable(jobId: string, db: Db = prisma): Promise<CsvTable | null> {
  const job = await db.importJob.findUnique({ where: { id: jobId }, select: { fileText: true } });
  if (!job?.fileText) return null;
  const table = parseCsvTable(job.fileText);
  return table.ok ? table.value : null;
}

/** The settings and the parsed file of a pending job, in one read; null when the file is gone. */
export async function readPendingJob(jobId: string, db: Db = prisma): Promise<{ settings: JobSettings; table: CsvTable; history: { fileName: string; table: CsvTable } | null } | null> {
  const job = await db.importJob.findUnique({ where: { id: jobId }, select: { settings: true, fileText: true, historyText: true, historyFileName: true } });
  if (!job?.fileText || !job.settings) return null;
  const table = parseCsvTable(job.fileText);
  const history = job.historyText ? parseCsvTable(job.historyText) : null;
  return table.ok
    ? { settings: job.settings as unknown as JobSettings, table: table.value, history: history?.ok ? { fileName: job.historyFileName ?? "history.csv", table: history.value } : null }
    : null;
}

/** The job, if this actor may see it: their own jobs; admins every job. */
export async function getImportJob(actor: SessionUser, jobId: string) {
  // An id from a URL: one that cannot be a job id (a NUL would fail in PostgreSQL) is simply not found.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(jobId)) return null;
  return prisma.importJob.findFirst({
    where: { id: jobId, ...(actor.role === "ADMIN" ? {} : { createdById: actor.id }) },
    select: { id: true, kind: true, status: true, fileName: true, totalRows: true, processed: true, created: true, updated: true, rejected: true, errors: true, startedAt: true, finishedAt: true },
  });
}

/** The distinct non-empty values of one mapped column (lower-cased when asked), for one bulk look-up. */
function columnValues(table: CsvTable, index: number | null | undefined, lower = false): string[] {
  if (index === null || index === undefined) return [];
  // Read as the validators read a cell, so that the look-up and the validation agree.
  const values = table.rows.map((r) => unneutralise((r.cells[index] ?? "").trim())).filter(Boolean);
  return [...new Set(lower ? values.map((v) => v.toLowerCase()) : values)];
}

/** What the preview says about the history: its file, its format, and its rows that found no deal or were unreadable. */
export interface HistorySummary {
  fileName: string | null;
  label: string | null;
  /** Rows of the deal file's own "Date entered <stage>" columns (HubSpot). */
  dateEnteredColumns: number;
  /** History rows placed on a deal of the file: rows of the history file, and filled date-entered cells. */
  rows: number;
  unmatched: number;
  ignored: number;
  errors: RowError[];
}

/**
 * The dated events of each deal: the history file's rows (matched by the deal's id, or by its name when the deal
 * file has no id column) and the deal file's "Date entered" columns.
 */
function collectHistory(table: CsvTable, settings: JobSettings, history: { fileName: string; table: CsvTable } | null, timeZone: string) {
  const byDeal = new Map<string, HistoryEvent[]>();
  const add = (e: HistoryEvent) => {
    const list = byDeal.get(e.dealKey);
    if (list) list.push(e);
    else byDeal.set(e.dealKey, [e]);
  };
  const keyedByName = settings.mapping.externalId === null || settings.mapping.externalId === undefined;
  const keyIndex = keyedByName ? settings.mapping.name : settings.mapping.externalId;
  const summary: HistorySummary = { fileName: history?.fileName ?? null, label: null, dateEnteredColumns: 0, rows: 0, unmatched: 0, ignored: 0, errors: [] };
  const entered = dateEnteredColumns(table.headers);
  summary.dateEnteredColumns = entered.length;
  const keys = new Set<string>();
  for (const r of table.rows) {
    const key = keyIndex === null || keyIndex === undefined ? "" : unneutralise((r.cells[keyIndex] ?? "").trim());
    if (!key) continue;
    keys.add(key);
    if (entered.length) {
      const { events, errors } = dateEnteredEvents(key, r.line, r.cells, entered, settings.dateOrder, timeZone);
      events.forEach(add);
      summary.rows += events.length;
      for (const reason of errors) summary.errors.push({ line: r.line, reason });
    }
  }
  let matchBy: "id" | "name" = keyedByName ? "name" : "id";
  if (history) {
    const parsed = parseHistoryTable(history.table, { order: settings.dateOrder, timeZone, matchBy });
    matchBy = parsed.matchBy;
    summary.label = parsed.label;
    summary.ignored = parsed.ignored;
    summary.errors.push(...parsed.errors);
    const matchedLines = new Set<number>();
    const unmatchedLines = new Set<number>();
    for (const e of parsed.events) {
      if (keys.has(e.dealKey)) {
        add(e);
        matchedLines.add(e.line);
      } else unmatchedLines.add(e.line);
    }
    summary.rows += matchedLines.size;
    summary.unmatched = unmatchedLines.size;
  }
  return { byDeal, matchBy, summary };
}

/** Validates the stored file with the job's mapping, against the stages, users and existing deals of the database. */
export async function previewDealImport(
  actor: SessionUser,
  table: CsvTable,
  settings: JobSettings,
  history: { fileName: string; table: CsvTable } | null = null,
): Promise<DealValidation & { history: HistorySummary }> {
  const emails = columnValues(table, settings.mapping.ownerEmail, true);
  const externalIds = columnValues(table, settings.mapping.externalId);
  const scope = importScope(actor);
  const [stages, owners, existing, org] = await Promise.all([
    prisma.pipelineStage.findMany({ select: { id: true, name: true, order: true, probability: true }, orderBy: { order: "asc" } }),
    prisma.$queryRaw<{ id: string; email: string; name: string; teamId: string | null; active: boolean }[]>`
      SELECT id, email, name, "teamId", active FROM "User" WHERE lower(email) = ANY(${emails}::text[]) OR lower(name) = ANY(${emails}::text[])`,
    scope === null
      ? Promise.resolve([])
      : prisma.$queryRaw<{ externalId: string; teamId: string | null }[]>`
          SELECT d."externalId", u."teamId" FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" WHERE d."externalId" = ANY(${externalIds}::text[])`,
    loadOrganisation(),
  ]);
  const collected = collectHistory(table, settings, history, org.timeZone);
  // The history's authors ("Edited By"): the users of the organisation with that email or name, in one query.
  const authorNames = [...new Set([...collected.byDeal.values()].flatMap((events) => events.flatMap((e) => (e.author ? [e.author.trim().toLowerCase().replace(/\s+/g, " ")] : []))))];
  const authors = authorNames.length
    ? await prisma.$queryRaw<{ id: string; email: string; name: string }[]>`
        SELECT id, email, name FROM "User" WHERE lower(email) = ANY(${authorNames}::text[]) OR lower(regexp_replace(trim(name), '[[:space:]]+', ' ', 'g')) = ANY(${authorNames}::text[])`
    : [];
  const validation = validateDeals(table, settings.mapping, {
    stages,
    owners,
    stageMap: settings.stageMap,
    dateOrder: settings.dateOrder,
    allowedTeamIds: scope,
    existingOwnerTeam: new Map(existing.map((e) => [e.externalId, e.teamId])),
    timeZone: org.timeZone,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    history: collected.byDeal,
    historyMatchBy: collected.matchBy,
    authors,
  });
  return { ...validation, history: collected.summary };
}

/** Validates an accounts file against the owners it names and the accounts its external ids and names match. */
export async function previewAccountImport(actor: SessionUser, table: CsvTable, settings: JobSettings): Promise<AccountValidation> {
  const emails = columnValues(table, settings.mapping.ownerEmail, true);
  const externalIds = columnValues(table, settings.mapping.externalId);
  const names = columnValues(table, settings.mapping.name, true);
  const [owners, existing] = await Promise.all([
    prisma.$queryRaw<{ id: string; email: string; teamId: string | null; active: boolean }[]>`
      SELECT id, email, "teamId", active FROM "User" WHERE lower(email) = ANY(${emails}::text[])`,
    prisma.$queryRaw<{ id: string; name: string; externalId: string | null; ownerTeamId: string | null }[]>`
      SELECT a.id, a.name, a."externalId", u."teamId" AS "ownerTeamId"
      FROM "Account" a LEFT JOIN "User" u ON u.id = a."ownerId"
      WHERE a."externalId" = ANY(${externalIds}::text[]) OR lower(a.name) = ANY(${names}::text[])`,
  ]);
  return validateAccounts(table, settings.mapping, { owners, existing, allowedTeamIds: importScope(actor) });
}

/** Validates a users file against the users its emails name, the active teams and the managers it names. */
export async function previewUserImport(actor: SessionUser, table: CsvTable, settings: JobSettings): Promise<UserValidation> {
  const emails = columnValues(table, settings.mapping.email, true);
  const managerEmails = columnValues(table, settings.mapping.managerEmail, true);
  const [existing, teams, managers] = await Promise.all([
    prisma.$queryRaw<{ id: string; email: string; name: string; role: "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN"; teamId: string | null }[]>`
      SELECT id, email, name, role::text AS role, "teamId" FROM "User" WHERE lower(email) = ANY(${emails}::text[])`,
    prisma.team.findMany({ where: { archivedAt: null }, select: { id: true, name: true } }),
    prisma.$queryRaw<{ email: string; active: boolean; managedTeamIds: string[] }[]>`
      SELECT u.email, u.active, COALESCE(array_agg(tm."teamId") FILTER (WHERE tm."teamId" IS NOT NULL), '{}') AS "managedTeamIds"
      FROM "User" u LEFT JOIN "TeamManager" tm ON tm."userId" = u.id
      WHERE lower(u.email) = ANY(${managerEmails}::text[])
      GROUP BY u.id`,
  ]);
  return validateUsers(table, settings.mapping, { actorId: actor.id, allowedTeamIds: importScope(actor), existing, teams, managers });
}

/** Validates a leads file against the owners it names and the leads its emails match. */
export async function previewLeadImport(actor: SessionUser, table: CsvTable, settings: JobSettings): Promise<LeadValidation> {
  const owners = columnValues(table, settings.mapping.ownerEmail, true);
  const emails = columnValues(table, settings.mapping.email, true);
  const [users, existing, org] = await Promise.all([
    prisma.$queryRaw<{ id: string; email: string; name: string; teamId: string | null; active: boolean }[]>`
      SELECT id, email, name, "teamId", active FROM "User" WHERE lower(email) = ANY(${owners}::text[]) OR lower(name) = ANY(${owners}::text[])`,
    prisma.$queryRaw<{ id: string; email: string; ownerTeamId: string | null }[]>`
      SELECT DISTINCT ON (lower(l.email)) l.id, lower(l.email) AS email, u."teamId" AS "ownerTeamId"
      FROM "Lead" l JOIN "User" u ON u.id = l."ownerId" WHERE lower(l.email) = ANY(${emails}::text[]) ORDER BY lower(l.email), l."createdAt"`,
    loadOrganisation(),
  ]);
  return validateLeads(table, settings.mapping, {
    owners: users,
    existing,
    allowedTeamIds: importScope(actor),
    dateOrder: settings.dateOrder,
    timeZone: org.timeZone,
    today: todayIn(org),
  });
}

export type ImportPreview =
  | { kind: "DEALS"; validation: DealValidation & { history: HistorySummary } }
  | { kind: "ACCOUNTS"; validation: AccountValidation }
  | { kind: "USERS"; validation: UserValidation }
  | { kind: "LEADS"; validation: LeadValidation };

/** The preview of any kind: the same steps, the kind's own rules. */
export async function previewImport(actor: SessionUser, table: CsvTable, settings: JobSettings, history: { fileName: string; table: CsvTable } | null = null): Promise<ImportPreview> {
  switch (settings.kind) {
    case "DEALS":
      return { kind: "DEALS", validation: await previewDealImport(actor, table, settings, history) };
    case "ACCOUNTS":
      return { kind: "ACCOUNTS", validation: await previewAccountImport(actor, table, settings) };
    case "USERS":
      return { kind: "USERS", validation: await previewUserImport(actor, table, settings) };
    case "LEADS":
      return { kind: "LEADS", validation: await previewLeadImport(actor, table, settings) };
  }
}

function commitPreview(preview: ImportPreview, settings: JobSettings, opts: CommitOptions): Promise<CommitResult> {
  switch (preview.kind) {
    case "DEALS":
      return commitDeals(preview.validation.valid, opts);
    case "ACCOUNTS":
      return commitAccounts(
        preview.validation.valid,
        {
          domain: isColumnMapped(settings.mapping, "domain"),
          industry: isColumnMapped(settings.mapping, "industry"),
          owner: isColumnMapped(settings.mapping, "ownerEmail"),
        },
        opts,
      );
    case "USERS":
      return commitUsers(preview.validation.valid, opts);
    case "LEADS":
      return commitLeads(preview.validation.valid, opts);
  }
}

const REFUSAL_REASON: Record<ImportKind, string> = {
  DEALS: "owner outside the importer's teams",
  ACCOUNTS: "owner or account outside the importer's teams",
  USERS: "user, role or team outside the importer's teams",
  LEADS: "lead owner outside the importer's teams",
};

/** Remembers the mapping for the next file with the same headers. */
export async function rememberMapping(db: Pick<typeof prisma, "importMapping">, actorId: string, kind: ImportKind, headers: readonly string[], mapping: ColumnMapping) {
  const signature = headerSignature(headers);
  await db.importMapping.upsert({
    where: { kind_signature: { kind, signature } },
    create: { kind, signature, mapping, createdById: actorId },
    update: { mapping, createdById: actorId },
  });
}

export interface StartOptions {
  /** Wait for the commit instead of running it in the background (tests). */
  wait?: boolean;
  failAfterRows?: number;
  chunkSize?: number;
  onChunk?: (processed: number) => Promise<void> | void;
}

/**
 * Validates again (the database may have changed since the preview), audits refused rows, marks the job RUNNING
 * and commits in the background: the request returns at once and the page polls the job's progress.
 */
export async function startImportJob(actor: SessionUser, jobId: string, opts: StartOptions = {}): Promise<{ jobId: string; valid: number; rejected: number }> {
  const job = await getImportJob(actor, jobId);
  if (!job) throw new AppError("NOT_FOUND", "That import was not found.");
  if (job.status !== "PENDING") throw new AppError("CONFLICT", "This import has already been started.");
  const pending = await readPendingJob(jobId);
  if (!pending) throw new AppError("CONFLICT", "The uploaded file is no longer available. Upload it again.");
  const { settings, table, history } = pending;
  const missing = missingRequired(settings.kind, settings.mapping);
  if (missing.length) throw new AppError("INVALID", `Map a column to ${missing.map((m) => m.label).join(", ")} first.`);
  const preview = await previewImport(actor, table, settings, history);
  const validation = preview.validation;
  if (validation.refusedLines.length) {
    await audit({
      action: "authz.denied",
      actorId: actor.id,
      targetType: "ImportJob",
      targetId: jobId,
      details: {
        action: `import.${settings.kind.toLowerCase()}`,
        reason: REFUSAL_REASON[settings.kind],
        rows: validation.refusedLines.length,
        lines: validation.refusedLines.slice(0, 100),
      },
    });
  }
  if (validation.valid.length === 0) throw new AppError("INVALID", "No row of this file is valid: nothing to import.");
  const details = {
    rejected: validation.errors.slice(0, 1000),
    externalIds: preview.kind === "DEALS" ? preview.validation.valid.slice(0, 100).map((r) => r.externalId) : [],
  };
  // Only one start wins, even with a double click: the status flips from PENDING exactly once.
  const claimed = await prisma.importJob.updateMany({
    where: { id: jobId, status: "PENDING" },
    data: { status: "RUNNING", totalRows: validation.valid.length, processed: 0, rejected: validation.errors.length, errors: details as unknown as Prisma.InputJsonValue },
  });
  if (claimed.count !== 1) throw new AppError("CONFLICT", "This import has already been started.");
  await rememberMapping(prisma, actor.id, settings.kind, table.headers, settings.mapping);

  const run = commitPreview(preview, settings, {
    jobId,
    actorId: actor.id,
    allowedTeamIds: importScope(actor),
    failAfterRows: opts.failAfterRows,
    chunkSize: opts.chunkSize,
    onChunk: opts.onChunk,
  }).then(
    async ({ created, updated, ids }) => {
      await prisma.importJob.update({
        where: { id: jobId },
        data: { status: "COMMITTED", processed: validation.valid.length, created, updated, finishedAt: new Date(), fileText: null, historyText: null, errors: { ...details, ids } as unknown as Prisma.InputJsonValue },
      });
    },
    async (error: unknown) => {
      console.warn(`[import ${jobId}] rolled back: ${(error as Error).message}`);
      await prisma.importJob
        .update({ where: { id: jobId }, data: { status: "FAILED", processed: 0, finishedAt: new Date(), fileText: null, historyText: null } })
        .catch((e: Error) => console.warn(`[import ${jobId}] could not record the failure: ${e.message}`));
    },
  );
  if (opts.wait) await run;
  return { jobId, valid: validation.valid.length, rejected: validation.errors.length };
}

/** The deal import's former name, kept for its callers: every kind goes through startImportJob. */
export const startDealImport = startImportJob;
