// The production app for the benchmark: `next build` into .next-bench, `server.ts` (Next's handler behind the page cache) on a free port, signed-in sessions.
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../scripts/lib/embedded-postgres";
import { BENCH_PASSWORD } from "../../prisma/seed-large";

export const DIST_DIR = process.env.CADENCE_DIST_DIR ?? ".next-bench";
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");
const SECRET = "cadence-bench-secret-not-for-production-0123456789";

export interface BuildResult {
  seconds: number;
  output: string;
}

/**
 * `next build` in its two documented halves, compile then generate. Together they are the full production build
 * minus the type check, which is `npx tsc --noEmit`'s job: the benchmark must still run while work in progress
 * elsewhere in the shared tree does not type-check yet.
 */
export async function buildApp(): Promise<BuildResult> {
  const started = Date.now();
  const compile = await buildStep("compile");
  const generate = await buildStep("generate");
  return { seconds: (Date.now() - started) / 1000, output: compile + generate };
}

function buildStep(mode: "compile" | "generate"): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("nice", ["-n", "10", process.execPath, NEXT_BIN, "build", "--experimental-build-mode", mode], {
      env: { ...process.env, CADENCE_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`next build (${mode}) failed:\n${output.slice(-3000)}`))));
  });
}

export function buildExists(): boolean {
  return fs.existsSync(path.join(DIST_DIR, "BUILD_ID"));
}

export interface AppServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Page-cache hits, shared renders and misses since the last call (server.ts prints them on SIGUSR2). */
  cacheStats: () => Promise<{ hits: number; shared: number; misses: number }>;
}

export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    // BENCH_NODE_ARGS: extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", "server.ts", "-p", String(port), "-H", "127.0.0.1"],
    {
    env: {
      ...process.env,
      ...extraEnv,
      CADENCE_DIST_DIR: DIST_DIR,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: url,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // The benchmark signs in a few times per size and hammers pages: keep the limits out of the measurement.
      CADENCE_SIGNIN_IP_LIMIT: "100000",
      CADENCE_SIGNIN_ACCOUNT_LIMIT: "100000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (c) => (log += c));
  child.stderr?.on("data", (c) => (log += c));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  const cacheStats = async () => {
    const from = log.length;
    child.kill("SIGUSR2");
    for (let i = 0; i < 100; i++) {
      const line = /\[page-cache\] (\{.*\})/.exec(log.slice(from));
      if (line) return JSON.parse(line[1]) as { hits: number; shared: number; misses: number };
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("the app server did not report its page-cache counters");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited (${child.exitCode}):\n${log.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, port, stop, cacheStats };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app server did not answer within 60 s:\n${log.slice(-2000)}`);
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.startsWith("next-auth.session-token=") || c.startsWith("__Secure-next-auth.session-token="));
  if (!session) throw new Error(`Signing in as ${email} failed (HTTP ${res.status}).`);
  return session;
}

export interface PageFetch {
  status: number;
  ms: number;
  html: string;
}

export async function getPage(baseUrl: string, pagePath: string, cookie: string): Promise<PageFetch> {
  const t = performance.now();
  const res = await fetch(`${baseUrl}${pagePath}`, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  return { status: res.status, ms: performance.now() - t, html };
}

/** A page whose route still renders the shell's placeholder. */
export function isPlaceholder(html: string): boolean {
  return html.includes("Not available yet");
}
