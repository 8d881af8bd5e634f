// Leads get a life on real PostgreSQL: edit under a version, disqualify with a reason, convert into one deal (one
// transaction with its history) that keeps the lead's source and date; the leading KPI counts converted leads.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { convertLead } from "@/lib/actions/leads/convert-lead";
import { disqualifyLead } from "@/lib/actions/leads/disqualify-lead";
import { updateLead } from "@/lib/actions/leads/update-lead";
import { monthlyKpiFigures } from "@/lib/data/scorecard";
import { addDays, dateOnly, localDate, startOfLocalDay, toDbDate } from "@/lib/domain/calendar";
import { createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

const NY = "America/New_York";
let rep: SessionUser;
let teammate: SessionUser;
let manager: SessionUser;
let otherManager: SessionUser;
let stageId: string;
let today: string;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: NY });
  const stages = await createStages(prisma);
  stageId = stages[1].id;
  const A = await createTeamWithReps(prisma, 2);
  const B = await createTeamWithReps(prisma, 1);
  rep = (await loadActor(A.reps[0].id))!;
  teammate = (await loadActor(A.reps[1].id))!;
  manager = (await loadActor(A.manager.id))!;
  otherManager = (await loadActor(B.manager.id))!;
  today = localDate(new Date(), NY);
});

const lead = (ownerId: string, data: { createdOn?: string; source?: string | null; icpQualified?: boolean; name?: string } = {}) =>
  prisma.lead.create({
    data: { ownerId, name: data.name ?? "Dana Prospect", company: "Globex", source: data.source ?? "Webinar", icpQualified: data.icpQualified ?? true, createdOn: toDbDate(data.createdOn ?? addDays(today, -20)) },
  });

const conversion = (leadId: string, version = 1) => ({
  leadId,
  expectedVersion: String(version),
  dealName: "Globex platform",
  amount: "48,000.50",
  closeDate: addDays(today, 45),
  stageId,
  newAccountName: "Globex",
  nextStep: "Discovery call",
  nextStepDate: addDays(today, 3),
});

