// The one Prisma client: the JS engine over the pg driver adapter, for the embedded server and any external PostgreSQL alike.
// With DATABASE_REPLICA_URL, read-only pages may read from PostgreSQL streaming replicas (see the end of this file and
// docs/decisions/0031-read-replicas.md); everything else, and every write, stays on the primary.
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { redact, resolveDatabaseUrl, validateDatabaseUrl } from "@/lib/db-url";

export type Db = PrismaClient;

/** A transaction's client: what data-layer writes take, so that a caller can make several of them one transaction. */
export type Tx = Prisma.TransactionClient;

function createClient(connectionString: string = resolveDatabaseUrl(), connectionTimeoutMillis = 5_000): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString,
      max: Number(process.env.CADENCE_DB_POOL ?? 10),
      // Fail fast when the database is down instead of hanging a request.
      connectionTimeoutMillis,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    },
    {
      // A connection dropped by a database restart is discarded by the pool; the next query opens a new one.
      onPoolError: (error) => console.warn(`[db] idle connection lost: ${error.message}`),
    },
  );
  if (!process.env.CADENCE_QUERY_LOG) return new PrismaClient({ adapter });
  return withQueryEvents(adapter);
}

/** One SQL statement as Prisma ran it: the text with $n placeholders, the parameters as JSON, and the milliseconds. */
export interface QueryEventRecord {
  query: string;
  params: string;
  duration: number;
}

const queryListeners = new Set<(event: QueryEventRecord) => void>();

/**
 * Benchmarks and the query-count guard listen to every SQL statement. Works only when CADENCE_QUERY_LOG was set
 * before this module loaded ("1": in-process listeners; a file path: also appended there as JSON lines).
 * Returns the function that stops listening.
 */
export function onQuery(listener: (event: QueryEventRecord) => void): () => void {
  if (!process.env.CADENCE_QUERY_LOG) throw new Error("onQuery needs CADENCE_QUERY_LOG set before lib/db.ts is imported.");
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function withQueryEvents(adapter: PrismaPg): PrismaClient {
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const file = process.env.CADENCE_QUERY_LOG !== "1" ? process.env.CADENCE_QUERY_LOG : undefined;
  const fs = file ? process.getBuiltinModule("node:fs") : undefined;
  client.$on("query", (event) => {
    const record: QueryEventRecord = { query: event.query, params: event.params, duration: event.duration };
    for (const listener of queryListeners) listener(record);
    if (file && fs) fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  });
  return client as unknown as PrismaClient;
}

const globalForPrisma = globalThis as unknown as { cadencePrisma?: PrismaClient; cadenceReplicas?: ReplicaSet | null };

/**
 * One client (and one pool) per process: shared across hot reloads in development, and in production between the
 * proxy's bundle and the app's, which Next builds separately but runs in the same process.
 */
const primary: PrismaClient = globalForPrisma.cadencePrisma ?? createClient();
globalForPrisma.cadencePrisma = primary;

// ---------------------------------------------------------------------------------------------------------------------
// Read replicas (docs/decisions/0031-read-replicas.md).
//
// DATABASE_REPLICA_URL names one or more PostgreSQL hot standbys (comma-separated) fed by streaming replication from
// the primary. Only code run inside `readFromReplica(...)` reads there, and only its reads: a model's find/count/
// aggregate/groupBy and $queryRaw. Writes, transactions and everything outside that scope use the primary.
// A replica answers a scope only when it is healthy (reachable, in recovery, lag within CADENCE_REPLICA_MAX_LAG_MS)
// and has replayed past the scope's floor: the user's own last write (read-your-own-writes) and, for a page the cache
// may keep, the primary's WAL position when the cache's snapshot was read. Otherwise the scope reads the primary.
// A replica query that fails because the replica went away is run again on the primary.

/** PostgreSQL's pg_lsn text ("16/B374D848") as a number of bytes. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`Not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
/** How often a replica's health and lag are checked (lazily, by the reads that need it). */
const PROBE_MS = env("CADENCE_REPLICA_PROBE_MS", 1_000);
/** A replica further behind the primary than this is not read from. */
const MAX_LAG_MS = env("CADENCE_REPLICA_MAX_LAG_MS", 5_000);
/** How long a user's write is remembered; longer than any lag a healthy replica may have. */
export const WRITE_MEMORY_MS = env("CADENCE_REPLICA_STICKY_MS", 60_000);
/** After a failure, a replica is left alone this long before it is probed again. */
const RETRY_MS = 5_000;

interface Replica {
  name: string;
  client: PrismaClient;
  /** A small pool of its own for health probes: never counted with the app's queries. */
  probes: pg.Pool;
  /** The highest replay position seen; replay only moves forward, so a cached value is a safe lower bound. */
  replayed: bigint;
  checkedAt: number;
  lagMs: number;
  downUntil: number;
  probing: Promise<void> | null;
}

interface ReplicaSet {
  replicas: Replica[];
  /** The primary's WAL position, read through its own small pool. */
  walPool: pg.Pool;
  /** Recent (time, primary WAL position) pairs: a replica that replayed past a pair's position is at most that old. */
  samples: { at: number; lsn: bigint }[];
  writes: Map<string, { lsn: bigint; at: number }>;
  next: number;
}

function probePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
  pool.on("error", () => undefined);
  return pool;
}

