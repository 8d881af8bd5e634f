// The Monday-morning crowd: N distinct signed-in users in the organisation's proportions (1 executive : 10 managers :
// 100 reps, as seed-large builds it: 1, 50, 500), each with a session of their own, each opening their home page and
// then a realistic sequence of pages with think time (closed loop: a user waits for the page, then thinks 2–10 s),
// while reps update their own deals at a steady rate. The page cache is on, as in production; distinct sessions
// never share a cached render (the cookie is part of the key), and every committed write ends every cached page.
// Deterministic: the users, their sequences, start offsets, think times and writes come from a fixed seed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { signIn } from "./app";
import { summarize, type LatencySummary } from "./stats";

export type CrowdRole = "REP" | "MANAGER" | "EXECUTIVE";

export interface CrowdUser {
  email: string;
  id: string;
  role: CrowdRole;
  teamId: string | null;
}

export interface CrowdOptions {
  users: number;
  /** Length of the measured phase (s); users arrive over the first `rampSeconds`. */
  seconds: number;
  rampSeconds: number;
  thinkMs: [number, number];
  /** Deal updates per rep per hour (each its own committed transaction). */
  writesPerRepHour: number;
  seed: number;
}

export interface CrowdPage extends LatencySummary {
  page: string;
  errors: number;
}

export interface CrowdLevel {
  users: number;
  composition: Record<CrowdRole, number>;
  /** Distinct people behind the sessions (seed-large has one executive: several executive sessions share them). */
  distinctPeople: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  writes: number;
  writesPerSecond: number;
  pages: CrowdPage[];
  /** Every request together. */
  all: LatencySummary;
  cache: { hits: number; shared: number; misses: number } | null;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of each role in a crowd of n: 1 : 10 : 100, at least one executive and one manager from 12 users up. */
export function composition(n: number): Record<CrowdRole, number> {
  const executives = Math.max(n >= 12 ? 1 : 0, Math.round(n / 111));
  const managers = Math.max(n >= 12 ? 1 : 0, Math.round((n * 10) / 111));
  return { EXECUTIVE: executives, MANAGER: managers, REP: n - executives - managers };
}

/** The bench organisation's people (seed-large): reps and managers in e-mail order, with their team. */
export async function loadPeople(databaseUrl: string): Promise<Record<CrowdRole, CrowdUser[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ id: string; email: string; role: CrowdRole; team_id: string | null }>(
      `SELECT u.id, u.email, u.role::text AS role,
              coalesce(u."teamId", (SELECT min(tm."teamId") FROM "TeamManager" tm WHERE tm."userId" = u.id)) AS team_id
       FROM "User" u WHERE u.active AND u.role IN ('REP', 'MANAGER', 'EXECUTIVE') AND u.email LIKE 'bench.%' ORDER BY u.email`,
    );
    const out: Record<CrowdRole, CrowdUser[]> = { REP: [], MANAGER: [], EXECUTIVE: [] };
    for (const row of r.rows) out[row.role].push({ id: row.id, email: row.email, role: row.role, teamId: row.team_id });
    return out;
  } finally {
    await client.end();
  }
}

/** The crowd's users: the first reps and managers spread over the teams (every k-th), executives repeated if needed. */
export function pickCrowd(people: Record<CrowdRole, CrowdUser[]>, n: number): CrowdUser[] {
  const c = composition(n);
  const spread = (list: CrowdUser[], k: number) => {
    if (list.length === 0) return [];
    if (k <= list.length) {
      const step = list.length / k;
      return Array.from({ length: k }, (_, i) => list[Math.floor(i * step)]);
    }
    return Array.from({ length: k }, (_, i) => list[i % list.length]);
  };
  return [...spread(people.EXECUTIVE, c.EXECUTIVE), ...spread(people.MANAGER, c.MANAGER), ...spread(people.REP, c.REP)];
}

/** The pages a user goes through after their home page, in order, again and again. */
export function sequenceFor(user: CrowdUser): string[] {
  switch (user.role) {
    case "REP":
      return ["/deals", "/inspection", "/deals", "/targets", "/coaching", "/deals"];
    case "MANAGER": {
      const team = user.teamId ? `/inspection?team=${user.teamId}` : "/inspection";
      return [team, "/deals", "/coaching", team, "/targets", "/quarterly"];
    }
    case "EXECUTIVE":
      return ["/quarterly", "/flow", "/inspection", "/deals", "/targets"];
  }
}

/** A page's name in the report: its path without the query. */
export const pageName = (p: string) => (p.split("?")[0].replace(/^\//, "") || "root");

/**
 * One session per crowd member, signed in through next-auth's credentials endpoint. Sessions are kept in a file
 * between runs (the bench server's secret is fixed; tokens last 12 hours): signing in is a deliberately slow scrypt.
 */
export async function crowdSessions(baseUrl: string, databaseName: string, users: CrowdUser[], log: (l: string) => void): Promise<string[]> {
  const file = path.join(os.tmpdir(), `cadence-bench-crowd-sessions-${databaseName}.json`);
  let stored: Record<string, { cookie: string; at: number }> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    /* none yet */
  }
  const fresh = (k: string) => stored[k] && Date.now() - stored[k].at < 6 * 3_600_000;
  // The i-th session of an e-mail (executives repeat), so that each crowd member has a session of their own.
  const seen = new Map<string, number>();
  const keys = users.map((u) => {
    const i = seen.get(u.email) ?? 0;
    seen.set(u.email, i + 1);
    return `${u.email}#${i}`;
  });
  const missing = keys.map((k, i) => ({ k, i })).filter(({ k }) => !fresh(k));
  if (missing.length) log(`  signing in ${missing.length} crowd sessions (kept in ${file})…`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < missing.length) {
        const { k, i } = missing[next++];
        stored[k] = { cookie: await signIn(baseUrl, users[i].email), at: Date.now() };
      }
    }),
  );
  if (missing.length) fs.writeFileSync(file, JSON.stringify(stored));
  return keys.map((k) => stored[k].cookie);
}

