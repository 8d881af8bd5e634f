// Importing real CRM exports with their history (tests/fixtures/crm, written by hand from Salesforce's and HubSpot's
// documented columns): the deals keep their real dates, so the inspection's stale list, the pushes and the cycle length
// hold from the import day. The answers below are computed by hand in the comments.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { getDeal } from "@/lib/data/deals";
import { exportHistory, HISTORY_EXPORT_COLUMNS } from "@/lib/data/export";
import { toCsv } from "@/lib/csv";
import { loadInspection } from "@/lib/data/inspection";
import { loadOrganisation } from "@/lib/data/organisation";
import { loadQuarterlyDashboard } from "@/lib/data/quarterly";
import { localDate, periodContaining } from "@/lib/domain/calendar";
import { attachHistoryFile, createImportJob, previewImport, readPendingJob, readSettings, startImportJob, writeSettings } from "@/lib/import/jobs";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { loadQuarterlyDashboardDirect } from "./quarterly-oracle";

const fixture = (name: string) => readFileSync(`${import.meta.dirname}/../fixtures/crm/${name}`, "utf8");
const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
// The import day of these files: every figure below is judged on it (in the organisation's zone, New York).
const IMPORT_DAY = "2026-12-01";

beforeEach(async () => {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "DealChange", "Deal", "Account", "Lead", "AuditLog", "ImportJob", "ImportMapping", "TeamManager", "User", "Team", "PipelineStage", "Organisation" CASCADE`,
  );
});

async function setup() {
  await createOrganisation(prisma); // America/New_York, fiscal year from January
  const stages = await createStages(prisma);
  const { team, manager } = await createTeamWithReps(prisma, 0, { name: "East" });
  const riley = await createUser(prisma, { role: "REP", name: "Riley Rep", email: "riley@x.test", teamId: team.id });
  const sam = await createUser(prisma, { role: "REP", name: "Sam Seller", email: "sam@x.test", teamId: team.id });
  const admin = await prisma.user.create({ data: { email: "admin@x.test", name: "Admin", role: "ADMIN" } });
  const actor = (await loadActor(admin.id)) as SessionUser;
  return { stages, team, manager: (await loadActor(manager.id)) as SessionUser, riley, sam, actor };
}

async function importDeals(actor: SessionUser, csv: string, history?: string) {
  const job = await createImportJob(actor, "DEALS", "deals.csv", enc(csv));
  if (!job.ok) throw new Error(job.message);
  if (history) {
    const attached = await attachHistoryFile(actor, job.jobId, "history.csv", enc(history));
    if (!attached.ok) throw new Error(attached.message);
  }
  const settings = await readSettings(job.jobId);
  await writeSettings(job.jobId, { ...settings!, mapped: true });
  const pending = await readPendingJob(job.jobId);
  const preview = await previewImport(actor, pending!.table, pending!.settings, pending!.history);
  if (preview.kind !== "DEALS") throw new Error("not a deal preview");
  await startImportJob(actor, job.jobId, { wait: true });
  return { job: await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } }), preview: preview.validation };
}

const deal = (name: string) =>
  prisma.deal.findFirstOrThrow({ where: { name }, select: { id: true, createdAt: true, closedAt: true, lastMovedAt: true, pushCount: true, firstContactDate: true, status: true, stage: { select: { name: true } } } });

/** The rollups kept by triggers equal a rebuild, and the dashboard equals the direct queries (docs/decisions/0009). */
async function expectRollupsExact(exec: SessionUser) {
  const tables = ["QuarterlyDealFact", "QuarterlyStageVisit", "QuarterlyDealCreated", "QuarterlyCloseRollup", "QuarterlyReachRollup", "QuarterlyStageRollup", "QuarterlyOpenedRollup", "QuarterlyOpportunityRollup"];
  const rows = async (db: Pick<typeof prisma, "$queryRawUnsafe">) => {
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${t}"`)).map(json).sort();
    return out;
  };
  const incremental = await rows(prisma);
  let rebuilt: Record<string, string[]> = {};
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SELECT quarterly_rollup_rebuild()");
      rebuilt = await rows(tx);
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  expect(incremental).toEqual(rebuilt);
  const org = await loadOrganisation();
  const quarter = periodContaining(IMPORT_DAY, "QUARTER", org.fiscalYearStartMonth);
  const viaRollups = await loadQuarterlyDashboard(exec, { quarter, scope: { kind: "ORGANISATION" } }, org, IMPORT_DAY);
  const direct = await loadQuarterlyDashboardDirect(exec, { quarter, scope: { kind: "ORGANISATION" } }, org, IMPORT_DAY);
  expect(json(viaRollups)).toBe(json(direct));
  return viaRollups;
}

