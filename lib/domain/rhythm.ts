// The weekly rhythm's pure rules: when the digest is due, which local week/day it is, the planner's rituals and
// whether each one is done, due or missed. No clock, no database: `now` and the time zone come in.
import { TZDate } from "@date-fns/tz";
import { addDays, localDate, startOfWeek, type IsoDate } from "@/lib/domain/calendar";

export const RITUALS = ["align", "prospect", "coach", "close", "review"] as const;
export type Ritual = (typeof RITUALS)[number];

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
