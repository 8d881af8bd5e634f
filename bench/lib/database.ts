// The benchmark's own PostgreSQL: embedded, on a free port, data kept in .cadence/bench between runs so that the
// large data sets (one database per size) are loaded once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { EMBEDDED_DB } from "../../lib/db-url";
import { ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../scripts/lib/migrations";
import { BENCH_EMAILS, BENCH_ORG_NAME, defaultOptions, truncateAllTables, type LargeOptions, type LoadResult } from "../../prisma/seed-large";

export const BENCH_DATA_DIR = path.resolve(process.env.CADENCE_BENCH_DATA_DIR ?? path.join(".cadence", "bench"));

export interface BenchServer extends EmbeddedServer {
  url: (database: string) => string;
}

export async function startBenchPostgres(): Promise<BenchServer> {
  fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(BENCH_DATA_DIR, "pgdata"), port });
  const url = (database: string) => `postgresql://${EMBEDDED_DB.user}:${EMBEDDED_DB.password}@127.0.0.1:${port}/${database}`;
  // Settings for a read-heavy benchmark on a small machine (the same for every size; reported in the results).
  const admin = new pg.Client({ connectionString: url("postgres") });
  await admin.connect();
  try {
    await admin.query(`ALTER SYSTEM SET shared_buffers = '1GB'`);
    await admin.query(`ALTER SYSTEM SET work_mem = '32MB'`);
    await admin.query(`ALTER SYSTEM SET effective_cache_size = '8GB'`);
    await admin.query(`ALTER SYSTEM SET max_wal_size = '4GB'`);
    await admin.query(`ALTER SYSTEM SET checkpoint_timeout = '30min'`);
    await admin.query(`ALTER SYSTEM SET random_page_cost = 1.1`);
    const shared = await admin.query(`SHOW shared_buffers`);
    if (shared.rows[0].shared_buffers !== "1GB") {
      // shared_buffers needs a restart to apply: once, the first time the data folder is used.
      await admin.end();
      await server.stop();
      const again = await startEmbeddedPostgres({ dataDir: path.join(BENCH_DATA_DIR, "pgdata"), port });
      return { ...again, url };
    }
    await admin.query(`SELECT pg_reload_conf()`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  return { ...server, url };
}

export interface Dataset {
  deals: number;
  database: string;
  url: string;
  /** The load's figures when it was loaded in this run; null when the data was already there. */
  load: LoadResult | null;
  asOf: string;
}

/** One database per size; loaded once and kept (the organisation's name records the parameters it was built with). */
export async function ensureDataset(server: BenchServer, deals: number, log: (line: string) => void, overrides: Partial<LargeOptions> = {}): Promise<Dataset> {
  const database = `cadence_bench_${deals}`;
  await ensureDatabase(server.port, database);
  const url = server.url(database);
  await applyMigrations(url);
  const opts = defaultOptions({ deals, ...overrides });
  const stamp = `${BENCH_ORG_NAME} [deals=${opts.deals} teams=${opts.teams} reps=${opts.reps} seed=${opts.seed}]`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = await client.query<{ name: string; updatedAt: Date }>(`SELECT name, "updatedAt" FROM "Organisation" LIMIT 1`);
    const exec = await client.query(`SELECT 1 FROM "User" WHERE email = $1`, [BENCH_EMAILS.executive]);
    if (org.rows[0]?.name === stamp && exec.rowCount === 1) {
      const asOf = await client.query<{ d: string }>(`SELECT to_char(max("createdAt") AT TIME ZONE 'America/New_York', 'YYYY-MM-DD') AS d FROM "Deal"`);
      log(`• ${deals.toLocaleString("en")} deals: already loaded in ${database} (data as of ${asOf.rows[0].d}).`);
      return { deals, database, url, load: null, asOf: asOf.rows[0].d };
    }
    log(`• ${deals.toLocaleString("en")} deals: loading into ${database}…`);
    await truncateAllTables(client);
  } finally {
    await client.end();
  }
  // The heavy step runs as its own process under `nice -n 10`: the machine is shared.
  const resultFile = path.join(os.tmpdir(), `cadence-bench-load-${process.pid}-${deals}.json`);
  const args = [path.join("node_modules", "tsx", "dist", "cli.mjs"), "prisma/seed-large.ts", "--deals", String(deals), "--teams", String(opts.teams), "--reps", String(opts.reps), "--seed", String(opts.seed), "--today", opts.today, "--json", resultFile];
  const code = await new Promise<number>((resolve) => {
    const child = spawn("nice", ["-n", "10", process.execPath, ...args], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DATABASE_URL: url } });
    child.on("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`Loading ${deals} deals failed (exit code ${code}).`);
  const load = JSON.parse(fs.readFileSync(resultFile, "utf8")) as LoadResult;
  fs.rmSync(resultFile, { force: true });
  const mark = new pg.Client({ connectionString: url });
  await mark.connect();
  await mark.query(`UPDATE "Organisation" SET name = $1`, [stamp]);
  await mark.end();
  return { deals, database, url, load, asOf: opts.today };
}
