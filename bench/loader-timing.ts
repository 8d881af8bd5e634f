// In-process timing of the main pages' data loaders on the benchmark databases: the server-side data cost of a
// page without HTTP and rendering.
// Usage: node node_modules/tsx/dist/cli.mjs --import ./bench/lib/cjs-interop.mjs bench/loader-timing.ts [deals=200000] [runs=30]
import { startBenchPostgres } from "./lib/database";

const deals = Number(process.argv[2] ?? 200_000);
const runs = Number(process.argv[3] ?? 30);

const server = await startBenchPostgres();
process.env.DATABASE_URL = server.url(`cadence_bench_${deals}`);
const { prisma } = await import("@/lib/db");
const { loadActor } = await import("@/lib/auth/session");
const { loadOrganisation, todayIn } = await import("@/lib/data/organisation");
const { loadInspection } = await import("@/lib/data/inspection");
const { loadQuarterlyDashboard, resolveQuarterlyRequest } = await import("@/lib/data/quarterly");

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms (${s.length} runs)`;
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(`${label}: ${stats(ms)}`);
}

try {
  const org = await loadOrganisation();
  const today = todayIn(org);
  const manager = await prisma.user.findUniqueOrThrow({ where: { email: "bench.manager01@cadence.bench" }, select: { id: true } });
  const exec = await prisma.user.findUniqueOrThrow({ where: { email: "bench.exec@cadence.bench" }, select: { id: true } });
  const managerActor = (await loadActor(manager.id))!;
  const execActor = (await loadActor(exec.id))!;
  const teamId = managerActor.managedTeamIds[0];
  await time(`loadInspection, 12-rep team, ${deals} deals`, () => loadInspection(managerActor, { teamId, repId: null }, today, org));
  const request = await resolveQuarterlyRequest(execActor, {}, org, today);
  if (request.ok) {
    const input = { quarter: request.period, scope: request.scope };
    await time(`loadQuarterlyDashboard, organisation, ${deals} deals`, () => loadQuarterlyDashboard(execActor, input, org, today));
  }
} finally {
  await prisma.$disconnect();
  await server.stop();
}
