// The rendered-page cache in front of Next's request handler (server.ts). A signed-in GET of a page is answered from
// memory when the very same request (URL, cookies — so the same session —, and every header that can change the
// response) was rendered before and the database has not changed since: the key stores PostgreSQL's transaction
// snapshot (`pg_current_snapshot()`) as it was before the render, and an entry is served only while the current
// snapshot is identical, i.e. no transaction that writes has committed (or started) since. That holds for every writer
// — server actions, CSV imports, seeds, another app instance, psql — with no list of tables to keep up to date.
// Entries also end at the organisation's midnight (pages depend on "today"), after a minute, and never outlive the
// session token. See docs/decisions/0012-page-cache.md.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export interface DatabaseState {
  /** `pg_current_snapshot()::text`: xmin:xmax:in-progress xids. Identical text = no write committed since. */
  snapshot: string;
  /** The organisation's time zone, for "today". */
  timeZone: string;
}

export interface CachedPage {
  snapshot: string;
  localDate: string;
  expiresAt: number;
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export const PAGE_CACHE_TTL_MS = 60_000;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const SESSION_COOKIES = ["next-auth.session-token=", "__Secure-next-auth.session-token="];
/** Paths that are never cached: route handlers, Next's assets, the sign-in flow, and import progress. */
const UNCACHED_PATHS = [/^\/api\//, /^\/_next\//, /^\/signin/, /^\/favicon/, /^\/import\//];
/** Request headers that differ between otherwise identical requests and cannot change the page. */
const KEY_IGNORES = new Set([
  "connection",
  "keep-alive",
  "content-length",
  "x-forwarded-for",
  "x-real-ip",
  "x-cadence-client-ip",
  "x-request-id",
  "traceparent",
  "tracestate",
  "if-none-match",
  "if-modified-since",
  "cache-control",
  "pragma",
]);
/** Response headers that belong to one transfer, not to the page. */
const REPLAY_DROPS = ["date", "connection", "keep-alive", "transfer-encoding", "content-length", "x-cadence-cache"];

export function hasSessionCookie(headers: IncomingHttpHeaders): boolean {
  const cookie = headers.cookie ?? "";
  return SESSION_COOKIES.some((name) => cookie.startsWith(name) || cookie.includes(`; ${name}`));
}

/** The session token from the Cookie header (next-auth may split a large one into .0, .1 … chunks: then null). */
export function sessionToken(headers: IncomingHttpHeaders): string | null {
  for (const part of (headers.cookie ?? "").split(/;\s*/)) {
    for (const name of SESSION_COOKIES) if (part.startsWith(name)) return decodeURIComponent(part.slice(name.length));
  }
  return null;
}

/** Only a signed-in GET of a page, not a forced reload (Cache-Control: no-cache), a server action or a range. */
export function isCacheableRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (req.method !== "GET" || !req.url) return false;
  const path = req.url.split("?")[0];
  if (UNCACHED_PATHS.some((re) => re.test(path))) return false;
  const h = req.headers;
  if (h["next-action"] || h.range || h.upgrade) return false;
  const control = `${h["cache-control"] ?? ""} ${h.pragma ?? ""}`;
  if (/no-cache|no-store/.test(control)) return false;
  return hasSessionCookie(h);
}

/** The URL and every request header that can change the response (cookies, RSC router state, encoding, agent…). */
export function cacheKey(req: Pick<IncomingMessage, "method" | "url" | "rawHeaders">): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!KEY_IGNORES.has(name)) pairs.push(`${name}:${req.rawHeaders[i + 1]}`);
  }
  pairs.sort();
  return createHash("sha256").update(`${req.method} ${req.url}\n${pairs.join("\n")}`).digest("base64url");
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date at `now` in the organisation's time zone, YYYY-MM-DD. */
export function localDateIn(timeZone: string, now: number): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** A response worth keeping: a whole 200 page or RSC payload that sets no cookie. */
export function isCacheableResponse(status: number, headers: OutgoingHttpHeaders, bytes: number): boolean {
  if (status !== 200 || bytes > MAX_ENTRY_BYTES || headers["set-cookie"] !== undefined) return false;
  const type = String(headers["content-type"] ?? "");
  return type.startsWith("text/html") || type.startsWith("text/x-component");
}

/** Least-recently-used entries go first once the cache holds more than `maxBytes` of bodies. */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  /** The entry, if the database is exactly as it was before its render, it is still that day and not expired. */
  get(key: string, state: DatabaseState, now: number): CachedPage | null {
    const entry = this.entries.get(key);
    if (entry && entry.snapshot === state.snapshot && now < entry.expiresAt && entry.localDate === localDateIn(state.timeZone, now)) {
      this.entries.delete(key);
      this.entries.set(key, entry); // most recently used last
      this.hits++;
      return entry;
    }
    if (entry) this.remove(key);
    this.misses++;
    return null;
  }

  set(key: string, entry: CachedPage): void {
    if (entry.body.length > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

export interface CapturedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  complete: boolean;
}

type WriteCallback = (error?: Error | null) => void;

/** Keeps a copy of what Next writes to `res` (status, headers, body) while it streams to the browser unchanged. */
export function captureResponse(res: ServerResponse): () => CapturedResponse {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  let headHeaders: OutgoingHttpHeaders = {};
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_ENTRY_BYTES) {
      tooBig = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const last = args[args.length - 1];
    if (Array.isArray(last)) {
      for (let i = 0; i + 1 < last.length; i += 2) headHeaders[String(last[i]).toLowerCase()] = last[i + 1];
    } else if (last && typeof last === "object") {
      headHeaders = { ...headHeaders, ...Object.fromEntries(Object.entries(last).map(([k, v]) => [k.toLowerCase(), v])) };
    }
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
  const write = res.write.bind(res) as (chunk: unknown, encoding?: unknown, cb?: WriteCallback) => boolean;
  res.write = ((chunk: unknown, encoding?: unknown, cb?: WriteCallback) => {
    keep(chunk, encoding);
    return write(chunk, encoding, cb);
  }) as ServerResponse["write"];
  const end = res.end.bind(res) as (chunk?: unknown, encoding?: unknown, cb?: () => void) => ServerResponse;
  res.end = ((chunk?: unknown, encoding?: unknown, cb?: () => void) => {
    keep(chunk, encoding);
    return end(chunk, encoding, cb);
  }) as ServerResponse["end"];
  return () => ({
    status: res.statusCode,
    headers: { ...res.getHeaders(), ...headHeaders },
    body: Buffer.concat(chunks),
    complete: !tooBig && res.writableFinished,
  });
}

/**
 * Answers from the cache: the stored status, headers and body, marked `x-cadence-cache: hit` (or `shared`: the
 * render that was already running for the same request and the same snapshot).
 */
export function replay(res: ServerResponse, entry: Pick<CachedPage, "status" | "headers" | "body">, how: "hit" | "shared" = "hit"): void {
  const headers: OutgoingHttpHeaders = { ...entry.headers };
  for (const name of REPLAY_DROPS) delete headers[name];
  headers["content-length"] = entry.body.length;
  headers["x-cadence-cache"] = how;
  res.writeHead(entry.status, headers);
  res.end(entry.body);
}
