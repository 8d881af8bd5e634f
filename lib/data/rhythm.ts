// The weekly rhythm's reads: each manager's rituals per team, this week's state of each ritual, and rhythm adherence
// over a quarter. A fixed number of set-based queries (no query per manager, team or week); the rules are in
// lib/domain/rhythm.ts.
import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { loadOrganisation } from "@/lib/data/organisation";
import { addDays, dateOnly, startOfLocalDay, startOfWeek, type IsoDate } from "@/lib/domain/calendar";
import { adherenceShare, coachingAdherence, inspectionWeeks, isRitual, ritualDate, ritualHref, ritualState, type AdherenceWeek, type CoachingMonth, type Ritual, type RitualState } from "@/lib/domain/rhythm";

type Db = Tx | typeof prisma;

export interface RhythmAdherence {
  managerId: string;
  managerName: string;
  weeksDue: number;
  inspectionsOnTime: number;
  inspectionShare: number | null;
  coachingDue: number;
  coachingHeld: number;
  coachingShare: number | null;
}

export interface RhythmAdherenceDetail extends RhythmAdherence {
  /** Per managed team with an align ritual: the weeks behind weeksDue / inspectionsOnTime. */
  teams: { teamId: string; teamName: string; weekday: number | null; weeks: AdherenceWeek[] }[];
  months: CoachingMonth[];
}

interface Args {
  quarterStart: IsoDate;
  quarterEnd: IsoDate;
  today: IsoDate;
  managerIds?: string[];
}

/**
 * Per manager (every active user who manages a team, or those named), over the quarter: the weeks an inspection
 * was due on the team's align day and how many were done on time, and the coaching sessions due (one per rep per
 * month) and held. Weeks and months still in progress count only what was already met, never as missed.
 */
export async function loadRhythmAdherence(db: Db, args: Args): Promise<RhythmAdherence[]> {
  const rows = await loadRhythmAdherenceDetail(db, args);
  return rows.map(({ teams: _teams, months: _months, ...summary }) => summary);
}

