// The SQL twin of lib/domain/as-of.ts: each deal's state at given instants, rolled back from "Deal" through
// "DealChange" inside PostgreSQL, so a pipeline "as of T" is aggregated in SQL at any size. Every consumer (the
// quarterly velocity, the pipeline flow) builds on `dealsAsOfSql`; tests prove it equal to the pure function.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AS_OF_FIELDS, type AsOfField, type AsOfStatus } from "@/lib/domain/as-of";

/** Whose deals: the whole organisation, one team's members, or one rep (by the deal's current owner, as permissions judge). */
export type PipelineScope = { kind: "ORGANISATION" } | { kind: "TEAM"; teamId: string } | { kind: "REP"; userId: string };

/** The scope as a condition over a deal aliased `alias`. */
export function pipelineScopeSql(scope: PipelineScope, alias = "d"): Prisma.Sql {
  const owner = Prisma.raw(`${alias}."ownerId"`);
  switch (scope.kind) {
    case "ORGANISATION":
      return Prisma.empty;
    case "TEAM":
      return Prisma.sql`AND ${owner} IN (SELECT su.id FROM "User" su WHERE su."teamId" = ${scope.teamId})`;
    case "REP":
      return Prisma.sql`AND ${owner} = ${scope.userId}`;
  }
}

export interface AsOfOptions {
  /** The fields to roll back (all four by default). Others come out as NULL: ask only for what you read. */
  fields?: readonly AsOfField[];
  /** Also return deals created at or after this instant (the flow's "created in the window and closed"). */
  createdSince?: Date | null;
}

/**
 * A SELECT of every deal that may have been open at one of `instants` (index `idx` in the list), with its state at
 * that instant: idx, "dealId", "ownerId", "createdAt", status, "stageId", "amountMinor" (bigint), "closeDate"
 * (YYYY-MM-DD text). Deals not open at T are returned only when they are candidates (open now, closed or changed
 * status since the earliest instant, or created since `createdSince`), at every instant they existed; filter on status.
 * Rows whose state cannot be known are left out (see as-of.ts).
 *
 * Cost (docs/decisions/0032-as-of-without-sorting.md): one index-only range scan of the changes since each instant,
 * kept to the first change of each field after T by "prevAt" (no sort), plus index-only scans of today's open deals
 * and of the deals closed since, put together by hash: nothing is sorted, nothing is looked up row by row.
 */
