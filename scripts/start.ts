// `npm start`: Cadence with its own PostgreSQL, migrated and seeded, on http://localhost:3000.
// `npm run dev` does the same with the Next.js dev server. DATABASE_URL switches to an external server.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import pg from "pg";
import { embeddedDatabaseUrl, EMBEDDED_DB, redact, resolveDatabaseUrl, DatabaseUrlError } from "../lib/db-url";
import { ensureDatabase, portInUse, startEmbeddedPostgres, StartupError, type EmbeddedServer } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";

const dev = process.argv.includes("--dev");
const rebuild = process.argv.includes("--rebuild");
const PORT = Number(process.env.PORT ?? 3000);
const DATA_ROOT = path.resolve(process.env.CADENCE_DATA_DIR ?? ".cadence");
const LOCK = path.join(DATA_ROOT, "cadence.pid");

let db: EmbeddedServer | null = null;
let app: ChildProcess | null = null;
let stopping = false;

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  throw new StartupError(message);
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function takeLock() {
  try {
    fs.mkdirSync(DATA_ROOT, { recursive: true });
  } catch (error) {
    fail(`Cannot create the data folder ${DATA_ROOT} (${(error as NodeJS.ErrnoException).code}). Set CADENCE_DATA_DIR to a writable folder.`);
  }
  if (fs.existsSync(LOCK)) {
    const [pidText, url] = fs.readFileSync(LOCK, "utf8").split("\n");
    const pid = Number(pidText);
    if (pid && pid !== process.pid && pidAlive(pid)) {
      fail(`Cadence is already running (process ${pid})${url ? ` at ${url}` : ""}. Use that one, or stop it with Ctrl+C first.`);
    }
  }
  try {
    fs.writeFileSync(LOCK, `${process.pid}\nhttp://localhost:${PORT}\n`);
  } catch (error) {
    fail(`The data folder ${DATA_ROOT} is not writable (${(error as NodeJS.ErrnoException).code}). Set CADENCE_DATA_DIR to a writable folder.`);
  }
}

function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_ROOT, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

async function checkReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const reason =
      code === "ECONNREFUSED" ? "nothing is listening there (is the server down?)"
      : code === "ENOTFOUND" ? "that host name does not resolve"
      : code === "28P01" ? "the user name or password is wrong"
      : code === "3D000" ? "that database does not exist (create it first)"
      : (error as Error).message;
    fail(`Cannot connect to the database at ${redact(url)}: ${reason}.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`SELECT (SELECT count(*) FROM "Organisation") + (SELECT count(*) FROM "User") AS n`);
    return Number(r.rows[0].n) === 0;
  } finally {
    await client.end();
  }
}

function sourcesNewerThan(mtime: number): boolean {
  const roots = ["app", "components", "lib", "next.config.ts", "package-lock.json", "proxy.ts"];
  const stack = [...roots];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.includes(`lib${path.sep}generated`)) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) stack.push(path.join(p, e));
    else if (st.mtimeMs > mtime) return true;
  }
  return false;
}

let build: ChildProcess | null = null;

async function buildIfNeeded() {
  const buildId = path.join(process.env.CADENCE_DIST_DIR ?? ".next", "BUILD_ID");
  const needed = rebuild || !fs.existsSync(buildId) || sourcesNewerThan(fs.statSync(buildId).mtimeMs);
  if (!needed) return;
  say("• Building Cadence for production (first start or changed sources; about a minute)…");
  // Async, so Ctrl+C during the build stops the build too.
  build = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const code = await new Promise<number | null>((resolve) => build!.once("exit", resolve));
  build = null;
  if (code !== 0) fail("The build failed (see above).");
}

async function waitForHealth(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app?.exitCode !== null && app?.exitCode !== undefined) fail("The web server stopped while starting (see above).");
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`The web server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  if (app || db) say("\n• Stopping Cadence…");
  if (build && build.exitCode === null) build.kill("SIGTERM");
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app!.once("exit", r));
  }
  if (db) await db.stop().catch(() => undefined);
  try {
    if (fs.existsSync(LOCK) && fs.readFileSync(LOCK, "utf8").startsWith(`${process.pid}\n`)) fs.unlinkSync(LOCK);
  } catch {
    /* best effort */
  }
  process.exit(code);
}

async function main() {
  const started = Date.now();
  takeLock();
  if (await portInUse(PORT)) {
    fail(`Port ${PORT} is already taken by another program. Stop it, or start Cadence on another port: PORT=3001 npm start`);
  }

  let databaseUrl: string;
  try {
    databaseUrl = resolveDatabaseUrl();
  } catch (error) {
    if (error instanceof DatabaseUrlError) fail(error.message);
    throw error;
  }
  if (process.env.DATABASE_URL) {
    say(`• Using the database at ${redact(databaseUrl)}`);
  } else {
    const dataDir = path.join(DATA_ROOT, "pgdata");
    const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
    say(fresh ? `• Creating Cadence's database in ${dataDir}…` : `• Starting Cadence's database (${dataDir})…`);
    db = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_DB.port });
    await ensureDatabase(EMBEDDED_DB.port, EMBEDDED_DB.database);
    databaseUrl = embeddedDatabaseUrl();
  }
  await checkReachable(databaseUrl);

  const applied = await applyMigrations(databaseUrl);
  say(applied ? `• Applied ${applied} migration(s).` : "• Database schema is up to date.");

  if (await isEmpty(databaseUrl)) {
    say("• Empty database: loading the demo organisation…");
    const seed = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "prisma/seed.ts"], {
      stdio: "inherit",
      // The secret signs the unsubscribe links of the demo's Monday digests, rendered into the outbox by the seed.
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: authSecret(), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}` },
    });
    if (seed.status !== 0) fail("Loading the demo data failed (see above).");
  }

  const secret = authSecret();
  const url = `http://localhost:${PORT}`;
  if (!dev) await buildIfNeeded();
  // Production: server.ts (Next's handler behind the rendered-page cache); development: `next dev`.
  const command = dev
    ? [path.join("node_modules", "next", "dist", "bin", "next"), "dev", "-p", String(PORT)]
    : ["--import", "tsx", "server.ts", "-p", String(PORT)];
  app = spawn(process.execPath, command, {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  app.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`\n✖ The web server stopped (exit code ${code}).\n`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHealth(url);

  say("");
  say(`  Cadence is running at ${url}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  say("");
  say("  Demo sign-ins (password for all: cadence-demo)");
  say("    Sales rep       riley.rep@cadence.demo");
  say("    Sales manager   maria.manager@cadence.demo   (team East; also omar.manager@, hannah.manager@)");
  say("    Executive       erin.exec@cadence.demo");
  say("    Administrator   admin@cadence.demo");
  say("");
  say("  Press Ctrl+C to stop. Your data stays in .cadence/ for the next start.");
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error) => {
  const message = error instanceof StartupError ? error.message : `Cadence could not start: ${(error as Error).message}`;
  process.stderr.write(`\n✖ ${message}\n\n`);
  await shutdown(1);
});
