// The pipeline flow: start + ins − outs = end to the cent on generated histories, every deal's change in exactly
// one bar, and the window a URL names.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dealAsOf } from "@/lib/domain/as-of";
import { addDealToFlow, classifyDealFlow, emptyFlowTotals, flowBalances, resolveFlowWindow, totalIn, totalOut } from "@/lib/domain/flow";
import { dealsArb, instantArb, minute, recorded, truthAt } from "@/tests/support/deal-histories";

const WINDOW_DAYS = { start: "2026-01-05", end: "2026-01-10" };

describe("the flow's identity", () => {
  it("start + ins − outs = end to the cent, and start and end are the open pipeline at both instants", () => {
    fc.assert(
      fc.property(dealsArb(), instantArb, fc.integer({ min: 0, max: 6_000 }), (deals, from, span) => {
        const to = new Date(from.getTime() + span * 60_000);
        const totals = emptyFlowTotals();
        let openFrom = 0n;
        let openTo = 0n;
        for (const deal of deals) {
          const { now, changes } = recorded(deal);
          const s = dealAsOf(now, changes, from);
          const e = dealAsOf(now, changes, to);
          addDealToFlow(totals, s, e, now.createdAt.getTime() >= from.getTime(), WINDOW_DAYS);
          const ts = truthAt(deal, from);
          const te = truthAt(deal, to);
          if (ts?.status === "OPEN") openFrom += ts.amountMinor;
          if (te?.status === "OPEN") openTo += te.amountMinor;
        }
        expect(flowBalances(totals)).toBe(true);
        expect(totals.start.amountMinor + totalIn(totals) - totalOut(totals)).toBe(totals.end.amountMinor);
        expect(totals.start.amountMinor).toBe(openFrom);
        expect(totals.end.amountMinor).toBe(openTo);
      }),
      { numRuns: 300 },
    );
  });

  const open = (amountMinor: bigint, closeDate = "2026-01-08") => ({ id: "d", status: "OPEN" as const, stageId: "s", amountMinor, closeDate });

  it("puts each kind of change in its bar", () => {
    expect(classifyDealFlow(open(100n), open(150n), false)).toEqual([{ category: "increased", amountMinor: 50n }]);
    expect(classifyDealFlow(open(100n), open(60n), false)).toEqual([{ category: "decreased", amountMinor: 40n }]);
    expect(classifyDealFlow(null, open(70n), true)).toEqual([{ category: "new", amountMinor: 70n }]);
    expect(classifyDealFlow({ ...open(70n), status: "LOST" }, open(70n), false)).toEqual([{ category: "reopened", amountMinor: 70n }]);
    expect(classifyDealFlow(open(100n), { ...open(120n), status: "WON" }, false)).toEqual([{ category: "won", amountMinor: 100n }]);
    expect(classifyDealFlow(open(100n), { ...open(100n), status: "LOST" }, false)).toEqual([{ category: "lost", amountMinor: 100n }]);
    // Created and won inside the window: shown as new and as won, netting to nothing.
    expect(classifyDealFlow(null, { ...open(90n), status: "WON" }, true)).toEqual([
      { category: "new", amountMinor: 90n },
      { category: "won", amountMinor: 90n },
    ]);
    expect(classifyDealFlow(open(100n), open(100n), false)).toEqual([]);
  });

  it("shows a push out of the window beside the bars without changing the total", () => {
    const t = emptyFlowTotals();
    addDealToFlow(t, open(100n, "2026-01-08"), open(100n, "2026-02-20"), false, WINDOW_DAYS);
    expect(t.shifts.pushed).toEqual({ deals: 1, amountMinor: 100n });
    expect(totalIn(t) + totalOut(t)).toBe(0n);
    expect(flowBalances(t)).toBe(true);
  });
  void minute;
});

describe("the flow's window", () => {
  const ctx = { today: "2026-12-02", now: new Date("2026-12-02T15:00:00Z"), timeZone: "America/New_York", fiscalYearStartMonth: 1 };

  it("defaults to this week (Monday to Sunday in the organisation's zone), in progress until now", () => {
    const r = resolveFlowWindow({}, ctx);
    expect(r.ok && r.window.start).toBe("2026-11-30");
    expect(r.ok && r.window.end).toBe("2026-12-06");
    expect(r.ok && r.window.from.toISOString()).toBe("2026-11-30T05:00:00.000Z");
    expect(r.ok && r.window.to).toEqual(ctx.now);
  });

  it("offers the month and the fiscal quarter, and custom dates ending at midnight after the last day", () => {
    const m = resolveFlowWindow({ preset: "month" }, ctx);
    expect(m.ok && [m.window.start, m.window.end]).toEqual(["2026-12-01", "2026-12-31"]);
    const q = resolveFlowWindow({ preset: "quarter" }, { ...ctx, fiscalYearStartMonth: 2 });
    expect(q.ok && [q.window.start, q.window.end]).toEqual(["2026-11-01", "2027-01-31"]);
    const c = resolveFlowWindow({ from: "2026-10-01", to: "2026-10-31" }, ctx);
    expect(c.ok && c.window.to.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(c.ok && c.window.inProgress).toBe(false);
  });

  it("refuses a malformed, reversed, out-of-range or future window with a message", () => {
    for (const params of [{ from: "2026-10-31", to: "2026-10-01" }, { from: "0100-01-01", to: "2026-01-01" }, { from: "2027-01-01", to: "2027-01-31" }, { from: "nope", to: "2026-01-01" }, { preset: "year" }]) {
      const r = resolveFlowWindow(params, ctx);
      expect(r.ok).toBe(false);
    }
  });
});
