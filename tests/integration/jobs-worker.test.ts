// The job layer on real PostgreSQL: pg-boss creates its own schema, runs a registered job with the `now` it was
// given, retries a failing run, and two workers on one database run each job once.
import { afterAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createWorker } from "@/lib/jobs/worker";
import { defineJob } from "@/lib/jobs/registry";
import { prisma } from "@/lib/db";

const workers: PgBoss[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceful: false, wait: true, timeout: 2_000 })));
  await prisma.$disconnect();
});

/** Resolves when `check` is true, polling the database-backed state (the queue's own latency, not a clock). */
async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out waiting for the worker");
}

describe("job worker", () => {
  it("runs each sent job once across two workers, with the now it was given, and retries a failure", async () => {
    const runs: { worker: string; now: string; key: unknown }[] = [];
    let failuresLeft = 1;
    const job = (worker: string) => [
      defineJob<{ key?: number; now?: string }>({
        name: "test-echo",
        run: async (now, data) => void runs.push({ worker, now: now.toISOString(), key: data.key }),
      }),
      defineJob({
        name: "test-flaky",
        retry: { limit: 2, delaySeconds: 1, backoff: false },
        run: async (now) => {
          if (failuresLeft-- > 0) throw new Error("first run fails");
          runs.push({ worker, now: now.toISOString(), key: "flaky" });
        },
      }),
    ];
    const a = await createWorker({ jobs: job("a"), timeZone: "UTC", pollingIntervalSeconds: 0.5 });
    workers.push(a);
    const b = await createWorker({ jobs: job("b"), timeZone: "UTC", pollingIntervalSeconds: 0.5 });
    workers.push(b);

    const now = "2026-12-07T12:00:00.000Z";
    for (let key = 0; key < 10; key++) await a.send("test-echo", { key, now });
    await b.send("test-flaky", {});
    await until(() => runs.length >= 11);
    await new Promise((r) => setTimeout(r, 1_000)); // nothing else arrives late

    const echoes = runs.filter((r) => r.key !== "flaky");
    expect(echoes.map((r) => r.key).sort((x, y) => Number(x) - Number(y))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(echoes.map((r) => r.now))).toEqual(new Set([now]));
    expect(runs.filter((r) => r.key === "flaky")).toHaveLength(1);
    const schema = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = 'pgboss'`;
    expect(Number(schema[0].n)).toBe(1);
  });
});
