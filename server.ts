// Cadence's production server: Next's own request handler behind the rendered-page cache (lib/http/page-cache.ts,
// docs/decisions/0012-page-cache.md). `npm start`, the end-to-end tests and the benchmark all run this file
// (`node --import tsx server.ts -p 3000 [-H host]`); `npm run dev` keeps `next dev`.
// CADENCE_PAGE_CACHE=off turns the cache off; CADENCE_PAGE_CACHE_MB (64) bounds its memory.
import http from "node:http";
import next from "next";
import pg from "pg";
import { decodeSessionToken } from "./lib/auth/jwt";
import { resolveDatabaseUrl } from "./lib/db-url";
import { SNAPSHOT_LSN_HEADER } from "./lib/http/replica-floor";
import { newClientIpKey, parseTrustedProxies, stampClientIp } from "./lib/http/client-ip";
import { startWorker, stopWorker, workerEnabled } from "./lib/jobs/worker";
import {
  captureResponse,
  cacheKey,
  isCacheableRequest,
  isCacheableResponse,
  localDateIn,
  PAGE_CACHE_TTL_MS,
  PageCache,
  replay,
  sessionToken,
  type CachedPage,
  type DatabaseState,
} from "./lib/http/page-cache";

const argv = process.argv.slice(2);
const arg = (short: string, long: string) => {
  const i = argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = Number(arg("-p", "--port") ?? process.env.PORT ?? 3000);
// Without -H the server listens on every interface, IPv4 and IPv6, as `next start` does.
const hostname = arg("-H", "--hostname");
(process.env as Record<string, string>).NODE_ENV = "production";

// Which forwarding headers to believe for the client's address (CADENCE_TRUSTED_PROXIES, lib/http/client-ip.ts);
// an unreadable setting stops the server here rather than trusting the wrong hops.
const proxyTrust = parseTrustedProxies(process.env.CADENCE_TRUSTED_PROXIES);
newClientIpKey();

const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
const cacheOn = process.env.CADENCE_PAGE_CACHE !== "off";
const cache = new PageCache(Number(process.env.CADENCE_PAGE_CACHE_MB ?? 64) * 1024 * 1024);
// Two connections are plenty for one short read per page request; a database that is down only turns the cache off.
const pool = new pg.Pool({ connectionString: resolveDatabaseUrl(), max: 2, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 30_000 });
pool.on("error", () => undefined);

/**
 * The snapshot, the organisation's time zone (the first organisation, as lib/data/organisation.ts picks it) and the
 * session version of the request's user (null when deactivated or gone), in one read.
 */
async function databaseState(userId: string): Promise<(DatabaseState & { sessionVersion: number | null; lsn: string }) | null> {
  try {
    const r = await pool.query<{ snapshot: string; lsn: string; time_zone: string | null; session_version: number | null }>(
      `SELECT pg_current_snapshot()::text AS snapshot, pg_current_wal_lsn()::text AS lsn,
              (SELECT "timeZone" FROM "Organisation" ORDER BY "createdAt" LIMIT 1) AS time_zone,
              (SELECT "sessionVersion" FROM "User" WHERE id = $1 AND active) AS session_version`,
      [userId],
    );
    const row = r.rows[0];
    return row?.time_zone ? { snapshot: row.snapshot, lsn: row.lsn, timeZone: row.time_zone, sessionVersion: row.session_version } : null;
  } catch {
    return null;
  }
}

/** The session token's user, session version and expiry (ms), or null when it does not decode. */
async function sessionClaims(req: http.IncomingMessage): Promise<{ userId: string; version: number; expiresAt: number } | null> {
  const token = sessionToken(req.headers);
  if (!token || !process.env.NEXTAUTH_SECRET) return null;
  try {
    const payload = await decodeSessionToken({ token, secret: process.env.NEXTAUTH_SECRET });
    if (typeof payload?.uid !== "string" || typeof payload.sv !== "number" || typeof payload.exp !== "number") return null;
    return { userId: payload.uid, version: payload.sv, expiresAt: payload.exp * 1000 };
  } catch {
    return null;
  }
}

/** Renders in progress by key: a request with the same key and the same snapshot waits for it instead of rendering. */
const inflight = new Map<string, { snapshot: string; done: Promise<CachedPage | null> }>();
const SHARE_WAIT_MS = 10_000;
let shared = 0;

/** The promise's value, or null once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  // Before anything reads the headers: the client's address, resolved from the socket, replaces any copy it sent.
  stampClientIp(req, proxyTrust);
  delete req.headers[SNAPSHOT_LSN_HEADER]; // only this server says where the snapshot was taken
  if (!cacheOn || !isCacheableRequest(req)) return handle(req, res);
  // An unreadable token gets Next's answer (sign-in), never a cached page.
  const session = await sessionClaims(req);
  if (!session) return handle(req, res);
  const state = await databaseState(session.userId);
  if (!state) return handle(req, res);
  // An ended session (sign-out, password set, deactivation, role change: lib/auth/revoke.ts) is never answered from
  // the cache. The bump is a committed write, so the snapshot has moved on as well; this check does not rely on it.
  if (state.sessionVersion !== session.version) return handle(req, res);
  const key = cacheKey(req);
  const now = Date.now();
  const hit = cache.get(key, state, now);
  if (hit) return replay(res, hit);
  const running = inflight.get(key);
  if (running && running.snapshot === state.snapshot) {
    // Rendered from the same database state for the same request: exactly what a render now would produce.
    // A render that takes unusually long is not waited for beyond SHARE_WAIT_MS.
    const page = await within(running.done, SHARE_WAIT_MS);
    if (page) {
      shared++;
      return replay(res, page, "shared");
    }
  }
  if (res.closed || req.socket.destroyed) return; // the browser has gone: nothing to render for

  let settle: (page: CachedPage | null) => void = () => undefined;
  const mine = { snapshot: state.snapshot, done: new Promise<CachedPage | null>((resolve) => (settle = resolve)) };
  inflight.set(key, mine);
  let settled = false;
  const forget = () => {
    if (inflight.get(key) === mine) inflight.delete(key);
  };
  const release = (page: CachedPage | null) => {
    if (settled) return;
    settled = true;
    settle(page);
    if (!page) forget();
  };
  // A page kept under this snapshot is read from a replica only if the replica has replayed at least this far, so
  // that it is never older than its key (lib/http/replica-floor.ts, docs/decisions/0031-read-replicas.md).
  req.headers[SNAPSHOT_LSN_HEADER] = state.lsn;
  res.setHeader("x-cadence-cache", "miss");
  const captured = captureResponse(res);
  const localDate = localDateIn(state.timeZone, now);
  res.once("close", () => release(null)); // aborted, or after "finish" (then a no-op)
  res.once("finish", () => {
    const page = captured();
    if (!page.complete || !isCacheableResponse(page.status, page.headers, page.body.length)) return release(null);
    const entry: CachedPage = { snapshot: state.snapshot, localDate, expiresAt: now + PAGE_CACHE_TTL_MS, ...page };
    release(entry);
    const expiresAt = Math.min(entry.expiresAt, session.expiresAt); // never outlives the session token
    if (expiresAt > Date.now()) cache.set(key, { ...entry, expiresAt });
    forget();
  });
  return handle(req, res);
}

await app.prepare();
const server = http.createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    console.error("[server] request failed:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
const listening = () => console.log(`> Cadence on http://${hostname ?? "localhost"}:${port} (page cache ${cacheOn ? "on" : "off"})`);
if (hostname) server.listen(port, hostname, listening);
else server.listen(port, listening);

// The job worker (digests, reminders, the mail outbox, webhooks) runs in this process unless CADENCE_WORKER=off
// (then `npm run worker` runs it alone). A worker that cannot start does not stop the web server: the outbox keeps
// everything until a worker runs.
if (workerEnabled()) {
  startWorker().catch((error: unknown) => console.warn(`[jobs] the worker did not start: ${error instanceof Error ? error.message : error}`));
}

// The benchmark reads the hit rate: SIGUSR2 prints the counters since the last SIGUSR2 (misses include the
// requests that then shared a render already running).
process.on("SIGUSR2", () => {
  console.log(`[page-cache] ${JSON.stringify({ hits: cache.hits, shared, misses: cache.misses, entries: cache.size, bytes: cache.storedBytes })}`);
  cache.hits = 0;
  cache.misses = 0;
  shared = 0;
});

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeIdleConnections();
    void Promise.allSettled([pool.end(), app.close(), stopWorker(3_000)]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
