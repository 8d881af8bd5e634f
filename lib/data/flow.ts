// The pipeline flow's data: which scope the actor may see, the flow's totals (start, ins, outs, end; per team for
// the organisation) aggregated in SQL from the as-of reconstruction (lib/data/as-of.ts), and the deals behind a bar.
// The categories are those of lib/domain/flow.ts (classifyDealFlow), written once more in SQL and tested equal.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { canReadOrganisation, canReadTeam, type Actor } from "@/lib/auth/permissions";
import { dealsAsOfSql, type PipelineScope } from "@/lib/data/as-of";
import { readableTeams, type TeamOption } from "@/lib/data/quarterly";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { localDate } from "@/lib/domain/calendar";
import { emptyFlowTotals, FLOW_IN, FLOW_OUT, resolveFlowWindow, type FlowCategory, type FlowShift, type FlowTotals, type FlowWindow } from "@/lib/domain/flow";

export type FlowScope = ({ kind: "ORGANISATION" } | { kind: "TEAM"; teamId: string } | { kind: "REP"; userId: string }) & { name: string };

export type FlowRequest =
  | { ok: true; scope: FlowScope; teams: TeamOption[]; canSeeOrganisation: boolean }
  | { ok: false; message: string; teams: TeamOption[]; canSeeOrganisation: boolean };

/**
 * The scope a URL's `team` names for this actor: executives and admins the organisation (or any team), managers one
 * of their teams (the first by default), reps their own deals whatever the URL says.
 */
export async function resolveFlowScope(actor: Actor, teamParam: string | null | undefined): Promise<FlowRequest> {
  if (actor.role === "REP") return { ok: true, scope: { kind: "REP", userId: actor.id, name: "My deals" }, teams: [], canSeeOrganisation: false };
  const teams = await readableTeams(actor);
  const canSeeOrganisation = canReadOrganisation(actor);
  const base = { teams, canSeeOrganisation };
  const team = teamParam?.trim() || null;
  if (!team || team === "all") {
    if (canSeeOrganisation) return { ok: true, ...base, scope: { kind: "ORGANISATION", name: "Organisation" } };
    if (teams.length === 0) return { ok: false, ...base, message: "You do not manage a team yet, so there is no pipeline to show." };
    if (team === "all") return { ok: false, ...base, message: "The organisation-wide flow is for executives. Choose one of your teams." };
    return { ok: true, ...base, scope: { kind: "TEAM", teamId: teams[0].id, name: teams[0].name } };
  }
  const found = teams.find((t) => t.id === team);
  if (!found || !canReadTeam(actor, found.id)) return { ok: false, ...base, message: "That team does not exist or is not one whose pipeline you can see." };
  return { ok: true, ...base, scope: { kind: "TEAM", teamId: found.id, name: found.name } };
}

function assertCanReadFlow(actor: Actor, scope: PipelineScope) {
  const allowed =
    scope.kind === "ORGANISATION" ? canReadOrganisation(actor) : scope.kind === "TEAM" ? canReadTeam(actor, scope.teamId) : scope.userId === actor.id || actor.role !== "REP";
  if (!allowed) throw new AppError("FORBIDDEN", "You cannot see this pipeline.");
}

/**
 * One row per deal in the flow between the window's two instants: "dealId", "ownerId", so/eo (open at the start/end),
 * sa/ea and sc/ec (amount and close date then), es (status at the end), created (inside the window).
 */
function flowPairsSql(scope: PipelineScope, window: Pick<FlowWindow, "from" | "to">): Prisma.Sql {
  return Prisma.sql`
    WITH st AS (${dealsAsOfSql([window.from, window.to], scope, { createdSince: window.from })})
    SELECT coalesce(s0."dealId", s1."dealId") AS "dealId", coalesce(s1."ownerId", s0."ownerId") AS "ownerId",
      coalesce(s0.status = 'OPEN', false) AS so, coalesce(s1.status = 'OPEN', false) AS eo,
      s0."amountMinor" AS sa, s1."amountMinor" AS ea, s0."closeDate" AS sc, s1."closeDate" AS ec, s1.status AS es,
      coalesce(s1."createdAt", s0."createdAt") >= ${window.from}::timestamptz AS created
    FROM (SELECT * FROM st WHERE st.idx = 0) s0 FULL JOIN (SELECT * FROM st WHERE st.idx = 1) s1 ON s1."dealId" = s0."dealId"`;
}