function createReplicaSet(): ReplicaSet | null {
  const raw = process.env.DATABASE_REPLICA_URL?.trim();
  if (!raw) return null;
  const urls = raw.split(",").map((u) => u.trim()).filter(Boolean).map((u) => validateDatabaseUrl(u));
  if (urls.length === 0) return null;
  return {
    replicas: urls.map((url) => ({
      name: redact(url),
      client: createClient(url, 1_000),
      probes: probePool(url),
      replayed: 0n,
      checkedAt: 0,
      lagMs: Infinity,
      downUntil: 0,
      probing: null,
    })),
    walPool: probePool(resolveDatabaseUrl()),
    samples: [],
    writes: new Map(),
    next: 0,
  };
}

const replicaSet: ReplicaSet | null = globalForPrisma.cadenceReplicas !== undefined ? globalForPrisma.cadenceReplicas : createReplicaSet();
globalForPrisma.cadenceReplicas = replicaSet;

/** True when DATABASE_REPLICA_URL names at least one replica. */
export function replicasConfigured(): boolean {
  return replicaSet !== null;
}

/** The primary's current WAL position (committed writes are at or before it), remembered as a lag sample. */
export async function primaryWalPosition(): Promise<bigint> {
  const set = replicaSet;
  const pool = set?.walPool ?? probePool(resolveDatabaseUrl());
  const at = Date.now();
  try {
    const r = await pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    const lsn = parseLsn(r.rows[0].lsn);
    if (set) {
      set.samples.push({ at, lsn });
      if (set.samples.length > 64) set.samples.splice(0, set.samples.length - 64);
    }
    return lsn;
  } finally {
    if (!set) await pool.end();
  }
}

function replicaFailure(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[123]|0800[136]|3D000|40001|Connection terminated|timeout exceeded when trying to connect|does not exist|conflict with recovery|system is (starting up|shutting down|in recovery mode)|terminating connection|closed the connection|not queryable|Can't reach database server|DatabaseNotReachable|P1001|P1003|P1017/i.test(
    text,
  );
}

function markDown(replica: Replica, error: unknown) {
  if (Date.now() >= replica.downUntil) console.warn(`[db] replica ${replica.name} is not answering (${(error as Error)?.message ?? error}); reading from the primary.`);
  replica.downUntil = Date.now() + RETRY_MS;
  replica.checkedAt = 0;
}

/** How stale the replica is, from the primary's recent positions: 0 when it has replayed the latest one. */
function lagOf(set: ReplicaSet, replayed: bigint, now: number): number {
  let freshest = -Infinity;
  for (const sample of set.samples) if (sample.lsn <= replayed && sample.at > freshest) freshest = sample.at;
  return freshest === -Infinity ? Infinity : Math.max(0, now - freshest);
}

