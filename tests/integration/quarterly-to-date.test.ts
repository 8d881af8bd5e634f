// A quarter in progress compared at the same point, forecast accuracy scored only for ended quarters, and velocity
// and stage conversion to the cent and the day, on real PostgreSQL against hand-computed answers (fiscal year from
// February, New York time).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { loadOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { loadQuarterlyDashboard } from "@/lib/data/quarterly";
import { forecastAsOf, loadQuarterToDate } from "@/lib/data/quarterly-to-date";
import { periodContaining, startOfLocalDay, toDbDate } from "@/lib/domain/calendar";
import { toDateComparison } from "@/lib/domain/period-to-date";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";

const NY = "America/New_York";
const FEB = 2;
const ny = (date: string, hh: number, mm = 0) => new Date(startOfLocalDay(date, NY).getTime() + (hh * 60 + mm) * 60_000);
// FY2027 Q3 (Aug–Oct 2026) has ended; FY2027 Q4 (Nov 2026 – Jan 2027) is the one compared on its day 10.
const q3 = periodContaining("2026-08-15", "QUARTER", FEB);
const q4 = periodContaining("2026-11-15", "QUARTER", FEB);

let org: OrganisationSettings;
let exec: SessionUser;
let teamA: { id: string; name: string };
let a1: string;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: NY, currency: "USD", fiscalYearStartMonth: FEB });
  org = await loadOrganisation();
  const stages = await createStages(prisma);
  const stage = (name: string) => stages.find((s) => s.name === name)!.id;
  const A = await createTeamWithReps(prisma, 2, { name: "Alpha" });
  const B = await createTeamWithReps(prisma, 1, { name: "Beta" });
  exec = (await loadActor((await createUser(prisma, { role: "EXECUTIVE" })).id))!;
  teamA = A.team;
  a1 = A.reps[0].id;
  const a2 = A.reps[1].id;
  const b1 = B.reps[0].id;
  const won = { status: "WON" as const };
  // Q3's first ten days are 1–10 Aug in New York: [1 Aug 04:00 UTC, 11 Aug 04:00 UTC).
  await createDeal(prisma, { ownerId: a1, stageId: stage("Negotiation"), ...won, amountMinor: 1_000_000n, createdAt: ny("2026-07-01", 12), closedAt: ny("2026-08-10", 23, 30) }); // day 10, cycle 40
  await createDeal(prisma, { ownerId: a1, stageId: stage("Negotiation"), ...won, amountMinor: 500_001n, createdAt: ny("2026-07-15", 12), closedAt: ny("2026-08-11", 0, 30) }); // day 11, cycle 27
  await createDeal(prisma, { ownerId: a2, stageId: stage("Discovery"), status: "LOST", lostReason: "Price", amountMinor: 300_000n, createdAt: ny("2026-07-20", 12), closedAt: ny("2026-08-05", 12) });
  await createDeal(prisma, { ownerId: a1, stageId: stage("Proposal"), ...won, amountMinor: 250_000n, createdAt: ny("2026-07-25", 12), firstContactDate: "2026-07-24", closedAt: ny("2026-08-03", 12) }); // cycle 10
  await createDeal(prisma, { ownerId: b1, stageId: stage("Negotiation"), ...won, amountMinor: 100_000n, createdAt: ny("2026-08-01", 12), closedAt: ny("2026-08-02", 12) }); // cycle 1
  await createDeal(prisma, { ownerId: a1, stageId: stage("Discovery"), createdAt: ny("2026-07-20", 12) }); // open, qualified stage
  await createDeal(prisma, { ownerId: a2, stageId: stage("Prospecting"), createdAt: ny("2026-08-20", 12) }); // open, not qualified
  // The same quarter last year (FY2026 Q4), day 5: cycle 35.
  await createDeal(prisma, { ownerId: a1, stageId: stage("Negotiation"), ...won, amountMinor: 700_000n, createdAt: ny("2025-10-01", 12), closedAt: ny("2025-11-05", 12) });
  // A commit for Q3 standing in its first week (week 1 is the Monday-based week containing 1 Aug: 27 Jul – 2 Aug).
  await prisma.forecastSubmission.create({
    data: { userId: a1, scope: "REP", teamId: teamA.id, periodType: "QUARTER", periodStart: toDbDate(q3.start), periodEnd: toDbDate(q3.end), commitMinor: 1_250_000n, bestCaseMinor: 2_000_000n, submittedAt: ny("2026-08-01", 9) },
  });
});

