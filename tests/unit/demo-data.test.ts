import { describe, expect, it } from "vitest";
import { generateDemoData } from "@/prisma/demo-data";
import { daysBetween, localDate } from "@/lib/domain/calendar";

const TODAY = "2026-11-23";
const data = generateDemoData(TODAY);

describe("demo data", () => {
  it("is deterministic for the same day", () => {
    const again = generateDemoData(TODAY);
    expect(again.deals.map((d) => [d.id, d.amountMinor, d.stageId, d.status])).toEqual(
      data.deals.map((d) => [d.id, d.amountMinor, d.stageId, d.status]),
    );
  });

  it("has the organisation's people: 3 teams and managers, 15 reps, an executive and an admin", () => {
    const count = (role: string) => data.users.filter((u) => u.role === role).length;
    expect(data.teams).toHaveLength(3);
    expect(count("MANAGER")).toBe(3);
    expect(count("REP")).toBe(15);
    expect(count("EXECUTIVE")).toBe(1);
    expect(count("ADMIN")).toBe(1);
    expect(new Set(data.users.map((u) => u.email)).size).toBe(data.users.length);
  });

  it("spans about 18 months with open, won and lost deals", () => {
    const oldest = data.deals.reduce((min, d) => (d.createdAt < min ? d.createdAt : min), data.deals[0].createdAt);
    expect(daysBetween(localDate(oldest, "America/New_York"), TODAY)).toBeGreaterThan(500);
    for (const status of ["OPEN", "WON", "LOST"]) expect(data.deals.some((d) => d.status === status)).toBe(true);
    const won = data.deals.filter((d) => d.status === "WON").length;
    const lost = data.deals.filter((d) => d.status === "LOST").length;
    expect(won / (won + lost)).toBeGreaterThan(0.15);
    expect(won / (won + lost)).toBeLessThan(0.6);
  });

  it("keeps every deal's history in agreement with its current state", () => {
    const byDeal = new Map<string, typeof data.changes>();
    for (const c of data.changes) byDeal.set(c.dealId, [...(byDeal.get(c.dealId) ?? []), c]);
    for (const deal of data.deals) {
      const rows = [...(byDeal.get(deal.id) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
      const last = (field: string) => rows.filter((r) => r.field === field).at(-1)?.newValue;
      expect(rows[0]?.field, deal.id).toBe("created");
      expect(last("stageId"), deal.id).toBe(deal.stageId);
      expect(last("amountMinor"), deal.id).toBe(deal.amountMinor.toString());
      expect(last("closeDate"), deal.id).toBe(deal.closeDate);
      expect(last("status") ?? "OPEN", deal.id).toBe(deal.status);
      const pushes = rows.filter((r) => r.field === "closeDate" && r.oldValue && r.newValue! > r.oldValue).length;
      expect(deal.pushCount, deal.id).toBeLessThanOrEqual(pushes);
    }
  });

  it("never has a deal closed before it was created or moved after today", () => {
    for (const d of data.deals) {
      expect(d.lastMovedAt.getTime()).toBeGreaterThanOrEqual(d.createdAt.getTime());
      expect(d.lastTouchedAt.getTime()).toBeGreaterThanOrEqual(d.lastMovedAt.getTime());
      expect(localDate(d.lastMovedAt, "America/New_York") <= TODAY).toBe(true);
      if (d.status !== "OPEN") expect(d.closedAt).not.toBeNull();
      else expect(d.closedAt).toBeNull();
      if (d.status === "LOST") expect(d.lostReason).toMatch(/\S/);
    }
  });

  it("shows today what an inspection should find: stale, no next step, overdue and one paused deal", () => {
    const open = data.deals.filter((d) => d.status === "OPEN");
    const stale = open.filter((d) => daysBetween(localDate(d.lastMovedAt, "America/New_York"), TODAY) >= 14);
    expect(stale.length).toBeGreaterThan(0);
    expect(open.some((d) => !d.nextStep || !d.nextStepDate)).toBe(true);
    expect(open.some((d) => d.nextStepDate && d.nextStepDate < TODAY)).toBe(true);
    expect(open.filter((d) => d.pausedUntil && d.pausedUntil > TODAY)).toHaveLength(1);
  });

  it("submits no forecast later than yesterday: the seed runs at any hour, and a submission at 9:00 today may not have happened yet", () => {
    expect(data.forecasts.every((f) => localDate(f.submittedAt, "America/New_York") < TODAY)).toBe(true);
  });

  it("has leads, quotas, targets, forecasts, coaching and a past inspection", () => {
    expect(data.leads.length).toBeGreaterThan(1000);
    expect(data.quotas.length).toBeGreaterThan(0);
    expect(data.targets.map((t) => t.metric)).toContain("qualified_leads");
    expect(data.forecasts.length).toBeGreaterThan(0);
    expect(data.coaching.sessions.length).toBeGreaterThan(0);
    expect(data.coaching.plans.some((p) => p.verdict !== null)).toBe(true);
    expect(data.inspections.actionItems.some((a) => a.status === "OPEN")).toBe(true);
  });
});
