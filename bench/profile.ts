// `tsx bench/profile.ts --pages deals,inspection --size 10000 [--requests 200] [--no-build]`: one page at a time,
// every request rendered (CADENCE_PAGE_CACHE=off), the app under `node --cpu-prof`. Requests are sent one after
// another (c=1) after a warm-up; only the samples taken while the measured requests ran are summed (by component:
// Next, React, node core, next-auth, Prisma, GC). Writes the summaries to bench/results/profile-<stamp>.json and
// prints them. Run it under the bench lock: `flock /tmp/bench.lock npx tsx bench/profile.ts …`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBenchPostgres, ensureDataset } from "./lib/database";
import { buildApp, buildExists, getPage, signIn, startApp } from "./lib/app";
import { profileClock, summarizeProfile, type ProfileSummary } from "./lib/profile";
import { summarize } from "./lib/stats";
import { PAGES } from "./pages";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const NAMES = (option("pages") ?? "deals,inspection").split(",");
const SIZE = Number(option("size") ?? 10000);
const REQUESTS = Number(option("requests") ?? 200);
const WARMUP = 20;
/** A name for this profile in the report, e.g. "before" or "after". */
const LABEL = option("label");

export interface PageProfile {
  page: string;
  label?: string;
  deals: number;
  requests: number;
  latency: ReturnType<typeof summarize>;
  /** CPU of the server per request (busy samples ÷ requests). */
  cpuMsPerRequest: number;
  summary: ProfileSummary;
}

async function main() {
  if (!(argv.includes("--no-build") && buildExists())) {
    process.stdout.write("• next build…\n");
    await buildApp();
  }
  const server = await startBenchPostgres();
  const out: PageProfile[] = [];
  try {
    const dataset = await ensureDataset(server, SIZE, (l) => process.stdout.write(`${l}\n`));
    for (const name of NAMES) {
      const page = PAGES.find((p) => p.name === name);
      if (!page) throw new Error(`No page named ${name} in bench/pages.ts`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-prof-"));
      const previous = process.env.BENCH_NODE_ARGS;
      process.env.BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval 200`;
      const app = await startApp(dataset.url, { CADENCE_PAGE_CACHE: "off", CADENCE_WORKER: "off" });
      process.env.BENCH_NODE_ARGS = previous ?? "";
      let window: [number, number];
      const latencies: number[] = [];
      try {
        const cookie = await signIn(app.url, page.email);
        for (let i = 0; i < WARMUP; i++) await getPage(app.url, page.path, cookie);
        const from = profileClock();
        for (let i = 0; i < REQUESTS; i++) {
          const r = await getPage(app.url, page.path, cookie);
          if (r.status !== 200) throw new Error(`${page.path} answered ${r.status}`);
          latencies.push(r.ms);
        }
        window = [from, profileClock()];
      } finally {
        await app.stop();
      }
      // The profile is written as the process exits.
      let file: string | undefined;
      for (let i = 0; i < 100 && !file; i++) {
        file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
        if (!file) await new Promise((r) => setTimeout(r, 100));
      }
      if (!file) throw new Error(`no .cpuprofile in ${dir}`);
      const summary = summarizeProfile(path.join(dir, file), [window]);
      const result: PageProfile = {
        page: name,
        label: LABEL,
        deals: SIZE,
        requests: REQUESTS,
        latency: summarize(latencies),
        cpuMsPerRequest: Math.round((summary.busyMs / REQUESTS) * 100) / 100,
        summary,
      };
      out.push(result);
      print(result, path.join(dir, file));
    }
  } finally {
    await server.stop();
  }
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  const file = path.join("bench", "results", `profile-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  process.stdout.write(`\nWrote ${file}\n`);
}

function print(r: PageProfile, file: string) {
  const say = (l: string) => process.stdout.write(`${l}\n`);
  say(`\n━━ ${r.page} at ${r.deals.toLocaleString("en")} deals: ${r.requests} rendered requests at c=1, p50 ${r.latency.median} ms, p95 ${r.latency.p95} ms; server CPU ${r.cpuMsPerRequest} ms per request (${file})`);
  for (const c of r.summary.components) say(`  ${c.share.toFixed(1).padStart(5)}%  ${(c.ms / r.requests).toFixed(2).padStart(6)} ms/req  ${c.name}`);
  say("  inclusive:");
  for (const m of r.summary.markers) say(`  ${m.share.toFixed(1).padStart(5)}%  ${(m.ms / r.requests).toFixed(2).padStart(6)} ms/req  ${m.name}`);
  say("  hottest functions (self):");
  for (const t of r.summary.top.slice(0, 10)) say(`  ${(t.ms / r.requests).toFixed(2).padStart(6)} ms/req  ${t.fn}  ${t.where}`);
}

main().catch((error) => {
  process.stderr.write(`✖ ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