export function dealsAsOfSql(instants: readonly Date[], scope: PipelineScope, options: AsOfOptions = {}): Prisma.Sql {
  if (instants.length === 0) throw new RangeError("dealsAsOfSql needs at least one instant");
  const fields = options.fields ?? AS_OF_FIELDS;
  const want = (f: AsOfField) => fields.includes(f);
  const t = Prisma.join(instants.map((at, i) => Prisma.sql`(${i}::int, ${at}::timestamptz)`));
  const first = new Date(Math.min(...instants.map((i) => i.getTime())));
  // The field names are literals (AS_OF_FIELDS, never input) so that the planner can prove the partial index's predicate.
  const fieldList = Prisma.raw(fields.map((f) => `'${f}'`).join(", "));
  const scopeSql = pipelineScopeSql(scope, "d");
  const createdSince = options.createdSince ?? null;
  const cols = (status: Prisma.Sql) => Prisma.sql`d.id, d."ownerId", d."createdAt", ${status} AS status, d."stageId", d."amountMinor", d."closeDate", d."closedAt"`;
  const closedSince = Prisma.sql`d.status IN ('WON', 'LOST') AND d."closedAt" >= ${first}::timestamptz`;
  // The earliest change of each field at or after T (its old value is the field's value at T): the change at or after
  // T whose previous change of that field ("prevAt", kept by a trigger) came before T. An index-only range scan.
  const firstChanges = (where: Prisma.Sql) => Prisma.sql`
      SELECT t.idx, c."dealId", c.field, c."oldValue"
      FROM t JOIN "DealChange" c ON c.at >= t.at AND (c."prevAt" IS NULL OR c."prevAt" < t.at)
      WHERE c.field IN (${fieldList}) ${where}`;
  // A field's value at T: the old value of its first change at or after T, else today's value.
  const has = (f: AsOfField) => Prisma.sql`bool_or(ch.field = ${f})`;
  const old = (f: AsOfField) => Prisma.sql`max(ch."oldValue") FILTER (WHERE ch.field = ${f})`;
  const value = (f: AsOfField, current: Prisma.Sql) =>
    want(f) ? Prisma.sql`CASE WHEN b.${Prisma.raw(`"has_${f}"`)} THEN b.${Prisma.raw(`"old_${f}"`)} ELSE ${current} END` : Prisma.sql`NULL::text`;
  // Rows whose state cannot be known are left out: today's values always can be, so only the old values read from
  // the history are tested (a regular expression per row would cost more than the rest of the row).
  const validOld = Prisma.sql`bool_and(coalesce(CASE ch.field
      WHEN 'status' THEN ch."oldValue" IN ('OPEN', 'WON', 'LOST')
      WHEN 'stageId' THEN ch."oldValue" IS NOT NULL
      WHEN 'amountMinor' THEN ch."oldValue" ~ '^-?[0-9]{1,18}$'
      WHEN 'closeDate' THEN ch."oldValue" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' END, false))`;
  return Prisma.sql`
    WITH t(idx, at) AS (VALUES ${t}),
    ${scope.kind === "TEAM" ? Prisma.sql`ch_all AS MATERIALIZED (${firstChanges(Prisma.empty)}),` : Prisma.empty}
    ch AS MATERIALIZED (
      ${
        scope.kind === "ORGANISATION"
          ? firstChanges(Prisma.empty)
          : scope.kind === "TEAM"
            ? // A team: the organisation's changes since T (one index scan) kept to the team's deals by a hash, which is
              // cheaper than reading each deal's history.
              Prisma.sql`SELECT * FROM ch_all WHERE ch_all."dealId" IN (SELECT d.id FROM "Deal" d WHERE true ${scopeSql})`
            : // One rep's few deals: their histories, deal by deal.
              firstChanges(Prisma.sql`AND c."dealId" IN (SELECT d.id FROM "Deal" d WHERE true ${scopeSql})`)
      }
    ),
    known AS MATERIALIZED (
      -- Today's row of the deals open now and of those closed since the earliest instant (index-only scans).
      SELECT ${cols(Prisma.sql`'OPEN'::"DealStatus"`)} FROM "Deal" d WHERE d.status = 'OPEN' ${scopeSql}
      UNION ALL
      SELECT ${cols(Prisma.sql`d.status`)} FROM "Deal" d WHERE ${closedSince} ${scopeSql}
    ),
    cur AS (
      -- Every candidate (the later instants add none to the earliest's): the known ones, plus the few others whose
      -- status changed since${createdSince ? Prisma.raw(" or created since") : Prisma.empty}, looked up by id. (A deal closed before the earliest instant
      -- whose status has not changed since was closed at every instant: it is no candidate, whatever else changed.)
      SELECT * FROM known
      UNION ALL
      SELECT ${cols(Prisma.sql`d.status`)} FROM "Deal" d
      WHERE d.id = ANY ((SELECT array_agg(DISTINCT x.id) FROM (
        SELECT ch."dealId" AS id FROM ch WHERE ch.field = 'status' AND NOT EXISTS (SELECT 1 FROM known k WHERE k.id = ch."dealId")
        ${createdSince ? Prisma.sql`UNION ALL SELECT d.id FROM "Deal" d WHERE d."createdAt" >= ${createdSince}::timestamptz AND d.status IN ('WON', 'LOST') AND (d."closedAt" IS NULL OR d."closedAt" < ${first}::timestamptz) ${scopeSql}` : Prisma.empty}
      ) x)::text[])
    ),
    b AS (
      -- Per deal and instant, the fields changed after it and their values then.
      SELECT ch.idx, ch."dealId", ${validOld} AS valid,
        ${Prisma.join(fields.map((f) => Prisma.sql`${has(f)} AS ${Prisma.raw(`"has_${f}"`)}, ${old(f)} AS ${Prisma.raw(`"old_${f}"`)}`))}
      FROM ch GROUP BY ch.idx, ch."dealId"
    ),
    s AS (
      -- Each candidate at each instant it existed: a changed field's value then, else today's.
      SELECT t.idx, d.id AS "dealId", d."ownerId", d."createdAt",
        ${want("status") ? Prisma.sql`CASE WHEN b."has_status" THEN b."old_status" WHEN d."closedAt" >= t.at THEN 'OPEN' ELSE d.status::text END` : Prisma.sql`NULL::text`} AS status,
        ${value("stageId", Prisma.sql`d."stageId"`)} AS "stageId",
        ${value("amountMinor", Prisma.sql`d."amountMinor"::text`)} AS amount,
        ${value("closeDate", Prisma.sql`to_char(d."closeDate", 'YYYY-MM-DD')`)} AS "closeDate"
      FROM cur d JOIN t ON d."createdAt" < t.at
      LEFT JOIN b ON b.idx = t.idx AND b."dealId" = d.id
      WHERE b.valid IS NOT FALSE
    )
    SELECT s.idx, s."dealId", s."ownerId", s."createdAt", s.status, s."stageId",
      ${want("amountMinor") ? Prisma.sql`s.amount::bigint` : Prisma.sql`NULL::bigint`} AS "amountMinor", s."closeDate"
    FROM s`;
}