async function readReplay(replica: Replica): Promise<bigint> {
  const r = await replica.probes.query<{ standby: boolean; lsn: string | null }>("SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn");
  const row = r.rows[0];
  // A server that is not replaying WAL is not a replica of this primary (a promoted standby, a wrong URL).
  if (!row.standby || !row.lsn) throw new Error("the server is not a standby in recovery");
  const lsn = parseLsn(row.lsn);
  if (lsn > replica.replayed) replica.replayed = lsn;
  return replica.replayed;
}

async function probe(set: ReplicaSet, replica: Replica): Promise<void> {
  try {
    await primaryWalPosition(); // first: a replica that replayed past it is at most this old
    const replayed = await readReplay(replica);
    const now = Date.now();
    replica.lagMs = lagOf(set, replayed, now);
    replica.checkedAt = now;
    replica.downUntil = 0;
  } catch (error) {
    replica.lagMs = Infinity;
    markDown(replica, error);
  }
}

async function usable(set: ReplicaSet, replica: Replica): Promise<boolean> {
  const now = Date.now();
  if (now < replica.downUntil) return false;
  if (now - replica.checkedAt > PROBE_MS) {
    replica.probing ??= probe(set, replica).finally(() => (replica.probing = null));
    await replica.probing;
  }
  return Date.now() >= replica.downUntil && replica.lagMs <= MAX_LAG_MS;
}

/** Remembers that a user's write committed: until a replica has replayed past it, that user reads the primary. */
export async function noteWrite(userId: string): Promise<string | null> {
  const set = replicaSet;
  if (!set) return null;
  try {
    const lsn = await primaryWalPosition();
    const now = Date.now();
    set.writes.set(userId, { lsn, at: now });
    if (set.writes.size > 10_000) for (const [id, w] of set.writes) if (now - w.at > WRITE_MEMORY_MS) set.writes.delete(id);
    return formatLsn(lsn);
  } catch {
    // The primary cannot say where it is: remember the write as "unknown", which keeps the user on the primary.
    set.writes.set(userId, { lsn: 2n ** 64n - 1n, at: Date.now() });
    return null;
  }
}

/** The user's last write still remembered by this process, as pg_lsn text (for the cookie other instances read). */
export function lastWriteOf(userId: string): string | null {
  const w = replicaSet?.writes.get(userId);
  return w && Date.now() - w.at <= WRITE_MEMORY_MS && w.lsn < 2n ** 64n - 1n ? formatLsn(w.lsn) : null;
}

export interface ReadFloor {
  /** The reader: their own writes remembered by this process must be visible. */
  userId?: string | null;
  /** Further WAL positions the reads must include: the user's write cookie, the page cache's snapshot position. */
  lsns?: readonly (string | null | undefined)[];
}

export interface ReadRoute {
  db: PrismaClient;
  server: "primary" | "replica";
  /** Which replica (its URL without the password), when one was chosen. */
  replica?: string;
}

const PRIMARY_ROUTE: ReadRoute = { db: primary, server: "primary" };

function floorOf(set: ReplicaSet, floor: ReadFloor): bigint {
  let lsn = 0n;
  if (floor.userId) {
    const w = set.writes.get(floor.userId);
    if (w && Date.now() - w.at <= WRITE_MEMORY_MS && w.lsn > lsn) lsn = w.lsn;
  }
  for (const text of floor.lsns ?? []) {
    if (!text) continue;
    try {
      const value = parseLsn(text);
      if (value > lsn) lsn = value;
    } catch {
      // An unreadable position (a tampered cookie) cannot lower the floor; it is ignored.
    }
  }
  return lsn;
}

/** Where a read-only scope reads: a healthy replica that has replayed past the floor, else the primary. */
export async function chooseReadRoute(floor: ReadFloor = {}): Promise<ReadRoute> {
  const set = replicaSet;
  if (!set) return PRIMARY_ROUTE;
  const min = floorOf(set, floor);
  const start = set.next++ % set.replicas.length;
  for (let i = 0; i < set.replicas.length; i++) {
    const replica = set.replicas[(start + i) % set.replicas.length];
    if (!(await usable(set, replica))) continue;
    try {
      if (replica.replayed >= min || (await readReplay(replica)) >= min) return { db: replica.client, server: "replica", replica: replica.name };
    } catch (error) {
      markDown(replica, error);
    }
  }
  return PRIMARY_ROUTE;
}

