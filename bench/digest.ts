// Times one Monday digest run (every rep, manager and executive) on a large database, and the rendering of a
// sample, without sending anything: the rows it writes are removed afterwards.
// Usage (under the bench lock, on the bench's own PostgreSQL and its loaded data set, see bench/README.md):
//   flock /tmp/bench.lock node node_modules/tsx/dist/cli.mjs bench/digest.ts [--deals 200000] [--runs 3]
// or against any database: DATABASE_URL=… node node_modules/tsx/dist/cli.mjs bench/digest.ts [--runs 3]
// Prints the figures and writes them to bench/results/digest-<timestamp>.json.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { deals: { type: "string", default: "200000" }, runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const deals = Number(values.deals);
process.env.NEXTAUTH_SECRET ??= "bench-secret";
process.env.CADENCE_QUERY_LOG ??= "1"; // counts the statements of a run (lib/db.ts onQuery)

// Without DATABASE_URL: the bench's embedded PostgreSQL (.cadence/bench) and its cadence_bench_<deals> database,
// loaded once by `npm run bench` (or loaded now if missing). Set before lib/db is imported: it reads it once.
let stopServer: (() => Promise<void>) | null = null;
if (!process.env.DATABASE_URL) {
  const { startBenchPostgres, ensureDataset } = await import("./lib/database");
  const server = await startBenchPostgres();
  stopServer = () => server.stop();
  const dataset = await ensureDataset(server, deals, (line) => console.log(line));
  process.env.DATABASE_URL = dataset.url;
}

const { prisma, onQuery } = await import("@/lib/db");
const { localDate, startOfWeek } = await import("@/lib/domain/calendar");
const { loadMailOrganisation, writeDigests } = await import("@/lib/mail/digest");
const { appBaseUrl } = await import("@/lib/mail/links");
const { renderRow } = await import("@/lib/mail/sender");

try {
  const org = await loadMailOrganisation();
  if (!org) throw new Error("No organisation: load data first (npm run seed:large).");
  const [dealCount, people] = await Promise.all([prisma.deal.count(), prisma.user.count({ where: { active: true, role: { in: ["REP", "MANAGER", "EXECUTIVE"] } } })]);
  console.log(`${dealCount} deals, ${people} recipients`);
  const now = new Date();
  const weekOf = startOfWeek(localDate(now, org.timeZone));
  const results: { seconds: number; written: number; statements: number; bytes: number; renderMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    let statements = 0;
    const timed: { ms: number; sql: string }[] = [];
    const stop = onQuery((e) => {
      statements++;
      timed.push({ ms: e.duration, sql: e.query.replace(/\s+/g, " ").slice(0, 90) });
    });
    const t = performance.now();
    const written = await writeDigests(now, weekOf, org);
    const seconds = (performance.now() - t) / 1000;
    stop();
    const [{ bytes }] = await prisma.$queryRaw<{ bytes: bigint }[]>`
      SELECT COALESCE(sum(pg_column_size("payload")), 0)::bigint AS bytes FROM "MailOutbox" WHERE "idempotencyKey" LIKE ${`digest:${weekOf}:%`} AND "createdAt" = ${now}`;
    console.log(`run ${i + 1}: ${written} digests written in ${seconds.toFixed(2)} s, ${statements} SQL statements, ${(Number(bytes) / 1024).toFixed(0)} KiB of payload`);
    for (const q of timed.sort((a, b) => b.ms - a.ms).slice(0, 3)) console.log(`  ${String(q.ms).padStart(6)} ms  ${q.sql}`);
    const sample = await prisma.mailOutbox.findMany({ where: { idempotencyKey: { startsWith: `digest:${weekOf}:` }, createdAt: now }, take: 50, select: { kind: true, payload: true, userId: true } });
    const r = performance.now();
    const base = { organisationName: "Bench", timeZone: org.timeZone, currency: "USD", language: "en", appUrl: appBaseUrl() };
    for (const row of sample) await renderRow(row, base);
    const renderMs = (performance.now() - r) / Math.max(1, sample.length);
    console.log(`  rendering ${sample.length} of them: ${renderMs.toFixed(1)} ms each`);
    await prisma.mailOutbox.deleteMany({ where: { idempotencyKey: { startsWith: `digest:${weekOf}:` }, createdAt: now } });
    results.push({ seconds, written, statements, bytes: Number(bytes), renderMs });
  }
  const best = Math.min(...results.map((r) => r.seconds));
  console.log(`digest run: best ${best.toFixed(2)} s over ${runs} run(s), ${results[0]?.written ?? 0} rows written`);
  const dir = path.join("bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `digest-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: now.toISOString(), deals: dealCount, recipients: people, weekOf, runs: results, bestSeconds: best }, null, 2));
  console.log(`figures: ${file}`);
} finally {
  await prisma.$disconnect();
  await stopServer?.();
}
