// GET /api/calendar/<token>.ics: a user's private iCalendar feed (docs/decisions/0030-calendar-feeds.md).
// The token is the credential (no session): malformed, unknown, revoked, or of a deactivated user all answer the
// same 404. Rate limited per client address on the shared PostgreSQL counters.
import { createEvents, type EventAttributes } from "ics";
import { feedOwner, feedRows } from "@/lib/data/calendar-feed";
import { prisma } from "@/lib/db";
import { feedEvents, feedWindow, parseFeedSegment, type FeedEvent } from "@/lib/domain/calendar-feed";
import { addDays, type IsoDate } from "@/lib/domain/calendar";
import { hit, retryAfterSeconds, type Limit } from "@/lib/http/rate-limit";
import { absoluteUrl, appBaseUrl } from "@/lib/mail/links";

export const CALENDAR_LIMIT = (ip: string): Limit => ({
  key: `calendar:ip:${ip}`,
  max: Number(process.env.CADENCE_CALENDAR_LIMIT ?? 120),
  windowSeconds: 600,
});

function dateArray(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

/** The iCalendar text of a list of events (all-day, on their organisation dates). */
export function renderCalendar(events: FeedEvent[], opts: { calendarName: string; timeZone: string; now: Date; appUrl?: string }): string {
  const attributes: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    start: dateArray(e.date),
    end: dateArray(addDays(e.date, 1)),
    title: e.title,
    description: e.description,
    url: absoluteUrl(e.path, opts.appUrl ?? appBaseUrl()),
    sequence: e.sequence,
    lastModified: e.lastModified.getTime(),
    categories: [e.kind],
    transp: "TRANSPARENT",
    timestamp: opts.now.getTime(),
  }) as EventAttributes & { timestamp: number });
  const header = { productId: "-//Cadence//Calendar feed//EN", method: "PUBLISH", calName: opts.calendarName };
  if (attributes.length === 0) {
    // The ics package refuses an empty list; an empty calendar is still a valid answer.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      `PRODID:${header.productId}`,
      `METHOD:${header.method}`,
      `X-WR-CALNAME:${header.calName.replace(/[\r\n]/g, " ")}`,
      `X-WR-TIMEZONE:${opts.timeZone}`,
      "X-PUBLISHED-TTL:PT1H",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const { error, value } = createEvents(attributes, header);
  if (error || !value) throw error ?? new Error("The calendar could not be written.");
  // The organisation's zone for clients that show it (optional, outside any event; ics writes X-PUBLISHED-TTL).
  return value.replace("BEGIN:VEVENT", `X-WR-TIMEZONE:${opts.timeZone}\r\nBEGIN:VEVENT`);
}

const NOT_FOUND = () => new Response("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** The answer to GET /api/calendar/<segment>. */
export async function calendarFeedResponse(segment: string, ip: string, now: Date = new Date()): Promise<Response> {
  const limit = CALENDAR_LIMIT(ip);
  const { allowed } = await hit(limit, now);
  if (!allowed) {
    return new Response("Too many requests: try again later.", {
      status: 429,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": String(retryAfterSeconds(limit, now)) },
    });
  }
  const token = parseFeedSegment(segment);
  if (!token) return NOT_FOUND();
  const [owner, org] = await Promise.all([
    feedOwner(token),
    prisma.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { timeZone: true } }),
  ]);
  if (!owner) return NOT_FOUND();
  const timeZone = org?.timeZone ?? "UTC";
  const window = feedWindow(now, timeZone);
  const rows = await feedRows(owner, window);
  const body = renderCalendar(feedEvents(rows, window), { calendarName: `Cadence: ${owner.name}`, timeZone, now });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="cadence.ics"',
      // The URL is a credential: no shared cache keeps it.
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}
