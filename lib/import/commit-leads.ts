// Writes a leads import in ONE transaction: rows matched to a lead (same email) update it, the others create one.
import type { LeadImportRow } from "@/lib/import/validate-leads";
import { newId, runCommit, type ChunkResult, type CommitOptions, type CommitResult, type Tx } from "@/lib/import/commit-runner";

async function writeChunk(tx: Tx, chunk: readonly LeadImportRow[], opts: CommitOptions): Promise<ChunkResult> {
  const ids = chunk.map((r) => r.id ?? newId());
  const allowAll = opts.allowedTeamIds === null;
  const allowed = [...(opts.allowedTeamIds ?? [])];
  const col = <T,>(f: (r: LeadImportRow) => T) => chunk.map(f);
  // Disqualified and converted leads keep the instant the CRM knows (their creation) rather than the import's.
  const written = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
    INSERT INTO "Lead" (id, "ownerId", name, company, email, source, status, "disqualifiedReason", "disqualifiedAt", "convertedAt",
                        "icpQualified", "createdOn", "createdAt", "updatedAt")
    SELECT v.id, v.owner_id, v.name, v.company, v.email, v.source, v.status::"LeadStatus", v.reason,
           CASE WHEN v.status = 'DISQUALIFIED' THEN coalesce(v.created_at::timestamptz, now()) END,
           CASE WHEN v.status = 'CONVERTED' THEN coalesce(v.created_at::timestamptz, now()) END,
           v.icp::boolean, v.created_on::date, coalesce(v.created_at::timestamptz, now()), now()
    FROM unnest(${ids}::text[], ${col((r) => r.ownerId)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.company)}::text[],
                ${col((r) => r.email)}::text[], ${col((r) => r.source)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.disqualifiedReason)}::text[],
                ${col((r) => String(r.icpQualified))}::text[], ${col((r) => r.createdOn)}::text[], ${col((r) => r.createdAt?.toISOString() ?? null)}::text[])
         AS v(id, owner_id, name, company, email, source, status, reason, icp, created_on, created_at)
    ON CONFLICT (id) DO UPDATE SET
      "ownerId" = EXCLUDED."ownerId", name = EXCLUDED.name, company = EXCLUDED.company, email = EXCLUDED.email,
      source = EXCLUDED.source, status = EXCLUDED.status, "disqualifiedReason" = EXCLUDED."disqualifiedReason",
      "disqualifiedAt" = CASE WHEN EXCLUDED.status = 'DISQUALIFIED' THEN coalesce("Lead"."disqualifiedAt", EXCLUDED."disqualifiedAt") END,
      "convertedAt" = CASE WHEN EXCLUDED.status = 'CONVERTED' THEN coalesce("Lead"."convertedAt", EXCLUDED."convertedAt") END,
      "icpQualified" = EXCLUDED."icpQualified", "createdOn" = EXCLUDED."createdOn", "updatedAt" = now(), version = "Lead".version + 1
    WHERE ${allowAll} OR "Lead"."ownerId" IN (SELECT id FROM "User" WHERE "teamId" = ANY(${allowed}::text[]))
    RETURNING id, (xmax = 0) AS inserted`;
  if (written.length !== chunk.length) throw new Error("IMPORT_SCOPE: a lead in the file belongs to a team outside the importer's teams.");
  const created = written.filter((w) => w.inserted).length;
  return { created, updated: written.length - created, ids: written.map((w) => w.id) };
}

/** Commits every row or none. Throws on failure; the caller records it on the job. */
export function commitLeads(rows: readonly LeadImportRow[], opts: CommitOptions): Promise<CommitResult> {
  return runCommit("LEADS", rows, opts, async (tx) => (chunk) => writeChunk(tx, chunk, opts), ["Lead", "QuarterlyLeadRollup"]);
}
