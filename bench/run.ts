// `npm run bench`: from raw SQL to the browser. Loads the data sizes asked for into its own PostgreSQL, builds and
// starts the production app, and measures for each size: the floor (each page's SQL replayed with pg), the pages
// under autocannon at 1/8/32 connections, the deal update, Lighthouse, and first-load JS. Writes bench/report.md
// and bench/results/<timestamp>.json. See bench/README.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { startBenchPostgres, ensureDataset, type Dataset } from "./lib/database";
import { buildApp, buildExists, DIST_DIR, getPage, isPlaceholder, signIn, startApp, type AppServer } from "./lib/app";
import { measureFloor, readQueryLog, isRead, type CapturedQuery, type FloorResult } from "./lib/floor";
import { loadPage, type LoadLevel } from "./lib/load";
import { firstLoadJs, runLighthouse, type FirstLoadJs, type LighthouseResult } from "./lib/browser";
import { PAGES, UPDATE_DEAL, type PageSpec } from "./pages";
import { writeReport } from "./lib/report";
import type { ActionLevel } from "./action-worker";
import type { ApiBench } from "./api-worker";
import { measureRoutes } from "./js-budget";
import { crowdSessions, loadPeople, pickCrowd, runCrowd, type CrowdLevel } from "./lib/crowd";

export interface PageResult {
  name: string;
  path: string;
  role: string;
  email: string;
  loaders: string[];
  status: number;
  available: boolean;
  note: string | null;
  coldMs: number;
  queries: { total: number; reads: number; captured: { sql: string; serverMs: number }[] };
  floor: FloorResult | null;
  /** As served in production: the page cache on, no writes during the run (every request after the first a hit). */
  load: LoadLevel[];
  /** Page p95 ÷ floor p95, by connections. */
  ratios: Record<string, number | null>;
  /** Every request rendered (CADENCE_PAGE_CACHE=off): what a request costs when the data has just changed. */
  rendered: LoadLevel[];
  renderedRatios: Record<string, number | null>;
  /** The page cache on while deals are written at a steady rate (each commit ends every cached page). */
  withWrites: (LoadLevel & { writesPerSecond: number; hitRate: number | null })[];
  firstLoadJs: FirstLoadJs | null;
  lighthouse: LighthouseResult | null;
}

export interface SizeResult {
  deals: number;
  dataset: Dataset & { counts: Record<string, number> };
  pages: PageResult[];
  action: { method: string; deals: number; levels: ActionLevel[] } | { error: string } | null;
  /** The public API in-process: an incremental-sync page of 500 deals and a 1,000-deal bulk upsert. */
  api?: ApiBench | { error: string } | null;
  /** The Monday-morning crowd (bench/lib/crowd.ts), one level per crowd size. */
  crowd?: CrowdLevel[] | null;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  commit: string;
  uncommittedFiles: number;
  machine: { nproc: number; cpu: string; memoryGb: number; node: string; os: string; postgres: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  /** The command to re-run this report (env and lock included). */
  rerun?: string;
  /** CPU profiles of rendered requests (bench/profile.ts), attached with --profiles <file>. */
  profiles?: import("./profile").PageProfile[];
  settings: {
    sizes: number[];
    seconds: number;
    connections: number[];
    floorRuns: number;
    lighthouseSize: number | null;
    crowd?: { levels: number[]; size: number | null; seconds: number; rampSeconds: number; thinkMs: [number, number]; writesPerRepHour: number; only: boolean };
  };
  build: { seconds: number | null; reused: boolean };
  /** First-load JS per route from the build manifests (bench/js-budget.ts), beside the HTML-based figure. */
  jsFromManifests: ReturnType<typeof measureRoutes>;
  sizes: SizeResult[];
}

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
};

