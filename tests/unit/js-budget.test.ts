// The JavaScript-budget guard that runs after every CI build: what it counts for a route, and when it fails the build.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { judgeBudgets, measureRoutes } from "@/bench/js-budget";
import { PAGES } from "@/bench/pages";

const segment = (route: string) => route.split("?")[0].replace(/^\//, "");

/** A build folder shaped like next build's output: root main files plus, per route, a client-reference manifest. */
function fakeBuild(pageKb: Record<string, number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-js-budget-"));
  const chunk = (name: string, kb: number) => {
    // Random bytes do not compress, so the gzip size is the raw size (plus a few bytes of header).
    fs.mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
    fs.writeFileSync(path.join(dir, "static", "chunks", name), crypto.randomBytes(kb * 1024));
    return `static/chunks/${name}`;
  };
  const main = chunk("main.js", 100);
  const layout = chunk("layout.js", 10);
  fs.writeFileSync(path.join(dir, "build-manifest.json"), JSON.stringify({ rootMainFiles: [main] }));
  for (const page of PAGES) {
    const name = segment(page.path);
    const own = chunk(`${name}.js`, pageKb[name] ?? 20);
    const manifest = { [`/(app)/${name}/page`]: { entryJSFiles: { "[project]/app/(app)/layout": [layout], [`[project]/app/(app)/${name}/page`]: [layout, own] } } };
    const file = path.join(dir, "server", "app", "(app)", name, "page_client-reference-manifest.js");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(`/(app)/${name}/page`)}] = ${JSON.stringify(manifest[`/(app)/${name}/page`])};`);
  }
  return dir;
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("the first-load JavaScript budget", () => {
  it("counts a route's root main files, layout and page chunks once each, gzip", () => {
    const dir = fakeBuild({ coaching: 30 });
    folders.push(dir);
    const coaching = measureRoutes(dir).find((r) => r.route === "/coaching");
    expect(coaching).toMatchObject({ files: 3, budgetKb: 150 });
    // 100 + 10 + 30 KB of incompressible bytes; the layout chunk listed twice is counted once.
    expect(coaching && "gzipKb" in coaching && coaching.gzipKb).toBeGreaterThanOrEqual(140);
    expect(coaching && "gzipKb" in coaching && coaching.gzipKb).toBeLessThan(141);
  });

  it("passes routes at or under their budget and fails one over it, naming the route, its size and its budget", () => {
    const verdict = judgeBudgets([
      { route: "/deals", files: 11, gzipKb: 141.9, budgetKb: 150 },
      { route: "/targets", files: 11, gzipKb: 150, budgetKb: 150 },
      { route: "/coaching", files: 12, gzipKb: 184, budgetKb: 150 },
    ]);
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual(["/coaching loads 184 KB of JavaScript (gzip) up front, over its budget of 150 KB by 34 KB."]);
    expect(verdict.lines).toHaveLength(3);
    expect(verdict.lines[2]).toMatch(/^✖ \/coaching\s+184 KB gzip \(12 files\)\s+budget 150 KB$/);
    expect(verdict.lines[0]).toMatch(/^ {2}\/deals\s+141.9 KB gzip/);

    expect(judgeBudgets([{ route: "/deals", files: 11, gzipKb: 150, budgetKb: 150 }])).toMatchObject({ ok: true, failures: [] });
  });

  it("fails when a budgeted route is missing from the build, so a renamed page cannot slip out of the guard", () => {
    const verdict = judgeBudgets([{ route: "/coaching", missing: true }]);
    expect(verdict.ok).toBe(false);
    expect(verdict.failures[0]).toContain("/coaching is not in the build");
  });

  it("as the build's last step, exits 1 and names the route that is over; exits 0 when all fit", () => {
    const over = fakeBuild({ coaching: 60 });
    const fits = fakeBuild({});
    folders.push(over, fits);
    const check = (dir: string) =>
      spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("bench", "js-budget.ts")], {
        env: { ...process.env, CADENCE_DIST_DIR: dir },
        encoding: "utf8",
      });
    const failed = check(over);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/\/coaching loads 170(\.\d)? KB of JavaScript \(gzip\) up front, over its budget of 150 KB/);
    const passed = check(fits);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/\/quarterly\s+130(\.\d)? KB gzip/);
  }, 30_000);
});
