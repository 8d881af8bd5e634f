// bench/report.md from one run's results: targets first, then every figure by data size.
import type { BenchResults, PageResult, SizeResult } from "../run";
import type { PageSpec } from "../pages";
import { UPDATE_DEAL } from "../pages";

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
  out.push(`- Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGb} GB RAM, Node ${m.node}, PostgreSQL ${m.postgres} (embedded), ${m.os}; load average at start ${m.loadAverageAtStart.join(" / ")} (the machine is shared with other engineers' test runs: figures are noisy)`);
  out.push(`- Settings: ${results.settings.seconds} s per autocannon level, connections ${results.settings.connections.join("/")}, floor = ${results.settings.floorRuns} warm runs; build ${results.build.reused ? "reused" : `${results.build.seconds} s`}`);
  out.push("");
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
