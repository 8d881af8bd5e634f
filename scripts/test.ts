// `npm test`: every test. Starts its own PostgreSQL (embedded, throwaway), builds a migrated template database,
// runs unit and integration tests (vitest), builds the app and runs the end-to-end tests (Playwright, chromium).
// Usage: npm test [-- --unit] [-- --integration] [-- --e2e] [-- --no-build] [-- file filters…]
// CADENCE_TEST_RESULTS (default test-results), CADENCE_DIST_DIR and CADENCE_E2E_PORT let parallel runs coexist.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { EMBEDDED_DB } from "../lib/db-url";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "./lib/embedded-postgres";
import { migrateDeploy } from "./lib/migrations";
import { startStandby, type Standby } from "./lib/standby";

const args = new Set(process.argv.slice(2).filter((a) => a.startsWith("--")));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const RESULTS = process.env.CADENCE_TEST_RESULTS ?? "test-results";
const only = ["--unit", "--integration", "--e2e"].filter((a) => args.has(a));
const want = (kind: string) => only.length === 0 || only.includes(`--${kind}`);

function run(command: string, argv: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const bin = (pkg: string, file: string) => path.join("node_modules", pkg, file);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function readVitest(file: string): Tally {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) * 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function readPlaywright(file: string): Tally {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const s = r.stats ?? {};
    return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function createFromTemplate(port: number, name: string, template: string) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: EMBEDDED_DB.user, password: EMBEDDED_DB.password, database: "postgres" });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const dataDir = path.join(process.env.CADENCE_TEST_DATA_DIR ?? path.join(os.tmpdir(), "cadence-test"), `pg-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  let server: EmbeddedServer | null = null;
  let standby: Promise<Standby | null> | null = null;
  const tallies: Tally[] = [];
  let exit = 0;
  const stop = async () => {
    const replica = await standby?.catch(() => null);
    standby = null;
    if (replica) await replica.stop().catch(() => undefined);
    if (server) await server.stop().catch(() => undefined);
    server = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));

  try {
    const needsDb = want("integration") || want("e2e");
    const env: Record<string, string> = {};
    if (needsDb) {
      console.log(`• Starting a throwaway PostgreSQL on port ${port}…`);
      server = await startEmbeddedPostgres({ dataDir, port });
      // The read-replica tests read from a real hot standby of this server (PostgreSQL streaming replication). It is
      // made only when they run, and while the template migrates.
      if (want("integration") && (filters.length === 0 || filters.some((f) => f.includes("replica")))) {
        const standbyPort = await freePort();
        console.log(`• Starting a streaming standby of it on port ${standbyPort}…`);
        standby = startStandby({ primaryDataDir: dataDir, primaryPort: port, dataDir: `${dataDir}-standby`, port: standbyPort });
        standby.catch(() => undefined);
      }
      const url = (db: string) => `postgresql://${EMBEDDED_DB.user}:${EMBEDDED_DB.password}@127.0.0.1:${port}/${db}`;
      const admin = new pg.Client({ connectionString: url("postgres") });
      await admin.connect();
      await admin.query(`CREATE DATABASE "cadence_template"`);
      await admin.end();
      console.log("• Migrating the template database from the committed migrations…");
      await migrateDeploy(url("cadence_template"), false);
      Object.assign(env, { CADENCE_TEST_PG_PORT: String(port), CADENCE_TEST_TEMPLATE: "cadence_template" });
      env.CADENCE_TEST_DB_URL = url("postgres");
      const replica = await standby;
      if (replica) env.CADENCE_TEST_REPLICA_PORT = String(replica.port);
    }

    fs.mkdirSync(RESULTS, { recursive: true });
    if (want("unit") || want("integration")) {
      const projects = [want("unit") ? ["--project", "unit"] : [], want("integration") ? ["--project", "integration", "--project", "resilience"] : []].flat();
      const out = path.join(RESULTS, "vitest.json");
      fs.rmSync(out, { force: true });
      const code = await run(process.execPath, [bin("vitest", "vitest.mjs"), "run", ...projects, ...filters.filter((f) => !f.includes("e2e")), "--reporter=default", "--reporter=json", `--outputFile=${out}`], env);
      const t = readVitest(out);
      if (code !== 0 && t.failed === 0) t.failed = 1;
      tallies.push(t);
      if (code !== 0) exit = 1;
    }

    if (want("e2e")) {
      if (!args.has("--no-build")) {
        console.log("• Building the app for the end-to-end tests…");
        const code = await run(process.execPath, [bin("next", "dist/bin/next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
        if (code !== 0) throw new Error("next build failed");
        // Issue 8's guard: the build fails when a route's first-load JavaScript is over its budget (bench/pages.ts).
        // js-budget.ts prints every route's size and names each one that is over; it reads CADENCE_DIST_DIR.
        const budget = await run(process.execPath, [bin("tsx", "dist/cli.mjs"), "bench/js-budget.ts"]);
        if (budget !== 0) throw new Error("The build is over its first-load JavaScript budget: see the routes named above.");
      }
      await createFromTemplate(port, "cadence_e2e", "cadence_template");
      const e2eUrl = `postgresql://${EMBEDDED_DB.user}:${EMBEDDED_DB.password}@127.0.0.1:${port}/cadence_e2e`;
      console.log("• Loading the demo organisation into the end-to-end database…");
      // The same secret and URL as playwright.config.ts's servers: the demo digests' unsubscribe links are signed with it.
      const e2eAuth = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production", NEXTAUTH_URL: `http://localhost:${process.env.CADENCE_E2E_PORT ?? 3100}` };
      const seedCode = await run(process.execPath, [bin("tsx", "dist/cli.mjs"), "prisma/seed.ts"], { DATABASE_URL: e2eUrl, ...e2eAuth });
      if (seedCode !== 0) throw new Error("seeding the e2e database failed");
      const out = path.join(RESULTS, "e2e.json");
      fs.rmSync(out, { force: true });
      const code = await run(process.execPath, [bin("@playwright/test", "cli.js"), "test", ...filters.filter((f) => f.includes("e2e"))], {
        ...env,
        DATABASE_URL: e2eUrl,
        CADENCE_TEST_RESULTS: RESULTS,
      });
      const t = readPlaywright(out);
      if (code !== 0 && t.failed === 0) t.failed = 1;
      tallies.push(t);
      if (code !== 0) exit = 1;
    }
  } catch (error) {
    console.error(`\n✖ ${(error as Error).message}`);
    tallies.push({ passed: 0, failed: 1, skipped: 0 });
    exit = 1;
  } finally {
    await stop();
  }
  const total = tallies.reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), { passed: 0, failed: 0, skipped: 0 });
  console.log(`\nAll suites finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  if (total.passed === 0) exit = 1;
  return exit;
}

main().then((code) => process.exit(code));