const QUICK = flag("quick");
const SIZES = (option("sizes") ?? (QUICK ? "10000" : "10000,100000,1000000")).split(",").map((s) => Number(s.replace(/[_k]/g, (m) => (m === "k" ? "000" : ""))));
const SECONDS = Number(option("seconds") ?? (QUICK ? 5 : 10));
const CONNECTIONS = (option("connections") ?? "1,8,32").split(",").map(Number);
const FLOOR_RUNS = Number(option("floor-runs") ?? 30);
const ONLY_PAGES = option("pages")?.split(",");
/** Deal writes per second during the extra 8-connection level with the page cache on ("0" for none). */
const WRITE_RATES = (option("writes") ?? "1,10").split(",").map(Number).filter((w) => w > 0);
/** A page this slow at 1 connection is not loaded at 8 and 32: they would only queue (and keep the database busy). */
const SLOW_PAGE_MS = 5_000;
/** The Monday-morning crowd: users per level (`--crowd 50,100,200,500`), at one data size (the largest ≤ 200k). */
const CROWD = (option("crowd") ?? "").split(",").filter(Boolean).map(Number);
const CROWD_SIZE = CROWD.length ? Number(option("crowd-size") ?? Math.max(...SIZES.filter((s) => s <= 200_000), Math.min(...SIZES))) : null;
const CROWD_SECONDS = Number(option("crowd-seconds") ?? 60);
const CROWD_RAMP = Number(option("crowd-ramp") ?? 10);
const CROWD_THINK: [number, number] = [2_000, 10_000];
/** Deal updates per rep per hour during the crowd (20: one every three minutes). */
const CROWD_WRITES = Number(option("crowd-writes") ?? 20);
/** Only the crowd: no capture, floor, autocannon levels, Lighthouse, action or API. */
const CROWD_ONLY = flag("crowd-only");
const LIGHTHOUSE_SIZE = flag("no-lighthouse") ? null : Number(option("lighthouse-size") ?? Math.max(...SIZES.filter((s) => s <= 200_000), Math.min(...SIZES)));

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of ["Deal", "DealChange", "Activity", "Lead", "User", "Team"]) {
      const r = await client.query(`SELECT count(*)::bigint AS n FROM "${table}"`);
      out[table] = Number(r.rows[0].n);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query("SHOW server_version");
  await client.end();
  return String(r.rows[0].server_version);
}

function runActionWorker(databaseUrl: string): Promise<SizeResult["action"]> {
  const out = path.join(os.tmpdir(), `cadence-bench-action-${process.pid}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--import", "./bench/lib/cjs-interop.mjs", "bench/action-worker.ts", "--connections", CONNECTIONS.join(","), "--seconds", String(SECONDS), "--out", out],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" }, stdio: ["ignore", "inherit", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => {
      if (code === 0 && fs.existsSync(out)) {
        const result = JSON.parse(fs.readFileSync(out, "utf8"));
        fs.rmSync(out, { force: true });
        resolve(result);
      } else resolve({ error: stderr.trim().split("\n").slice(0, 3).join(" ").slice(0, 400) || `exit code ${code}` });
    });
  });
}

/** The API benchmark (bench/api-worker.ts) in its own process, like the action worker. */
function runApiWorker(databaseUrl: string): Promise<ApiBench | { error: string }> {
  const out = path.join(os.tmpdir(), `cadence-bench-api-${process.pid}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--import", "./bench/lib/cjs-interop.mjs", "bench/api-worker.ts", "--runs", "5", "--out", out],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" }, stdio: ["ignore", "inherit", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => {
      if (code === 0 && fs.existsSync(out)) {
        const result = JSON.parse(fs.readFileSync(out, "utf8"));
        fs.rmSync(out, { force: true });
        resolve(result);
      } else resolve({ error: stderr.trim().split("\n").slice(0, 3).join(" ").slice(0, 400) || `exit code ${code}` });
    });
  });
}

/** Queries of requests that autocannon abandoned keep running in PostgreSQL: wait for them before the next level. */
async function waitForIdle(url: string, maxMs = 120_000) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      const r = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
      if (r.rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}

