// Writes a users import in ONE transaction: new emails create users who cannot sign in yet, known emails update
// name, role and team; creations, role and team changes are audited as the admin screens audit them.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { UserImportRow } from "@/lib/import/validate-users";
import { newId, runCommit, type ChunkResult, type CommitOptions, type CommitResult, type Tx } from "@/lib/import/commit-runner";

/**
 * The password hash of an imported user: not a scrypt hash, so no password verifies against it (lib/auth/password.ts
 * refuses any other scheme). A file never carries passwords; the user can sign in once a password is set for them
 * (or through single sign-on, which matches by email).
 */
export const NO_PASSWORD_YET = "!import:no-password-set";

async function writeChunk(tx: Tx, chunk: readonly UserImportRow[], opts: CommitOptions): Promise<ChunkResult> {
  const allowAll = opts.allowedTeamIds === null;
  const allowed = new Set(opts.allowedTeamIds ?? []);
  // The validation's rule again, inside the write: a manager brings in reps of their own teams only.
  if (!allowAll && chunk.some((r) => r.role !== "REP" || !r.teamId || !allowed.has(r.teamId))) {
    throw new Error("IMPORT_SCOPE: a user in the file is not a rep of the importer's teams.");
  }
  const updates = chunk.filter((r) => r.id !== null);
  const inserts = chunk.filter((r) => r.id === null);
  const audits: Prisma.AuditLogCreateManyInput[] = [];
  const ids: string[] = [];
  const details = (extra: Record<string, string | null>) => ({ ...extra, source: "import", jobId: opts.jobId });

  if (updates.length) {
    // Audit against what the rows hold now (locked), not what the preview saw.
    const before = await tx.$queryRaw<{ id: string; role: Role; teamId: string | null }[]>`
      SELECT id, role, "teamId" FROM "User" WHERE id = ANY(${updates.map((r) => r.id)}::text[]) FOR UPDATE`;
    const beforeById = new Map(before.map((b) => [b.id, b]));
    const written = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "User" u SET name = v.name, role = v.role::"Role", "teamId" = v.team_id, "updatedAt" = now(),
        -- A new role ends the user's sessions, as on the admin screen (lib/auth/revoke.ts).
        "sessionVersion" = u."sessionVersion" + CASE WHEN u.role::text <> v.role THEN 1 ELSE 0 END
      FROM unnest(${updates.map((r) => r.id)}::text[], ${updates.map((r) => r.name)}::text[], ${updates.map((r) => r.role)}::text[],
                  ${updates.map((r) => r.teamId)}::text[]) AS v(id, name, role, team_id)
      WHERE u.id = v.id
        AND (${allowAll} OR (u.role = 'REP' AND u."teamId" = ANY(${[...allowed]}::text[])))
        -- Never demote the importing admin (deactivation is not something an import does at all).
        AND NOT (u.id = ${opts.actorId} AND u.role::text <> v.role)
      RETURNING u.id`;
    if (written.length !== updates.length) {
      throw new Error("IMPORT_SCOPE: a user in the file changed under the import or is outside the importer's teams.");
    }
    for (const r of updates) {
      const b = beforeById.get(r.id!)!;
      if (b.role !== r.role) audits.push({ action: "user.role_changed", actorId: opts.actorId, targetType: "User", targetId: r.id, details: details({ from: b.role, to: r.role }) });
      if (b.teamId !== r.teamId) audits.push({ action: "user.team_changed", actorId: opts.actorId, targetType: "User", targetId: r.id, details: details({ from: b.teamId, to: r.teamId }) });
      ids.push(r.id!);
    }
  }
  if (inserts.length) {
    const newIds = inserts.map(() => newId());
    await tx.$executeRaw`
      INSERT INTO "User" (id, email, name, role, "teamId", "passwordHash", active, "createdAt", "updatedAt")
      SELECT v.id, v.email, v.name, v.role::"Role", v.team_id, ${NO_PASSWORD_YET}, true, now(), now()
      FROM unnest(${newIds}::text[], ${inserts.map((r) => r.email)}::text[], ${inserts.map((r) => r.name)}::text[],
                  ${inserts.map((r) => r.role)}::text[], ${inserts.map((r) => r.teamId)}::text[]) AS v(id, email, name, role, team_id)`;
    inserts.forEach((r, i) =>
      audits.push({ action: "user.created", actorId: opts.actorId, targetType: "User", targetId: newIds[i], details: details({ email: r.email, role: r.role, teamId: r.teamId }) }),
    );
    ids.push(...newIds);
  }
  if (audits.length) await tx.auditLog.createMany({ data: audits });
  return { created: inserts.length, updated: updates.length, ids };
}

/** Commits every row or none. Throws on failure; the caller records it on the job. */
export async function commitUsers(rows: readonly UserImportRow[], opts: CommitOptions): Promise<CommitResult> {
  return runCommit("USERS", rows, opts, async (tx) => (chunk) => writeChunk(tx, chunk, opts), ["User"]);
}
