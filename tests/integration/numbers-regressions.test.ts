// Issue 18 items 9–12 on real PostgreSQL: the figures an outside check found wrong, each as a user reads it.
// 9: a blank next step is "no next step" on the inspection and "not adopted" on the quarterly, one rule for both;
// 10: revenue at risk summed exactly and rounded once (38,946.4505 → 38,946.45 on the dashboard and in the CSV);
// 11: a past quarter's velocity counts deals qualified at that quarter's end, not by today's stage;
// 12: the leading-KPI target takes each rep's own target first (15 × 3 + 5 × 3 = 60, not 15 × 3 × 2 = 90).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { loadOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { loadInspection } from "@/lib/data/inspection";
import { loadQuarterlyDashboard, loadQuarterlyDrill, quarterFrame, type QuarterlyScope } from "@/lib/data/quarterly";
import { quarterlyTableCsv } from "@/lib/data/quarterly-export";
import { addDays, periodContaining, shiftPeriod, type IsoDate, type Period } from "@/lib/domain/calendar";
import { nextStepState } from "@/lib/domain/deal-rules";
import { formatMoney } from "@/lib/format";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

let org: OrganisationSettings;
let today: IsoDate;
let quarter: Period;
let stage: (name: string) => string;
let team: { id: string; name: string };
let reps: { id: string }[];
let manager: SessionUser;
let exec: SessionUser;
let scope: QuarterlyScope;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: "America/New_York", currency: "USD", fiscalYearStartMonth: 1 });
  const stages = await createStages(prisma);
  stage = (name) => stages.find((s) => s.name === name)!.id;
  const t = await createTeamWithReps(prisma, 2, { name: "Numbers" });
  team = t.team;
  reps = t.reps;
  manager = (await loadActor(t.manager.id))!;
  exec = (await loadActor((await createUser(prisma, { role: "EXECUTIVE" })).id))!;
  org = await loadOrganisation();
  today = todayIn(org);
  quarter = periodContaining(today, "QUARTER", 1);
  scope = { kind: "TEAM", teamId: team.id, teamName: team.name };
});

/** Every object in a loader's result that is this deal's row with flags, wherever the page keeps it. */
function flagsOf(data: unknown, dealId: string): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.id === dealId && Array.isArray(o.flags)) for (const f of o.flags) found.add(String(f));
      Object.values(o).forEach(walk);
    }
  };
  walk(data);
  return [...found];
}

describe("issue 18 item 9: one definition of an up-front contract", () => {
  it("flags a next step of blanks as missing on the inspection and counts it as not adopted on the quarterly", async () => {
    const fresh = new Date(Date.now() - 2 * 86_400_000);
    const common = { ownerId: reps[0].id, stageId: stage("Discovery"), createdAt: fresh, lastMovedAt: fresh, closeDate: addDays(today, 40), nextStepDate: addDays(today, 3) };
    const kept = await createDeal(prisma, { ...common, name: "Kept contract", nextStep: "Demo with the CFO" });
    const spaces = await createDeal(prisma, { ...common, name: "Spaces only", nextStep: "   " });
    const tab = await createDeal(prisma, { ...common, name: "Tab and no-break space", nextStep: "\t\u00a0" });
    expect(nextStepState({ nextStep: "   ", nextStepDate: addDays(today, 3) }, today)).toBe("missing");

    const inspection = await loadInspection(manager, { teamId: team.id, repId: null }, today, org);
    expect(flagsOf(inspection, spaces.id)).toContain("no_next_step");
    expect(flagsOf(inspection, tab.id)).toContain("no_next_step");
    expect(flagsOf(inspection, kept.id)).not.toContain("no_next_step");

    const dash = await loadQuarterlyDashboard(manager, { quarter, scope }, org, today);
    expect(dash.open.deals).toBe(3);
    expect(dash.open.adopted).toBe(1);
    const drill = await loadQuarterlyDrill(manager, { quarter, scope, metric: "not_adopted" }, org, today);
    expect(drill.deals.map((d) => d.name).sort()).toEqual(["Spaces only", "Tab and no-break space"]);
    await prisma.deal.deleteMany({ where: { id: { in: [kept.id, spaces.id, tab.id] } } });
  });
});

