// The browser's view: Lighthouse (desktop preset) in Debian's chromium, and first-load JavaScript per route.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

export interface LighthouseResult {
  performance: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  fcpMs: number | null;
}

export async function runLighthouse(url: string, cookie: string): Promise<LighthouseResult> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: { Cookie: cookie } },
      desktopConfig,
    );
    const lhr = result?.lhr;
    const audit = (id: string) => lhr?.audits[id]?.numericValue ?? null;
    const score = lhr?.categories.performance?.score;
    return {
      performance: score === null || score === undefined ? null : Math.round(score * 100),
      lcpMs: audit("largest-contentful-paint"),
      tbtMs: audit("total-blocking-time"),
      cls: audit("cumulative-layout-shift"),
      fcpMs: audit("first-contentful-paint"),
    };
  } finally {
    await chrome.kill();
  }
}

export interface FirstLoadJs {
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

const gzipCache = new Map<string, { raw: number; gzip: number }>();

/** The scripts a route's HTML loads up front (lazy chunks are not in it), sized from the build folder. Cross-checked by js-budget.ts. */
export function firstLoadJs(html: string, distDir: string): FirstLoadJs {
  const srcs = new Set<string>();
  // nomodule scripts (the polyfills) are skipped by every browser that runs modules.
  for (const match of html.matchAll(/<script([^>]*)>/g)) {
    const src = /\ssrc="([^"]+\.js)[^"]*"/.exec(match[1])?.[1];
    if (src && !/\snomodule\b/i.test(match[1])) srcs.add(src);
  }
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const rel = src.replace(/^.*\/_next\//, "");
    const file = path.join(distDir, rel);
    if (!fs.existsSync(file)) continue;
    let sizes = gzipCache.get(file);
    if (!sizes) {
      const body = fs.readFileSync(file);
      sizes = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
      gzipCache.set(file, sizes);
    }
    raw += sizes.raw;
    gzip += sizes.gzip;
  }
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { scripts: srcs.size, rawKb: kb(raw), gzipKb: kb(gzip) };
}
