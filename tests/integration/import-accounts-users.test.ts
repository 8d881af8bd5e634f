import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { authorizeCredentials } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { createImportJob, readPendingJob, readSettings, startImportJob, writeSettings, type StartOptions } from "@/lib/import/jobs";
import { createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const enc = (s: string) => new TextEncoder().encode(s);

// Every test starts from an empty organisation (the file shares one database).
beforeEach(async () => {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "DealChange", "Deal", "Account", "AuditLog", "ImportJob", "ImportMapping", "RateLimitBucket", "TeamManager", "User", "Team", "PipelineStage", "Organisation" CASCADE`,
  );
});

async function setup() {
  await createOrganisation(prisma);
  await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2, { name: "East" });
  const west = await createTeamWithReps(prisma, 1, { name: "West" });
  const admin = await createUser(prisma, { role: "ADMIN", email: "admin@x.test", name: "Ada Admin" });
  const actor = async (id: string) => (await loadActor(id)) as SessionUser;
  return { east, west, admin: await actor(admin.id), actor };
}

/** Upload, confirm the guessed mapping, commit: what a user does through the import pages. */
async function importFile(actor: SessionUser, kind: ImportKind, csv: string, opts: StartOptions = { wait: true }) {
  const job = await createImportJob(actor, kind, `${kind.toLowerCase()}.csv`, enc(csv));
  if (!job.ok) throw new Error(job.message);
  const settings = await readSettings(job.jobId);
  await writeSettings(job.jobId, { ...settings!, mapped: true });
  await startImportJob(actor, job.jobId, { wait: true, ...opts });
  return prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } });
}

const accountsSnapshot = () =>
  prisma.account.findMany({ orderBy: { name: "asc" }, select: { name: true, externalId: true, domain: true, industry: true, ownerId: true } });

describe("importing accounts", () => {
  const salesforce = (owner: string) =>
    [
      "Account ID,Account Name,Website,Industry,Owner Email",
      `001A,Acme Corp,https://www.acme.com/,Manufacturing,${owner}`,
      `001B,Beta Labs,beta.io,Biotech,${owner}`,
      `001C,"Gamma, Inc.",gamma.com,Retail,${owner}`,
      `001D,Delta,delta.com,Software,${owner}`,
      `001E,Epsilon,,Software,${owner}`,
    ].join("\r\n");

  it("writes nothing when a failure is injected midway, and the stored accounts stay as they were", async () => {
    const { east, admin } = await setup();
    const owner = east.reps[0].email;
    // An account from an earlier import that the failed run would have updated.
    await importFile(admin, "ACCOUNTS", "Account ID,Account Name,Industry\n001A,Acme (old name),Old industry\n");
    const before = await accountsSnapshot();

    const failed = await importFile(admin, "ACCOUNTS", salesforce(owner), { chunkSize: 2, failAfterRows: 4 });
    expect(failed).toMatchObject({ status: "FAILED", created: 0, updated: 0, fileText: null });
    expect(await accountsSnapshot()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { action: "import.committed", targetId: failed.id } })).toBe(0);

    const ok = await importFile(admin, "ACCOUNTS", salesforce(owner), { chunkSize: 2 });
    expect(ok).toMatchObject({ status: "COMMITTED", created: 4, updated: 1, rejected: 0, processed: 5, fileText: null });
    expect(await prisma.account.findUniqueOrThrow({ where: { externalId: "001A" } })).toMatchObject({
      name: "Acme Corp",
      domain: "acme.com",
      industry: "Manufacturing",
      ownerId: east.reps[0].id,
    });
  });

  it("is idempotent: the same file twice creates nothing the second time, with or without external ids", async () => {
    const { east, admin } = await setup();
    const first = await importFile(admin, "ACCOUNTS", salesforce(east.reps[0].email));
    expect(first).toMatchObject({ created: 5, updated: 0 });
    const after = await accountsSnapshot();
    const second = await importFile(admin, "ACCOUNTS", salesforce(east.reps[0].email));
    expect(second).toMatchObject({ status: "COMMITTED", created: 0, updated: 5, rejected: 0 });
    expect(await accountsSnapshot()).toEqual(after);

    // A HubSpot file without ids matches the same accounts by name, whatever the case.
    const hubspot = "Company name,Company Domain Name,Industry\nACME CORP,acme.com,Industrial\nZeta,zeta.io,Media\n";
    expect(await importFile(admin, "ACCOUNTS", hubspot)).toMatchObject({ created: 1, updated: 1 });
    expect(await importFile(admin, "ACCOUNTS", hubspot)).toMatchObject({ created: 0, updated: 2 });
    expect(await prisma.account.count()).toBe(6);
    expect(await prisma.account.findUniqueOrThrow({ where: { externalId: "001A" } })).toMatchObject({ name: "ACME CORP", industry: "Industrial" });
  });

  it("links deals imported later to the imported accounts, by name as deal import always has", async () => {
    const { east, admin } = await setup();
    await importFile(admin, "ACCOUNTS", salesforce(east.reps[0].email));
    const deals = ["Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Owner Email", `OPP-1,Big one,acme corp,"$5,000",2027-01-15,Discovery,${east.reps[1].email}`].join("\n");
    await importFile(admin, "DEALS", deals);
    const acme = await prisma.account.findUniqueOrThrow({ where: { externalId: "001A" } });
    expect((await prisma.deal.findUniqueOrThrow({ where: { externalId: "OPP-1" } })).accountId).toBe(acme.id);
    expect(await prisma.account.count()).toBe(5);
  });

  it("gives an account a deal import created its external id instead of duplicating it", async () => {
    const { east, admin } = await setup();
    const deals = ["Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Owner Email", `OPP-1,Big one,Acme Corp,100,2027-01-15,Discovery,${east.reps[0].email}`].join("\n");
    await importFile(admin, "DEALS", deals);
    expect(await importFile(admin, "ACCOUNTS", salesforce(east.reps[0].email))).toMatchObject({ created: 4, updated: 1 });
    const acme = await prisma.account.findUniqueOrThrow({ where: { externalId: "001A" } });
    expect((await prisma.deal.findUniqueOrThrow({ where: { externalId: "OPP-1" } })).accountId).toBe(acme.id);
  });

  it("lets a manager set owners from their own teams only; other rows are rejected with their line and audited", async () => {
    const { east, west, actor } = await setup();
    const manager = await actor(east.manager.id);
    const csv = ["Account ID,Account Name,Owner Email", `M1,Mine,${east.reps[0].email}`, `M2,Theirs,${west.reps[0].email}`, "M3,Nobody's,", "M4,Ghost,ghost@x.test"].join("\n");
    const job = await importFile(manager, "ACCOUNTS", csv);
    expect(job).toMatchObject({ status: "COMMITTED", created: 1, rejected: 3 });
    expect((await prisma.account.findMany({ select: { externalId: true } })).map((a) => a.externalId)).toEqual(["M1"]);
    const rejected = (job.errors as { rejected: { line: number; reason: string }[] }).rejected;
    expect(rejected).toEqual([
      { line: 3, reason: `No Cadence user in your teams has the email ${west.reps[0].email}.` },
      { line: 4, reason: "Give the account an owner from your teams." },
      { line: 5, reason: "No Cadence user in your teams has the email ghost@x.test." },
    ]);
    const denied = await prisma.auditLog.findFirstOrThrow({ where: { action: "authz.denied", actorId: manager.id } });
    expect(denied.details).toMatchObject({ action: "import.accounts", rows: 1, lines: [3] });
  });
});

