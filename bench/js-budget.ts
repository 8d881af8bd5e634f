// CI guard: first-load JavaScript (gzip) of each main route from a finished build, against its budget in
// bench/pages.ts. Exits 1 when a route is over. No server or database: it reads the build folder. `npm run build`
// and the build of `npm test` run it right after next build.
// Usage: next build && tsx bench/js-budget.ts [distDir]   (distDir defaults to CADENCE_DIST_DIR or .next)
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import { PAGES } from "./pages";

export interface RouteJs {
  route: string;
  files: number;
  gzipKb: number;
  budgetKb: number;
}

/** The chunks a route loads up front: the root main files plus every entry chunk of its layouts and page. */
export function routeChunks(distDir: string, route: string): string[] | null {
  const segment = route.split("?")[0].replace(/^\//, "");
  const manifestFile = [path.join(distDir, "server", "app", "(app)", segment, "page_client-reference-manifest.js"), path.join(distDir, "server", "app", segment, "page_client-reference-manifest.js")].find((f) => fs.existsSync(f));
  if (!manifestFile) return null;
  const sandbox = { globalThis: {} as Record<string, unknown> };
  vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
  const manifests = (sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>;
  const build = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const files = new Set<string>(build.rootMainFiles);
  for (const manifest of Object.values(manifests)) for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
  return [...files];
}

export function measureRoutes(distDir: string): (RouteJs | { route: string; missing: true })[] {
  return PAGES.map((page) => {
    const chunks = routeChunks(distDir, page.path);
    if (!chunks) return { route: page.path, missing: true as const };
    const gzip = chunks.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(distDir, f)), { level: 9 }).length, 0);
    return { route: page.path, files: chunks.length, gzipKb: Math.round((gzip / 1024) * 10) / 10, budgetKb: page.jsBudgetKb };
  });
}

export interface BudgetVerdict {
  ok: boolean;
  /** One line per route for the build log: size, file count, budget; over-budget routes marked ✖. */
  lines: string[];
  /** Why the check failed, one sentence per route that is over its budget (or missing from the build); empty when ok. */
  failures: string[];
}

/**
 * The decision: every route must be in the build and at or under its budget. A route missing from the build fails
 * too, so that renaming a page cannot quietly take it out of the guard.
 */
export function judgeBudgets(routes: (RouteJs | { route: string; missing: true })[]): BudgetVerdict {
  const lines: string[] = [];
  const failures: string[] = [];
  for (const r of routes) {
    if ("missing" in r) {
      lines.push(`✖ ${r.route.padEnd(28)} (not in this build)`);
      failures.push(`${r.route} is not in the build: update its path in bench/pages.ts.`);
      continue;
    }
    const over = r.gzipKb > r.budgetKb;
    lines.push(`${over ? "✖ " : "  "}${r.route.padEnd(28)} ${String(r.gzipKb).padStart(7)} KB gzip (${r.files} files)  budget ${r.budgetKb} KB`);
    if (over) failures.push(`${r.route} loads ${r.gzipKb} KB of JavaScript (gzip) up front, over its budget of ${r.budgetKb} KB by ${Math.round((r.gzipKb - r.budgetKb) * 10) / 10} KB.`);
  }
  return { ok: failures.length === 0, lines, failures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const distDir = process.argv[2] ?? process.env.CADENCE_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "build-manifest.json"))) {
    console.error(`No build in ${distDir}: run next build first.`);
    process.exit(1);
  }
  console.log(`First-load JavaScript per route (gzip, from ${distDir}):`);
  const verdict = judgeBudgets(measureRoutes(distDir));
  for (const line of verdict.lines) console.log(line);
  if (!verdict.ok) {
    console.error(`\n✖ JavaScript budget exceeded (budgets in bench/pages.ts):`);
    for (const failure of verdict.failures) console.error(`  ${failure}`);
    process.exit(1);
  }
}