/** Each bar and the deal's amount in it (positive), or NULL when the deal is not in it: over a row of flowPairsSql. */
function flowBars(window: Pick<FlowWindow, "start" | "end">): [FlowBar, Prisma.Sql][] {
  return [
    ["start", Prisma.sql`CASE WHEN so THEN sa END`],
    ["end", Prisma.sql`CASE WHEN eo THEN ea END`],
    ["increased", Prisma.sql`CASE WHEN so AND eo AND ea > sa THEN ea - sa END`],
    ["decreased", Prisma.sql`CASE WHEN so AND eo AND ea < sa THEN sa - ea END`],
    ["new", Prisma.sql`CASE WHEN NOT so AND eo AND created THEN ea WHEN NOT so AND NOT eo AND created AND es IS NOT NULL THEN ea END`],
    ["reopened", Prisma.sql`CASE WHEN NOT so AND eo AND NOT created THEN ea END`],
    ["won", Prisma.sql`CASE WHEN so AND NOT eo AND es = 'WON' THEN sa WHEN NOT so AND NOT eo AND created AND es = 'WON' THEN ea END`],
    ["lost", Prisma.sql`CASE WHEN so AND NOT eo AND es IS DISTINCT FROM 'WON' THEN sa WHEN NOT so AND NOT eo AND created AND es = 'LOST' THEN ea END`],
    ["pushed", Prisma.sql`CASE WHEN so AND eo AND sc BETWEEN ${window.start} AND ${window.end} AND ec > ${window.end} THEN ea END`],
    ["pulled_in", Prisma.sql`CASE WHEN so AND eo AND sc > ${window.end} AND ec BETWEEN ${window.start} AND ${window.end} THEN ea END`],
  ];
}

/**
 * One row per (deal, bar) of the flow between the window's two instants, plus "start" and "end" rows for the deals
 * open then: "dealId", "ownerId", category, amount (positive), sa/ea and sc/ec (the deal's state at both ends).
 */
function flowEntriesSql(scope: PipelineScope, window: Pick<FlowWindow, "from" | "to" | "start" | "end">): Prisma.Sql {
  const bars = flowBars(window).map(([bar, amount]) => Prisma.sql`(${bar}, ${amount})`);
  return Prisma.sql`
    SELECT p."dealId", p."ownerId", x.category, x.amount, p.sa, p.ea, p.sc, p.ec
    FROM (${flowPairsSql(scope, window)}) p CROSS JOIN LATERAL (VALUES ${Prisma.join(bars)}) AS x(category, amount)
    WHERE x.amount IS NOT NULL`;
}

/**
 * The same bars totalled per owner: one pass over the deals with a count and a sum per bar (no row per deal and bar),
 * then one row per (owner, bar) with deals > 0: "ownerId", category, deals, amount.
 */
function flowByOwnerSql(scope: PipelineScope, window: Pick<FlowWindow, "from" | "to" | "start" | "end">): Prisma.Sql {
  const bars = flowBars(window);
  return Prisma.sql`
    SELECT o."ownerId", x.category, x.deals, x.amount
    FROM (
      SELECT p."ownerId", ${Prisma.join(bars.map(([, amount], i) => Prisma.sql`count(${amount})::int AS ${Prisma.raw(`n${i}`)}, sum(${amount}) AS ${Prisma.raw(`a${i}`)}`))}
      FROM (${flowPairsSql(scope, window)}) p GROUP BY p."ownerId"
    ) o CROSS JOIN LATERAL (VALUES ${Prisma.join(bars.map(([bar], i) => Prisma.sql`(${bar}, ${Prisma.raw(`o.n${i}`)}, ${Prisma.raw(`o.a${i}`)})`))}) AS x(category, deals, amount)
    WHERE x.deals > 0`;
}

export interface TeamFlow {
  teamId: string | null;
  name: string;
  flow: FlowTotals;
}

export interface FlowResult {
  flow: FlowTotals;
  /** For the organisation: a row per team (deals of owners without a team under "No team"). Empty otherwise. */
  teams: TeamFlow[];
}

type Num = bigint | number | string;

function addRow(totals: FlowTotals, category: string, deals: number, amount: Num) {
  const bucket =
    category === "start" ? totals.start
    : category === "end" ? totals.end
    : (FLOW_IN as readonly string[]).includes(category) ? totals.ins[category as (typeof FLOW_IN)[number]]
    : (FLOW_OUT as readonly string[]).includes(category) ? totals.outs[category as (typeof FLOW_OUT)[number]]
    : totals.shifts[category as FlowShift];
  bucket.deals += deals;
  bucket.amountMinor += BigInt(amount);
}

