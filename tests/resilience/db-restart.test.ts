// PostgreSQL is restarted in the middle of a burst of writes through the real action wrapper. Every request must
// either complete fully or fail with a clear, retryable error; no partial write may remain; the same app process
// must serve again within seconds of the database returning. This file runs its own PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startEmbeddedPostgres, freePort, ensureDatabase, type EmbeddedServer } from "@/scripts/lib/embedded-postgres";
import { migrateDeploy } from "@/scripts/lib/migrations";
import type { ActionDefinition, ActionResult } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/auth/session";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-restart-"));
let server: EmbeddedServer;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port });
  await ensureDatabase(port, "cadence");
  const url = `postgresql://postgres:cadence-local@127.0.0.1:${port}/cadence`;
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
}, 180_000);

const within = (ms: number, p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await within(5_000, prisma.$disconnect());
  await within(10_000, server?.stop() ?? Promise.resolve());
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a database restart during a burst of writes", () => {
  it("leaves only complete writes and recovers without restarting the app", async () => {
    const { prisma } = await import("@/lib/db");
    const { runAction } = await import("@/lib/actions/safe-action");
    const { loadActor } = await import("@/lib/auth/session");
    const { createOrganisation, createStages, createTeamWithReps, createDeal } = await import("@/prisma/factories");

    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const { reps } = await createTeamWithReps(prisma, 1);
    const deals: { id: string }[] = [];
    for (let i = 0; i < 5; i++) deals.push(await createDeal(prisma, { ownerId: reps[0].id, stageId: stages[1].id }));
    const actor = (await loadActor(reps[0].id)) as SessionUser;

    // Two writes per call — the deal and its history row — so a partial write would show as a mismatch.
    const touchDeal: ActionDefinition<z.ZodType<{ dealId: string; note: string }>, { ownerId: string }, { version: number }> = {
      name: "test.touch-deal",
      roles: ["REP"],
      schema: z.strictObject({ dealId: z.string(), note: z.string().max(100) }),
      object: { key: "dealId", label: "Deal", load: (id, db) => db.deal.findUnique({ where: { id }, select: { ownerId: true } }), can: (a, d) => d.ownerId === a.id },
      handler: async ({ input, tx, actor: who }) => {
        const deal = await tx.deal.update({ where: { id: input.dealId }, data: { version: { increment: 1 }, lastTouchedAt: new Date() }, select: { version: true } });
        await tx.dealChange.create({ data: { dealId: input.dealId, actorId: who.id, field: "note", oldValue: null, newValue: input.note } });
        return { version: deal.version };
      },
    };

    const TOTAL = 400;
    const results: ActionResult<{ version: number }>[] = [];
    const okAfterRestart: number[] = [];
    let restartedAt = 0;
    let backAt = 0;
    let firstOkAfterBackAt = 0;
    let recoveredAt = 0;
    let sent = 0;
    const worker = async () => {
      while (sent < TOTAL) {
        const n = sent++;
        if (n === 80) {
          // Fast shutdown: active connections are cut mid-transaction.
          await server.stop();
          restartedAt = Date.now();
          setTimeout(() => {
            void startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port }).then((s) => {
              server = s;
              backAt = Date.now();
            });
          }, 1_500);
        }
        const result = await runAction(touchDeal, actor, { dealId: deals[n % deals.length].id, note: `write ${n}` });
        results.push(result);
        if (result.ok && restartedAt) {
          okAfterRestart.push(n);
          if (!firstOkAfterBackAt) firstOkAfterBackAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 60));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));

    // Recovery: the same client answers again once PostgreSQL is back.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await prisma.$queryRaw`SELECT 1`;
        recoveredAt = Date.now();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error("the app did not recover within 60 s");
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const after = await runAction(touchDeal, actor, { dealId: deals[0].id, note: "after the restart" });
    expect(after.ok).toBe(true);

    const completed = results.filter((r) => r.ok).length;
    const failedCleanly = results.filter((r) => !r.ok && r.code === "UNAVAILABLE").length;
    const other = results.filter((r) => !r.ok && r.code !== "UNAVAILABLE");
    expect(other.map((r) => !r.ok && `${r.code}: ${r.message}`)).toEqual([]);
    expect(completed + failedCleanly).toBe(TOTAL);
    expect(failedCleanly).toBeGreaterThan(0); // the restart really hit the burst
    expect(okAfterRestart.length).toBeGreaterThan(0); // and the burst went on succeeding once it was back

    // No partial writes: each deal's version counts exactly its history rows.
    const rows = await prisma.$queryRaw<{ id: string; version: number; notes: bigint }[]>`
      SELECT d.id, d.version, (SELECT count(*) FROM "DealChange" c WHERE c."dealId" = d.id AND c.field = 'note') AS notes
      FROM "Deal" d`;
    const partial = rows.filter((r) => Number(r.notes) !== r.version - 1);
    expect(partial).toEqual([]);
    expect(rows.reduce((s, r) => s + Number(r.notes), 0)).toBe(completed + 1);

    const recoverySeconds = ((firstOkAfterBackAt || recoveredAt) - backAt) / 1000;
    console.info(
      `db-restart: sent ${TOTAL + 1}, completed ${completed + 1} (${okAfterRestart.length} after the restart), failed cleanly ${failedCleanly}, partial writes ${partial.length}, ` +
        `database down ${((backAt - restartedAt) / 1000).toFixed(1)} s, first successful write ${recoverySeconds.toFixed(2)} s after it was back`,
    );
    expect(recoverySeconds).toBeLessThan(30);
  }, 240_000);
});