/** Each page once, signed in as its role, on a server that logs every SQL statement. */
async function capturePages(dataset: Dataset, pages: PageSpec[]) {
  const logFile = path.join(os.tmpdir(), `cadence-bench-queries-${process.pid}.jsonl`);
  fs.rmSync(logFile, { force: true });
  // The page cache off: every request must run its queries.
  const app = await startApp(dataset.url, { CADENCE_QUERY_LOG: logFile, CADENCE_PAGE_CACHE: "off" });
  const captured = new Map<string, { status: number; html: string; queries: CapturedQuery[]; coldMs: number }>();
  try {
    const cookies = new Map<string, string>();
    for (const page of pages) {
      if (!cookies.has(page.email)) cookies.set(page.email, await signIn(app.url, page.email));
      const cookie = cookies.get(page.email)!;
      const cold = await getPage(app.url, page.path, cookie);
      await getPage(app.url, page.path, cookie);
      const offset = readQueryLog(logFile, 0).offset;
      const fetched = await getPage(app.url, page.path, cookie);
      await new Promise((r) => setTimeout(r, 100)); // the last events are written after the response ends
      const { queries } = readQueryLog(logFile, offset);
      captured.set(page.name, { status: fetched.status, html: fetched.html, queries, coldMs: cold.ms });
    }
  } finally {
    await app.stop();
    fs.rmSync(logFile, { force: true });
  }
  return captured;
}

async function signInAll(app: AppServer, pages: PageResult[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  for (const r of pages) if (!cookies.has(r.email)) cookies.set(r.email, await signIn(app.url, r.email));
  return cookies;
}

/** Autocannon at each connection level; a page too slow at 1 connection is not loaded further (it would only queue). */
async function loadLevels(app: AppServer, r: PageResult, cookie: string, url: string, levels: LoadLevel[], ratios: Record<string, number | null>, label: string) {
  for (let i = 0; i < 5; i++) await getPage(app.url, r.path, cookie); // warm
  for (const connections of CONNECTIONS) {
    const slow = levels.find((l) => l.connections === 1 && (l.count === 0 || l.p95 > SLOW_PAGE_MS));
    if (slow && connections > 1) {
      const why = slow.count === 0 ? `no request finished within ${SECONDS} s` : `p95 is ${slow.p95} ms`;
      say(`  ${r.name.padEnd(11)} c=${connections}: skipped (at 1 connection ${why}: more connections only queue)`);
      continue;
    }
    const level = await loadPage(`${app.url}${r.path}`, cookie, connections, SECONDS);
    await waitForIdle(url);
    levels.push(level);
    ratios[String(connections)] = r.floor && r.floor.total.p95 > 0 ? Math.round((level.p95 / r.floor.total.p95) * 100) / 100 : null;
    say(`  ${r.name.padEnd(11)} ${label.padEnd(8)} c=${String(connections).padEnd(3)} p50 ${level.median} ms  p95 ${level.p95} ms  p99 ${level.p99} ms  ${level.rps} req/s  errors ${level.errors}`);
  }
}

/** Touches one open deal outside Bench Team 01 `perSecond` times a second, each write its own committed transaction. */
async function startWriter(url: string, perSecond: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ id: string }>(
    `SELECT d.id FROM "Deal" d JOIN "User" u ON u.id = d."ownerId" JOIN "Team" t ON t.id = u."teamId" WHERE t.name <> 'Bench Team 01' AND d.status = 'OPEN' LIMIT 1`,
  );
  let writes = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query(`UPDATE "Deal" SET "lastTouchedAt" = now() WHERE id = $1`, [r.rows[0].id])
      .then(() => writes++)
      .finally(() => (busy = false));
  }, 1000 / perSecond);
  return {
    done: () => writes,
    stop: async () => {
      clearInterval(timer);
      while (busy) await new Promise((resolve) => setTimeout(resolve, 10));
      await client.end();
    },
  };
}

