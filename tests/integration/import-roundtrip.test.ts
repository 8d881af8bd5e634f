// Cadence's own exports (the deals CSV and the deal history CSV) import back into an empty organisation, and every
// figure of the inspection and of the quarterly dashboard is the same as before.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { toCsv } from "@/lib/csv";
import { DEAL_EXPORT_COLUMNS, HISTORY_EXPORT_COLUMNS, exportDeals, exportHistory } from "@/lib/data/export";
import { loadInspection } from "@/lib/data/inspection";
import { loadOrganisation } from "@/lib/data/organisation";
import { loadQuarterlyDashboard, type QuarterlyScope } from "@/lib/data/quarterly";
import { periodContaining, shiftPeriod } from "@/lib/domain/calendar";
import { attachHistoryFile, createImportJob, readSettings, startImportJob, writeSettings } from "@/lib/import/jobs";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const fixture = (name: string) => readFileSync(`${import.meta.dirname}/../fixtures/crm/${name}`, "utf8");
const enc = (s: string) => new TextEncoder().encode(s);
const TODAY = "2026-12-01";

async function importDeals(actor: SessionUser, csv: string, history?: string) {
  const job = await createImportJob(actor, "DEALS", "deals.csv", enc(csv));
  if (!job.ok) throw new Error(job.message);
  if (history) {
    const attached = await attachHistoryFile(actor, job.jobId, "history.csv", enc(history));
    if (!attached.ok) throw new Error(attached.message);
  }
  const settings = await readSettings(job.jobId);
  await writeSettings(job.jobId, { ...settings!, mapped: true });
  await startImportJob(actor, job.jobId, { wait: true });
  return prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } });
}

/** Every figure, without the database ids that a re-import renews (deal ids and versions). */
const figures = (v: unknown) => JSON.stringify(v, (k, x) => (k === "id" || k === "dealId" || k === "version" || k === "openSessionId" ? undefined : typeof x === "bigint" ? x.toString() : x));

describe("the export round trip", () => {
  it("imports Cadence's deals and history exports into an empty organisation with every inspection and quarterly figure unchanged", async () => {
    await createOrganisation(prisma);
    await createStages(prisma);
    const { team } = await createTeamWithReps(prisma, 0, { name: "East" });
    await createUser(prisma, { role: "REP", name: "Riley Rep", email: "riley@x.test", teamId: team.id });
    await createUser(prisma, { role: "REP", name: "Sam Seller", email: "sam@x.test", teamId: team.id });
    const admin = await prisma.user.create({ data: { email: "admin@x.test", name: "Admin", role: "ADMIN" } });
    const actor = (await loadActor(admin.id)) as SessionUser;

    // A pipeline with real history: Salesforce deals with their Opportunity History, HubSpot deals with date-entered columns.
    expect(await importDeals(actor, fixture("salesforce-opportunities.csv"), fixture("salesforce-opportunity-history.csv"))).toMatchObject({ status: "COMMITTED", created: 9 });
    expect(await importDeals(actor, fixture("hubspot-deals.csv"))).toMatchObject({ status: "COMMITTED", created: 5 });
    await prisma.deal.updateMany({ where: { name: "Stark - Renewal" }, data: { lostReason: "Price" } });
    // A stale deal paused until after today leaves the stale list; a pause that ended stays on the deal as it was.
    await prisma.deal.updateMany({ where: { name: "Wayne - Upsell" }, data: { pausedUntil: new Date("2026-12-20"), pauseReason: "Budget freeze until the new year" } });
    await prisma.deal.updateMany({ where: { name: "Litware - Pilot" }, data: { pausedUntil: new Date("2026-11-20"), pauseReason: "Waiting for legal" } });
    const pauses = () =>
      prisma.deal.findMany({ where: { pausedUntil: { not: null } }, orderBy: { name: "asc" }, select: { name: true, pausedUntil: true, pauseReason: true } });
    const pausedBefore = await pauses();
    expect(pausedBefore).toHaveLength(2);

    const org = await loadOrganisation();
    const quarter = periodContaining(TODAY, "QUARTER", org.fiscalYearStartMonth);
    const scopes: QuarterlyScope[] = [{ kind: "ORGANISATION" }, { kind: "TEAM", teamId: team.id, teamName: team.name }];
    const snapshot = async () => {
      const inspection = await loadInspection(actor, { teamId: team.id, repId: null }, TODAY, org);
      const dashboards = [];
      for (const q of [shiftPeriod(quarter, -1, org.fiscalYearStartMonth), quarter]) {
        for (const scope of scopes) dashboards.push(await loadQuarterlyDashboard(actor, { quarter: q, scope }, org, TODAY));
      }
      return { inspection: figures(inspection), dashboards: figures(dashboards) };
    };
    const before = await snapshot();
    // The history's authors: every dated row by the same user (or the same imported name) after the round trip.
    const authors = async () =>
      (
        await prisma.dealChange.findMany({
          where: { field: { in: ["stageId", "status", "amountMinor", "closeDate"] }, at: { lt: new Date("2026-12-01T00:00:00Z") } },
          select: { at: true, field: true, newValue: true, actorName: true, actor: { select: { email: true } }, deal: { select: { name: true } } },
        })
      )
        .map((c) => [c.deal.name, c.at.toISOString(), c.field, c.actor?.email ?? c.actorName].join(" "))
        .sort();
    // One move by someone who is no Cadence user (imported from a CRM by name) keeps that name through the round trip.
    const globexMove = await prisma.dealChange.findFirstOrThrow({ where: { deal: { name: "Globex - Analytics" }, field: "stageId", oldValue: { not: null } }, orderBy: { at: "desc" } });
    await prisma.dealChange.update({ where: { id: globexMove.id }, data: { actorId: null, actorName: "Pat Former" } });
    const authorsBefore = await authors();
    expect(authorsBefore.filter((a) => a.endsWith(" Pat Former"))).toHaveLength(1);
    expect(authorsBefore.length).toBeGreaterThan(50);

    const dealsCsv = toCsv(await exportDeals(actor, {}), DEAL_EXPORT_COLUMNS);
    const historyCsv = toCsv(await exportHistory(actor, {}, org.timeZone), HISTORY_EXPORT_COLUMNS);

    // An empty organisation: the same users, teams and stages, no deals, no history.
    await prisma.$executeRawUnsafe(`TRUNCATE "DealChange", "Deal", "Account" CASCADE`);
    await prisma.$executeRawUnsafe(`SELECT quarterly_rollup_rebuild()`);
    expect(await importDeals(actor, dealsCsv, historyCsv)).toMatchObject({ status: "COMMITTED", created: 14, rejected: 0 });

    const after = await snapshot();
    expect(await pauses()).toEqual(pausedBefore);
    expect(await authors()).toEqual(authorsBefore);
    // The pause is in the figures: Wayne (stale for 29 days) is paused, so it is not in the stale list.
    expect(JSON.parse(before.inspection).stale.map((d: { name: string }) => d.name)).not.toContain("Wayne - Upsell");

    expect(JSON.parse(after.inspection)).toEqual(JSON.parse(before.inspection));
    expect(JSON.parse(after.dashboards)).toEqual(JSON.parse(before.dashboards));
    // The figures are not trivially empty: stale deals, a cycle length, lost reasons.
    expect(JSON.parse(before.inspection).stale.length).toBeGreaterThan(0);
    expect(JSON.parse(before.dashboards)[2].current.cycleDays).toBeGreaterThan(0);
  });
});