/** Open deals of each rep in the crowd (up to 20 each), for the writes. */
async function dealsOf(databaseUrl: string, reps: CrowdUser[]): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ owner: string; ids: string[] }>(
      `SELECT d."ownerId" AS owner, (array_agg(d.id ORDER BY d.id))[1:20] AS ids FROM "Deal" d
       WHERE d.status = 'OPEN' AND d."ownerId" = ANY($1::text[]) GROUP BY d."ownerId"`,
      [reps.map((u) => u.id)],
    );
    return new Map(r.rows.map((row) => [row.owner, row.ids]));
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One level: every user's loop for `seconds`, the reps' writes beside it. */
export async function runCrowd(
  baseUrl: string,
  databaseUrl: string,
  users: CrowdUser[],
  cookies: string[],
  o: CrowdOptions,
  cacheStats: (() => Promise<{ hits: number; shared: number; misses: number }>) | null,
): Promise<CrowdLevel> {
  const random = rng(o.seed + users.length);
  const byPage = new Map<string, { ms: number[]; errors: number }>();
  const started = Date.now();
  const endAt = started + o.seconds * 1000;
  let requests = 0;
  let errors = 0;
  const record = (page: string, ms: number, ok: boolean) => {
    const e = byPage.get(page) ?? { ms: [], errors: 0 };
    if (ok) e.ms.push(ms);
    else e.errors++;
    byPage.set(page, e);
    requests++;
    if (!ok) errors++;
  };
  const think = () => o.thinkMs[0] + random() * (o.thinkMs[1] - o.thinkMs[0]);

  // The writes: reps update one of their own open deals (a new next step, a version bump, touched now).
  const reps = users.filter((u) => u.role === "REP");
  const deals = await dealsOf(databaseUrl, reps);
  const writers = reps.filter((u) => (deals.get(u.id)?.length ?? 0) > 0);
  const perSecond = (writers.length * o.writesPerRepHour) / 3600;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  let writes = 0;
  const writeLoop = async () => {
    if (perSecond <= 0) return;
    const wr = rng(o.seed * 7 + users.length);
    let at = started;
    const inflight: Promise<unknown>[] = [];
    while (true) {
      at += (-Math.log(1 - wr()) / perSecond) * 1000; // Poisson arrivals
      if (at >= endAt) break;
      await sleep(Math.max(0, at - Date.now()));
      const rep = writers[Math.floor(wr() * writers.length)];
      const list = deals.get(rep.id)!;
      const id = list[Math.floor(wr() * list.length)];
      inflight.push(
        pool
          .query(`UPDATE "Deal" SET "nextStep" = $2, "nextStepDate" = (now() + interval '3 days')::date, "lastTouchedAt" = now(), "updatedAt" = now(), version = version + 1 WHERE id = $1`, [
            id,
            `Monday call ${writes + 1}`,
          ])
          .then(() => writes++)
          .catch(() => undefined),
      );
    }
    await Promise.all(inflight);
  };

  if (cacheStats) await cacheStats(); // reset the counters
  const userLoop = async (u: CrowdUser, cookie: string, offsetMs: number, seq: string[]) => {
    await sleep(offsetMs);
    const paths = ["/home", ...seq];
    let i = 0;
    while (Date.now() < endAt) {
      const p = i === 0 ? paths[0] : paths[1 + ((i - 1) % seq.length)];
      const t = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${baseUrl}${p}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        ok = res.status === 200;
      } catch {
        ok = false;
      }
      record(pageName(p), performance.now() - t, ok);
      i++;
      const pause = think();
      if (Date.now() + pause >= endAt) break;
      await sleep(pause);
    }
  };
  const loops = users.map((u, k) => {
    // Each user starts the sequence at their own point after the home page, and arrives within the ramp.
    const seq = sequenceFor(u);
    const shift = Math.floor(random() * seq.length);
    const rotated = [...seq.slice(shift), ...seq.slice(0, shift)];
    return userLoop(u, cookies[k], random() * o.rampSeconds * 1000, rotated);
  });
  await Promise.all([...loops, writeLoop()]);
  await pool.end();
  const cache = cacheStats ? await cacheStats() : null;
  const seconds = (Date.now() - started) / 1000;
  const all: number[] = [];
  const pages: CrowdPage[] = [...byPage.entries()]
    .map(([page, e]) => {
      all.push(...e.ms);
      return { page, errors: e.errors, ...summarize(e.ms) };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
  return {
    users: users.length,
    composition: composition(users.length),
    distinctPeople: new Set(users.map((u) => u.email)).size,
    seconds: Math.round(seconds),
    requests,
    rps: Math.round((requests / seconds) * 10) / 10,
    errors,
    writes,
    writesPerSecond: Math.round((writes / seconds) * 100) / 100,
    pages,
    all: summarize(all),
    cache,
  };
}
