// A small iCalendar reader for tests (RFC 5545): unfolds lines, splits VEVENTs, reads each property with its
// parameters, unescapes text. Throws on anything a calendar app would refuse to read.
export interface IcsProperty {
  params: Record<string, string>;
  value: string;
}
export type IcsComponent = Record<string, IcsProperty>;

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function fail(message: string): never {
  throw new Error(`Not a valid iCalendar text: ${message}`);
}

export function parseIcs(text: string): { calendar: IcsComponent; events: IcsComponent[] } {
  if (!text.endsWith("\r\n")) fail("it does not end with CRLF");
  for (const line of text.split("\r\n")) if ([...line].length > 75) fail(`a line longer than 75 characters: ${line}`);
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l !== "");
  if (lines[0] !== "BEGIN:VCALENDAR" || lines.at(-1) !== "END:VCALENDAR") fail("no VCALENDAR around it");
  const calendar: IcsComponent = {};
  const events: IcsComponent[] = [];
  let current: IcsComponent | null = null;
  for (const line of lines.slice(1, -1)) {
    if (line === "BEGIN:VEVENT") {
      if (current) fail("a VEVENT inside a VEVENT");
      current = {};
      continue;
    }
    if (line === "END:VEVENT") {
      if (!current) fail("END:VEVENT without BEGIN");
      if (!current.UID || !current.DTSTART || !current.DTSTAMP) fail("an event without UID, DTSTART or DTSTAMP");
      events.push(current);
      current = null;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) fail(`no property name in "${line}"`);
    const [name, ...paramParts] = line.slice(0, colon).split(";");
    const params = Object.fromEntries(paramParts.map((p) => p.split("=") as [string, string]));
    (current ?? calendar)[name] = { params, value: unescapeText(line.slice(colon + 1)) };
  }
  if (current) fail("an unterminated VEVENT");
  if (calendar.VERSION?.value !== "2.0" || !calendar.PRODID) fail("no VERSION:2.0 or PRODID");
  return { calendar, events };
}

export const eventsByUid = (events: IcsComponent[]) => new Map(events.map((e) => [e.UID.value, e]));