describe("lead lifecycle", () => {
  it("edits a lead under its version; a stale version is refused and nothing changes", async () => {
    const l = await lead(rep.id);
    const edit = { leadId: l.id, expectedVersion: "1", name: "Dana P.", company: "Globex Corp", email: "dana@globex.test", source: "Referral", icpQualified: "false", createdOn: addDays(today, -5) };
    expect(await runAction(updateLead.definition, rep, edit)).toMatchObject({ ok: true, data: { version: 2 } });
    const saved = await prisma.lead.findUniqueOrThrow({ where: { id: l.id } });
    expect(saved).toMatchObject({ name: "Dana P.", company: "Globex Corp", email: "dana@globex.test", source: "Referral", icpQualified: false, version: 2 });
    expect(dateOnly(saved.createdOn)).toBe(addDays(today, -5));

    const stale = await runAction(updateLead.definition, manager, { ...edit, name: "Overwritten" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: l.id } })).name).toBe("Dana P.");

    const future = await runAction(updateLead.definition, rep, { ...edit, expectedVersion: "2", createdOn: addDays(today, 1) });
    expect(future).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { createdOn: ["The date cannot be in the future."] } });
    const unknownField = await runAction(updateLead.definition, rep, { ...edit, expectedVersion: "2", ownerId: teammate.id });
    expect(unknownField).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("disqualifies with a reason; a reason is required and a disqualified lead cannot be converted", async () => {
    const l = await lead(rep.id);
    const blank = await runAction(disqualifyLead.definition, rep, { leadId: l.id, expectedVersion: "1", reason: "  " });
    expect(blank).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: ["Enter the reason."] } });
    expect(await runAction(disqualifyLead.definition, rep, { leadId: l.id, expectedVersion: "1", reason: "No budget this year" })).toMatchObject({ ok: true });
    const saved = await prisma.lead.findUniqueOrThrow({ where: { id: l.id } });
    expect(saved).toMatchObject({ status: "DISQUALIFIED", disqualifiedReason: "No budget this year", version: 2 });
    expect(saved.disqualifiedAt).toBeInstanceOf(Date);
    const deals = await prisma.deal.count();
    expect(await runAction(convertLead.definition, rep, conversion(l.id, 2))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await prisma.deal.count()).toBe(deals);
  });

  it("converts into one deal that keeps the lead's source and date, with its history, in one transaction", async () => {
    const created = addDays(today, -20);
    const l = await lead(rep.id, { createdOn: created, source: "Webinar" });
    // The rep's manager converts the rep's lead: the deal stays the rep's.
    const result = await runAction(convertLead.definition, manager, conversion(l.id));
    expect(result.ok).toBe(true);
    const { dealId } = (result as { data: { dealId: string } }).data;
    const deal = await prisma.deal.findUniqueOrThrow({ where: { id: dealId }, include: { account: true, changes: { orderBy: { id: "asc" } } } });
    expect(deal).toMatchObject({ name: "Globex platform", ownerId: rep.id, stageId, amountMinor: 4_800_050n, status: "OPEN", source: "Webinar", nextStep: "Discovery call" });
    expect(dateOnly(deal.firstContactDate!)).toBe(created);
    expect(deal.account?.name).toBe("Globex");
    expect(deal.changes.map((c) => [c.field, c.newValue])).toEqual([
      ["created", null],
      ["stageId", stageId],
      ["amountMinor", "4800050"],
      ["closeDate", addDays(today, 45)],
      ["accountId", deal.accountId],
      ["nextStep", "Discovery call"],
      ["nextStepDate", addDays(today, 3)],
    ]);
    expect(deal.changes[0].reason).toBe("Converted from lead “Dana Prospect” (source: Webinar)");
    expect(deal.changes.every((c) => c.actorId === manager.id)).toBe(true);
    const converted = await prisma.lead.findUniqueOrThrow({ where: { id: l.id } });
    expect(converted).toMatchObject({ status: "CONVERTED", convertedDealId: dealId, version: 2 });
    expect(await prisma.domainEvent.count({ where: { type: "deal.created", dealId } })).toBe(1);

    // Converting twice (a replayed form) is refused: one lead, one deal.
    expect(await runAction(convertLead.definition, rep, conversion(l.id))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await runAction(convertLead.definition, rep, conversion(l.id, 2))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await prisma.deal.count({ where: { name: "Globex platform" } })).toBe(1);
  });

  it("two concurrent conversions of one lead make exactly one deal", async () => {
    const l = await lead(rep.id, { name: "Race" });
    const before = await prisma.deal.count();
    const results = await Promise.all([runAction(convertLead.definition, rep, conversion(l.id)), runAction(convertLead.definition, manager, conversion(l.id))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await prisma.deal.count()).toBe(before + 1);
  });

  it("a failed conversion writes nothing: no deal, no account, no history, the lead still open", async () => {
    const l = await lead(rep.id, { name: "Bad input" });
    const [deals, accounts, changes] = await Promise.all([prisma.deal.count(), prisma.account.count(), prisma.dealChange.count()]);
    const refused = await runAction(convertLead.definition, rep, { ...conversion(l.id), closeDate: addDays(today, -1), amount: "-5" });
    expect(refused).toMatchObject({ ok: false, code: "INVALID" });
    const missingStage = await runAction(convertLead.definition, rep, { ...conversion(l.id), stageId: "no-such-stage" });
    expect(missingStage).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { stageId: ["Choose one of the pipeline's stages."] } });
    expect([await prisma.deal.count(), await prisma.account.count(), await prisma.dealChange.count()]).toEqual([deals, accounts, changes]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("OPEN");
  });

  it("refuses another team's manager and a teammate exactly like a missing lead", async () => {
    const l = await lead(rep.id, { name: "Private" });
    const missing = await runAction(disqualifyLead.definition, otherManager, { leadId: "no-such-lead", expectedVersion: "1", reason: "x" });
    for (const who of [otherManager, teammate]) {
      expect(await runAction(disqualifyLead.definition, who, { leadId: l.id, expectedVersion: "1", reason: "x" })).toEqual(missing);
      expect(await runAction(convertLead.definition, who, conversion(l.id))).toEqual({ ...missing });
    }
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("OPEN");
  });

  it("counts an ICP-qualified lead as qualified in its creation month whether it is converted or not", async () => {
    const solo = await createTeamWithReps(prisma, 1);
    const r = (await loadActor(solo.reps[0].id))!;
    const month = today.slice(0, 8);
    const first = `${month}01`;
    const a = await lead(r.id, { createdOn: first, name: "Converted one" });
    await lead(r.id, { createdOn: first, name: "Still open" });
    await lead(r.id, { createdOn: first, name: "Not ICP", icpQualified: false });
    const count = async () => (await monthlyKpiFigures(r.id, first, today, NY)).find((m) => m.month === today.slice(0, 7));
    expect((await count())?.qualifiedLeads).toBe(2);
    expect(await runAction(convertLead.definition, r, conversion(a.id))).toMatchObject({ ok: true });
    const after = await count();
    // Still two qualified leads (the conversion neither removes nor double-counts one), and one new opportunity.
    expect(after?.qualifiedLeads).toBe(2);
    expect(after?.newOpportunities).toBe(1);
    // The quarterly rollup agrees: the trigger keeps a converted lead in its creation quarter.
    const rollup = await prisma.quarterlyLeadRollup.aggregate({ where: { ownerId: r.id }, _sum: { leads: true } });
    expect(rollup._sum.leads).toBe(2);
    // The deal's cycle will count from the lead's date, not from the conversion.
    const deal = await prisma.deal.findFirstOrThrow({ where: { ownerId: r.id } });
    expect(dateOnly(deal.firstContactDate!)).toBe(first);
    expect(deal.createdAt.getTime()).toBeGreaterThanOrEqual(startOfLocalDay(today, NY).getTime());
  });
});