describe("importing a Salesforce opportunity report with its Opportunity History report", () => {
  it("keeps every row, dates every deal from the files, and the inspection holds on import day", async () => {
    const { actor, team, riley } = await setup();
    const { job, preview } = await importDeals(actor, fixture("salesforce-opportunities.csv"), fixture("salesforce-opportunity-history.csv"));

    // All 9 rows import: owners by full name, Salesforce's stage names by default, 11/10/2026 read month-first
    // because 12/18/2026 is in the same file.
    expect(preview.errors).toEqual([]);
    expect(preview.dateEvidence).toBe("MDY");
    expect(job).toMatchObject({ status: "COMMITTED", created: 9, rejected: 0 });
    // 19 history rows, 3 Aug 2026 10:00 (Initech's first) to 25 Nov 2026 15:45 (Globex's last), New York time.
    expect(preview.history.rows).toBe(19);
    expect(preview.history.label).toBe("Salesforce Opportunity History");
    expect(preview.historyRange).toEqual({ from: new Date("2026-08-03T14:00:00Z"), to: new Date("2026-11-25T20:45:00Z") });
    expect(preview.stages.find((s) => s.value === "Negotiation/Review")?.matchedTo).toBe("Negotiation (Salesforce default)");

    // Created and first contact from Created Date; a won deal closes on its Close Date in New York, at the instant
    // of its closing history row (15:30), never at 19:00 the day before.
    const umbrella = await deal("Umbrella - Expansion");
    expect(localDate(umbrella.createdAt, "America/New_York")).toBe("2026-08-14");
    expect(umbrella.firstContactDate?.toISOString().slice(0, 10)).toBe("2026-08-14");
    expect(umbrella.closedAt).toEqual(new Date("2026-11-10T20:30:00Z"));
    expect(umbrella.stage.name).toBe("Negotiation"); // the last stage it reached, not the pipeline's last
    // Hooli has no history row: its close instant is the end of 5 Oct 2026 in New York (EDT, UTC−4).
    expect((await deal("Hooli - Security")).closedAt).toEqual(new Date("2026-10-06T03:59:59.999Z"));

    // The history is kept as imported rows with their real instants: Acme's four stages and two changes.
    const acme = await deal("Acme - Platform renewal");
    const acmeHistory = await prisma.dealChange.findMany({ where: { dealId: acme.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { at: true, field: true, source: true, actorId: true } });
    expect(acmeHistory.every((c) => c.source === "IMPORT")).toBe(true);
    // Each row is by its "Last Modified By" (Riley Rep), not by the admin who imported the file.
    expect(acmeHistory.filter((c) => c.field === "stageId").map((c) => c.actorId)).toEqual(Array(4).fill(riley.id));
    expect(acmeHistory.filter((c) => c.field === "stageId").map((c) => localDate(c.at, "America/New_York"))).toEqual(["2026-09-02", "2026-09-20", "2026-10-15", "2026-11-11"]);

    // Pushes (close date into a later fiscal quarter): Globex 15 Dec 2026 → 15 Jan 2027 (Q4 → Q1): 1.
    // Initech 30 Sep → 31 Oct (Q3 → Q4) and 31 Oct → 29 Jan 2027 (Q4 → Q1): 2. Acme 30 Nov → 18 Dec stays in Q4: 0.
    expect((await deal("Globex - Analytics")).pushCount).toBe(1);
    expect((await deal("Initech - Pilot")).pushCount).toBe(2);
    expect(acme.pushCount).toBe(0);

    // The stale list on 1 Dec 2026 (threshold 14 days, Negotiation 10):
    //   Initech  moved 20 Aug (Value Proposition → Solution): 103 days → stale
    //   Wayne    no history, Last Stage Change 2 Nov: 29 days → stale
    //   Acme     moved 11 Nov to Negotiation (threshold 10): 20 days → stale (moved 20 days before the import)
    //   Cyberdyne no history, Last Stage Change 17 Nov: 14 days → stale (exactly the threshold)
    //   Soylent  Last Stage Change 24 Nov: 7 days; Globex moved 25 Nov: 6 days → fresh
    const org = await loadOrganisation();
    const inspection = await loadInspection(actor, { teamId: team.id, repId: null }, IMPORT_DAY, org);
    expect(inspection!.stale.map((d) => [d.name, d.daysSinceMovement, d.pushCount])).toEqual([
      ["Initech - Pilot", 103, 2],
      ["Wayne - Upsell", 29, 0],
      ["Acme - Platform renewal", 20, 0],
      ["Cyberdyne - Pilot", 14, 0],
    ]);

    // Cycle length in Q4 2026: Umbrella 14 Aug → 10 Nov = 88 days, Hooli 1 Jul → 5 Oct = 96 days; mean 92.
    const dashboard = await expectRollupsExact(actor);
    expect(dashboard.current.cycleDays).toBe(92);
  });

  it("without a history file, takes the last movement from the Last Stage Change Date and says so", async () => {
    const { actor, team } = await setup();
    const { job, preview } = await importDeals(actor, fixture("salesforce-opportunities.csv"));
    expect(job).toMatchObject({ status: "COMMITTED", created: 9, rejected: 0 });
    expect(preview.movedFrom).toBe("stage change date");
    expect(preview.history.rows).toBe(0);
    // Initech: Last Stage Change Date 20 Aug → 103 days; Acme 11 Nov → 20 days: the same clocks as with the history.
    const inspection = await loadInspection(actor, { teamId: team.id, repId: null }, IMPORT_DAY, await loadOrganisation());
    expect(inspection!.stale.map((d) => [d.name, d.daysSinceMovement])).toEqual([
      ["Initech - Pilot", 103],
      ["Wayne - Upsell", 29],
      ["Acme - Platform renewal", 20],
      ["Cyberdyne - Pilot", 14],
    ]);
    await expectRollupsExact(actor);
  });

  it("imports a file without an id column by name + account + owner, and re-importing it updates the same deals", async () => {
    const { actor } = await setup();
    const lines = fixture("salesforce-opportunities.csv").trim().split(/\r\n/);
    const withoutId = lines.map((l) => l.replace(/,"[^"]*"$/, "")).join("\r\n") + "\r\n";
    const first = await importDeals(actor, withoutId);
    expect(first.preview.keyedBy).toBe("natural");
    expect(first.job).toMatchObject({ status: "COMMITTED", created: 9, rejected: 0 });
    const again = await importDeals(actor, withoutId);
    expect(again.job).toMatchObject({ status: "COMMITTED", created: 0, updated: 9 });
    expect(await prisma.deal.count()).toBe(9);
  });
});

describe("importing a HubSpot deals export with its \"Date entered\" stage columns", () => {
  it("rebuilds the stage history from the date-entered columns", async () => {
    const { actor, team } = await setup();
    const { job, preview } = await importDeals(actor, fixture("hubspot-deals.csv"));
    expect(preview.errors).toEqual([]);
    expect(job).toMatchObject({ status: "COMMITTED", created: 5, rejected: 0 });
    // 5 + 3 + 6 + 3 + 2 filled date-entered cells.
    expect(preview.history.rows).toBe(19);
    expect(preview.history.dateEnteredColumns).toBe(7);

    // Fabrikam was won at 16:45 on 24 Nov 2026 in New York (its Close Date and its "Date entered Closed Won").
    const fabrikam = await deal("Fabrikam - Suite");
    expect(fabrikam.closedAt).toEqual(new Date("2026-11-24T21:45:00Z"));
    expect(fabrikam.stage.name).toBe("Negotiation"); // Contract Sent, the last open stage it entered
    const fabrikamStages = await prisma.dealChange.findMany({ where: { dealId: fabrikam.id, field: "stageId" }, orderBy: { at: "asc" }, select: { newValue: true } });
    expect(fabrikamStages).toHaveLength(5);

    // Stale on 1 Dec 2026: Litware entered Qualified To Buy on 20 Oct: 42 days; Northwind entered Contract Sent
    // (Negotiation, threshold 10) on 13 Nov: 18 days. Contoso entered Presentation Scheduled on 27 Nov: 4 days.
    const inspection = await loadInspection(actor, { teamId: team.id, repId: null }, IMPORT_DAY, await loadOrganisation());
    expect(inspection!.stale.map((d) => [d.name, d.daysSinceMovement])).toEqual([
      ["Litware - Pilot", 42],
      ["Northwind - Onboarding", 18],
    ]);
    // Cycle length in Q4 2026: Fabrikam 3 Aug → 24 Nov = 113 days (Tailspin was lost, so it does not count).
    const dashboard = await expectRollupsExact(actor);
    expect(dashboard.current.cycleDays).toBe(113);
  });
});

describe("the history's authors (Salesforce's \"Edited By\")", () => {
  it("attributes each imported history row to the user with that name or email, and keeps an unknown author's name instead of the importer", async () => {
    const { actor, sam } = await setup();
    const pat = "Pat Former"; // left the company: no Cadence user
    const { job, preview } = await importDeals(actor, fixture("salesforce-opportunities.csv"), fixture("salesforce-opportunity-field-history.csv"));
    expect(job).toMatchObject({ status: "COMMITTED", created: 9, rejected: 0 });
    expect(preview.history.label).toBe("Salesforce Opportunity Field History");
    // Globex's creation (created, stage, amount, close date: 4 rows) by "Sam Seller", its first move by "sam@x.test",
    // its move to Proposal and its push by Pat Former (2 rows).
    expect(preview.historyAuthors).toEqual([
      { value: "Sam Seller", rows: 4, matchedTo: "sam@x.test" },
      { value: "sam@x.test", rows: 1, matchedTo: "sam@x.test" },
      { value: pat, rows: 2, matchedTo: null },
    ]);

    const history = async (name: string) => {
      const d = await deal(name);
      const rows = await prisma.dealChange.findMany({ where: { dealId: d.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { at: true, field: true, actorId: true, actorName: true, source: true } });
      return rows.map((r) => [localDate(r.at, "America/New_York"), r.field, r.actorId, r.actorName, r.source]);
    };
    expect(await history("Globex - Analytics")).toEqual([
      ["2026-10-01", "created", sam.id, null, "IMPORT"],
      ["2026-10-01", "stageId", sam.id, null, "IMPORT"],
      ["2026-10-01", "amountMinor", sam.id, null, "IMPORT"],
      ["2026-10-01", "closeDate", sam.id, null, "IMPORT"],
      ["2026-10-12", "stageId", sam.id, null, "IMPORT"],
      ["2026-11-25", "stageId", null, pat, "IMPORT"],
      ["2026-11-25", "closeDate", null, pat, "IMPORT"],
    ]);
    // A row without an author, and what the import itself records, are the importing admin's.
    const acme = await history("Acme - Platform renewal");
    expect(acme.filter((r) => r[2] !== actor.id)).toEqual([]);
    expect(acme.map((r) => r[1])).toContain("stageId");

    // The deal's history page names the author; the history export carries the email or the name as written.
    const globex = await getDeal(actor, (await deal("Globex - Analytics")).id, IMPORT_DAY, await loadOrganisation());
    expect(globex!.history.map((h) => h.by)).toEqual([...Array(2).fill(`${pat} (imported)`), ...Array(5).fill("Sam Seller")]);
    const csv = toCsv(await exportHistory(actor, {}, "America/New_York"), HISTORY_EXPORT_COLUMNS);
    expect(csv.split(/\r?\n/).filter((l) => l.endsWith(`,${pat}`)).length).toBe(2);
    expect(csv.split(/\r?\n/).filter((l) => l.includes("Globex") && l.endsWith("sam@x.test")).length).toBe(5);
  });
});
