// The public API under the benchmark, in-process through the real route wrapper (token, rate limit, zod, data
// layer): GET /api/v1/deals?updated_since=…&limit=500 (an admin's incremental sync, every page walked) and a
// 1,000-deal bulk upsert (all new, then all updated). Usage (run by bench/run.ts):
//   DATABASE_URL=… tsx bench/api-worker.ts --runs 10 --out file.json
import fs from "node:fs";
import { summarize, type LatencySummary } from "./lib/stats";

export interface ApiBench {
  syncPage: LatencySummary & { runs: number; rows: number; pages: number };
  bulkCreate: LatencySummary & { runs: number; deals: number };
  bulkUpdate: LatencySummary & { runs: number; deals: number };
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function main() {
  process.env.CADENCE_API_LIMIT ??= "100000000";
  const runs = Number(arg("runs", "10"));
  const out = arg("out", "");
  const { prisma } = await import("../lib/db");
  const { createPersonalToken } = await import("../lib/api/tokens");
  const { apiHandler } = await import("../lib/api/handler");
  const { endpoint } = await import("../lib/api/endpoints");
  const { loadOrganisation, todayIn } = await import("../lib/data/organisation");
  const { addDays } = await import("../lib/domain/calendar");

  const admin = await prisma.user.findFirst({ where: { role: "ADMIN", active: true }, select: { id: true } });
  if (!admin) throw new Error("The bench dataset has no active admin.");
  const token = await prisma.$transaction((tx) => createPersonalToken(tx, admin, { name: "bench", expiresAt: null, readOnly: false }));
  const today = todayIn(await loadOrganisation(prisma));
  const stage = await prisma.pipelineStage.findFirstOrThrow({ orderBy: { order: "asc" }, select: { id: true } });
  const list = apiHandler(endpoint("GET", "/deals"));
  const bulk = apiHandler(endpoint("POST", "/deals/bulk"));
  const headers = { authorization: `Bearer ${token.text}`, "content-type": "application/json" };
  const ctx = { params: Promise.resolve({}) };

  try {
    // Incremental sync: the deals changed in the last 30 days, 500 per page, every page walked.
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const pageTimes: number[] = [];
    let rows = 0;
    let pages = 0;
    for (let r = 0; r < runs; r++) {
      let after = "";
      for (let p = 0; p < 400; p++) {
        const t = performance.now();
        const res = await list(new Request(`http://bench/api/v1/deals?updated_since=${encodeURIComponent(since)}&limit=500${after ? `&starting_after=${after}` : ""}`, { headers }), ctx);
        const body = (await res.json()) as { data: { id: string }[]; has_more: boolean };
        pageTimes.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`GET /deals answered ${res.status}`);
        if (r === 0) {
          rows += body.data.length;
          pages++;
        }
        if (!body.has_more) break;
        after = body.data.at(-1)!.id;
      }
    }

    const bulkRun = async (prefix: string, amount: number) => {
      const deals = Array.from({ length: 1000 }, (_, i) => ({ externalId: `${prefix}-${i}`, name: `Bench bulk ${prefix} ${i}`, amount, closeDate: addDays(today, 45), stageId: stage.id }));
      const t = performance.now();
      const res = await bulk(new Request("http://bench/api/v1/deals/bulk", { method: "POST", headers, body: JSON.stringify({ deals }) }), ctx);
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`bulk upsert answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return ms;
    };
    const bulkRuns = Math.max(1, Math.min(3, runs));
    const created: number[] = [];
    const updated: number[] = [];
    for (let r = 0; r < bulkRuns; r++) {
      const prefix = `bench-${process.pid}-${r}`;
      created.push(await bulkRun(prefix, 1000 + r));
      updated.push(await bulkRun(prefix, 2000 + r));
    }
    const result: ApiBench = {
      syncPage: { ...summarize(pageTimes), runs, rows, pages },
      bulkCreate: { ...summarize(created), runs: bulkRuns, deals: 1000 },
      bulkUpdate: { ...summarize(updated), runs: bulkRuns, deals: 1000 },
    };
    if (out) fs.writeFileSync(out, JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    await prisma.apiToken.delete({ where: { id: token.id } });
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