describe("quarter to date against the prior quarter's first N days", () => {
  const day10 = ny("2026-11-10", 12);

  it("labels the comparison and reads the prior quarter's first 10 days to the minute (organisation)", async () => {
    const t = await loadQuarterToDate(exec, { quarter: q4, scope: { kind: "ORGANISATION" } }, org, day10);
    expect(t.comparison.label).toBe("QTD, day 10 of 92 · vs Q3 at day 10");
    expect(t.comparison.progress.verdict).toBe(true);
    // Won 23:30 on 10 Aug counts; won 00:30 on 11 Aug (day 11) does not.
    expect(t.prior).toMatchObject({ won: 3, lost: 1, wonMinor: 1_350_000n, lostMinor: 300_000n, averageDealSizeMinor: 450_000n, cycleDays: 17, openQualifiedAtEnd: 2 });
    expect(t.prior!.winRateByCount).toBe(0.75);
    // Velocity = open qualified 2 × win rate 3/4 × average 4,500.00 ÷ 17 days = 397.0588… a day: 397.06.
    expect(t.prior!.velocityPerDayMinor).toBe(39_706);
    expect(t.sameQuarterLastYear).toMatchObject({ won: 1, wonMinor: 700_000n, cycleDays: 35 });
  });

  it("limits a team's comparison to the team's deals", async () => {
    const t = await loadQuarterToDate(exec, { quarter: q4, scope: { kind: "TEAM", teamId: teamA.id, teamName: "Alpha" } }, org, day10);
    expect(t.prior).toMatchObject({ won: 2, lost: 1, wonMinor: 1_250_000n, averageDealSizeMinor: 625_000n, cycleDays: 25, openQualifiedAtEnd: 2 });
    // 2 × 2/3 × 6,250.00 ÷ 25 = 333.3333… a day: 333.33.
    expect(t.prior!.velocityPerDayMinor).toBe(33_333);
  });

  it("an ended quarter is whole against whole: no window is read", async () => {
    const t = await loadQuarterToDate(exec, { quarter: q4, scope: { kind: "ORGANISATION" } }, org, ny("2027-02-01", 0, 1));
    expect(t.comparison.label).toBe("FY2027 Q4 · vs FY2027 Q3");
    expect(t.prior).toBeNull();
  });

  it("refuses a manager another team's figures", async () => {
    const B = await prisma.team.findFirstOrThrow({ where: { name: "Beta" } });
    const manager = (await loadActor((await prisma.user.findFirstOrThrow({ where: { managedTeams: { some: { teamId: teamA.id } } } })).id))!;
    await expect(loadQuarterToDate(manager, { quarter: q4, scope: { kind: "TEAM", teamId: B.id, teamName: "Beta" } }, org, day10)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("forecast accuracy: scored only once the quarter has ended", () => {
  it("an ended quarter is scored: 1 − |commit − actual| ÷ actual", async () => {
    const d = await loadQuarterlyDashboard(exec, { quarter: q3, scope: { kind: "ORGANISATION" } }, org, todayIn(org));
    const f = forecastAsOf(d.forecast, toDateComparison(q3, new Date(), NY, FEB));
    expect(f.scored).toBe(true);
    const rep = f.reps.find((r) => r.userId === a1)!;
    // Commit 12,500.00 against 17,500.01 won (10,000.00 + 5,000.01 + 2,500.00): off by 5,000.01.
    expect(rep).toMatchObject({ commitMinor: 1_250_000n, actualMinor: 1_750_001n, gapMinor: -500_001n, benchmark: "off" });
    expect(rep.accuracy).toBeCloseTo(1 - 500_001 / 1_750_001, 12);
  });

  it("a quarter in progress shows the standing commit, closed so far and the gap, with no accuracy", async () => {
    const now = new Date();
    const current = periodContaining(todayIn(org, now), "QUARTER", FEB);
    const start = startOfLocalDay(current.start, NY);
    const stage = await prisma.pipelineStage.findFirstOrThrow({ where: { name: "Negotiation" } });
    await prisma.forecastSubmission.create({
      data: { userId: a1, scope: "REP", teamId: teamA.id, periodType: "QUARTER", periodStart: toDbDate(current.start), periodEnd: toDbDate(current.end), commitMinor: 1_250_000n, bestCaseMinor: 2_000_000n, submittedAt: new Date(start.getTime() + 3_600_000) },
    });
    await createDeal(prisma, { ownerId: a1, stageId: stage.id, status: "WON", amountMinor: 400_000n, createdAt: new Date(start.getTime() + 3_600_000), closedAt: new Date(now.getTime() - 60_000) });
    const scope = { kind: "ORGANISATION" as const };
    const [d, t] = await Promise.all([loadQuarterlyDashboard(exec, { quarter: current, scope }, org, todayIn(org, now)), loadQuarterToDate(exec, { quarter: current, scope }, org, now)]);
    const raw = d.forecast.reps.find((r) => r.userId === a1)!;
    // What the quarter's first weeks used to show: an accuracy of −112.5%, "off by more than 10%".
    expect(raw.accuracy).toBeCloseTo(1 - 850_000 / 400_000, 12);
    const f = forecastAsOf(d.forecast, t.comparison);
    expect(f.scored).toBe(false);
    expect(f.reps.find((r) => r.userId === a1)).toMatchObject({ commitMinor: 1_250_000n, actualMinor: 400_000n, gapMinor: 850_000n, accuracy: null, errorRatio: null, benchmark: null });
    expect(f.reps.every((r) => r.accuracy === null && r.benchmark === null)).toBe(true);
    expect(f.organisation).toMatchObject({ accuracy: null, benchmark: null });
  });
});

describe("velocity and stage conversion of an ended quarter, to the cent and the day", () => {
  it("FY2027 Q3 for the organisation", async () => {
    const d = await loadQuarterlyDashboard(exec, { quarter: q3, scope: { kind: "ORGANISATION" } }, org, todayIn(org));
    // Won: 10,000.00 + 5,000.01 + 2,500.00 + 1,000.00 = 18,500.01 over 4 deals; lost 3,000.00.
    expect(d.current).toMatchObject({ won: 4, lost: 1, wonMinor: 1_850_001n, lostMinor: 300_000n, winRateByCount: 0.8 });
    // 18,500.01 ÷ 4 = 4,625.0025: 4,625.00 to the cent.
    expect(d.current.averageDealSizeMinor).toBe(462_500n);
    // Cycle: (40 + 27 + 10 + 1) ÷ 4 = 19.5 days, from first contact (24 Jul for the one that has it) to the close day.
    expect(d.current.cycleDays).toBe(19.5);
    // Open qualified at the quarter's end (1 Nov 00:00 New York): the Discovery deal only.
    expect(d.current.openQualifiedAtEnd).toBe(1);
    // 1 × 4/5 × 18,500.01/4 ÷ 19.5 = 189.7437… a day (exact sums, rounded once): 189.74.
    expect(d.current.velocityPerDayMinor).toBe(18_974);
    // Conversion from the highest stage each closed deal reached: Negotiation ×3 (won), Proposal ×1 (won), Discovery ×1 (lost).
    const rates = Object.fromEntries(d.stages.map((s) => [s.name, [s.reached, s.advanced]]));
    expect(rates).toEqual({ Prospecting: [5, 5], Discovery: [5, 4], Qualification: [4, 4], Solution: [4, 4], Proposal: [4, 3], Negotiation: [3, 3] });
    expect(d.constraint?.name).toBe("Proposal");
  });
});