/** The crowd levels at this size, one app server (page cache on) for all of them. */
async function measureCrowd(dataset: Dataset): Promise<CrowdLevel[]> {
  say(`• Monday-morning crowd: ${CROWD.join(", ")} users, ${CROWD_SECONDS} s each (think ${CROWD_THINK[0] / 1000}–${CROWD_THINK[1] / 1000} s, ${CROWD_WRITES} deal updates per rep-hour, page cache on)…`);
  const people = await loadPeople(dataset.url);
  const app: AppServer = await startApp(dataset.url);
  const levels: CrowdLevel[] = [];
  try {
    const largest = pickCrowd(people, Math.max(...CROWD));
    await crowdSessions(app.url, dataset.database, largest, say);
    for (const n of CROWD) {
      const users = pickCrowd(people, n);
      const cookies = await crowdSessions(app.url, dataset.database, users, say);
      await waitForIdle(dataset.url);
      const level = await runCrowd(app.url, dataset.url, users, cookies, { users: n, seconds: CROWD_SECONDS, rampSeconds: CROWD_RAMP, thinkMs: CROWD_THINK, writesPerRepHour: CROWD_WRITES, seed: 20261202 }, app.cacheStats);
      levels.push(level);
      const worst = level.pages.reduce((w, p) => (p.p95 > w.p95 ? p : w), level.pages[0]);
      say(
        `  crowd ${String(n).padEnd(4)} ${level.requests} requests (${level.rps} req/s, ${level.errors} errors), ${level.writes} writes; p95 ${level.pages.map((p) => `${p.page} ${Math.round(p.p95)}`).join(", ")} ms; worst ${worst?.page} ${worst?.p95} ms`,
      );
    }
  } finally {
    await app.stop();
  }
  return levels;
}

