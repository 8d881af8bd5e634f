// The names that carry a read's WAL floor between server.ts, server actions and read-only pages (read replicas:
// lib/data/read-replica.ts, docs/decisions/0031-read-replicas.md). No imports: server.ts loads this file directly.

/**
 * The WAL position of the user's last write, for the app instances that did not see it. Not signed: it can only raise
 * the position a replica must have replayed, i.e. send this user's own reads to the primary, never lower it.
 */
export const WRITE_LSN_COOKIE = "cadence-wal";

/**
 * The primary's WAL position when server.ts read the page cache's snapshot. A page the cache may keep under that
 * snapshot is read from a replica only if the replica has replayed at least this far (never older than its key).
 */
export const SNAPSHOT_LSN_HEADER = "x-cadence-snapshot-lsn";
