// CI guard: first-load JavaScript (gzip) of each main route from a finished build, against its budget in
// bench/pages.ts. Exits 1 when a route is over. No server or database: it reads the build folder.
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const distDir = process.argv[2] ?? process.env.CADENCE_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "build-manifest.json"))) {
    console.error(`No build in ${distDir}: run next build first.`);
    process.exit(1);
  }
  let over = 0;
  for (const r of measureRoutes(distDir)) {
    if ("missing" in r) {
      console.log(`  ${r.route.padEnd(28)} (not in this build)`);
      continue;
    }
    const ok = r.gzipKb <= r.budgetKb;
    if (!ok) over++;
    console.log(`${ok ? "  " : "✖ "}${r.route.padEnd(28)} ${String(r.gzipKb).padStart(7)} KB gzip (${r.files} files)  budget ${r.budgetKb} KB`);
  }
  if (over) {
    console.error(`\n${over} route(s) over their first-load JavaScript budget (bench/pages.ts).`);
    process.exit(1);
  }
}