describe("importing users", () => {
  it("lets a manager import reps into their own teams only: other teams, managers and admins are rejected and audited", async () => {
    const { east, actor } = await setup();
    const manager = await actor(east.manager.id);
    const csv = [
      "Email,First Name,Last Name,Role,Team",
      "new.rep@x.test,New,Rep,Sales Rep,East",
      "west.rep@x.test,Wrong,Team,Rep,West",
      "new.manager@x.test,Would,Manage,Manager,East",
      "new.admin@x.test,Would,Administer,Admin,East",
      `${manager.email},Me,Myself,Admin,East`,
    ].join("\n");
    const job = await importFile(manager, "USERS", csv);
    expect(job).toMatchObject({ status: "COMMITTED", created: 1, updated: 0, rejected: 4 });
    expect(await prisma.user.findUnique({ where: { email: "new.rep@x.test" }, select: { role: true, teamId: true, name: true } })).toEqual({
      role: "REP",
      teamId: east.team.id,
      name: "New Rep",
    });
    expect(await prisma.user.count({ where: { email: { in: ["west.rep@x.test", "new.manager@x.test", "new.admin@x.test"] } } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: manager.id } })).role).toBe("MANAGER");
    const denied = await prisma.auditLog.findFirstOrThrow({ where: { action: "authz.denied", actorId: manager.id } });
    expect(denied.details).toMatchObject({ action: "import.users", rows: 4, lines: [3, 4, 5, 6] });
  });

  it("updates by email on re-import, audits role and team changes, and never demotes the importing admin", async () => {
    const { east, west, admin } = await setup();
    const csv = (role: string, team: string) =>
      ["Email,Full Name,Role,Team", `Sam.Seller@x.test,Sam Seller,${role},${team}`, `${admin.email},Ada Admin,Rep,East`].join("\n");
    const first = await importFile(admin, "USERS", csv("Rep", "East"));
    expect(first).toMatchObject({ created: 1, updated: 0, rejected: 1 });
    expect((first.errors as { rejected: { line: number; reason: string }[] }).rejected).toEqual([{ line: 3, reason: "An import cannot change your own role." }]);
    const sam = await prisma.user.findUniqueOrThrow({ where: { email: "sam.seller@x.test" } });
    expect(sam).toMatchObject({ role: "REP", teamId: east.team.id, active: true });

    const second = await importFile(admin, "USERS", csv("Rep", "East"));
    expect(second).toMatchObject({ created: 0, updated: 1 });
    const third = await importFile(admin, "USERS", csv("Manager", "West"));
    expect(third).toMatchObject({ created: 0, updated: 1 });
    expect(await prisma.user.count({ where: { email: "sam.seller@x.test" } })).toBe(1);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({ role: "MANAGER", teamId: west.team.id });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", active: true });

    const audits = await prisma.auditLog.findMany({ where: { targetId: sam.id }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });
    expect(audits.map((a) => a.action)).toEqual(["user.created", "user.role_changed", "user.team_changed"]);
    expect(audits[1]).toMatchObject({ actorId: admin.id, details: { from: "REP", to: "MANAGER", source: "import" } });
    expect(audits[2].details).toMatchObject({ from: east.team.id, to: west.team.id });
  });

  it("writes no user, change or audit entry when the import fails midway", async () => {
    const { east, admin } = await setup();
    const rows = ["Email,Full Name,Role,Team", `${east.reps[0].email},Renamed Rep,Manager,West`];
    for (let i = 0; i < 5; i++) rows.push(`hire${i}@x.test,Hire ${i},Rep,East`);
    const before = await prisma.user.findMany({ orderBy: { email: "asc" }, select: { email: true, name: true, role: true, teamId: true } });
    const failed = await importFile(admin, "USERS", rows.join("\n"), { chunkSize: 2, failAfterRows: 4 });
    expect(failed).toMatchObject({ status: "FAILED", created: 0, updated: 0 });
    expect(await prisma.user.findMany({ orderBy: { email: "asc" }, select: { email: true, name: true, role: true, teamId: true } })).toEqual(before);
    expect(await prisma.auditLog.count({ where: { action: { in: ["user.created", "user.role_changed", "user.team_changed", "import.committed"] } } })).toBe(0);
  });

  it("creates users who cannot sign in until a password is set, and never reads a password column", async () => {
    const { admin } = await setup();
    await importFile(admin, "USERS", "Email,Name,Password\nnewbie@x.test,New Bie,hunter2-hunter2\n");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "newbie@x.test" } });
    expect(user.passwordHash ?? "").not.toContain("hunter2");
    const headers = { "x-forwarded-for": "10.9.9.9" };
    for (const password of ["hunter2-hunter2", "cadence-dummy-password", user.passwordHash ?? "x"]) {
      expect(await authorizeCredentials({ email: "newbie@x.test", password }, headers)).toBeNull();
    }
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("a-chosen-password") } });
    expect(await authorizeCredentials({ email: "newbie@x.test", password: "a-chosen-password" }, headers)).toMatchObject({ id: user.id });
  });
});

describe("import storage", () => {
  it("keeps the uploaded file and its settings on the job row until the job finishes, so any instance can serve it", async () => {
    const { east, admin } = await setup();
    const job = await createImportJob(admin, "ACCOUNTS", "a.csv", enc(`Account Name,Owner Email\nAcme,${east.reps[0].email}\n`));
    if (!job.ok) throw new Error(job.message);
    const stored = await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId }, select: { fileText: true, settings: true } });
    expect(stored.fileText).toContain("Acme");
    expect(stored.settings).toMatchObject({ kind: "ACCOUNTS", mapped: false, mapping: { name: 0, ownerEmail: 1 } });
    expect((await readPendingJob(job.jobId))?.table.rows).toHaveLength(1);
    await writeSettings(job.jobId, { ...(await readSettings(job.jobId))!, mapped: true });
    await startImportJob(admin, job.jobId, { wait: true });
    expect(await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId }, select: { fileText: true, status: true } })).toEqual({ fileText: null, status: "COMMITTED" });
    expect(await readPendingJob(job.jobId)).toBeNull();
  });
});
