import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { dataIntegrityNow, getScorecard, monthlyKpiFigures } from "@/lib/data/scorecard";
import { loadOrganisation } from "@/lib/data/organisation";
import { startOfLocalDay, toDbDate } from "@/lib/domain/calendar";
import { dataIntegrity } from "@/lib/domain/kpi";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const NY = "America/New_York";
const ny = (date: string, hh: number, mm = 0) => new Date(startOfLocalDay(date, NY).getTime() + (hh * 60 + mm) * 60_000);

async function setup() {
  if ((await prisma.organisation.count()) === 0) await createOrganisation(prisma, { timeZone: NY, staleThresholdDays: 14 });
  const stages = await createStages(prisma);
  const team = await createTeamWithReps(prisma, 2);
  return { stages, team, rep: team.reps[0], other: team.reps[1] };
}

describe("KPI aggregation in SQL", () => {
  it("buckets by calendar month in the organisation's time zone, with known answers", async () => {
    const { stages, rep, other } = await setup();
    const stage = stages[1].id;
    // Won 23:30 New York time on 30 Nov (already 1 Dec in UTC): November. Won 00:30 on 1 Dec: December.
    await createDeal(prisma, { ownerId: rep.id, stageId: stage, status: "WON", amountMinor: 500_000, createdAt: ny("2026-11-10", 9), closedAt: ny("2026-11-30", 23, 30) });
    await createDeal(prisma, { ownerId: rep.id, stageId: stage, status: "WON", amountMinor: 300_000, createdAt: ny("2026-11-01", 9), firstContactDate: "2026-10-22", closedAt: ny("2026-12-01", 0, 30) });
    await createDeal(prisma, { ownerId: rep.id, stageId: stage, status: "LOST", amountMinor: 900_000, createdAt: ny("2026-11-02", 9), closedAt: ny("2026-11-15", 12) });
    // Created 22:00 on 31 Oct in New York, 02:00 on 1 Nov in UTC: an October opportunity.
    await createDeal(prisma, { ownerId: rep.id, stageId: stage, createdAt: ny("2026-10-31", 22) });
    await createDeal(prisma, { ownerId: other.id, stageId: stage, status: "WON", amountMinor: 1_000, createdAt: ny("2026-11-03", 9), closedAt: ny("2026-11-20", 9) });
    await prisma.lead.createMany({
      data: [
        { ownerId: rep.id, name: "A", icpQualified: true, createdOn: toDbDate("2026-11-02") },
        { ownerId: rep.id, name: "B", icpQualified: false, createdOn: toDbDate("2026-11-03") },
        { ownerId: rep.id, name: "C", icpQualified: true, createdOn: toDbDate("2026-10-31") },
        { ownerId: other.id, name: "D", icpQualified: true, createdOn: toDbDate("2026-11-04") },
      ],
    });
    await prisma.activity.createMany({
      data: [
        { userId: rep.id, type: "CALL", subject: "x", occurredOn: toDbDate("2026-11-30") },
        { userId: rep.id, type: "EMAIL", subject: "y", occurredOn: toDbDate("2026-12-01") },
      ],
    });

    const months = await monthlyKpiFigures(rep.id, "2026-10-01", "2026-12-31", NY);
    expect(months).toEqual([
      { month: "2026-10", qualifiedLeads: 1, activities: 0, newOpportunities: 1, won: 0, lost: 0, wonMinor: 0n, cycleDaysTotal: 0, cycleDeals: 0 },
      { month: "2026-11", qualifiedLeads: 1, activities: 1, newOpportunities: 3, won: 1, lost: 1, wonMinor: 500_000n, cycleDaysTotal: 20, cycleDeals: 1 },
      { month: "2026-12", qualifiedLeads: 0, activities: 1, newOpportunities: 0, won: 1, lost: 0, wonMinor: 300_000n, cycleDaysTotal: 40, cycleDeals: 1 },
    ]);
    // A window that ends on 30 Nov leaves the 00:30 1 Dec deal out.
    expect((await monthlyKpiFigures(rep.id, "2026-11-01", "2026-11-30", NY)).map((m) => [m.month, m.won])).toEqual([["2026-11", 1]]);
  });

  it("computes data integrity in SQL exactly as the domain rule does", async () => {
    const { stages, rep } = await setup();
    const today = "2026-11-23";
    const negotiation = stages.find((s) => s.name === "Negotiation")!; // stale after 10 days
    const discovery = stages[1];
    const ok = { nextStep: "Call", nextStepDate: "2026-11-25", closeDate: "2026-12-15" };
    type Fixture = { stageId: string; lastMovedAt: Date; nextStep: string | null; nextStepDate: string; closeDate: string; pausedUntil?: string };
    const fixtures: Fixture[] = [
      { stageId: discovery.id, lastMovedAt: ny("2026-11-20", 10), ...ok }, // follows
      { stageId: discovery.id, lastMovedAt: ny("2026-11-09", 10), ...ok }, // 14 days: stale
      { stageId: negotiation.id, lastMovedAt: ny("2026-11-13", 10), ...ok }, // 10 days in Negotiation: stale
      { stageId: discovery.id, lastMovedAt: ny("2026-11-20", 10), ...ok, nextStepDate: "2026-11-22" }, // overdue next step
      { stageId: discovery.id, lastMovedAt: ny("2026-11-20", 10), ...ok, nextStep: null }, // no next step
      { stageId: discovery.id, lastMovedAt: ny("2026-11-20", 10), ...ok, closeDate: "2026-11-22" }, // close date in the past
      { stageId: discovery.id, lastMovedAt: ny("2026-10-01", 10), ...ok, pausedUntil: "2026-12-01" }, // paused: not stale, follows
    ];
    for (const f of fixtures) await createDeal(prisma, { ownerId: rep.id, createdAt: ny("2026-09-01", 9), ...f });
    await createDeal(prisma, { ownerId: rep.id, stageId: discovery.id, status: "WON", closedAt: ny("2026-11-01", 9), nextStep: null });

    const org = await loadOrganisation();
    const sql = await dataIntegrityNow(rep.id, today, org);
    expect(sql).toBeCloseTo((2 / 7) * 100, 9);
    const pure = dataIntegrity(
      fixtures.map((f) => ({ status: "OPEN" as const, lastMovedAt: f.lastMovedAt, stageStaleThresholdDays: f.stageId === negotiation.id ? 10 : null, nextStep: f.nextStep, nextStepDate: f.nextStepDate, closeDate: f.closeDate, pausedUntil: f.pausedUntil ?? null })),
      today,
      NY,
      { organisationDays: 14 },
    );
    expect(pure! * 100).toBeCloseTo(sql!, 9);
  });

  it("builds the scorecard with quota, the most specific target and prorating for a mid-period joiner", async () => {
    const { stages, team, rep } = await setup();
    const joiner = await createUser(prisma, { role: "REP", teamId: team.team.id, startDate: "2026-11-16" });
    await prisma.user.update({ where: { id: rep.id }, data: { startDate: toDbDate("2025-01-01") } });
    await createDeal(prisma, { ownerId: rep.id, stageId: stages[1].id, status: "WON", amountMinor: 500_000, createdAt: ny("2026-11-10", 9), closedAt: ny("2026-11-30", 23, 30) });
    await prisma.quota.create({ data: { userId: rep.id, periodType: "MONTH", periodStart: toDbDate("2026-11-01"), periodEnd: toDbDate("2026-11-30"), amountMinor: 400_000n } });
    await prisma.kpiTarget.createMany({
      data: [
        { metric: "new_opportunities", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", direction: "AT_LEAST", value: 6 },
        { metric: "new_opportunities", category: "LEADING", periodType: "MONTH", scope: "TEAM", teamId: team.team.id, direction: "AT_LEAST", value: 1 },
        { metric: "activities", category: "LEADING", periodType: "MONTH", scope: "ORGANISATION", direction: "AT_LEAST", value: 20 },
      ],
    });
    const org = await loadOrganisation();
    const manager = (await loadActor(team.manager.id)) as SessionUser;
    const card = await getScorecard(manager, rep.id, "MONTH", org, "2026-12-05");
    expect(card.periods.map((p) => p.period.label)).toEqual(["Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"]);
    const nov = card.periods[5].kpis;
    expect(nov.find((k) => k.metric === "closed_won_revenue")).toMatchObject({ actual: 500_000, status: "met", target: { value: 400_000 } });
    expect(nov.find((k) => k.metric === "new_opportunities")).toMatchObject({ actual: 1, status: "met", target: { value: 1, scope: "TEAM" } });
    expect(nov.find((k) => k.metric === "win_rate")).toMatchObject({ actual: 100, status: "no_target" });
    expect(card.periods[4].kpis.find((k) => k.metric === "win_rate")).toMatchObject({ actual: null, status: "no_data" });

    const joinerCard = await getScorecard(manager, joiner.id, "MONTH", org, "2026-12-05");
    expect(joinerCard.periods[5].kpis.find((k) => k.metric === "activities")).toMatchObject({ actual: 0, status: "missed", target: { value: 10, prorated: true } });
    expect(joinerCard.periods[4].kpis.find((k) => k.metric === "activities")).toMatchObject({ status: "no_data", note: "Not on the team yet." });
  });

  it("shows a scorecard only to the rep, their managers, executives and admins", async () => {
    const { rep, other, team } = await setup();
    const otherTeam = await createTeamWithReps(prisma, 1);
    const exec = await createUser(prisma, { role: "EXECUTIVE" });
    const admin = await createUser(prisma, { role: "ADMIN" });
    const org = await loadOrganisation();
    const read = async (userId: string) => getScorecard((await loadActor(userId)) as SessionUser, rep.id, "QUARTER", org, "2026-11-23");
    for (const allowed of [rep.id, team.manager.id, exec.id, admin.id]) expect((await read(allowed)).rep.id).toBe(rep.id);
    for (const refused of [other.id, otherTeam.manager.id, otherTeam.reps[0].id]) await expect(read(refused)).rejects.toThrow("Rep was not found.");
  });
});
