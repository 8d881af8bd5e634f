import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { toCsv } from "@/lib/csv";
import { DEAL_EXPORT_COLUMNS, exportActivities, exportDeals, exportHistory } from "@/lib/data/export";
import { createImportJob, readSettings, startDealImport, writeSettings } from "@/lib/import/jobs";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

const snapshot = () =>
  prisma.deal.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      amountMinor: true,
      closeDate: true,
      status: true,
      nextStep: true,
      nextStepDate: true,
      stage: { select: { name: true } },
      owner: { select: { email: true } },
      account: { select: { name: true } },
    },
  });

describe("exporting", () => {
  it("exports deals that re-import into an empty organisation as the same data", async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const { reps, manager } = await createTeamWithReps(prisma, 2);
    const other = await createTeamWithReps(prisma, 1);
    const admin = await prisma.user.create({ data: { email: "admin@x.test", name: "Admin", role: "ADMIN" } });
    const account = await prisma.account.create({ data: { name: "Acme, Inc." } });
    await createDeal(prisma, { ownerId: reps[0].id, stageId: stages[2].id, name: '=cmd "quoted", deal', amountMinor: 1_234_567n, closeDate: "2026-03-31", accountId: account.id, nextStep: "Demo\nthen proposal", nextStepDate: "2026-02-01" });
    await createDeal(prisma, { ownerId: reps[1].id, stageId: stages[5].id, name: "Won one", amountMinor: 99n, closeDate: "2025-12-15", status: "WON", nextStep: null, nextStepDate: null, externalId: "SF-1" });
    await createDeal(prisma, { ownerId: other.reps[0].id, stageId: stages[0].id, name: "Other team", amountMinor: 5_000n, closeDate: "2026-06-30", status: "LOST" });

    const actor = (await loadActor(admin.id)) as SessionUser;
    const before = await snapshot();
    const csv = toCsv(await exportDeals(actor, {}), DEAL_EXPORT_COLUMNS);
    expect(csv.startsWith("\uFEFFOpportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Status,Owner Email,Next Step,Next Step Date,Created Date,First Contact Date,Closed Date,Last Stage Change Date,Last Activity,Loss Reason,Paused Until,Pause Reason\r\n")).toBe(true);
    expect(csv).toContain("SF-1,Won one,,0.99,2025-12-15,Negotiation,Won,");

    // Empty the organisation of its pipeline (users and stages stay, as in a fresh organisation set up the same way).
    await prisma.$executeRawUnsafe(`TRUNCATE "DealChange", "Deal", "Account" CASCADE`);
    const job = await createImportJob(actor, "DEALS", "export.csv", new TextEncoder().encode(csv));
    if (!job.ok) throw new Error(job.message);
    const settings = await readSettings(job.jobId);
    await writeSettings(job.jobId, { ...settings!, mapped: true });
    await startDealImport(actor, job.jobId, { wait: true });
    expect(await prisma.importJob.findUniqueOrThrow({ where: { id: job.jobId } })).toMatchObject({ status: "COMMITTED", created: 3, rejected: 0 });

    const after = await snapshot();
    // The formula guard's apostrophe is for spreadsheets: the importer reads the name as it was.
    expect(after).toEqual(before);
    expect(await prisma.deal.count({ where: { externalId: "SF-1" } })).toBe(1);
    void manager;
  });

  it("limits every export to what the exporter may read and to the filters", async () => {
    await prisma.$executeRawUnsafe(`TRUNCATE "DealChange", "Deal", "Account", "Activity", "TeamManager", "User", "Team", "PipelineStage", "Organisation" CASCADE`);
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const east = await createTeamWithReps(prisma, 2);
    const west = await createTeamWithReps(prisma, 1);
    const mine = await createDeal(prisma, { ownerId: east.reps[0].id, stageId: stages[1].id, name: "Mine", closeDate: "2026-01-10" });
    await createDeal(prisma, { ownerId: east.reps[1].id, stageId: stages[1].id, name: "Teammate", closeDate: "2026-05-10" });
    await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stages[1].id, name: "West", closeDate: "2026-01-10" });
    await prisma.activity.createMany({
      data: [
        { userId: east.reps[0].id, dealId: mine.id, type: "CALL", occurredOn: new Date("2026-01-05"), subject: "Call Mine" },
        { userId: west.reps[0].id, type: "EMAIL", occurredOn: new Date("2026-01-05"), subject: "West email" },
      ],
    });
    const rep = (await loadActor(east.reps[0].id)) as SessionUser;
    const manager = (await loadActor(east.manager.id)) as SessionUser;
    expect((await exportDeals(rep, {})).map((d) => d.name)).toEqual(["Mine"]);
    expect((await exportDeals(manager, {})).map((d) => d.name)).toEqual(["Mine", "Teammate"]);
    expect((await exportDeals(manager, { to: "2026-02-01" })).map((d) => d.name)).toEqual(["Mine"]);
    expect((await exportDeals(manager, { ownerId: west.reps[0].id })).map((d) => d.name)).toEqual([]);
    expect((await exportActivities(manager, {})).map((a) => a.subject)).toEqual(["Call Mine"]);
    const history = await exportHistory(rep, {}, "America/New_York");
    expect(new Set(history.map((h) => h.deal.name))).toEqual(new Set(["Mine"]));
    expect(history.find((h) => h.field === "stageId")?.newValue).toBe("Discovery");
  });
});
