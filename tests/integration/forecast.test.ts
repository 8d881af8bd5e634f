// Forecast submissions through the real action: field errors for bad amounts, team permissions, append-only history.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/safe-action";
import { submitForecast } from "@/lib/actions/forecast/submit-forecast";
import { loadForecastPage } from "@/lib/data/forecast";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { createOrganisation, createStages, createTeamWithReps, createDeal } from "@/prisma/factories";
import { addDays } from "@/lib/domain/calendar";

let rep: SessionUser;
let manager: SessionUser;
let otherTeamId: string;
let teamId: string;

beforeAll(async () => {
  await createOrganisation(prisma, { timeZone: "UTC", fiscalYearStartMonth: 1 });
  const stages = await createStages(prisma);
  const a = await createTeamWithReps(prisma, 1);
  const b = await createTeamWithReps(prisma, 1);
  rep = (await loadActor(a.reps[0].id))!;
  manager = (await loadActor(a.manager.id))!;
  teamId = a.team.id;
  otherTeamId = b.team.id;
  const org = await loadOrganisation(prisma);
  const today = todayIn(org);
  const negotiation = stages.find((s) => s.name === "Negotiation")!;
  // One late-stage deal (80%) closing today, i.e. inside the current quarter.
  await createDeal(prisma, { ownerId: rep.id, stageId: negotiation.id, amountMinor: 1_000_000n, closeDate: today, nextStepDate: addDays(today, 3) });
});

describe("submitting a forecast", () => {
  it("refuses a negative or non-numeric amount at the field, and saves nothing", async () => {
    const r = await runAction(submitForecast.definition, rep, { scope: "REP", commit: "-100", bestCase: "lots" });
    expect(r).toMatchObject({ ok: false, code: "INVALID" });
    const errors = (r as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(errors.commit).toEqual(["A forecast cannot be negative."]);
    expect(errors.bestCase?.[0]).toContain("Enter a number");
    expect(await prisma.forecastSubmission.count()).toBe(0);
  });

  it("keeps every submission (append-only) and shows them newest first beside what the deals suggest", async () => {
    expect((await runAction(submitForecast.definition, rep, { scope: "REP", commit: "5,000", bestCase: "9000" })).ok).toBe(true);
    expect((await runAction(submitForecast.definition, rep, { scope: "REP", commit: "6000", bestCase: "9000.50" })).ok).toBe(true);
    const org = await loadOrganisation(prisma);
    const page = await loadForecastPage(rep, org, todayIn(org));
    expect(page.targets).toHaveLength(1);
    expect(page.targets[0].history.map((h) => h.commitMinor)).toEqual([600_000n, 500_000n]);
    expect(page.targets[0].suggestion).toMatchObject({ lateStageMinor: 1_000_000n, lateStageDeals: 1, weightedOpenMinor: 800_000n });
  });

  it("lets a manager forecast their own team only", async () => {
    const own = await runAction(submitForecast.definition, manager, { scope: "TEAM", teamId, commit: "10000", bestCase: "12000" });
    expect(own.ok).toBe(true);
    const other = await runAction(submitForecast.definition, manager, { scope: "TEAM", teamId: otherTeamId, commit: "10000", bestCase: "12000" });
    expect(other).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const asRep = await runAction(submitForecast.definition, rep, { scope: "TEAM", teamId, commit: "1", bestCase: "1" });
    expect(asRep).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await prisma.forecastSubmission.count({ where: { scope: "TEAM" } })).toBe(1);
  });

  it("refuses a best case below the commit", async () => {
    const r = await runAction(submitForecast.definition, rep, { scope: "REP", commit: "10", bestCase: "5" });
    expect((r as { fieldErrors: Record<string, string[]> }).fieldErrors.bestCase).toEqual(["The best case cannot be below the commit."]);
  });
});
