// bench/report.md from one run's results: targets first, then every figure by data size.
import type { BenchResults, PageResult, SizeResult } from "../run";
import type { PageSpec } from "../pages";
import { UPDATE_DEAL } from "../pages";
import type { PageProfile } from "../profile";

const n = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits));
const int = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? "—" : Math.round(v).toLocaleString("en"));
const deals = (v: number) => (v >= 1_000_000 ? `${v / 1_000_000}M` : v >= 1000 ? `${v / 1000}k` : String(v));

/** The two ways a page is measured: as served (page cache on, no writes during the run) and rendered every time. */
const MODES = [
  { key: "cached", label: "page cache on", levels: (p: PageResult) => p.load, ratios: (p: PageResult) => p.ratios },
  { key: "rendered", label: "every request rendered", levels: (p: PageResult) => p.rendered ?? [], ratios: (p: PageResult) => p.renderedRatios ?? {} },
] as const;
type Mode = (typeof MODES)[number];

function levelAt(page: PageResult | undefined, connections: number, mode: Mode = MODES[0]) {
  return page ? mode.levels(page).find((l) => l.connections === connections) : undefined;
}

function verdict(ok: boolean | null) {
  return ok === null ? "not measured" : ok ? "**met**" : "**missed**";
}

function targets(results: BenchResults, specs: PageSpec[]): string[] {
  const rows: string[] = ["| Target | Measured | Verdict |", "| --- | --- | --- |"];
  const sizeFor = (want: number | undefined) => {
    if (!want) return results.sizes[results.sizes.length - 1];
    return results.sizes.find((s) => s.deals === want) ?? null;
  };
  for (const spec of specs.filter((s) => s.target)) {
    const size = sizeFor(spec.target!.atDeals);
    const page = size?.pages.find((p) => p.name === spec.name);
    for (const mode of MODES) {
      if (page && mode.levels(page).length === 0 && mode.key === "rendered") continue;
      const level = levelAt(page, 8, mode);
      const label = `${spec.name} p95 at 8 connections${spec.target!.atDeals ? `, ${deals(spec.target!.atDeals)} deals` : ""} ≤ ${spec.target!.p95Ms} ms — ${mode.label}`;
      if (!size) rows.push(`| ${label} | size not run | not measured |`);
      else if (!page?.available) rows.push(`| ${label} | ${page?.note ?? "not measured"} | not measured |`);
      else if (!level || level.count === 0) {
        const one = levelAt(page, 1, mode);
        rows.push(`| ${label} | ${level ? `no request finished within ${level.seconds} s` : "8 connections skipped"}${one && one.count ? `; at 1 connection p95 ${n(one.p95)} ms` : ""}${page.floor ? `; floor p95 ${n(page.floor.total.p95)} ms` : ""} | **missed** |`);
      } else rows.push(`| ${label} | ${n(level.p95)} ms | ${verdict(level.p95 <= spec.target!.p95Ms)} |`);
      if (spec.target!.minRps && size && page?.available && mode.levels(page).length) {
        const best = Math.max(...mode.levels(page).map((l) => l.rps));
        rows.push(`| ${spec.name} throughput ≥ ${spec.target!.minRps} req/s (${deals(size.deals)} deals) — ${mode.label} | ${n(best)} req/s (best level) | ${verdict(best >= spec.target!.minRps)} |`);
      }
    }
    for (const w of page?.withWrites ?? []) {
      rows.push(`| ${spec.name} p95 at 8 connections${spec.target!.atDeals ? `, ${deals(spec.target!.atDeals)} deals` : ""} — page cache on, ${w.writesPerSecond} deal writes/s | ${n(w.p95)} ms, ${n(w.rps)} req/s, ${w.hitRate === null ? "—" : `${Math.round(w.hitRate * 100)}%`} of requests without a render of their own | ${verdict(w.p95 <= spec.target!.p95Ms)} |`);
    }
  }
  for (const size of results.sizes) {
    if (!size.action || !("levels" in size.action)) continue;
    const l = size.action.levels.find((x) => x.connections === 8);
    if (l) rows.push(`| deal update p95 at 8 concurrent, ${deals(size.deals)} deals ≤ ${UPDATE_DEAL.target.p95Ms} ms | ${n(l.p95)} ms | ${verdict(l.p95 <= UPDATE_DEAL.target.p95Ms)} |`);
  }
  for (const size of results.sizes) {
    for (const page of size.pages.filter((p) => p.available)) {
      for (const mode of MODES) {
        const r = mode.ratios(page)["1"];
        if (r !== undefined && r !== null) rows.push(`| ${page.name} page p95 ÷ floor p95 ≤ 3 (${deals(size.deals)}, 1 connection) — ${mode.label} | ${n(r, 2)} | ${verdict(r <= 3)} |`);
      }
    }
  }
  if (results.sizes.length >= 2) {
    const first = results.sizes[0];
    const last = results.sizes[results.sizes.length - 1];
    for (const page of last.pages.filter((p) => p.available && p.name !== "quarterly")) {
      for (const mode of MODES) {
        const a = levelAt(first.pages.find((p) => p.name === page.name), 1, mode);
        const b = levelAt(page, 1, mode);
        if (a && b) {
          const growth = b.p95 / a.p95;
          const dataGrowth = last.deals / first.deals;
          rows.push(`| ${page.name}: latency grows far slower than data (${deals(first.deals)}→${deals(last.deals)}, ×${n(dataGrowth, 0)} data; met when p95 grows less than the 4th root of that) — ${mode.label} | p95 ×${n(growth, 2)} (${n(a.p95)}→${n(b.p95)} ms, 1 connection) | ${verdict(growth < Math.pow(dataGrowth, 0.25))} |`);
        }
      }
    }
  }
  for (const size of results.sizes.filter((s) => s.pages.some((p) => p.lighthouse))) {
    for (const page of size.pages.filter((p) => p.lighthouse)) {
      const lh = page.lighthouse!;
      rows.push(`| ${page.name} Lighthouse performance ≥ 95 (desktop) | ${lh.performance ?? "—"} | ${verdict(lh.performance === null ? null : lh.performance >= 95)} |`);
      rows.push(`| ${page.name} CLS < 0.05 | ${n(lh.cls, 3)} | ${verdict(lh.cls === null ? null : lh.cls < 0.05)} |`);
    }
  }
  const js = results.sizes[0];
  for (const spec of specs) {
    const page = js?.pages.find((p) => p.name === spec.name);
    if (page?.firstLoadJs && page.available) rows.push(`| ${spec.name} first-load JS ≤ ${spec.jsBudgetKb} KB gzip | ${n(page.firstLoadJs.gzipKb)} KB | ${verdict(page.firstLoadJs.gzipKb <= spec.jsBudgetKb)} |`);
  }
  return rows;
}

