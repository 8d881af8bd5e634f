// Writes an import's valid deal rows in ONE transaction (all or nothing), upserting by external id in chunks,
// with the history of every creation and change recorded as IMPORT. A new deal gets the history the file and its history
// file rebuild (lib/import/rebuild-history.ts) at its real instants, in bulk; an updated deal's changes are dated at the
// import. Progress is written outside the transaction.
import { dateOnly } from "@/lib/domain/calendar";
import type { DealImportRow } from "@/lib/import/validate";
import { newId, runCommit, type CommitOptions, type CommitResult, type Tx } from "@/lib/import/commit-runner";

export type { CommitOptions, CommitResult } from "@/lib/import/commit-runner";

interface ExistingDeal {
  id: string;
  externalId: string;
  stageId: string;
  status: string;
  amountMinor: bigint;
  closeDate: Date;
  ownerId: string;
  name: string;
  nextStep: string | null;
  nextStepDate: Date | null;
  accountId: string | null;
  pausedUntil: Date | null;
}

/** Finds or creates the accounts the rows name (by name, case-insensitive), in bulk. */
async function resolveAccounts(tx: Tx, rows: readonly DealImportRow[], ownerByName: Map<string, string>): Promise<Map<string, string>> {
  const names = [...new Set(rows.map((r) => r.accountName).filter((n): n is string => !!n))];
  const byName = new Map<string, string>();
  if (names.length === 0) return byName;
  const lower = names.map((n) => n.toLowerCase());
  const existing = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT DISTINCT ON (lower(name)) id, name FROM "Account" WHERE lower(name) = ANY(${lower}::text[]) ORDER BY lower(name), "createdAt"`;
  for (const a of existing) byName.set(a.name.toLowerCase(), a.id);
  const missing = names.filter((n) => !byName.has(n.toLowerCase()));
  const seen = new Set<string>();
  const ids: string[] = [];
  const newNames: string[] = [];
  const owners: (string | null)[] = [];
  for (const n of missing) {
    if (seen.has(n.toLowerCase())) continue;
    seen.add(n.toLowerCase());
    const id = newId();
    ids.push(id);
    newNames.push(n);
    owners.push(ownerByName.get(n) ?? null);
    byName.set(n.toLowerCase(), id);
  }
  if (ids.length) {
    await tx.$executeRaw`
      INSERT INTO "Account" (id, name, "ownerId")
      SELECT * FROM unnest(${ids}::text[], ${newNames}::text[], ${owners}::text[])`;
  }
  return byName;
}

async function writeChunk(tx: Tx, chunk: readonly DealImportRow[], accounts: Map<string, string>, opts: CommitOptions) {
  const externalIds = chunk.map((r) => r.externalId);
  const existing = await tx.$queryRaw<ExistingDeal[]>`
    SELECT id, "externalId", "stageId", status::text AS status, "amountMinor", "closeDate", "ownerId", name, "nextStep", "nextStepDate", "accountId", "pausedUntil"
    FROM "Deal" WHERE "externalId" = ANY(${externalIds}::text[])`;
  const before = new Map(existing.map((d) => [d.externalId, d]));

  const ids = chunk.map((r) => before.get(r.externalId)?.id ?? newId());
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const accountIds = chunk.map((r) => (r.accountName ? (accounts.get(r.accountName.toLowerCase()) ?? null) : null));
  const allowAll = opts.allowedTeamIds === null;
  const allowed = [...(opts.allowedTeamIds ?? [])];
  // Every row of a file has the same columns: with a Paused Until column the file's pause replaces the stored one.
  const pauseMapped = chunk.some((r) => r.pause !== null);
  const written = await tx.$queryRaw<{ id: string; externalId: string; inserted: boolean }[]>`
    INSERT INTO "Deal" (id, name, "accountId", "ownerId", "stageId", status, "amountMinor", "closeDate", "nextStep", "nextStepDate",
                        "externalId", qualified, "closedAt", "createdAt", "lastMovedAt", "lastTouchedAt", "updatedAt",
                        "firstContactDate", "lostReason", "pushCount", "pausedUntil", "pauseReason")
    SELECT u.id, u.name, u.account_id, u.owner_id, u.stage_id, u.status::"DealStatus", u.amount::bigint, u.close_date::date,
           u.next_step, u.next_step_date::date, u.external_id, s."isQualified",
           CASE WHEN u.status = 'OPEN' THEN NULL ELSE coalesce(u.closed_at::timestamptz, now()) END,
           coalesce(u.created_at::timestamptz, now()), coalesce(u.moved_at::timestamptz, now()), coalesce(u.touched_at::timestamptz, now()), now(),
           u.first_contact::date, u.lost_reason, u.push_count::int, u.paused_until::date, u.pause_reason
    FROM unnest(${ids}::text[], ${chunk.map((r) => r.name)}::text[], ${accountIds}::text[], ${chunk.map((r) => r.ownerId)}::text[],
                ${chunk.map((r) => r.rebuilt.stageId)}::text[], ${chunk.map((r) => r.status)}::text[], ${chunk.map((r) => r.amountMinor.toString())}::text[],
                ${chunk.map((r) => r.closeDate)}::text[], ${chunk.map((r) => r.nextStep)}::text[], ${chunk.map((r) => r.nextStepDate)}::text[],
                ${externalIds}::text[], ${chunk.map((r) => iso(r.rebuilt.closedAt))}::text[], ${chunk.map((r) => iso(r.rebuilt.createdAt))}::text[],
                ${chunk.map((r) => iso(r.rebuilt.lastMovedAt))}::text[], ${chunk.map((r) => iso(r.rebuilt.lastTouchedAt))}::text[],
                ${chunk.map((r) => r.firstContactDate)}::text[], ${chunk.map((r) => r.lostReason)}::text[], ${chunk.map((r) => String(r.rebuilt.pushCount))}::text[],
                ${chunk.map((r) => r.pause?.until ?? null)}::text[], ${chunk.map((r) => r.pause?.reason ?? null)}::text[])
         AS u(id, name, account_id, owner_id, stage_id, status, amount, close_date, next_step, next_step_date, external_id,
              closed_at, created_at, moved_at, touched_at, first_contact, lost_reason, push_count, paused_until, pause_reason)
    JOIN "PipelineStage" s ON s.id = u.stage_id
    ON CONFLICT ("externalId") DO UPDATE SET
      name = EXCLUDED.name,
      "accountId" = COALESCE(EXCLUDED."accountId", "Deal"."accountId"),
      "ownerId" = EXCLUDED."ownerId",
      "stageId" = EXCLUDED."stageId",
      status = EXCLUDED.status,
      "amountMinor" = EXCLUDED."amountMinor",
      "closeDate" = EXCLUDED."closeDate",
      "nextStep" = EXCLUDED."nextStep",
      "nextStepDate" = EXCLUDED."nextStepDate",
      "firstContactDate" = coalesce(EXCLUDED."firstContactDate", "Deal"."firstContactDate"),
      "lostReason" = coalesce(EXCLUDED."lostReason", "Deal"."lostReason"),
      "pausedUntil" = CASE WHEN ${pauseMapped} THEN EXCLUDED."pausedUntil" ELSE "Deal"."pausedUntil" END,
      "pauseReason" = CASE WHEN ${pauseMapped} THEN EXCLUDED."pauseReason" ELSE "Deal"."pauseReason" END,
      -- A stage or status change is movement (the stale clock restarts); other edits only touch the deal.
      "lastMovedAt" = CASE WHEN "Deal"."stageId" IS DISTINCT FROM EXCLUDED."stageId" OR "Deal".status IS DISTINCT FROM EXCLUDED.status
                           THEN now() ELSE "Deal"."lastMovedAt" END,
      "closedAt" = CASE WHEN EXCLUDED.status = 'OPEN' THEN NULL
                        WHEN "Deal".status = EXCLUDED.status THEN "Deal"."closedAt" ELSE EXCLUDED."closedAt" END,
      "lastTouchedAt" = now(),
      "updatedAt" = now(),
      version = "Deal".version + 1
    WHERE ${allowAll} OR "Deal"."ownerId" IN (SELECT id FROM "User" WHERE "teamId" = ANY(${allowed}::text[]))
    RETURNING id, "externalId", (xmax = 0) AS inserted`;
  if (written.length !== chunk.length) {
    // The validation already refused these rows; reaching here means the data changed under the import.
    throw new Error("IMPORT_SCOPE: a deal in the file belongs to a team outside the importer's teams.");
  }

  const change = {
    dealId: [] as string[],
    at: [] as (string | null)[],
    field: [] as string[],
    oldValue: [] as (string | null)[],
    newValue: [] as (string | null)[],
    reason: [] as (string | null)[],
    actorId: [] as (string | null)[],
    actorName: [] as (string | null)[],
  };
  type Extra = { at?: Date | null; reason?: string | null; actorId?: string | null; actorName?: string | null };
  // Without a resolved author the change is the import's own, by the importing user.
  const push = (dealId: string, field: string, oldValue: string | null, newValue: string | null, extra: Extra = {}) => {
    change.dealId.push(dealId);
    change.at.push(iso(extra.at ?? null));
    change.field.push(field);
    change.oldValue.push(oldValue);
    change.newValue.push(newValue);
    change.reason.push(extra.reason ?? null);
    change.actorId.push(extra.actorId === undefined ? opts.actorId : extra.actorId);
    change.actorName.push(extra.actorName ?? null);
  };
  let created = 0;
  let updated = 0;
  const rowByExternal = new Map(chunk.map((r) => [r.externalId, r]));
  for (const w of written) {
    const row = rowByExternal.get(w.externalId)!;
    const old = before.get(w.externalId);
    if (w.inserted || !old) {
      created++;
      for (const c of row.rebuilt.changes) push(w.id, c.field, c.oldValue, c.newValue, { at: c.at, actorId: c.actorId, actorName: c.actorName });
      if (row.pause?.until) push(w.id, "pausedUntil", null, row.pause.until, { reason: row.pause.reason });
      continue;
    }
    updated++;
    const pairs: [string, string | null, string | null][] = [
      ["name", old.name, row.name],
      ["ownerId", old.ownerId, row.ownerId],
      ["stageId", old.stageId, row.rebuilt.stageId],
      ["status", old.status, row.status],
      ["amountMinor", old.amountMinor.toString(), row.amountMinor.toString()],
      ["closeDate", dateOnly(old.closeDate), row.closeDate],
      ["nextStep", old.nextStep, row.nextStep],
      ["nextStepDate", old.nextStepDate ? dateOnly(old.nextStepDate) : null, row.nextStepDate],
    ];
    for (const [field, a, b] of pairs) if (a !== b) push(w.id, field, a, b);
    const oldPause = old.pausedUntil ? dateOnly(old.pausedUntil) : null;
    if (row.pause && row.pause.until !== oldPause) push(w.id, "pausedUntil", oldPause, row.pause.until, { reason: row.pause.until ? row.pause.reason : "Resumed" });
  }
  if (change.dealId.length) {
    await tx.$executeRaw`
      INSERT INTO "DealChange" ("dealId", "actorId", "actorName", at, field, "oldValue", "newValue", reason, source)
      SELECT d, u, un, coalesce(a::timestamptz, now()), f, o, n, r, 'IMPORT'::"ChangeSource"
      FROM unnest(${change.dealId}::text[], ${change.actorId}::text[], ${change.actorName}::text[], ${change.at}::text[], ${change.field}::text[],
                  ${change.oldValue}::text[], ${change.newValue}::text[], ${change.reason}::text[])
        WITH ORDINALITY AS c(d, u, un, a, f, o, n, r, i)
      ORDER BY i`;
  }
  return { created, updated, ids: written.map((w) => w.id) };
}

/** Commits every row or none. Throws on failure; the caller records it on the job. */
export async function commitDeals(rows: readonly DealImportRow[], opts: CommitOptions): Promise<CommitResult> {
  const ownerByAccount = new Map<string, string>();
  for (const r of rows) if (r.accountName && !ownerByAccount.has(r.accountName)) ownerByAccount.set(r.accountName, r.ownerId);
  return runCommit(
    "DEALS",
    rows,
    opts,
    async (tx) => {
      const accounts = await resolveAccounts(tx, rows, ownerByAccount);
      return (chunk) => writeChunk(tx, chunk, accounts, opts);
    },
    ["Deal", "DealChange", "Account", "QuarterlyDealFact", "QuarterlyDealCreated", "QuarterlyStageVisit"],
  );
}