describe("issue 18 item 10: weighted money rounded once", () => {
  it("shows revenue at risk of exactly 38,946.4505 as 38,946.45 on the dashboard and in the CSV", async () => {
    const old = new Date(Date.now() - 60 * 86_400_000);
    // Stale amounts (cents) × stage probability: 1×5 + 2×25 + 1×40 + 2,434,152×80 + 19,473,225×10 = 389,464,505
    // hundredths of a cent, i.e. $38,946.4505. Truncating each stage first gave $38,946.43.
    const stale = [
      ["Prospecting", 1n],
      ["Qualification", 2n],
      ["Solution", 1n],
      ["Negotiation", 2_434_152n],
      ["Discovery", 19_473_225n],
    ] as const;
    const ids: string[] = [];
    for (const [name, amount] of stale) {
      const d = await createDeal(prisma, { ownerId: reps[1].id, stageId: stage(name), amountMinor: amount, createdAt: old, lastMovedAt: old, closeDate: addDays(today, 30) });
      ids.push(d.id);
    }
    const dash = await loadQuarterlyDashboard(manager, { quarter, scope }, org, today);
    expect(dash.open.staleWeightedMinor).toBe(3_894_645n);
    expect(formatMoney(dash.open.staleWeightedMinor, "USD", { cents: true })).toBe("$38,946.45");
    expect(quarterlyTableCsv(dash, "summary")).toContain("38946.45");
    expect(quarterlyTableCsv(dash, "summary")).not.toContain("38946.43");
    // The weighted pipeline follows the same rule: the same deals are the whole open pipeline here.
    expect(dash.open.weightedMinor).toBe(3_894_645n);
    await prisma.deal.deleteMany({ where: { id: { in: ids } } });
  });
});

describe("issue 18 item 11: a past quarter's velocity counts deals by their state at that quarter's end", () => {
  it("does not count deals that were still unqualified at the quarter's end, and counts one qualified then", async () => {
    const prior = shiftPeriod(quarter, -1, 1);
    const { ranges } = quarterFrame(quarter, org, new Date());
    const priorEnd = ranges[3].to;
    const before = new Date(priorEnd.getTime() - 20 * 86_400_000);
    const after = new Date(Math.min(priorEnd.getTime() + 86_400_000, Date.now() - 60_000));
    // Three deals in Prospecting (not qualified) at the prior quarter's end, qualified since.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await createDeal(prisma, { ownerId: reps[0].id, stageId: stage("Prospecting"), createdAt: before, closeDate: addDays(prior.end, 30) });
      await prisma.dealChange.create({ data: { dealId: d.id, at: after, field: "stageId", oldValue: stage("Prospecting"), newValue: stage("Proposal") } });
      await prisma.deal.update({ where: { id: d.id }, data: { stageId: stage("Proposal"), lastMovedAt: after } });
      ids.push(d.id);
    }
    // One deal qualified at the quarter's end (Discovery), moved back to Prospecting since.
    const back = await createDeal(prisma, { ownerId: reps[0].id, stageId: stage("Discovery"), createdAt: before, closeDate: addDays(prior.end, 30) });
    await prisma.dealChange.create({ data: { dealId: back.id, at: after, field: "stageId", oldValue: stage("Discovery"), newValue: stage("Prospecting") } });
    await prisma.deal.update({ where: { id: back.id }, data: { stageId: stage("Prospecting"), lastMovedAt: after } });
    ids.push(back.id);
    // One won since the quarter's end, in Negotiation then: open and qualified at the end.
    const won = await createDeal(prisma, { ownerId: reps[1].id, stageId: stage("Negotiation"), createdAt: before, closeDate: addDays(prior.end, 5) });
    await prisma.dealChange.create({ data: { dealId: won.id, at: after, field: "status", oldValue: "OPEN", newValue: "WON" } });
    await prisma.deal.update({ where: { id: won.id }, data: { status: "WON", closedAt: after, lastMovedAt: after } });
    ids.push(won.id);

    const dash = await loadQuarterlyDashboard(exec, { quarter, scope: { kind: "ORGANISATION" } }, org, today);
    expect(dash.prior.openQualifiedAtEnd).toBe(2);
    // Today (the current quarter's "end" so far) the three moved deals are qualified and the moved-back one is not.
    expect(dash.current.openQualifiedAtEnd).toBe(3);
    await prisma.deal.deleteMany({ where: { id: { in: ids } } });
  });
});

describe("issue 18 item 12: one rule for which KPI target applies", () => {
  it("uses a rep's own target before the team's: 15 × 3 + 5 × 3 = 60, and says so", async () => {
    const setById = exec.id;
    await prisma.kpiTarget.createMany({
      data: [
        { metric: "qualified_leads", category: "LEADING", periodType: "MONTH", scope: "TEAM", teamId: team.id, direction: "AT_LEAST", value: 15, setById },
        { metric: "qualified_leads", category: "LEADING", periodType: "MONTH", scope: "REP", userId: reps[0].id, direction: "AT_LEAST", value: 5, setById },
      ],
    });
    const dash = await loadQuarterlyDashboard(manager, { quarter, scope }, org, today);
    const leads = dash.kpis.find((k) => k.metric === "qualified_leads")!;
    expect(leads.target).toBe(60);
    expect(leads.targetNote).toContain("1 rep × own target 5 a month");
    expect(leads.targetNote).toContain("1 rep × team's target 15 a month");
    await prisma.kpiTarget.deleteMany({});
  });
});
