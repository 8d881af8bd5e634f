// The commit every import kind shares: one transaction (all or nothing), rows written in chunks, progress written
// through another connection so the page sees it while the transaction is open, and the result audited.
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import { audit } from "@/lib/audit";
import type { ImportKind } from "@/lib/generated/prisma/enums";

export type { Tx };

export interface CommitOptions {
  jobId: string;
  actorId: string;
  /** Teams whose records may be overwritten; null for admins. Repeats the validation's rule inside the write. */
  allowedTeamIds: readonly string[] | null;
  chunkSize?: number;
  /** Test hook: throw once this many rows were written, to prove that nothing stays. */
  failAfterRows?: number;
  /** Test hook: called after each chunk with the rows written so far (inside the transaction). */
  onChunk?: (processed: number) => Promise<void> | void;
}

export interface ChunkResult {
  created: number;
  updated: number;
  /** Ids of the records written, for the result page (only the first hundred are kept). */
  ids: string[];
}

export type CommitResult = ChunkResult;

/** Ids for rows inserted in bulk by SQL (Prisma's cuid default applies only to its own inserts). */
export const newId = () => `imp${randomUUID().replace(/-/g, "").slice(0, 22)}`;

const KEPT_IDS = 100;

/**
 * Commits every row or none. `begin` runs first inside the transaction (bulk look-ups) and returns the chunk writer.
 * Throws on failure; the caller records it on the job.
 *
 * `analyze`: the tables the import grows, analyzed inside the transaction after every chunk. An outside ANALYZE
 * (autovacuum, after an earlier import was rolled back, say) cannot see this open transaction's rows and records those
 * tables as empty; every later chunk was then planned for empty tables and took seconds more than the one before
 * (20,000 rows: 4 minutes instead of 8 s). The in-transaction ANALYZE counts the rows written so far.
 */
export async function runCommit<R>(
  kind: ImportKind,
  rows: readonly R[],
  opts: CommitOptions,
  begin: (tx: Tx) => Promise<(chunk: readonly R[]) => Promise<ChunkResult>>,
  analyze: readonly string[] = [],
): Promise<CommitResult> {
  const chunkSize = opts.chunkSize ?? 2_000;
  const totals: CommitResult = { created: 0, updated: 0, ids: [] };
  await prisma.$transaction(
    async (tx) => {
      const write = await begin(tx);
      for (let i = 0; i < rows.length; i += chunkSize) {
        const r = await write(rows.slice(i, i + chunkSize));
        totals.created += r.created;
        totals.updated += r.updated;
        if (totals.ids.length < KEPT_IDS) totals.ids.push(...r.ids.slice(0, KEPT_IDS - totals.ids.length));
        const processed = Math.min(i + chunkSize, rows.length);
        if (opts.failAfterRows !== undefined && processed >= opts.failAfterRows) {
          throw new Error(`IMPORT_INJECTED_FAILURE at row ${processed}`);
        }
        if (analyze.length) await tx.$executeRawUnsafe(`ANALYZE ${analyze.map((t) => `"${t}"`).join(", ")}`);
        await prisma.importJob.update({ where: { id: opts.jobId }, data: { processed } });
        await opts.onChunk?.(processed);
      }
      await audit(
        {
          action: "import.committed",
          actorId: opts.actorId,
          targetType: "ImportJob",
          targetId: opts.jobId,
          details: { kind, created: totals.created, updated: totals.updated },
        },
        tx,
      );
    },
    { timeout: 15 * 60_000, maxWait: 10_000 },
  );
  return totals;
}