const readScope = new AsyncLocalStorage<ReadRoute>();

/** Runs `load` with its reads routed as `route` says (see chooseReadRoute). */
export function withReadRoute<T>(route: ReadRoute, load: () => Promise<T>): Promise<T> {
  return route.server === "primary" ? load() : readScope.run(route, load);
}

/** Runs a read-only `load` (a dashboard, a report, an export) on a replica when one may answer it. */
export async function readFromReplica<T>(floor: ReadFloor, load: () => Promise<T>): Promise<T> {
  if (!replicaSet) return load();
  return withReadRoute(await chooseReadRoute(floor), load);
}

const READ_METHODS = new Set(["findMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow", "count", "aggregate", "groupBy"]);
const RAW_READS = new Set(["$queryRaw", "$queryRawUnsafe", "$queryRawTyped"]);

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** A replica call that falls back to the primary when the replica has gone away. */
function fallback(route: ReadRoute, onReplica: AnyFn, onPrimary: AnyFn): AnyFn {
  return (...args) =>
    onReplica(...args).then(undefined, (error: unknown) => {
      if (!replicaFailure(error)) throw error;
      const replica = replicaSet?.replicas.find((r) => r.client === route.db);
      if (replica) markDown(replica, error);
      return onPrimary(...args);
    });
}

const routedDelegates = new WeakMap<PrismaClient, Map<string | symbol, unknown>>();

/** The primary's own property: methods bound to it (so that `this` is never the proxy), the rest as it is now. */
function primaryProperty(prop: string | symbol, cache: Map<string | symbol, unknown>): unknown {
  const value = Reflect.get(primary, prop, primary);
  if (typeof value !== "function") return value;
  const bound = value.bind(primary);
  cache.set(prop, bound);
  return bound;
}

function routedProperty(route: ReadRoute, prop: string | symbol): unknown {
  let cache = routedDelegates.get(route.db);
  if (!cache) routedDelegates.set(route.db, (cache = new Map()));
  if (cache.has(prop)) return cache.get(prop);
  if (route === PRIMARY_ROUTE) return primaryProperty(prop, cache);
  const replica = route.db as unknown as Record<string | symbol, unknown>;
  const main = primary as unknown as Record<string | symbol, unknown>;
  let value: unknown;
  if (typeof prop === "string" && RAW_READS.has(prop) && typeof replica[prop] === "function") {
    value = fallback(route, (replica[prop] as AnyFn).bind(route.db), (main[prop] as AnyFn).bind(primary));
  } else if (typeof prop === "string" && !prop.startsWith("$") && !prop.startsWith("_") && main[prop] && typeof main[prop] === "object") {
    // A model: its reads on the replica, everything else (create, update, delete, upsert…) on the primary.
    const onPrimary = main[prop] as Record<string, unknown>;
    const onReplica = replica[prop] as Record<string, AnyFn>;
    value = new Proxy(onPrimary, {
      get(target, method) {
        if (typeof method === "string" && READ_METHODS.has(method)) {
          return fallback(route, onReplica[method].bind(onReplica), (target[method] as AnyFn).bind(target));
        }
        return Reflect.get(target, method);
      },
    });
  } else {
    // Transactions, $executeRaw, $connect…: the primary's.
    return primaryProperty(prop, cache);
  }
  cache.set(prop, value);
  return value;
}

/**
 * The client every module imports. Without replicas it is the primary's client itself. With replicas, inside a
 * readFromReplica scope that chose a replica its reads go there; everything else is the primary's.
 */
export const prisma: PrismaClient = replicaSet
  ? new Proxy(primary, {
      get(target, prop) {
        const route = readScope.getStore();
        return route ? routedProperty(route, prop) : routedProperty(PRIMARY_ROUTE, prop);
      },
    })
  : primary;
