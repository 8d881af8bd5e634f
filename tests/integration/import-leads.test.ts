// Importing leads from a Salesforce Leads report (tests/fixtures/crm/salesforce-leads.csv) through the same preview and
// all-or-nothing commit as deals: names from first and last name, owners by name, statuses to open, disqualified
// (with the CRM's status as the reason) or converted, created dates read month-first, re-import by email.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createImportJob, previewImport, readPendingJob, readSettings, startImportJob, writeSettings } from "@/lib/import/jobs";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const enc = (s: string) => new TextEncoder().encode(s);
const leadsCsv = readFileSync(`${import.meta.dirname}/../fixtures/crm/salesforce-leads.csv`, "utf8");

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "Lead", "AuditLog", "ImportJob", "ImportMapping", "TeamManager", "User", "Team", "PipelineStage", "Organisation" CASCADE`);
});

async function importLeads(actor: SessionUser, csv: string) {
  const job = await createImportJob(actor, "LEADS", "leads.csv", enc(csv));
  if (!job.ok) throw new Error(job.message);
  const settings = await readSettings(job.jobId);
  await writeSettings(job.jobId, { ...settings!, mapped: true });
  const pending = await readPendingJob(job.jobId);
  const preview = await previewImport(actor, pending!.table, pending!.settings);
  if (preview.kind !== "LEADS") throw new Error("not a leads preview");
  if (preview.validation.valid.length) await startImportJob(actor, job.jobId, { wait: true });
  return { job: await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } }), preview: preview.validation };
}

describe("importing leads", () => {
  it("imports a Salesforce Leads report, and re-importing it updates the same leads", async () => {
    await createOrganisation(prisma);
    await createStages(prisma);
    const { team } = await createTeamWithReps(prisma, 0, { name: "East" });
    const riley = await createUser(prisma, { role: "REP", name: "Riley Rep", email: "riley@x.test", teamId: team.id });
    await createUser(prisma, { role: "REP", name: "Sam Seller", email: "sam@x.test", teamId: team.id });
    const admin = await prisma.user.create({ data: { email: "admin@x.test", name: "Admin", role: "ADMIN" } });
    const actor = (await loadActor(admin.id)) as SessionUser;

    const { job, preview } = await importLeads(actor, leadsCsv);
    expect(preview.errors).toEqual([]);
    expect(job).toMatchObject({ status: "COMMITTED", created: 5, rejected: 0 });
    const leads = await prisma.lead.findMany({ orderBy: { name: "asc" }, select: { name: true, company: true, email: true, source: true, status: true, disqualifiedReason: true, createdOn: true, ownerId: true } });
    expect(leads.map((l) => [l.name, l.status, l.source, l.createdOn.toISOString().slice(0, 10)])).toEqual([
      ["Ada Lovelace", "OPEN", "Web", "2026-11-18"],
      ["Alan Turing", "DISQUALIFIED", "Trade Show", "2026-10-21"],
      ["Edsger Dijkstra", "OPEN", "Web", "2026-11-25"],
      ["Grace Hopper", "OPEN", "Partner Referral", "2026-11-03"],
      ["Katherine Johnson", "CONVERTED", "Phone Inquiry", "2026-09-30"],
    ]);
    expect(leads.find((l) => l.name === "Alan Turing")?.disqualifiedReason).toBe("Closed - Not Converted");
    expect(leads.find((l) => l.name === "Ada Lovelace")?.ownerId).toBe(riley.id);

    const again = await importLeads(actor, leadsCsv.replace("Open - Not Contacted", "Working - Contacted"));
    expect(again.job).toMatchObject({ status: "COMMITTED", created: 0, updated: 5 });
    expect(await prisma.lead.count()).toBe(5);
  });

  it("refuses, and audits, leads of owners outside a manager's teams", async () => {
    await createOrganisation(prisma);
    const east = await createTeamWithReps(prisma, 0, { name: "East" });
    const west = await createTeamWithReps(prisma, 0, { name: "West" });
    await createUser(prisma, { role: "REP", name: "Riley Rep", email: "riley@x.test", teamId: east.team.id });
    await createUser(prisma, { role: "REP", name: "Sam Seller", email: "sam@x.test", teamId: west.team.id });
    const manager = (await loadActor(east.manager.id)) as SessionUser;
    // A name is matched among the manager's own teams only: "Sam Seller" (West) reads as unknown, not as refused.
    const byName = await importLeads(manager, leadsCsv);
    expect(byName.preview.refusedLines).toEqual([]);
    expect(byName.preview.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(byName.preview.errors[0].reason).toBe('No Cadence user in your teams is named "Sam Seller".');
    await prisma.lead.deleteMany();
    // By email, Sam's rows are refused and audited: Ada and Grace are Riley's (East); Alan, Katherine and Edsger Sam's (West).
    const { job, preview } = await importLeads(manager, leadsCsv.replaceAll("Sam Seller", "sam@x.test"));
    expect(preview.refusedLines).toEqual([4, 5, 6]);
    expect(job).toMatchObject({ status: "COMMITTED", created: 2, rejected: 3 });
    expect(await prisma.auditLog.count({ where: { action: "authz.denied", targetId: job.id } })).toBe(1);
  });
});