/**
 * Issue 17's "before": the rendered figures it started from. 10k: the issue's own table (idle machine, `--quick`);
 * 200k: bench/report.md of 2026-11-23 (load average 1.8–2.3). Floor median, rendered p50 at 1 connection, rendered
 * req/s at 8 connections.
 */
export const BEFORE: Record<number, { source: string; pages: Record<string, { floor: number; p50: number; rps8: number }> }> = {
  10000: {
    source: "issue 17's table (idle machine, `--quick`)",
    pages: {
      deals: { floor: 1.3, p50: 18.3, rps8: 62 },
      targets: { floor: 2.8, p50: 23.2, rps8: 44 },
      coaching: { floor: 4.4, p50: 27.1, rps8: 44 },
      inspection: { floor: 11.3, p50: 40.2, rps8: 27 },
      quarterly: { floor: 18.9, p50: 52.6, rps8: 21 },
    },
  },
  200000: {
    source: "bench/report.md of 2026-11-23 (load average 1.8–2.3)",
    pages: {
      deals: { floor: 4.2, p50: 43.2, rps8: 27.2 },
      targets: { floor: 4.6, p50: 27.3, rps8: 33.6 },
      coaching: { floor: 6.5, p50: 40.0, rps8: 31.4 },
      inspection: { floor: 31.4, p50: 82.7, rps8: 13.6 },
      quarterly: { floor: 73.6, p50: 100.0, rps8: 11.2 },
    },
  },
};

