// The SQL twin of lib/domain/as-of.ts: each deal's state at given instants, rolled back from "Deal" through
// "DealChange" inside PostgreSQL, so a pipeline "as of T" is aggregated in SQL at any size. Every consumer (the
// quarterly velocity, the pipeline flow) builds on `dealsAsOfSql`; tests prove it equal to the pure function.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AsOfField, AsOfStatus } from "@/lib/domain/as-of";

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
 * since the earliest instant, or created since `createdSince`), at every instant they existed; filter on status. Rows whose state cannot be known are left out (see as-of.ts).
 *
 * Cost: the changes made since the earliest instant, plus today's open deals and the deals closed since.
 */
export function dealsAsOfSql(instants: readonly Date[], scope: PipelineScope, options: AsOfOptions = {}): Prisma.Sql {
  if (instants.length === 0) throw new RangeError("dealsAsOfSql needs at least one instant");
  const fields = options.fields ?? (["status", "stageId", "amountMinor", "closeDate"] as const);
  const want = (f: AsOfField) => fields.includes(f);
  const t = Prisma.join(instants.map((at, i) => Prisma.sql`(${i}::int, ${at}::timestamptz)`));
  const first = new Date(Math.min(...instants.map((i) => i.getTime())));
  const back = (f: AsOfField, col: string) =>
    Prisma.sql`bool_or(ch.field = ${f}) AS ${Prisma.raw(`"has_${col}"`)}, max(ch."oldValue") FILTER (WHERE ch.field = ${f}) AS ${Prisma.raw(`"old_${col}"`)}`;
  const scopeSql = pipelineScopeSql(scope, "d");
  const createdSince = options.createdSince ?? null;
  const value = (f: AsOfField, col: string, current: Prisma.Sql) =>
    want(f) ? Prisma.sql`CASE WHEN b.${Prisma.raw(`"has_${col}"`)} THEN b.${Prisma.raw(`"old_${col}"`)} ELSE ${current} END` : Prisma.sql`NULL::text`;
  return Prisma.sql`
    WITH t(idx, at) AS (VALUES ${t}),
    ch AS (
      -- The earliest change of each field at or after T: its old value is the field's value at T.
      SELECT DISTINCT ON (t.idx, c."dealId", c.field) t.idx, c."dealId", c.field, c."oldValue"
      FROM t JOIN "DealChange" c ON c.at >= t.at
      ${scope.kind === "ORGANISATION" ? Prisma.empty : Prisma.sql`JOIN "Deal" cd ON cd.id = c."dealId" ${pipelineScopeSql(scope, "cd")}`}
      WHERE c.field IN (${Prisma.join([...fields])})
      ORDER BY t.idx, c."dealId", c.field, c.at, c.id
    ),
    b AS (
      SELECT ch.idx, ch."dealId", ${back("status", "status")}, ${back("stageId", "stage")}, ${back("amountMinor", "amount")}, ${back("closeDate", "close")}
      FROM ch GROUP BY ch.idx, ch."dealId"
    ),
    cand AS (
      -- Every deal that may be open at one of the instants (checked against the earliest: the later ones add none).
      SELECT d.id FROM "Deal" d WHERE d.status = 'OPEN' ${scopeSql}
      UNION
      SELECT d.id FROM "Deal" d WHERE d.status IN ('WON', 'LOST') AND d."closedAt" >= ${first}::timestamptz ${scopeSql}
      UNION
      SELECT b."dealId" FROM b
      ${createdSince ? Prisma.sql`UNION SELECT d.id FROM "Deal" d WHERE d."createdAt" >= ${createdSince}::timestamptz ${scopeSql}` : Prisma.empty}
    ),
    s AS (
      SELECT t.idx, d.id AS "dealId", d."ownerId", d."createdAt",
        ${want("status") ? Prisma.sql`CASE WHEN b."has_status" THEN b."old_status" WHEN d."closedAt" >= t.at THEN 'OPEN' ELSE d.status::text END` : Prisma.sql`NULL::text`} AS status,
        ${value("stageId", "stage", Prisma.sql`d."stageId"`)} AS "stageId",
        ${value("amountMinor", "amount", Prisma.sql`d."amountMinor"::text`)} AS amount,
        ${value("closeDate", "close", Prisma.sql`to_char(d."closeDate", 'YYYY-MM-DD')`)} AS "closeDate"
      FROM cand CROSS JOIN t
      JOIN "Deal" d ON d.id = cand.id AND d."createdAt" < t.at
      LEFT JOIN b ON b.idx = t.idx AND b."dealId" = d.id
      WHERE true ${scopeSql}
    )
    SELECT s.idx, s."dealId", s."ownerId", s."createdAt", s.status, s."stageId",
      ${want("amountMinor") ? Prisma.sql`s.amount::bigint` : Prisma.sql`NULL::bigint`} AS "amountMinor", s."closeDate"
    FROM s
    WHERE ${want("status") ? Prisma.sql`s.status IN ('OPEN', 'WON', 'LOST')` : Prisma.sql`true`}
      ${want("stageId") ? Prisma.sql`AND s."stageId" IS NOT NULL` : Prisma.empty}
      ${want("amountMinor") ? Prisma.sql`AND s.amount ~ '^-?[0-9]{1,18}$'` : Prisma.empty}
      ${want("closeDate") ? Prisma.sql`AND s."closeDate" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'` : Prisma.empty}`;
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
