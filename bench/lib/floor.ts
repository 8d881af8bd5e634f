// The floor: the exact SQL a page ran (captured from Prisma's query events in the server), replayed with plain pg.
import fs from "node:fs";
import pg from "pg";
import type { QueryEventRecord } from "../../lib/db";
import { summarize, type LatencySummary } from "./stats";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
  /** Milliseconds Prisma measured in the server when captured. */
  serverMs: number;
}

/** Reads the query log from `offset` bytes: the statements since the previous read. */
export function readQueryLog(file: string, offset: number): { queries: CapturedQuery[]; offset: number } {
  if (!fs.existsSync(file)) return { queries: [], offset };
  const buffer = fs.readFileSync(file);
  const text = buffer.subarray(offset).toString("utf8");
  const queries = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as QueryEventRecord)
    .map((e) => ({ sql: e.query, params: JSON.parse(e.params || "[]") as unknown[], serverMs: e.duration }));
  return { queries, offset: buffer.length };
}

/** Reads are what a page needs; writes (a rate-limit bucket, an audit row) and transaction control are not replayed. */
export function isRead(sql: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(sql.slice(0, 40));
}

export interface FloorResult {
  queries: number;
  /** Reads that could not be replayed, with the reason. */
  skipped: string[];
  /** One run = every read of the page, one after another on one connection. */
  total: LatencySummary;
  perQuery: { sql: string; median: number; p95: number }[];
}

export async function measureFloor(databaseUrl: string, captured: CapturedQuery[], runs = 30, warmup = 5): Promise<FloorResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A statement whose parameters do not survive the JSON round trip is left out (and reported), not fatal.
    const reads: CapturedQuery[] = [];
    const skipped: string[] = [];
    for (const q of captured.filter((c) => isRead(c.sql))) {
      try {
        await client.query(q.sql, q.params);
        reads.push(q);
      } catch (error) {
        skipped.push(`${(error as Error).message}: ${q.sql.slice(0, 120)}`);
      }
    }
    // A slow page (seconds per run at 1M deals) gets fewer runs: at least 5, within about a minute.
    const probe = performance.now();
    for (const q of reads) await client.query(q.sql, q.params);
    const once = performance.now() - probe;
    if (once > 1_000) {
      warmup = 0;
      runs = Math.max(5, Math.min(runs, Math.floor(60_000 / once)));
    }
    const totals: number[] = [];
    const each: number[][] = reads.map(() => []);
    for (let r = 0; r < warmup + runs; r++) {
      const runStart = performance.now();
      for (let i = 0; i < reads.length; i++) {
        const t = performance.now();
        await client.query(reads[i].sql, reads[i].params);
        if (r >= warmup) each[i].push(performance.now() - t);
      }
      if (r >= warmup) totals.push(performance.now() - runStart);
    }
    return {
      queries: reads.length,
      skipped,
      total: summarize(totals),
      perQuery: reads
        .map((q, i) => {
          const s = summarize(each[i]);
          return { sql: q.sql.replace(/\s+/g, " ").slice(0, 160), median: s.median, p95: s.p95 };
        })
        .sort((a, b) => b.p95 - a.p95),
    };
  } finally {
    await client.end();
  }
}
