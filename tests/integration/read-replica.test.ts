// Read replicas on a real hot standby: `npm test` starts one, fed by PostgreSQL's streaming replication from the test
// primary (scripts/lib/standby.ts). A user who has just written sees the write on a replica-routed page even while the
// standby's replay is paused; a user without a recent write reads the standby; an unreachable replica means the primary.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  const port = process.env.CADENCE_TEST_REPLICA_PORT;
  if (!port) throw new Error("The read-replica tests need the standby that `npm test` starts (CADENCE_TEST_REPLICA_PORT is not set).");
  const url = new URL(process.env.DATABASE_URL!);
  url.port = port;
  // Set before lib/db is imported: it reads the replicas when the module loads. The generous lag bound keeps a slow
  // machine from turning the paused standby into "too far behind" while a test runs; the floor rules are what is tested.
  process.env.DATABASE_REPLICA_URL = url.toString();
  process.env.CADENCE_REPLICA_MAX_LAG_MS = "120000";
});

import { chooseReadRoute, formatLsn, lastWriteOf, parseLsn, primaryWalPosition, prisma, readFromReplica, withReadRoute } from "@/lib/db";
import { readOnly } from "@/lib/data/read-replica";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/safe-action";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { loadForecastPage } from "@/lib/data/forecast";
import { loadOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";
import { addDays } from "@/lib/domain/calendar";
import { PrismaClient } from "@/lib/generated/prisma/client";

const primaryUrl = process.env.DATABASE_URL!;
const replicaUrl = process.env.DATABASE_REPLICA_URL!;
const database = new URL(primaryUrl).pathname.slice(1);
// The standby's own administration (replay pause/resume) happens in its "postgres" database.
const standbyAdmin = new pg.Client({ connectionString: Object.assign(new URL(replicaUrl), { pathname: "/postgres" }).toString() });
const primaryAdmin = new pg.Client({ connectionString: primaryUrl });

let rep: SessionUser;
let otherRep: SessionUser;
let org: OrganisationSettings;
let dealId: string;

/** Which server answered, from inside a read scope: the standby is in recovery, the primary is not. */
const whichServer = async () => ((await prisma.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`)[0].standby ? "replica" : "primary");

/** The open pipeline the forecast page suggests for a rep this quarter, in minor units. */
async function forecastOpen(actor: SessionUser): Promise<{ server: string; open: bigint }> {
  return readOnly(actor, async () => {
    const [server, page] = await Promise.all([whichServer(), loadForecastPage(actor, org, todayIn(org))]);
    // A rep has one target: their own forecast.
    return { server, open: page.targets[0]?.suggestion.openMinor ?? -1n };
  });
}

/** Until the standby has replayed everything the primary has written so far (a bounded poll, not a sleep). */
async function replicaCaughtUp(): Promise<void> {
  const target = (await primaryAdmin.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0].lsn;
  for (let i = 0; i < 600; i++) {
    const r = await standbyAdmin.query<{ done: boolean; db: boolean }>(
      "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done, EXISTS (SELECT 1 FROM pg_database WHERE datname = $2) AS db",
      [target, database],
    );
    if (r.rows[0].done && r.rows[0].db) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The standby did not catch up with the primary within 30 s.");
}

beforeAll(async () => {
  await Promise.all([standbyAdmin.connect(), primaryAdmin.connect()]);
  await createOrganisation(prisma, { timeZone: "UTC", fiscalYearStartMonth: 1 });
  const stages = await createStages(prisma);
  const team = await createTeamWithReps(prisma, 2);
  rep = (await loadActor(team.reps[0].id))!;
  otherRep = (await loadActor(team.reps[1].id))!;
  org = await loadOrganisation(prisma);
  const today = todayIn(org);
  const stage = stages.find((s) => s.name === "Negotiation")!;
  for (const owner of [rep, otherRep]) {
    const deal = await createDeal(prisma, { ownerId: owner.id, stageId: stage.id, amountMinor: 1_000_000n, closeDate: today, nextStepDate: addDays(today, 3) });
    if (owner === rep) dealId = deal.id;
  }
  // A lag sample the standby has replayed: its lag is known from the first probe. Without one (other test files
  // write to the same cluster, so the primary's position moves on between the probe's two reads) the first probe
  // could only say "behind by an unknown time" and send every read to the primary, as production does for one second.
  await primaryWalPosition();
  await replicaCaughtUp();
});

afterAll(async () => {
  await standbyAdmin.query("SELECT pg_wal_replay_resume()").catch(() => undefined);
  await Promise.all([standbyAdmin.end(), primaryAdmin.end()]);
});

describe("read replicas", () => {
  it("sends a user without a recent write to the standby, with the same figures as the primary", async () => {
    const read = await forecastOpen(otherRep);
    expect(read).toEqual({ server: "replica", open: 1_000_000n });
    expect(await forecastOpen(rep)).toEqual({ server: "replica", open: 1_000_000n });
  });

  it("shows a user their own write at once, even while the standby's replay is paused; others keep the standby", async () => {
    await standbyAdmin.query("SELECT pg_wal_replay_pause()");
    try {
      const deal = await prisma.deal.findUniqueOrThrow({ where: { id: dealId }, select: { version: true } });
      const saved = await runAction(updateDeal.definition, rep, { dealId, expectedVersion: String(deal.version), amount: "25000" });
      expect(saved).toMatchObject({ ok: true });

      // The standby really is behind: read directly, it still has the old amount.
      const stale = new pg.Client({ connectionString: replicaUrl });
      await stale.connect();
      const onStandby = await stale.query<{ amount: string }>(`SELECT "amountMinor"::text AS amount FROM "Deal" WHERE id = $1`, [dealId]);
      await stale.end();
      expect(onStandby.rows[0].amount).toBe("1000000");

      // The writer's page reads the primary and shows the new amount.
      expect(await forecastOpen(rep)).toEqual({ server: "primary", open: 2_500_000n });
      // Another instance knows the write only from the user's cookie: the same floor, the same answer.
      const cookie = lastWriteOf(rep.id);
      expect(cookie).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect(await readFromReplica({ userId: "someone-this-process-never-saw", lsns: [cookie] }, whichServer)).toBe("primary");
      // A page the cache may keep under the primary's current snapshot cannot be read from a standby behind it.
      const now = (await primaryAdmin.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0].lsn;
      expect(await readFromReplica({ lsns: [now] }, whichServer)).toBe("primary");
      // A tampered cookie cannot lower the floor.
      expect(await readFromReplica({ userId: rep.id, lsns: ["0/0", "not-a-position"] }, whichServer)).toBe("primary");

      // The other rep has written nothing: the standby, with its slightly older figures.
      expect(await forecastOpen(otherRep)).toEqual({ server: "replica", open: 1_000_000n });
    } finally {
      await standbyAdmin.query("SELECT pg_wal_replay_resume()");
    }

    // Once the standby has replayed past the write, the writer reads it again, and sees the write there.
    await replicaCaughtUp();
    expect(await forecastOpen(rep)).toEqual({ server: "replica", open: 2_500_000n });
  });

  it("keeps writes on the primary inside a read scope", async () => {
    const route = await chooseReadRoute({});
    expect(route.server).toBe("replica");
    const written = await withReadRoute(route, () =>
      prisma.auditLog.create({ data: { action: "test.replica-scope", actorId: rep.id }, select: { id: true } }),
    );
    expect(await primaryAdmin.query(`SELECT 1 FROM "AuditLog" WHERE id = $1`, [written.id])).toMatchObject({ rowCount: 1 });
  });

  it("reads the primary when a replica query fails because the replica has gone away", async () => {
    const dead = new PrismaClient({ adapter: new PrismaPg({ connectionString: Object.assign(new URL(replicaUrl), { port: "1" }).toString(), connectionTimeoutMillis: 1_000 }) });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const server = await withReadRoute({ db: dead, server: "replica" }, whichServer);
      expect(server).toBe("primary");
      const count = await withReadRoute({ db: dead, server: "replica" }, () => prisma.deal.count());
      expect(count).toBe(2);
    } finally {
      warn.mockRestore();
      await dead.$disconnect();
    }
  });

  it("reads the primary when the only replica is unreachable", async () => {
    vi.resetModules();
    const global = globalThis as { cadenceReplicas?: unknown };
    const kept = global.cadenceReplicas;
    delete global.cadenceReplicas;
    process.env.DATABASE_REPLICA_URL = Object.assign(new URL(replicaUrl), { port: "1" }).toString();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const db = await import("@/lib/db");
      const route = await db.chooseReadRoute({});
      expect(route.server).toBe("primary");
      expect(await db.readFromReplica({}, () => db.prisma.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`)).toEqual([{ standby: false }]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("is not answering"));
    } finally {
      warn.mockRestore();
      global.cadenceReplicas = kept;
      process.env.DATABASE_REPLICA_URL = replicaUrl;
    }
  });

  it("reads and writes WAL positions as PostgreSQL prints them", () => {
    expect(formatLsn(parseLsn("16/B374D848"))).toBe("16/B374D848");
    expect(parseLsn("0/10") < parseLsn("1/0")).toBe(true);
    expect(() => parseLsn("16/B374D848; DROP")).toThrow();
  });
});