/** Issue 17's targets, with the before figures beside the new ones. */
function issue17(results: BenchResults): string[] {
  const out: string[] = [];
  const measured = results.sizes.filter((s) => s.pages.some((p) => p.available && (p.rendered ?? []).length));
  if (!measured.length) return out;
  out.push("## Issue 17: the cost of a rendered page, before and after");
  out.push("");
  out.push("Rendered = `CADENCE_PAGE_CACHE=off`, every request rendered. Targets: fixed cost (cheapest page's rendered p50 − its floor median) ≤ 5 ms; every page's rendered p50 ≤ 2 × floor median + 5 ms; rendered req/s at 8 connections ≥ 3 × before. Before and after come from different runs on a shared machine (see each source's load): compare the ratios to the floor, measured in the same run, more than the absolute figures.");
  out.push("");
  out.push("| Data | Page | Floor median before → now (ms) | Rendered p50 c=1 before → now (ms) | p50 − floor now | ≤ 2×floor+5 | req/s c=8 before → now | ×before (target ≥ 3) |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  const fixed: string[] = [];
  for (const size of measured) {
    const before = BEFORE[size.deals];
    let cheapest: { name: string; over: number } | null = null;
    for (const page of size.pages.filter((p) => p.available && p.floor)) {
      const b = before?.pages[page.name];
      const one = page.rendered.find((l) => l.connections === 1);
      const eight = page.rendered.find((l) => l.connections === 8);
      const floor = page.floor!.total.median;
      const over = one ? one.median - floor : null;
      if (one && (!cheapest || floor < (size.pages.find((p) => p.name === cheapest!.name)?.floor?.total.median ?? Infinity))) cheapest = { name: page.name, over: over! };
      const okP50 = one ? one.median <= 2 * floor + 5 : null;
      const gain = b && eight ? eight.rps / b.rps8 : null;
      out.push(
        `| ${deals(size.deals)} | ${page.name} | ${b ? n(b.floor) : "—"} → ${n(floor)} | ${b ? n(b.p50) : "—"} → ${n(one?.median)} | ${n(over)} | ${verdict(okP50)} | ${b ? n(b.rps8) : "—"} → ${n(eight?.rps)} | ${gain === null ? "—" : `×${n(gain, 2)} ${verdict(gain >= 3)}`} |`,
      );
    }
    if (cheapest) fixed.push(`${deals(size.deals)}: ${cheapest.name} ${n(cheapest.over)} ms ${verdict(cheapest.over <= 5)}`);
  }
  out.push("");
  out.push(`Fixed cost (cheapest page's rendered p50 − floor median, target ≤ 5 ms; before about 17 ms at 10k): ${fixed.join("; ")}.`);
  const action = results.sizes.map((s) => ({ s, l: s.action && "levels" in s.action ? s.action.levels.find((x) => x.connections === 8) : undefined })).filter((x) => x.l);
  if (action.length) out.push(`Deal update p95 at 8 concurrent callers (target ≤ 100 ms; before 68 ms at 10k on an idle machine): ${action.map(({ s, l }) => `${deals(s.deals)} ${n(l!.p95)} ms ${verdict(l!.p95 <= 100)}`).join("; ")}.`);
  for (const size of measured) {
    const b = BEFORE[size.deals];
    if (b) out.push(`Before at ${deals(size.deals)}: ${b.source}.`);
  }
  out.push("");
  return out;
}

/** The Monday-morning crowd: p95 per page per crowd size, the largest size with every page's p95 ≤ 300 ms. */
export function crowdSection(size: SizeResult, settings: BenchResults["settings"]): string[] {
  const levels = size.crowd ?? [];
  if (!levels.length) return [];
  const c = settings.crowd;
  const out: string[] = [];
  out.push(`## Monday-morning crowd (${deals(size.deals)} deals)`);
  out.push("");
  out.push(
    `N distinct sessions in the organisation's proportions (1 executive : 10 managers : 100 reps; seed-large has 1 executive, 50 managers, 500 reps, so executive sessions beyond the first share that person), each signed in through next-auth once before the measured phase. Each opens its home page, then its role's sequence of pages (rep: deals, inspection, targets, coaching; manager: their team's inspection, deals, coaching, targets, quarterly; executive: quarterly, flow, inspection, deals, targets), waiting for each page and then thinking ${c ? `${c.thinkMs[0] / 1000}–${c.thinkMs[1] / 1000}` : "2–10"} s (fixed seed), arriving over the first ${c?.rampSeconds ?? 10} s of a ${c?.seconds ?? 60} s level. Reps update their own open deals at ${c?.writesPerRepHour ?? 20} updates per rep-hour (Poisson; each a committed UPDATE straight to PostgreSQL, which ends every cached page). Page cache on, as in production. Full-page GETs (a browser's client-side navigations would be RSC requests, somewhat cheaper).`,
  );
  out.push("");
  const pages = [...new Set(levels.flatMap((l) => l.pages.map((p) => p.page)))].sort();
  out.push(`| Users (exec/mgr/rep) | requests | req/s | writes/s | errors | not rendered | ${pages.map((p) => `${p} p95`).join(" | ")} | all p50 / p95 | every p95 ≤ 300 ms |`);
  out.push(`| --- | --- | --- | --- | --- | --- | ${pages.map(() => "---").join(" | ")} | --- | --- |`);
  let best: number | null = null;
  for (const l of levels) {
    const ok = l.pages.every((p) => p.count > 0 && p.p95 <= 300) && l.errors === 0;
    if (ok) best = Math.max(best ?? 0, l.users);
    const hit = l.cache && l.cache.hits + l.cache.misses ? `${Math.round(((l.cache.hits + l.cache.shared) / (l.cache.hits + l.cache.misses)) * 100)}%` : "—";
    out.push(
      `| ${l.users} (${l.composition.EXECUTIVE}/${l.composition.MANAGER}/${l.composition.REP}) | ${l.requests} | ${n(l.rps)} | ${n(l.writesPerSecond, 2)} | ${l.errors} | ${hit} | ${pages.map((p) => n(l.pages.find((x) => x.page === p)?.p95, 0)).join(" | ")} | ${n(l.all.median, 0)} / ${n(l.all.p95, 0)} | ${verdict(ok)} |`,
    );
  }
  out.push("");
  out.push(`**Largest crowd with every page's p95 ≤ 300 ms: ${best === null ? "none of the levels measured" : `${best} users`}** (goal ≥ 500 on one 2-core instance).`);
  out.push("");
  // The curve: the worst page's p95 by crowd size, as a bar per level (log-free, capped at 3 s).
  const worst = levels.map((l) => ({ users: l.users, p95: Math.max(...l.pages.map((p) => p.p95)), page: l.pages.reduce((w, p) => (p.p95 > w.p95 ? p : w), l.pages[0])?.page }));
  const scale = Math.max(300, ...worst.map((w) => Math.min(w.p95, 3000)));
  out.push("```");
  out.push("worst page p95 by crowd size (| marks 300 ms)");
  const mark = Math.round((300 / scale) * 50);
  for (const w of worst) {
    const len = Math.max(1, Math.round((Math.min(w.p95, 3000) / scale) * 50));
    const bar = Array.from({ length: Math.max(len, mark + 1) }, (_, i) => (i === mark ? "|" : i < len ? "█" : " ")).join("");
    out.push(`${String(w.users).padStart(5)} users ${bar} ${Math.round(w.p95)} ms (${w.page})`);
  }
  out.push("```");
  out.push("");
  return out;
}

/** Where a rendered request's server CPU goes (bench/profile.ts). */
function profileSection(profiles: PageProfile[] | undefined): string[] {
  if (!profiles?.length) return [];
  const out: string[] = [];
  out.push("## Profile of a rendered request");
  out.push("");
  out.push("`npx tsx bench/profile.ts --pages … --size …`: the app under `node --cpu-prof` (200 µs sampling), page cache off, requests one after another after a warm-up; only the samples taken while the measured requests ran. Self time by component, in ms of server CPU per request (the profiler itself adds some):");
  out.push("");
  const names = [...new Set(profiles.flatMap((p) => p.summary.components.map((c) => c.name)))];
  const head = profiles.map((p) => `${p.page} ${deals(p.deals)}${p.label ? ` (${p.label})` : ""}`);
  out.push(`| Component | ${head.join(" | ")} |`);
  out.push(`| --- | ${head.map(() => "---").join(" | ")} |`);
  for (const name of names) {
    out.push(`| ${name} | ${profiles.map((p) => { const c = p.summary.components.find((x) => x.name === name); return c ? `${n(c.ms / p.requests, 2)} (${n(c.share)}%)` : "—"; }).join(" | ")} |`);
  }
  for (const m of profiles[0].summary.markers) {
    out.push(`| _inclusive:_ ${m.name} | ${profiles.map((p) => { const x = p.summary.markers.find((y) => y.name === m.name); return x ? `${n(x.ms / p.requests, 2)} (${n(x.share)}%)` : "—"; }).join(" | ")} |`);
  }
  out.push(`| **server CPU per request** | ${profiles.map((p) => `**${n(p.cpuMsPerRequest, 2)}**`).join(" | ")} |`);
  out.push(`| request p50 at c=1 (ms, profiled) | ${profiles.map((p) => n(p.latency.median)).join(" | ")} |`);
  out.push("");
  return out;
}

function sizeSection(size: SizeResult): string[] {
  const out: string[] = [];
  const c = size.dataset.counts;
  out.push(`### ${deals(size.deals)} deals`);
  out.push("");
  out.push(
    `Data: ${int(c.Deal)} deals, ${int(c.DealChange)} history rows, ${int(c.Activity)} activities, ${int(c.Lead)} leads, ${int(c.User)} users, ${int(c.Team)} teams; as of ${size.dataset.asOf}. ` +
      (size.dataset.load ? `Loaded in this run in **${n(size.dataset.load.seconds)} s** (${Object.entries(size.dataset.load.timings).map(([k, v]) => `${k} ${n(v)} s`).join("; ")}).` : "Loaded by an earlier run (kept in .cadence/bench)."),
  );
  out.push("");
  out.push("| Page | Role | Status | Reads | Floor median / p95 (ms) | Mode | Conn. | p50 | p95 | p99 (ms) | req/s | Errors | p95 ÷ floor p95 |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const page of size.pages) {
    if (!page.available) {
      out.push(`| \`${page.path}\` | ${page.role} | ${page.note ?? page.status} | | | | | | | | | | |`);
      continue;
    }
    const rows = [
      ...MODES.flatMap((mode) => mode.levels(page).map((l) => ({ l, mode: mode.key, ratio: n(mode.ratios(page)[String(l.connections)], 2) }))),
      ...(page.withWrites ?? []).map((l) => ({ l, mode: `cached + ${l.writesPerSecond} writes/s (${l.hitRate === null ? "—" : `${Math.round(l.hitRate * 100)}%`} not rendered)`, ratio: "" })),
    ];
    rows.forEach(({ l, mode, ratio }, i) => {
      const head = i === 0 ? `| \`${page.path}\` | ${page.role} | ${page.status} | ${page.floor?.queries ?? "—"} | ${n(page.floor?.total.median)} / ${n(page.floor?.total.p95)} |` : "| | | | | |";
      if (l.count === 0) out.push(`${head} ${mode} | ${l.connections} | no request finished within ${l.seconds} s | | | 0 | ${l.errors} | |`);
      else out.push(`${head} ${mode} | ${l.connections} | ${n(l.median)} | ${n(l.p95)} | ${n(l.p99)} | ${n(l.rps)} | ${l.errors} | ${ratio} |`);
    });
    if (rows.length === 0) out.push(`| \`${page.path}\` | ${page.role} | ${page.status} | ${page.floor?.queries ?? "—"} | ${n(page.floor?.total.median)} / ${n(page.floor?.total.p95)} | | | | | | | | |`);
  }
  out.push("");
  if (size.action && "levels" in size.action) {
    out.push(`Deal update — ${size.action.method}; ${size.action.deals} open deals of teams other than Bench Team 01, each updated by its owner:`);
    out.push("");
    out.push("| Concurrency | p50 | p95 | p99 (ms) | updates/s | Errors |");
    out.push("| --- | --- | --- | --- | --- | --- |");
    for (const l of size.action.levels) out.push(`| ${l.connections} | ${n(l.median)} | ${n(l.p95)} | ${n(l.p99)} | ${n(l.rps)} | ${l.errors}${l.errors ? ` (${Object.entries(l.errorCodes).map(([k, v]) => `${k} ${v}`).join(", ")})` : ""} |`);
  } else if (size.action) out.push(`Deal update: not measured — ${size.action.error}`);
  out.push("");
  const slow = size.pages.filter((p) => p.floor && p.floor.perQuery.length);
  if (slow.length) {
    out.push("<details><summary>Slowest statements of each page's floor (p95, ms)</summary>");
    out.push("");
    for (const page of slow) {
      out.push(`**${page.name}** (${page.floor!.queries} reads)`);
      out.push("");
      for (const q of page.floor!.perQuery.slice(0, 5)) out.push(`- ${n(q.p95, 2)} ms — \`${q.sql.replace(/`/g, "'")}\``);
      for (const skipped of page.floor!.skipped) out.push(`- not replayed: ${skipped.replace(/`/g, "'")}`);
      out.push("");
    }
    out.push("</details>");
    out.push("");
  }
  return out;
}

export function writeReport(results: BenchResults, specs: PageSpec[], jsonName: string): string {
  const m = results.machine;
  const out: string[] = [];
  out.push("# Cadence benchmark report");
  out.push("");
  out.push(`Produced by \`${results.command}\` (see [README](README.md)); raw figures in \`bench/results/${jsonName}\` (not committed).`);
  out.push("");
  out.push(`- When: ${results.startedAt} → ${results.finishedAt}`);
  out.push(`- Commit: \`${results.commit}\`${results.uncommittedFiles ? ` plus ${results.uncommittedFiles} uncommitted files (work in progress in the shared tree)` : ""}`);
  out.push(`- Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGb} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres} (embedded), ${m.os}; load average at start ${m.loadAverageAtStart.join(" / ")}${m.loadAverageAtEnd ? `, at the end ${m.loadAverageAtEnd.join(" / ")}` : ""} (the machine is shared with other engineers' test runs: figures are noisy)`);
  out.push(`- Settings: ${results.settings.seconds} s per autocannon level, connections ${results.settings.connections.join("/")}, floor = ${results.settings.floorRuns} warm runs; build ${results.build.reused ? "reused" : `${results.build.seconds} s`}`);
  out.push("");
  if (results.settings.crowd || results.profiles?.length) {
    out.push(`Re-run: \`${results.rerun ?? `flock /tmp/bench.lock ${results.command}`}\``);
    out.push("");
  }
  out.push(...issue17(results));
  for (const size of results.sizes) out.push(...crowdSection(size, results.settings));
  out.push(...profileSection(results.profiles));
  out.push("## Targets (issue 8)");
  out.push("");
  out.push(...targets(results, specs));
  out.push("");
  out.push("## Figures by data size");
  out.push("");
  out.push("Modes: **cached** = as served in production (server.ts, page cache on) with no write during the run, so every request after the first is answered from the cache; **rendered** = `CADENCE_PAGE_CACHE=off`, every request rendered, which is what any request costs right after a write; **cached + N writes/s** = the cache on while a deal outside the page's team is updated N times a second (every commit ends every cached page: the hit rate shows what is left). Latencies are the server response as autocannon sees it (whole body), signed in as the page's role. The floor is one run of every read the page issued (captured from Prisma's query events in the server, replayed with `pg` one after another on one warm connection).");
  out.push("");
  for (const size of results.sizes) out.push(...sizeSection(size));
  const lighthouse = results.sizes.flatMap((s) => s.pages.filter((p) => p.lighthouse).map((p) => ({ size: s.deals, p })));
  out.push("## Browser");
  out.push("");
  out.push("| Page | Data | Lighthouse performance | LCP (ms) | TBT (ms) | CLS | First-load JS (scripts, raw KB, gzip KB) | Budget (gzip) |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  const first = results.sizes[0];
  for (const page of first?.pages ?? []) {
    const lh = lighthouse.find((x) => x.p.name === page.name);
    const spec = specs.find((s) => s.name === page.name);
    const js = page.firstLoadJs;
    out.push(
      `| ${page.name}${page.available ? "" : " (not available yet)"} | ${lh ? deals(lh.size) : "—"} | ${lh?.p.lighthouse?.performance ?? "—"} | ${int(lh?.p.lighthouse?.lcpMs)} | ${int(lh?.p.lighthouse?.tbtMs)} | ${n(lh?.p.lighthouse?.cls, 3)} | ${js ? `${js.scripts}, ${n(js.rawKb)}, **${n(js.gzipKb)}**` : "—"} | ${spec?.jsBudgetKb ?? "—"} KB |`,
    );
  }
  out.push("");
  out.push(`From the build manifests (\`tsx bench/js-budget.ts ${"<distDir>"}\`, the CI guard): ${results.jsFromManifests.map((r) => ("missing" in r ? `${r.route} not built` : `${r.route} ${n(r.gzipKb)} KB${r.gzipKb > r.budgetKb ? " (over)" : ""}`)).join("; ")}.`);
  out.push("");
  out.push("Lighthouse: desktop preset (simulated throttling), Debian chromium headless, the session cookie sent as an extra header. First-load JS: the `<script src>` files of the route's HTML, gzip -9 computed from the build folder.");
  out.push("");
  return out.join("\n");
}