/** The flow's totals for a scope and window, with a row per team for the organisation. One SQL statement. */
export async function loadFlow(
  actor: Actor,
  scope: PipelineScope,
  window: FlowWindow,
  db: typeof prisma = prisma,
  options: { perTeam?: boolean } = {},
): Promise<FlowResult> {
  assertCanReadFlow(actor, scope);
  const perTeam = scope.kind === "ORGANISATION" && options.perTeam !== false;
  const rows = await db.$queryRaw<{ teamId: string | null; teamName: string | null; byTeam: boolean; category: string; deals: number; amount: Num }[]>`
    SELECT ${perTeam ? Prisma.sql`u."teamId", tm.name AS "teamName", GROUPING(u."teamId", tm.name) = 0` : Prisma.sql`NULL::text AS "teamId", NULL::text AS "teamName", false`} AS "byTeam",
      e.category, sum(e.deals)::int AS deals, sum(e.amount)::bigint AS amount
    FROM (${flowByOwnerSql(scope, window)}) e
    ${perTeam ? Prisma.sql`JOIN "User" u ON u.id = e."ownerId" LEFT JOIN "Team" tm ON tm.id = u."teamId"` : Prisma.empty}
    GROUP BY ${perTeam ? Prisma.sql`GROUPING SETS ((e.category), (u."teamId", tm.name, e.category))` : Prisma.sql`e.category`}`;
  const flow = emptyFlowTotals();
  const teams = new Map<string, TeamFlow>();
  for (const r of rows) {
    if (!r.byTeam) {
      addRow(flow, r.category, r.deals, r.amount);
      continue;
    }
    const key = r.teamId ?? "";
    if (!teams.has(key)) teams.set(key, { teamId: r.teamId, name: r.teamName ?? "No team", flow: emptyFlowTotals() });
    addRow(teams.get(key)!.flow, r.category, r.deals, r.amount);
  }
  return { flow, teams: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * The home pages' summary (components/flow/flow-summary.tsx): the flow's totals only, for the current week by default.
 * Throws FORBIDDEN when the actor may not read the scope.
 */
export async function loadFlowTotals(
  actor: Actor,
  scope: PipelineScope,
  window: FlowWindow,
  db: typeof prisma = prisma,
): Promise<FlowTotals> {
  return (await loadFlow(actor, scope, window, db, { perTeam: false })).flow;
}

/** This week in the organisation's time zone (the flow's default window). */
export function currentWeekWindow(org: Pick<OrganisationSettings, "timeZone" | "fiscalYearStartMonth">, now: Date): FlowWindow {
  const r = resolveFlowWindow({ preset: "week" }, { today: localDate(now, org.timeZone), now, timeZone: org.timeZone, fiscalYearStartMonth: org.fiscalYearStartMonth });
  if (!r.ok) throw new Error(r.message);
  return r.window;
}

export type FlowBar = FlowCategory | FlowShift | "start" | "end";

export function isFlowBar(value: string | null | undefined): value is FlowBar {
  return !!value && ["start", "end", ...FLOW_IN, ...FLOW_OUT, "pushed", "pulled_in"].includes(value);
}

export interface FlowDeal {
  id: string;
  name: string;
  owner: string;
  /** The bar's amount for this deal (positive). */
  amountMinor: bigint;
  startAmountMinor: bigint | null;
  endAmountMinor: bigint | null;
  startCloseDate: string | null;
  endCloseDate: string | null;
  /** When the change that put the deal in this bar was made (creation, close, amount or close-date change). */
  at: Date | null;
}

export const FLOW_DRILL_LIMIT = 500;

/** The deals behind one bar, largest first (at most FLOW_DRILL_LIMIT), with the total count. */
export async function loadFlowDeals(
  actor: Actor,
  scope: PipelineScope,
  window: FlowWindow,
  bar: FlowBar,
  db: typeof prisma = prisma,
): Promise<{ deals: FlowDeal[]; total: number }> {
  assertCanReadFlow(actor, scope);
  const field: Record<FlowBar, string | null> = {
    start: null, end: null, new: null, reopened: "status", won: "status", lost: "status",
    increased: "amountMinor", decreased: "amountMinor", pushed: "closeDate", pulled_in: "closeDate",
  };
  const f = field[bar];
  const rows = await db.$queryRaw<
    { id: string; name: string; owner: string; amount: Num; sa: Num | null; ea: Num | null; sc: string | null; ec: string | null; createdAt: Date; at: Date | null; total: number }[]
  >`
    SELECT d.id, d.name, u.name AS owner, e.amount, e.sa, e.ea, e.sc, e.ec, d."createdAt", e.total,
      ${f
        ? Prisma.sql`(SELECT max(c.at) FROM "DealChange" c WHERE c."dealId" = d.id AND c.field = ${f} AND c.at >= ${window.from}::timestamptz AND c.at < ${window.to}::timestamptz)`
        : bar === "new" ? Prisma.sql`d."createdAt"` : Prisma.sql`NULL::timestamptz`} AS at
    FROM (
      SELECT x.*, (count(*) OVER ())::int AS total FROM (${flowEntriesSql(scope, window)}) x
      WHERE x.category = ${bar}
      ORDER BY x.amount DESC, x."dealId" LIMIT ${FLOW_DRILL_LIMIT}
    ) e
    JOIN "Deal" d ON d.id = e."dealId" JOIN "User" u ON u.id = d."ownerId"
    ORDER BY e.amount DESC, d.id`;
  const big = (v: Num | null) => (v === null ? null : BigInt(v));
  return {
    total: rows[0]?.total ?? 0,
    deals: rows.map((r) => ({
      id: r.id,
      name: r.name,
      owner: r.owner,
      amountMinor: BigInt(r.amount),
      startAmountMinor: big(r.sa),
      endAmountMinor: big(r.ea),
      startCloseDate: r.sc,
      endCloseDate: r.ec,
      // A close recorded without a status row (an import) still has its instant on the deal; fall back to nothing.
      at: r.at,
    })),
  };
}
