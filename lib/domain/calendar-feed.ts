// A user's calendar feed, as pure rules: which window of dates it covers, each item's stable UID and its event.
// No clock, no I/O: `now`, the organisation's time zone and the rows come in (lib/data/calendar-feed.ts reads them).
//
// Every date Cadence keeps for these items is a calendar date of the organisation (next-step date, due date, the day
// a coaching session is held, a ritual's weekday), with no time of day. So every event is an all-day event on that
// date (VALUE=DATE, DTEND the next day, exclusive): a subscriber in another zone sees it on the same date, and a DST
// change moves nothing. "Today" and "this week" are the organisation's (localDate in its zone), never the server's.
import { addDays, localDate, startOfWeek, type IsoDate } from "@/lib/domain/calendar";
import { RITUAL_VOCABULARY, RITUALS, ritualDate, type Ritual } from "@/lib/domain/rhythm";

export type FeedKind = "next-step" | "action-item" | "plan-action" | "coaching" | "ritual";

export interface FeedEvent {
  uid: string;
  kind: FeedKind;
  date: IsoDate;
  title: string;
  description: string;
  /** A path inside Cadence ("/deals/…"); made absolute when rendered. */
  path: string;
  /** Raised whenever the item changes, so a calendar that compares it takes the new version. */
  sequence: number;
  lastModified: Date;
}

/** The dates the feed covers, in the organisation's zone at `now`. */
export interface FeedWindow {
  today: IsoDate;
  /** Dated items (next steps, action items, plan actions) from here on. */
  from: IsoDate;
  to: IsoDate;
  /** Coaching sessions from here on. */
  coachingFrom: IsoDate;
  /** This week's Monday and next week's Sunday: the rituals shown. */
  weekStart: IsoDate;
  weekEnd: IsoDate;
}

export const PAST_DAYS = 30;
export const COACHING_PAST_DAYS = 90;
export const FUTURE_DAYS = 365;
/** At most this many events of each kind (the nearest dates first). */
export const PER_KIND = 500;

export function feedWindow(now: Date, timeZone: string): FeedWindow {
  const today = localDate(now, timeZone);
  const weekStart = startOfWeek(today);
  return {
    today,
    from: addDays(today, -PAST_DAYS),
    to: addDays(today, FUTURE_DAYS),
    coachingFrom: addDays(today, -COACHING_PAST_DAYS),
    weekStart,
    weekEnd: addDays(weekStart, 13),
  };
}

const UID_DOMAIN = "cadence";
export function feedUid(kind: FeedKind, id: string, suffix?: string): string {
  return `${kind}-${id}${suffix ? `-${suffix}` : ""}@${UID_DOMAIN}`;
}

// SEQUENCE must grow when an event changes. A deal has a version; other rows have updatedAt: its seconds since
// 2024-01-01 (a 32-bit integer until 2092) grow with every update and never go back.
const SEQUENCE_EPOCH = Date.UTC(2024, 0, 1);
export function sequenceOf(updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH) / 1000));
}

export interface FeedRows {
  nextSteps: { id: string; name: string; nextStep: string | null; nextStepDate: IsoDate; version: number; updatedAt: Date }[];
  actionItems: { id: string; description: string; dueDate: IsoDate; dealId: string | null; dealName: string | null; createdAt: Date }[];
  planActions: { id: string; description: string; dueDate: IsoDate; sessionId: string; updatedAt: Date }[];
  /** role: the user's part in the session; other: the other person's name. */
  coaching: { id: string; heldOn: IsoDate; role: "coach" | "rep"; other: string; completed: boolean; updatedAt: Date }[];
  rituals: { id: string; ritual: string; weekday: number; teamName: string; managerName: string; updatedAt: Date }[];
}

function isRitual(value: string): value is Ritual {
  return (RITUALS as readonly string[]).includes(value);
}

/** The feed's events, sorted by date then UID (a stable order, so two fetches of unchanged data are identical). */
export function feedEvents(rows: FeedRows, window: FeedWindow): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const d of rows.nextSteps) {
    const step = d.nextStep?.trim();
    events.push({
      uid: feedUid("next-step", d.id),
      kind: "next-step",
      date: d.nextStepDate,
      title: step ? `Next step: ${step} (${d.name})` : `Next step: ${d.name}`,
      description: `The next step of the deal ${d.name}.`,
      path: `/deals/${d.id}`,
      sequence: d.version,
      lastModified: d.updatedAt,
    });
  }
  for (const a of rows.actionItems) {
    events.push({
      uid: feedUid("action-item", a.id),
      kind: "action-item",
      date: a.dueDate,
      title: `Action item due: ${a.description}`,
      description: a.dealName ? `Action item on the deal ${a.dealName}.` : "Action item from an inspection.",
      path: a.dealId ? `/deals/${a.dealId}` : "/inspection",
      // An action item's description and due date never change once created: only its status does.
      sequence: 0,
      lastModified: a.createdAt,
    });
  }
  for (const p of rows.planActions) {
    events.push({
      uid: feedUid("plan-action", p.id),
      kind: "plan-action",
      date: p.dueDate,
      title: `Plan action due: ${p.description}`,
      description: "An action of your development plan.",
      path: `/coaching/sessions/${p.sessionId}`,
      sequence: sequenceOf(p.updatedAt),
      lastModified: p.updatedAt,
    });
  }
  for (const c of rows.coaching) {
    events.push({
      uid: feedUid("coaching", c.id),
      kind: "coaching",
      date: c.heldOn,
      title: c.role === "coach" ? `Coaching session with ${c.other}` : `Coaching session with ${c.other} (your manager)`,
      description: c.completed ? "Coaching session (recorded)." : "Coaching session (planned).",
      path: `/coaching/sessions/${c.id}`,
      sequence: sequenceOf(c.updatedAt),
      lastModified: c.updatedAt,
    });
  }
  // Rituals repeat weekly: one event per ritual and week, its UID carrying the week, so that moving a ritual to
  // another weekday moves that week's event instead of adding one.
  for (const r of rows.rituals) {
    if (!isRitual(r.ritual) || r.weekday < 1 || r.weekday > 7) continue;
    const vocabulary = RITUAL_VOCABULARY[r.ritual];
    for (const weekStart of [window.weekStart, addDays(window.weekStart, 7)]) {
      events.push({
        uid: feedUid("ritual", r.id, weekStart),
        kind: "ritual",
        date: ritualDate(weekStart, r.weekday),
        title: `${vocabulary.label}: ${r.teamName}`,
        description: `${vocabulary.description} Weekly rhythm of ${r.managerName}.`,
        path: vocabulary.path,
        sequence: sequenceOf(r.updatedAt),
        lastModified: r.updatedAt,
      });
    }
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

/** Feed tokens: "calf_" and 43 base64url characters (32 random bytes). Anything else is not looked up. */
export const FEED_TOKEN_PREFIX = "calf_";
const FEED_TOKEN = /^calf_[A-Za-z0-9_-]{43}$/;

/** The token in a feed path segment "<token>.ics", or null when it is malformed. */
export function parseFeedSegment(segment: string): string | null {
  if (segment.length > 64 || !segment.endsWith(".ics")) return null;
  const token = segment.slice(0, -4);
  return FEED_TOKEN.test(token) ? token : null;
}
