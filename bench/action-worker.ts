// The deal-update action under load, in-process: runAction(updateDeal.definition, actor, input) against the bench
// database — the same wrapper, permission check, zod parse and transaction as the server action, without HTTP.
// Usage (run by bench/run.ts): DATABASE_URL=… tsx bench/action-worker.ts --connections 1,8,32 --seconds 10 --out file.json
import fs from "node:fs";
import { summarize, type LatencySummary } from "./lib/stats";
import { UPDATE_DEAL } from "./pages";

export interface ActionLevel extends LatencySummary {
  connections: number;
  seconds: number;
  rps: number;
  errors: number;
  errorCodes: Record<string, number>;
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function main() {
  // Many calls per user in a short time: the per-user mutation limit would answer most of them.
  process.env.CADENCE_MUTATION_LIMIT ??= "100000000";
  const connections = arg("connections", "1,8,32").split(",").map(Number);
  const seconds = Number(arg("seconds", "10"));
  const out = arg("out", "");
  const { prisma } = await import("../lib/db");
  const { runAction } = await import("../lib/actions/safe-action");
  const { loadActor } = await import("../lib/auth/session");
  const mod = (await import(UPDATE_DEAL.module)) as Record<string, { definition: Parameters<typeof runAction>[0] }>;
  const action = mod[UPDATE_DEAL.exportName];
  if (!action?.definition) throw new Error(`${UPDATE_DEAL.module} does not export ${UPDATE_DEAL.exportName} with a definition.`);

  // Open deals outside Bench Team 01 (it stays untouched for the inspection benchmark), each updated by its owner.
  const deals = await prisma.deal.findMany({
    where: { status: "OPEN", owner: { teamId: { not: "bt_01" } } },
    select: { id: true, version: true, ownerId: true },
    orderBy: { id: "asc" },
    take: 2_000,
  });
  if (deals.length < Math.max(...connections)) throw new Error(`Only ${deals.length} open deals outside Bench Team 01.`);
  const actors = new Map<string, NonNullable<Awaited<ReturnType<typeof loadActor>>>>();
  for (const ownerId of new Set(deals.map((d) => d.ownerId))) actors.set(ownerId, (await loadActor(ownerId))!);

  const levels: ActionLevel[] = [];
  let n = 0;
  for (const c of connections) {
    const latencies: number[] = [];
    const errorCodes: Record<string, number> = {};
    const deadline = Date.now() + seconds * 1000;
    const started = performance.now();
    // Worker w owns deals w, w+c, w+2c…: no two workers update the same deal, so version conflicts are real failures.
    const perWorker = Math.floor(deals.length / c);
    await Promise.all(
      Array.from({ length: c }, async (_, w) => {
        let j = 0;
        while (Date.now() < deadline) {
          const deal = deals[w + c * (j++ % perWorker)];
          const t = performance.now();
          const result = await runAction(action.definition, actors.get(deal.ownerId)!, UPDATE_DEAL.input(deal, ++n));
          latencies.push(performance.now() - t);
          if (result.ok) deal.version = (result.data as { version: number }).version;
          else {
            errorCodes[result.code] = (errorCodes[result.code] ?? 0) + 1;
            const fresh = await prisma.deal.findUnique({ where: { id: deal.id }, select: { version: true } });
            if (fresh) deal.version = fresh.version;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const errors = Object.values(errorCodes).reduce((a, b) => a + b, 0);
    levels.push({ connections: c, seconds: elapsed, rps: latencies.length / elapsed, errors, errorCodes, ...summarize(latencies) });
  }
  await prisma.$disconnect();
  const result = { method: "in-process runAction(updateDeal.definition, actor, input) with a Prisma pool of " + (process.env.CADENCE_DB_POOL ?? "10"), deals: deals.length, levels };
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(`The action benchmark failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