async function measureSize(dataset: Dataset, pages: PageSpec[], lighthouse: boolean): Promise<SizeResult> {
  say(`\n━━ ${dataset.deals.toLocaleString("en")} deals ━━`);
  const datasetCounts = await counts(dataset.url);
  const crowdHere = CROWD.length > 0 && dataset.deals === CROWD_SIZE;
  if (CROWD_ONLY) return { deals: dataset.deals, dataset: { ...dataset, counts: datasetCounts }, pages: [], action: null, api: null, crowd: crowdHere ? await measureCrowd(dataset) : null };
  say(`• Capturing each page's SQL…`);
  const captured = await capturePages(dataset, pages);
  const results: PageResult[] = [];
  for (const page of pages) {
    const c = captured.get(page.name)!;
    const placeholder = c.status === 200 && isPlaceholder(c.html);
    const available = c.status === 200 && !placeholder;
    const note = placeholder ? "Not available yet (the route still shows the placeholder)" : c.status !== 200 ? `HTTP ${c.status}` : null;
    let floor: FloorResult | null = null;
    if (available) {
      floor = await measureFloor(dataset.url, c.queries, FLOOR_RUNS);
      say(`  ${page.name.padEnd(11)} ${floor.queries} reads; floor median ${floor.total.median} ms, p95 ${floor.total.p95} ms`);
    } else say(`  ${page.name.padEnd(11)} ${note}`);
    results.push({
      name: page.name,
      path: page.path,
      role: page.role,
      email: page.email,
      loaders: page.loaders,
      status: c.status,
      available,
      note,
      coldMs: Math.round(c.coldMs),
      queries: { total: c.queries.length, reads: c.queries.filter((q) => isRead(q.sql)).length, captured: c.queries.map((q) => ({ sql: q.sql.replace(/\s+/g, " ").slice(0, 300), serverMs: Math.round(q.serverMs * 100) / 100 })) },
      floor,
      load: [],
      ratios: {},
      rendered: [],
      renderedRatios: {},
      withWrites: [],
      firstLoadJs: c.status === 200 ? firstLoadJs(c.html, DIST_DIR) : null,
      lighthouse: null,
    });
  }

  const measured = results.filter((r) => r.available);
  if (measured.length) {
    say(`• Pages under load, page cache on (autocannon, ${SECONDS} s per level)…`);
    const app: AppServer = await startApp(dataset.url);
    try {
      const cookies = await signInAll(app, measured);
      for (const r of measured) {
        await loadLevels(app, r, cookies.get(r.email)!, dataset.url, r.load, r.ratios, "served");
        for (const writesPerSecond of WRITE_RATES) {
          const writer = await startWriter(dataset.url, writesPerSecond);
          await app.cacheStats();
          const level = await loadPage(`${app.url}${r.path}`, cookies.get(r.email)!, 8, SECONDS);
          const stats = await app.cacheStats();
          await writer.stop();
          await waitForIdle(dataset.url);
          // Answered without a render of their own: hits, and misses that shared a render already running.
          const hitRate = stats.hits + stats.misses ? Math.round(((stats.hits + stats.shared) / (stats.hits + stats.misses)) * 1000) / 1000 : null;
          r.withWrites.push({ ...level, writesPerSecond, hitRate });
          say(`  ${r.name.padEnd(11)} c=8 + ${writesPerSecond} writes/s  p50 ${level.median} ms  p95 ${level.p95} ms  ${level.rps} req/s  hits ${hitRate === null ? "—" : `${Math.round(hitRate * 100)}%`}  (${writer.done()} writes)`);
        }
      }
      if (lighthouse) {
        say(`• Lighthouse (desktop)…`);
        for (const r of measured) {
          try {
            r.lighthouse = await runLighthouse(`${app.url}${r.path}`, cookies.get(r.email)!);
            say(`  ${r.name.padEnd(11)} performance ${r.lighthouse.performance}  LCP ${Math.round(r.lighthouse.lcpMs ?? NaN)} ms  TBT ${Math.round(r.lighthouse.tbtMs ?? NaN)} ms  CLS ${r.lighthouse.cls?.toFixed(3)}`);
          } catch (error) {
            say(`  ${r.name.padEnd(11)} Lighthouse failed: ${(error as Error).message}`);
          }
        }
      }
    } finally {
      await app.stop();
    }
    say(`• Pages under load, every request rendered (CADENCE_PAGE_CACHE=off)…`);
    const uncached: AppServer = await startApp(dataset.url, { CADENCE_PAGE_CACHE: "off" });
    try {
      const cookies = await signInAll(uncached, measured);
      for (const r of measured) await loadLevels(uncached, r, cookies.get(r.email)!, dataset.url, r.rendered, r.renderedRatios, "rendered");
    } finally {
      await uncached.stop();
    }
  }

  const crowd = crowdHere ? await measureCrowd(dataset) : null;

  say(`• Deal update (in-process runAction, ${SECONDS} s per level)…`);
  const moduleFile = path.join("bench", UPDATE_DEAL.module);
  const action = fs.existsSync(moduleFile) ? await runActionWorker(dataset.url) : { error: `${path.normalize(moduleFile)} does not exist yet` };
  if (action && "levels" in action) {
    for (const l of action.levels) say(`  update     c=${String(l.connections).padEnd(3)} p50 ${l.median} ms  p95 ${l.p95} ms  p99 ${l.p99} ms  ${l.rps.toFixed(1)} /s  errors ${l.errors}`);
  } else if (action) say(`  ${action.error}`);

  say(`• Public API (in-process through the route wrapper)…`);
  const api = await runApiWorker(dataset.url);
  if ("error" in api) say(`  ${api.error}`);
  else {
    say(`  GET /api/v1/deals?updated_since=30d&limit=500  p50 ${api.syncPage.median} ms  p95 ${api.syncPage.p95} ms  (${api.syncPage.rows} rows in ${api.syncPage.pages} pages)`);
    say(`  POST /api/v1/deals/bulk 1,000 new      p50 ${api.bulkCreate.median} ms  max ${api.bulkCreate.max} ms`);
    say(`  POST /api/v1/deals/bulk 1,000 updated  p50 ${api.bulkUpdate.median} ms  max ${api.bulkUpdate.max} ms`);
  }

  return { deals: dataset.deals, dataset: { ...dataset, counts: datasetCounts }, pages: results, action, api, crowd };
}