export async function loadRhythmAdherenceDetail(db: Db, args: Args): Promise<RhythmAdherenceDetail[]> {
  const { quarterStart, quarterEnd, today } = args;
  if (args.managerIds && args.managerIds.length === 0) return [];
  const org = await loadOrganisation(db);
  const tz = org.timeZone;
  const filter = args.managerIds ?? null;
  const links = await db.$queryRaw<{ managerId: string; managerName: string; teamId: string; teamName: string; weekday: number | null }[]>`
    SELECT u."id" AS "managerId", u."name" AS "managerName", t."id" AS "teamId", t."name" AS "teamName", r."weekday"
    FROM "TeamManager" tm
    JOIN "User" u ON u."id" = tm."userId" AND u."active"
    JOIN "Team" t ON t."id" = tm."teamId" AND t."archivedAt" IS NULL
    LEFT JOIN "RhythmRitual" r ON r."managerId" = u."id" AND r."teamId" = t."id" AND r."ritual" = 'align'
    WHERE (${filter}::text[] IS NULL OR u."id" = ANY(${filter}::text[]))
    ORDER BY u."name", u."id", t."name"`;
  if (links.length === 0) return [];
  const managerIds = [...new Set(links.map((l) => l.managerId))];
  const teamIds = [...new Set(links.map((l) => l.teamId))];
  const from = startOfLocalDay(startOfWeek(quarterStart), tz);
  const to = startOfLocalDay(addDays(startOfWeek(quarterEnd), 7), tz);
  const [inspections, coaching] = await Promise.all([
    // The first completed inspection of each team per local week.
    db.$queryRaw<{ teamId: string; weekStart: Date; doneOn: Date }[]>`
      SELECT s."teamId", date_trunc('week', s."completedAt" AT TIME ZONE ${tz})::date AS "weekStart",
        min((s."completedAt" AT TIME ZONE ${tz})::date) AS "doneOn"
      FROM "InspectionSession" s
      WHERE s."teamId" = ANY(${teamIds}::text[]) AND s."completedAt" >= ${from} AND s."completedAt" < ${to}
      GROUP BY 1, 2`,
    // Per manager and month: the reps of their teams, and those with a completed session held that month.
    db.$queryRaw<{ managerId: string; month: string; reps: number; held: number }[]>`
      WITH held AS (
        SELECT DISTINCT c."repId", date_trunc('month', c."heldOn"::timestamp)::date AS "month"
        FROM "CoachingSession" c
        WHERE c."completedAt" IS NOT NULL AND c."heldOn" >= date_trunc('month', ${quarterStart}::date::timestamp)::date AND c."heldOn" <= ${quarterEnd}::date
      )
      SELECT tm."userId" AS "managerId", to_char(mo.m, 'YYYY-MM') AS "month", count(*)::int AS "reps", count(h."repId")::int AS "held"
      FROM "TeamManager" tm
      JOIN "Team" t ON t."id" = tm."teamId" AND t."archivedAt" IS NULL
      JOIN "User" rep ON rep."teamId" = tm."teamId" AND rep."role" = 'REP' AND rep."active"
      CROSS JOIN generate_series(date_trunc('month', ${quarterStart}::date::timestamp), ${quarterEnd}::date::timestamp, interval '1 month') AS mo(m)
      LEFT JOIN held h ON h."repId" = rep."id" AND h."month" = mo.m::date
      WHERE tm."userId" = ANY(${managerIds}::text[])
      GROUP BY 1, 2
      ORDER BY 1, 2`,
  ]);
  const doneByTeam = new Map<string, Map<IsoDate, IsoDate>>();
  for (const i of inspections) {
    const weeks = doneByTeam.get(i.teamId) ?? new Map<IsoDate, IsoDate>();
    weeks.set(dateOnly(i.weekStart), dateOnly(i.doneOn));
    doneByTeam.set(i.teamId, weeks);
  }
  const monthsByManager = new Map<string, CoachingMonth[]>();
  for (const c of coaching) monthsByManager.set(c.managerId, [...(monthsByManager.get(c.managerId) ?? []), { month: c.month, reps: c.reps, held: c.held }]);

  const byManager = new Map<string, RhythmAdherenceDetail>();
  for (const l of links) {
    let row = byManager.get(l.managerId);
    if (!row) {
      const months = monthsByManager.get(l.managerId) ?? [];
      const { due, held } = coachingAdherence(months, today);
      row = { managerId: l.managerId, managerName: l.managerName, weeksDue: 0, inspectionsOnTime: 0, inspectionShare: null, coachingDue: due, coachingHeld: held, coachingShare: adherenceShare(held, due), teams: [], months };
      byManager.set(l.managerId, row);
    }
    // A team without an align ritual in the manager's rhythm has no inspection day to be on time for.
    const weeks = l.weekday === null ? [] : inspectionWeeks({ start: quarterStart, end: quarterEnd }, l.weekday, doneByTeam.get(l.teamId) ?? new Map(), today);
    row.teams.push({ teamId: l.teamId, teamName: l.teamName, weekday: l.weekday, weeks });
    for (const w of weeks) {
      if (!w.counted) continue;
      row.weeksDue += 1;
      if (w.onTime) row.inspectionsOnTime += 1;
    }
    row.inspectionShare = adherenceShare(row.inspectionsOnTime, row.weeksDue);
  }
  return [...byManager.values()];
}

export interface ThisWeekRitual {
  id: string;
  ritual: Ritual;
  weekday: number;
  day: IsoDate;
  state: RitualState;
  /** The day the inspection or coaching session that marked it done took place (org time zone). */
  doneOn: IsoDate | null;
  href: string;
}

export interface RhythmTeamWeek {
  teamId: string;
  teamName: string;
  rituals: ThisWeekRitual[];
}

/**
 * A manager's rhythm per team they manage, with this week's state of each ritual: the week's first completed
 * inspection of the team marks align done, the week's first completed coaching session with one of its reps marks
 * coach done (both on their day in the organisation's time zone). Three queries whatever the number of teams.
 */