export interface DealAsOfRow {
  idx: number;
  dealId: string;
  ownerId: string;
  createdAt: Date;
  status: AsOfStatus;
  stageId: string;
  amountMinor: bigint;
  closeDate: string;
}

/** The deals open at `at` in a scope, each with its state then (tests and small drill-downs; aggregate otherwise). */
export async function openDealsAsOf(at: Date, scope: PipelineScope, db: typeof prisma = prisma): Promise<DealAsOfRow[]> {
  const rows = await db.$queryRaw<DealAsOfRow[]>`
    SELECT * FROM (${dealsAsOfSql([at], scope)}) x WHERE x.status = 'OPEN' ORDER BY x."dealId"`;
  return rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor) }));
}

/** The open pipeline at each instant, by stage: deals and amount, aggregated in SQL. */
export async function openPipelineAsOf(
  instants: readonly Date[],
  scope: PipelineScope,
  db: typeof prisma = prisma,
): Promise<{ idx: number; stageId: string; deals: number; amountMinor: bigint }[]> {
  const rows = await db.$queryRaw<{ idx: number; stageId: string; deals: number; amountMinor: bigint | number | string }[]>`
    SELECT x.idx, x."stageId", count(*)::int AS deals, coalesce(sum(x."amountMinor"), 0)::bigint AS "amountMinor"
    FROM (${dealsAsOfSql(instants, scope)}) x WHERE x.status = 'OPEN'
    GROUP BY x.idx, x."stageId" ORDER BY x.idx, x."stageId"`;
  return rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor) }));
}

/** Open deals in a qualified stage (the stage's current setting) at each instant: the velocity's "open qualified". */
export function openQualifiedAsOfSql(instants: readonly Date[], scope: PipelineScope): Prisma.Sql {
  return Prisma.sql`
    SELECT x.idx, count(*)::int AS n
    FROM (${dealsAsOfSql(instants, scope, { fields: ["status", "stageId"] })}) x
    JOIN "PipelineStage" st ON st.id = x."stageId"
    WHERE x.status = 'OPEN' AND st."isQualified"
    GROUP BY x.idx`;
}
