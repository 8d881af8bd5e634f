// Import jobs from upload to result: the uploaded file kept beside the job, the preview, and the background commit.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db";
import { audit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { applySavedMapping, guessMapping, headerSignature, missingRequired, type ColumnMapping } from "@/lib/import/columns";
import { decodeCsv, parseCsvTable, type CsvTable } from "@/lib/import/csv-file";
import { validateDeals, type DealValidation } from "@/lib/import/validate";
import { commitDeals } from "@/lib/import/commit-deals";
import type { DateOrder } from "@/lib/import/values";

export interface JobSettings {
  kind: ImportKind;
  mapping: ColumnMapping;
  stageMap: Record<string, string>;
  dateOrder: DateOrder;
  /** True once the user confirmed the mapping (the preview follows). */
  mapped: boolean;
}

// One folder per deployment: the file lives only between upload and commit (single-instance; see the report).
// (turbopackIgnore: the folder is outside the project; tracing it would pull the whole project into the build output.)
const DIR = process.env.CADENCE_IMPORT_DIR ?? path.join(/*turbopackIgnore: true*/ os.tmpdir(), "cadence-imports");
const filePath = (jobId: string, ext: string) => path.join(/*turbopackIgnore: true*/ DIR, `${jobId.replace(/[^A-Za-z0-9]/g, "")}.${ext}`);

/** Teams a manager may import into; null for admins (everything). */
export function importScope(actor: SessionUser): readonly string[] | null {
  return actor.role === "ADMIN" ? null : [...actor.managedTeamIds];
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
  const job = await prisma.importJob.create({
    data: { kind, fileName: fileName.slice(0, 200), totalRows: table.value.rows.length, createdById: actor.id },
    select: { id: true },
  });
  await mkdir(DIR, { recursive: true });
  await writeFile(filePath(job.id, "csv"), text.value, "utf8");
  await writeSettings(job.id, { kind, mapping, stageMap: {}, dateOrder: "auto", mapped: false });
  return { ok: true, jobId: job.id };
}

/** What a finished job keeps: the rejected rows and the first imported external ids (for the result list). */
export function jobDetails(errors: unknown): { rejected: { line: number; reason: string }[]; externalIds: string[] } {
  const e = (errors ?? {}) as { rejected?: { line: number; reason: string }[]; externalIds?: string[] };
  return { rejected: Array.isArray(e.rejected) ? e.rejected : [], externalIds: Array.isArray(e.externalIds) ? e.externalIds : [] };
}

export async function writeSettings(jobId: string, settings: JobSettings) {
  await writeFile(filePath(jobId, "json"), JSON.stringify(settings), "utf8");
}

export async function readSettings(jobId: string): Promise<JobSettings | null> {
  try {
    return JSON.parse(await readFile(filePath(jobId, "json"), "utf8")) as JobSettings;
  } catch {
    return null;
  }
}

export async function readTable(jobId: string): Promise<CsvTable | null> {
  try {
    const table = parseCsvTable(await readFile(filePath(jobId, "csv"), "utf8"));
    return table.ok ? table.value : null;
  } catch {
    return null;
  }
}

async function discardFiles(jobId: string) {
  await rm(filePath(jobId, "csv"), { force: true });
  await rm(filePath(jobId, "json"), { force: true });
}

/** The job, if this actor may see it: their own jobs; admins every job. */
export async function getImportJob(actor: SessionUser, jobId: string) {
  return prisma.importJob.findFirst({
    where: { id: jobId, ...(actor.role === "ADMIN" ? {} : { createdById: actor.id }) },
    select: { id: true, kind: true, status: true, fileName: true, totalRows: true, processed: true, created: true, updated: true, rejected: true, errors: true, startedAt: true, finishedAt: true },
  });
}

/** Validates the stored file with the job's mapping, against the stages, users and existing deals of the database. */
export async function previewDealImport(actor: SessionUser, table: CsvTable, settings: JobSettings): Promise<DealValidation> {
  const ownerIndex = settings.mapping.ownerEmail;
  const idIndex = settings.mapping.externalId;
  const emails = ownerIndex == null ? [] : [...new Set(table.rows.map((r) => (r.cells[ownerIndex] ?? "").trim().toLowerCase()).filter(Boolean))];
  const externalIds = idIndex == null ? [] : [...new Set(table.rows.map((r) => (r.cells[idIndex] ?? "").trim()).filter(Boolean))];
  const scope = importScope(actor);
  const [stages, owners, existing] = await Promise.all([
    prisma.pipelineStage.findMany({ select: { id: true, name: true, order: true }, orderBy: { order: "asc" } }),
    prisma.$queryRaw<{ id: string; email: string; teamId: string | null; active: boolean }[]>`
      SELECT id, email, "teamId", active FROM "User" WHERE lower(email) = ANY(${emails}::text[])`,
    scope === null
      ? Promise.resolve([])
      : prisma.$queryRaw<{ externalId: string; teamId: string | null }[]>`
          SELECT d."externalId", u."teamId" FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" WHERE d."externalId" = ANY(${externalIds}::text[])`,
  ]);
  return validateDeals(table, settings.mapping, {
    stages,
    owners,
    stageMap: settings.stageMap,
    dateOrder: settings.dateOrder,
    allowedTeamIds: scope,
    existingOwnerTeam: new Map(existing.map((e) => [e.externalId, e.teamId])),
  });
}

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
export async function startDealImport(actor: SessionUser, jobId: string, opts: StartOptions = {}): Promise<{ jobId: string; valid: number; rejected: number }> {
  const job = await getImportJob(actor, jobId);
  if (!job) throw new AppError("NOT_FOUND", "That import was not found.");
  if (job.status !== "PENDING") throw new AppError("CONFLICT", "This import has already been started.");
  const [settings, table] = await Promise.all([readSettings(jobId), readTable(jobId)]);
  if (!settings || !table) throw new AppError("CONFLICT", "The uploaded file is no longer available. Upload it again.");
  const missing = missingRequired(settings.kind, settings.mapping);
  if (missing.length) throw new AppError("INVALID", `Map a column to ${missing.map((m) => m.label).join(", ")} first.`);
  const validation = await previewDealImport(actor, table, settings);
  if (validation.refusedLines.length) {
    await audit({
      action: "authz.denied",
      actorId: actor.id,
      targetType: "ImportJob",
      targetId: jobId,
      details: { action: "import.deals", reason: "owner outside the importer's teams", rows: validation.refusedLines.length, lines: validation.refusedLines.slice(0, 100) },
    });
  }
  if (validation.valid.length === 0) throw new AppError("INVALID", "No row of this file is valid: nothing to import.");
  // Only one start wins, even with a double click: the status flips from PENDING exactly once.
  const claimed = await prisma.importJob.updateMany({
    where: { id: jobId, status: "PENDING" },
    data: { status: "RUNNING", totalRows: validation.valid.length, processed: 0, rejected: validation.errors.length, errors: { rejected: validation.errors.slice(0, 1000), externalIds: validation.valid.slice(0, 100).map((r) => r.externalId) } as unknown as object },
  });
  if (claimed.count !== 1) throw new AppError("CONFLICT", "This import has already been started.");
  await rememberMapping(prisma, actor.id, settings.kind, table.headers, settings.mapping);

  const run = commitDeals(validation.valid, {
    jobId,
    actorId: actor.id,
    allowedTeamIds: importScope(actor),
    failAfterRows: opts.failAfterRows,
    chunkSize: opts.chunkSize,
    onChunk: opts.onChunk,
  }).then(
    async (totals) => {
      await prisma.importJob.update({ where: { id: jobId }, data: { status: "COMMITTED", processed: validation.valid.length, ...totals, finishedAt: new Date() } });
      await discardFiles(jobId);
    },
    async (error: unknown) => {
      console.warn(`[import ${jobId}] rolled back: ${(error as Error).message}`);
      await prisma.importJob
        .update({ where: { id: jobId }, data: { status: "FAILED", processed: 0, finishedAt: new Date() } })
        .catch((e: Error) => console.warn(`[import ${jobId}] could not record the failure: ${e.message}`));
    },
  );
  if (opts.wait) await run;
  return { jobId, valid: validation.valid.length, rejected: validation.errors.length };
}