export async function loadRhythmWeek(db: Db, managerId: string, today: IsoDate, timeZone: string): Promise<{ weekStart: IsoDate; teams: RhythmTeamWeek[] }> {
  const weekStart = startOfWeek(today);
  const weekEnd = addDays(weekStart, 6);
  const rows = await db.$queryRaw<{ teamId: string; teamName: string; id: string | null; ritual: string | null; weekday: number | null }[]>`
    SELECT t."id" AS "teamId", t."name" AS "teamName", r."id", r."ritual", r."weekday"
    FROM "TeamManager" tm
    JOIN "Team" t ON t."id" = tm."teamId" AND t."archivedAt" IS NULL
    LEFT JOIN "RhythmRitual" r ON r."managerId" = tm."userId" AND r."teamId" = t."id"
    WHERE tm."userId" = ${managerId}
    ORDER BY t."name", t."id", r."weekday", r."ritual"`;
  const teamIds = [...new Set(rows.map((r) => r.teamId))];
  if (teamIds.length === 0) return { weekStart, teams: [] };
  const [inspections, sessions] = await Promise.all([
    db.$queryRaw<{ teamId: string; id: string; doneOn: Date }[]>`
      SELECT DISTINCT ON (s."teamId") s."teamId", s."id", (s."completedAt" AT TIME ZONE ${timeZone})::date AS "doneOn"
      FROM "InspectionSession" s
      WHERE s."teamId" = ANY(${teamIds}::text[]) AND s."completedAt" >= ${startOfLocalDay(weekStart, timeZone)} AND s."completedAt" < ${startOfLocalDay(addDays(weekEnd, 1), timeZone)}
      ORDER BY s."teamId", s."completedAt"`,
    db.$queryRaw<{ teamId: string; id: string; doneOn: Date }[]>`
      SELECT DISTINCT ON (rep."teamId") rep."teamId", c."id", c."heldOn" AS "doneOn"
      FROM "CoachingSession" c JOIN "User" rep ON rep."id" = c."repId"
      WHERE rep."teamId" = ANY(${teamIds}::text[]) AND c."completedAt" IS NOT NULL
        AND c."heldOn" >= ${weekStart}::date AND c."heldOn" <= ${weekEnd}::date
      ORDER BY rep."teamId", c."heldOn", c."completedAt"`,
  ]);
  const align = new Map(inspections.map((i) => [i.teamId, { id: i.id, on: dateOnly(i.doneOn) }]));
  const coach = new Map(sessions.map((s) => [s.teamId, { id: s.id, on: dateOnly(s.doneOn) }]));
  const teams = new Map<string, RhythmTeamWeek>();
  for (const r of rows) {
    const team = teams.get(r.teamId) ?? { teamId: r.teamId, teamName: r.teamName, rituals: [] };
    teams.set(r.teamId, team);
    if (!r.id || !r.ritual || r.weekday === null || !isRitual(r.ritual)) continue;
    const marked = r.ritual === "align" ? align.get(r.teamId) : r.ritual === "coach" ? coach.get(r.teamId) : undefined;
    const day = ritualDate(weekStart, r.weekday);
    team.rituals.push({ id: r.id, ritual: r.ritual, weekday: r.weekday, day, state: ritualState(r.ritual, day, today, marked?.on ?? null), doneOn: marked?.on ?? null, href: ritualHref(r.ritual, r.teamId, marked?.id ?? null) });
  }
  return { weekStart, teams: [...teams.values()] };
}

/** Managers whose rhythm an executive or administrator may open: every active user who manages a team. */
export async function listRhythmManagers(db: Db): Promise<{ id: string; name: string }[]> {
  return db.$queryRaw<{ id: string; name: string }[]>`
    SELECT DISTINCT u."id", u."name" FROM "TeamManager" tm JOIN "User" u ON u."id" = tm."userId" AND u."active"
    JOIN "Team" t ON t."id" = tm."teamId" AND t."archivedAt" IS NULL
    ORDER BY u."name", u."id"`;
}

export const RHYTHM_AUDIT_ACTIONS = ["rhythm.ritual_added", "rhythm.ritual_moved", "rhythm.ritual_removed"] as const;

/** The last changes to a manager's rhythm, from the audit log (who moved what, when). */
export async function loadRhythmHistory(db: Db, managerId: string, limit = 10) {
  return db.auditLog.findMany({
    // By action first: the audit log's (action, at) index, then the manager in the details.
    where: { action: { in: [...RHYTHM_AUDIT_ACTIONS] }, details: { path: ["managerId"], equals: managerId } },
    orderBy: { at: "desc" },
    take: limit,
    select: { id: true, at: true, action: true, details: true, actor: { select: { name: true } } },
  });
}
