// Writes an accounts import in ONE transaction: rows matched to an account update it, the others create one.
import type { AccountImportRow } from "@/lib/import/validate-accounts";
import { newId, runCommit, type ChunkResult, type CommitOptions, type CommitResult, type Tx } from "@/lib/import/commit-runner";

/** Which optional columns the file has: a column the file lacks keeps what the account already holds. */
export interface AccountColumns {
  domain: boolean;
  industry: boolean;
  owner: boolean;
}

async function writeChunk(tx: Tx, chunk: readonly AccountImportRow[], columns: AccountColumns, opts: CommitOptions): Promise<ChunkResult> {
  const updates = chunk.filter((r) => r.id !== null);
  const inserts = chunk.filter((r) => r.id === null);
  const ids: string[] = [];
  if (updates.length) {
    const allowAll = opts.allowedTeamIds === null;
    const allowed = [...(opts.allowedTeamIds ?? [])];
    const written = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Account" a SET
        name = v.name,
        domain = CASE WHEN ${columns.domain} THEN v.domain ELSE a.domain END,
        industry = CASE WHEN ${columns.industry} THEN v.industry ELSE a.industry END,
        "ownerId" = CASE WHEN ${columns.owner} THEN v.owner_id ELSE a."ownerId" END,
        "externalId" = COALESCE(v.external_id, a."externalId")
      FROM unnest(${updates.map((r) => r.id)}::text[], ${updates.map((r) => r.name)}::text[], ${updates.map((r) => r.domain)}::text[],
                  ${updates.map((r) => r.industry)}::text[], ${updates.map((r) => r.ownerId)}::text[], ${updates.map((r) => r.externalId)}::text[])
           AS v(id, name, domain, industry, owner_id, external_id)
      WHERE a.id = v.id
        AND (${allowAll} OR a."ownerId" IN (SELECT id FROM "User" WHERE "teamId" = ANY(${allowed}::text[])))
      RETURNING a.id`;
    if (written.length !== updates.length) {
      // The validation already refused these rows; reaching here means the data changed under the import.
      throw new Error("IMPORT_SCOPE: an account in the file was deleted or belongs outside the importer's teams.");
    }
    ids.push(...written.map((w) => w.id));
  }
  if (inserts.length) {
    const newIds = inserts.map(() => newId());
    await tx.$executeRaw`
      INSERT INTO "Account" (id, name, domain, industry, "ownerId", "externalId", "createdAt")
      SELECT v.id, v.name, v.domain, v.industry, v.owner_id, v.external_id, now()
      FROM unnest(${newIds}::text[], ${inserts.map((r) => r.name)}::text[], ${inserts.map((r) => r.domain)}::text[],
                  ${inserts.map((r) => r.industry)}::text[], ${inserts.map((r) => r.ownerId)}::text[], ${inserts.map((r) => r.externalId)}::text[])
           AS v(id, name, domain, industry, owner_id, external_id)`;
    ids.push(...newIds);
  }
  return { created: inserts.length, updated: updates.length, ids };
}

/** Commits every row or none. Throws on failure; the caller records it on the job. */
export async function commitAccounts(rows: readonly AccountImportRow[], columns: AccountColumns, opts: CommitOptions): Promise<CommitResult> {
  return runCommit("ACCOUNTS", rows, opts, async (tx) => (chunk) => writeChunk(tx, chunk, columns, opts), ["Account"]);
}
