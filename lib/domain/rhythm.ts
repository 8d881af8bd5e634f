// The weekly rhythm's pure rules: when the digest is due, which local week/day it is, the planner's rituals and
// whether each one is done, due or missed. No clock, no database: `now` and the time zone come in.
import { TZDate } from "@date-fns/tz";
import { addDays, localDate, startOfWeek, type IsoDate } from "@/lib/domain/calendar";

export const RITUALS = ["align", "prospect", "coach", "close", "review"] as const;
export type Ritual = (typeof RITUALS)[number];

export function isRitual(value: string): value is Ritual {
  return (RITUALS as readonly string[]).includes(value);
}

/** The source's week (seed): Monday align, Tuesday prospect, Wednesday coach live, Thursday close, Friday review. */
export const RITUAL_VOCABULARY: Record<Ritual, { label: string; description: string; defaultWeekday: number; markedDoneBy: "inspection" | "coaching" | null; path: string }> = {
  align: { label: "Align", description: "Align priorities and set the week's mission: the pipeline inspection.", defaultWeekday: 1, markedDoneBy: "inspection", path: "/inspection" },
  prospect: { label: "Prospect", description: "Power your prospecting efforts.", defaultWeekday: 2, markedDoneBy: null, path: "/leads" },
  coach: { label: "Coach live", description: "Execute key activities and coach live: a coaching session.", defaultWeekday: 3, markedDoneBy: "coaching", path: "/coaching" },
  close: { label: "Close", description: "Close deals with confidence.", defaultWeekday: 4, markedDoneBy: null, path: "/deals" },
  review: { label: "Review", description: "Review wins, clean up, and plan ahead.", defaultWeekday: 5, markedDoneBy: null, path: "/forecast" },
};

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Minutes since local midnight at `now` in the time zone. */
export function localMinutes(now: Date, timeZone: string): number {
  const local = new TZDate(now.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

export function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * The week whose digest is due at `now`, or null: on the digest weekday, from the digest time on (a worker that was
 * down at 07:00 still sends it at 09:00 that day; a whole missed day is not sent late).
 */
export function digestDueWeek(now: Date, timeZone: string, weekday: number, time: string): IsoDate | null {
  const today = localDate(now, timeZone);
  if (isoWeekday(today) !== weekday) return null;
  if (localMinutes(now, timeZone) < (parseClock(time) ?? 7 * 60)) return null;
  return startOfWeek(today);
}

/** The calendar date of a ritual in the week starting on Monday `weekStart`. */
export function ritualDate(weekStart: IsoDate, weekday: number): IsoDate {
  return addDays(weekStart, weekday - 1);
}

export type RitualState = "done" | "due" | "missed" | "planned" | "open";

/**
 * A ritual's state this week. Rituals marked done by a record (inspection, coaching) are done once one exists this
 * week; otherwise due on the day, missed after it, planned before (on time or late is adherence's question). Rituals no record marks stay "open" on
 * and after their day (the planner shows them, nothing checks them).
 */
export function ritualState(ritual: Ritual, day: IsoDate, today: IsoDate, doneOn: IsoDate | null): RitualState {
  const byRecord = RITUAL_VOCABULARY[ritual].markedDoneBy !== null;
  if (byRecord && doneOn !== null) return "done";
  if (today < day) return "planned";
  if (!byRecord) return "open";
  return today === day ? "due" : "missed";
}

// ---- adherence over a quarter (docs/decisions/0029-weekly-rhythm.md) ----

/** Where a week or month stands on `today`: over, in progress, or still to come. */
export function spanState(start: IsoDate, end: IsoDate, today: IsoDate): "over" | "in-progress" | "future" {
  if (end < today) return "over";
  return start > today ? "future" : "in-progress";
}

/** The Mondays of the weeks whose ritual day (`weekday`) falls within [start, end]. */
export function ritualWeeks(start: IsoDate, end: IsoDate, weekday: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let monday = startOfWeek(start); monday <= end; monday = addDays(monday, 7)) {
    const day = ritualDate(monday, weekday);
    if (day >= start && day <= end) out.push(monday);
  }
  return out;
}

export interface AdherenceWeek {
  weekStart: IsoDate;
  ritualDay: IsoDate;
  /** The first day an inspection of the team was completed that week (org time zone), or null. */
  doneOn: IsoDate | null;
  onTime: boolean;
  /** Whether it counts: a week in progress counts only once its inspection was done on time (never as missed). */
  counted: boolean;
}

/**
 * A team's inspection weeks in a quarter: due every week on the align ritual's weekday, on time when completed
 * from that week's Monday to the ritual's day. `firstDoneByWeek` maps a Monday to that week's first completion.
 */
export function inspectionWeeks(quarter: { start: IsoDate; end: IsoDate }, weekday: number, firstDoneByWeek: ReadonlyMap<IsoDate, IsoDate>, today: IsoDate): AdherenceWeek[] {
  return ritualWeeks(quarter.start, quarter.end, weekday).flatMap((weekStart) => {
    const state = spanState(weekStart, addDays(weekStart, 6), today);
    if (state === "future") return [];
    const ritualDay = ritualDate(weekStart, weekday);
    const doneOn = firstDoneByWeek.get(weekStart) ?? null;
    const onTime = doneOn !== null && doneOn <= ritualDay;
    return [{ weekStart, ritualDay, doneOn, onTime, counted: state === "over" || onTime }];
  });
}

export interface CoachingMonth {
  /** "YYYY-MM" */
  month: string;
  /** Reps due a session that month (one each, DOMAIN.md: monthly coaching). */
  reps: number;
  /** Of them, reps with a completed session held that month. */
  held: number;
}

/** Coaching due and held over the months of a quarter: a month in progress counts only the sessions already held. */
export function coachingAdherence(months: readonly CoachingMonth[], today: IsoDate): { due: number; held: number } {
  let due = 0;
  let held = 0;
  for (const m of months) {
    const start = `${m.month}-01`;
    const state = spanState(start, addDays(addMonthsStart(start), -1), today);
    if (state === "future") continue;
    held += m.held;
    due += state === "over" ? m.reps : m.held;
  }
  return { due, held };
}

function addMonthsStart(firstOfMonth: IsoDate): IsoDate {
  const [y, mo] = firstOfMonth.split("-").map(Number);
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, "0")}-01`;
}

/** A share of due that was met, or null when nothing was due yet. */
export function adherenceShare(met: number, due: number): number | null {
  return due > 0 ? met / due : null;
}

/**
 * Who may change a manager's rhythm for a team: that manager, for a team they manage; administrators, anyone's.
 * Executives read it. Anything else is answered as if the rhythm did not exist.
 */
export function canEditRhythm(actor: { id: string; role: string; managedTeamIds: readonly string[] }, rhythm: { managerId: string; teamId: string }): boolean {
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && rhythm.managerId === actor.id && actor.managedTeamIds.includes(rhythm.teamId);
}

/** The page that does a ritual (`doneId`: the inspection or coaching session that marked it done this week). */
export function ritualHref(ritual: Ritual, teamId: string, doneId: string | null): string {
  if (ritual === "align") return doneId ? `/inspection/${doneId}` : `/inspection?team=${encodeURIComponent(teamId)}`;
  if (ritual === "coach") return doneId ? `/coaching/sessions/${doneId}` : "/coaching";
  return RITUAL_VOCABULARY[ritual].path;
}
