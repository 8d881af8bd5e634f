import { describe, expect, it } from "vitest";
import { BENCH_EMAILS, buildCalendar, CHUNK_DEALS, defaultOptions, generateDeals, planPeople } from "@/prisma/seed-large";

const opts = defaultOptions({ deals: 2 * CHUNK_DEALS, today: "2026-11-23" });
const people = planPeople(opts);
const cal = buildCalendar(opts.today, opts.timeZone);

describe("the large benchmark data set", () => {
  it("has 50 teams and 500 reps, with exactly 12 reps in Bench Team 01 and its manager and an executive to sign in as", () => {
    expect(people.teams).toHaveLength(50);
    expect(people.reps).toHaveLength(500);
    expect(people.teams[0].name).toBe("Bench Team 01");
    expect(people.repTeam.filter((t) => t === 0)).toHaveLength(12);
    // Every other team gets a share of the rest, and every team has its manager.
    for (let t = 1; t < 50; t++) expect(people.repTeam.filter((x) => x === t).length).toBeGreaterThanOrEqual(9);
    expect(new Set(people.teamManagers.map((m) => m.teamId)).size).toBe(50);
    const emails = new Map(people.users.map((u) => [u.email, u]));
    expect(emails.get(BENCH_EMAILS.manager01)?.role).toBe("MANAGER");
    expect(people.teamManagers.find((m) => m.teamId === "bt_01")?.userId).toBe(emails.get(BENCH_EMAILS.manager01)?.id);
    expect(emails.get(BENCH_EMAILS.executive)?.role).toBe("EXECUTIVE");
    expect(emails.get(BENCH_EMAILS.rep0001)?.teamId).toBe("bt_01");
    expect(emails.size).toBe(people.users.length);
  });

  it("scales the teams and reps it is asked for", () => {
    const small = planPeople({ ...opts, teams: 3, reps: 20, team01Reps: 12 });
    expect(small.teams).toHaveLength(3);
    expect(small.repTeam.filter((t) => t === 0)).toHaveLength(12);
    expect(small.repTeam.filter((t) => t === 1)).toHaveLength(4);
    expect(small.repTeam.filter((t) => t === 2)).toHaveLength(4);
  });

  it("is deterministic: the same seed gives the same deals and history", () => {
    const a = generateDeals(1, opts, people, cal);
    const b = generateDeals(1, opts, people, cal);
    expect(b.deals).toEqual(a.deals);
    expect(b.changes).toEqual(a.changes);
    expect(generateDeals(0, opts, people, cal).deals.id[0]).not.toBe(a.deals.id[0]);
    // Three chunks of 2,000 deals, compared field by field: seconds on a loaded 2-core machine.
  }, 60_000);

  it("writes about ten history rows per deal, and the newest row of each field holds the deal's current value", () => {
    const chunk = generateDeals(0, opts, people, cal);
    const d = chunk.deals;
    const c = chunk.changes;
    expect(d.id).toHaveLength(CHUNK_DEALS);
    const perDeal = c.dealId.length / d.id.length;
    expect(perDeal).toBeGreaterThan(8);
    expect(perDeal).toBeLessThan(13);

    // Plain checks collected into one list: thousands of expect() calls would be slow.
    const problems: string[] = [];
    const latest = new Map<string, { at: number; value: string | null }>();
    const statusRows = new Map<string, string | null>();
    for (let i = 0; i < c.dealId.length; i++) {
      const key = `${c.dealId[i]}|${c.field[i]}`;
      const prev = latest.get(key);
      if (prev && c.at[i] < prev.at) problems.push(`${key}: rows out of time order`);
      latest.set(key, { at: c.at[i], value: c.newValue[i] });
      if (c.field[i] === "status") statusRows.set(c.dealId[i], c.newValue[i]);
    }
    const check = (ok: boolean, what: string) => ok || problems.push(what);
    for (let k = 0; k < d.id.length; k++) {
      const id = d.id[k];
      check(latest.has(`${id}|created`), `${id}: no creation row`);
      check(latest.get(`${id}|stageId`)?.value === d.stageId[k], `${id}: stage`);
      check(latest.get(`${id}|amountMinor`)?.value === String(d.amountMinor[k]), `${id}: amount`);
      check(latest.get(`${id}|closeDate`)?.value === d.closeDate[k], `${id}: close date`);
      check((statusRows.get(id) ?? "OPEN") === d.status[k], `${id}: status`);
      check((d.closedAt[k] !== null) === (d.status[k] !== "OPEN"), `${id}: closedAt`);
      check(d.lastMovedAt[k] >= d.createdAt[k] && d.lastTouchedAt[k] >= d.lastMovedAt[k], `${id}: movement before creation or touch before movement`);
      check(d.status[k] !== "LOST" || d.lostReason[k] !== null, `${id}: lost without a reason`);
      check(d.lastTouchedAt[k] <= cal.midnight[cal.today + 1], `${id}: touched in the future`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("gives today's inspection something to find: open, won and lost deals; stale, undated and overdue next steps; paused deals", () => {
    const { deals: d } = generateDeals(0, opts, people, cal);
    const today = cal.iso[cal.today];
    const staleBefore = cal.midnight[cal.today - 14];
    const open = d.id.map((_, k) => k).filter((k) => d.status[k] === "OPEN");
    expect(open.length).toBeGreaterThan(CHUNK_DEALS * 0.05);
    expect(d.status.filter((s) => s === "WON").length).toBeGreaterThan(CHUNK_DEALS * 0.1);
    expect(d.status.filter((s) => s === "LOST").length).toBeGreaterThan(CHUNK_DEALS * 0.1);
    expect(open.filter((k) => d.lastMovedAt[k] < staleBefore).length).toBeGreaterThan(0);
    expect(open.filter((k) => d.nextStep[k] === null).length).toBeGreaterThan(0);
    expect(open.filter((k) => d.nextStepDate[k] !== null && d.nextStepDate[k]! < today).length).toBeGreaterThan(0);
    expect(open.filter((k) => d.pausedUntil[k] !== null && d.pausedUntil[k]! > today).length).toBeGreaterThan(0);
  });
});