async function main() {
  const reportOnly = option("report-only");
  if (reportOnly) {
    // Re-writes bench/report.md from a results file (e.g. after the report's layout changed).
    fs.writeFileSync(path.join("bench", "report.md"), writeReport(JSON.parse(fs.readFileSync(reportOnly, "utf8")) as BenchResults, PAGES, path.basename(reportOnly)));
    say(`Wrote bench/report.md from ${reportOnly}.`);
    return;
  }
  const startedAt = new Date();
  const pages = PAGES.filter((p) => !ONLY_PAGES || ONLY_PAGES.includes(p.name));
  say(`Cadence benchmark: sizes ${SIZES.map((s) => s.toLocaleString("en")).join(", ")} deals; ${SECONDS} s per load level; connections ${CONNECTIONS.join("/")}.`);
  const loadAverageAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);

  let build: BenchResults["build"] = { seconds: null, reused: true };
  if (flag("load-only")) say("• --load-only: loading the data sets, nothing measured.");
  else if (!(flag("no-build") && buildExists())) {
    say(`• next build → ${DIST_DIR} (nice -n 10)…`);
    const b = await buildApp();
    build = { seconds: Math.round(b.seconds), reused: false };
    say(`  built in ${build.seconds} s`);
  } else say(`• Reusing the build in ${DIST_DIR}`);

  say(`• Starting the benchmark's PostgreSQL…`);
  const server = await startBenchPostgres();
  const sizes: SizeResult[] = [];
  let postgres = "";
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const jsonFile = path.join("bench", "results", `${stamp}.json`);
  // Written after every size, so a long run that has to be stopped still leaves its figures so far.
  const write = () => {
    const results = collect(startedAt, build, loadAverageAtStart, postgres, sizes);
    fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2));
    // A crowd-only run is a partial measurement: it leaves the committed report alone (--report-only can render it).
    if (!CROWD_ONLY) fs.writeFileSync(path.join("bench", "report.md"), writeReport(results, PAGES, path.basename(jsonFile)));
  };
  try {
    const datasets: Dataset[] = [];
    for (const deals of SIZES) datasets.push(await ensureDataset(server, deals, say));
    if (flag("load-only")) return;
    postgres = await postgresVersion(datasets[0].url);
    for (const dataset of datasets) {
      sizes.push(await measureSize(dataset, pages, dataset.deals === LIGHTHOUSE_SIZE));
      write();
    }
  } finally {
    await server.stop();
  }
  if (flag("load-only")) return;
  write();
  say(`\nWrote ${CROWD_ONLY ? "" : "bench/report.md and "}${jsonFile}.`);
}

function collect(startedAt: Date, build: BenchResults["build"], loadAverageAtStart: number[], postgres: string, sizes: SizeResult[]): BenchResults {
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${argv.join(" ")}`.trim(),
    commit: git(["rev-parse", "HEAD"]),
    // The report itself is rewritten after every size: it is not work in progress.
    uncommittedFiles: git(["status", "--porcelain"]).split("\n").filter((line) => line && !line.endsWith("bench/report.md")).length,
    machine: {
      nproc: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      postgres,
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    rerun: `${process.env.CADENCE_DIST_DIR ? `CADENCE_DIST_DIR=${process.env.CADENCE_DIST_DIR} ` : ""}flock /tmp/bench.lock npm run bench -- ${argv.join(" ")}`.trim(),
    profiles: option("profiles") ? (JSON.parse(fs.readFileSync(option("profiles")!, "utf8")) as import("./profile").PageProfile[]) : undefined,
    settings: {
      sizes: SIZES,
      seconds: SECONDS,
      connections: CONNECTIONS,
      floorRuns: FLOOR_RUNS,
      lighthouseSize: LIGHTHOUSE_SIZE,
      crowd: CROWD.length ? { levels: CROWD, size: CROWD_SIZE, seconds: CROWD_SECONDS, rampSeconds: CROWD_RAMP, thinkMs: CROWD_THINK, writesPerRepHour: CROWD_WRITES, only: CROWD_ONLY } : undefined,
    },
    build,
    jsFromManifests: measureRoutes(DIST_DIR),
    sizes,
  };
}

main().catch((error) => {
  process.stderr.write(`\n✖ The benchmark failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
