// The as-of reconstruction: rolled back from today's row through the recorded history, a deal's state at any instant
// equals its true state replayed forward from creation (generated histories), including closes recorded only as closedAt.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dealAsOf, isOpenAsOf, type DealChangeRow, type DealNow } from "@/lib/domain/as-of";
import { dealArb, instantArb, recorded, truthAt } from "@/tests/support/deal-histories";

const at = (iso: string) => new Date(iso);

describe("a deal's state as of an instant", () => {
  it("equals the state replayed forward from its creation, for generated histories and instants", () => {
    fc.assert(
      fc.property(dealArb, fc.array(instantArb, { minLength: 1, maxLength: 12 }), (generated, instants) => {
        const deal = { ...generated, id: "d1" };
        const { now, changes } = recorded(deal);
        for (const t of instants) expect(dealAsOf(now, changes, t)).toEqual(truthAt(deal, t));
      }),
      { numRuns: 400 },
    );
  });

  const deal: DealNow = {
    id: "d", createdAt: at("2026-06-01T12:00:00Z"), closedAt: null, status: "OPEN", stageId: "qualified", amountMinor: 50_000_00n, closeDate: "2026-09-30",
  };
  const changes: DealChangeRow[] = [
    { id: 1, at: at("2026-06-01T12:00:00Z"), field: "stageId", oldValue: null, newValue: "lead" },
    { id: 2, at: at("2026-07-15T12:00:00Z"), field: "stageId", oldValue: "lead", newValue: "qualified" },
    { id: 3, at: at("2026-07-15T12:00:00Z"), field: "amountMinor", oldValue: "40000.00", newValue: "5000000" },
  ];

  it("reads a stage as it was at the instant, not as it is today", () => {
    // Still "lead" at the end of June: the velocity's qualified count must not include it (issue 18 item 11).
    expect(dealAsOf({ ...deal, amountMinor: 50_000_00n }, changes.slice(0, 2), at("2026-07-01T04:00:00Z"))?.stageId).toBe("lead");
    expect(dealAsOf(deal, changes.slice(0, 2), at("2026-07-15T12:00:00.001Z"))?.stageId).toBe("qualified");
  });

  it("takes a change made exactly at the instant as not yet made, and a deal created then as not yet there", () => {
    expect(dealAsOf(deal, changes.slice(0, 2), at("2026-07-15T12:00:00Z"))?.stageId).toBe("lead");
    expect(dealAsOf(deal, changes, at("2026-06-01T12:00:00Z"))).toBeNull();
  });

  it("leaves a deal out when its recorded history cannot say what it was (a malformed old amount)", () => {
    expect(dealAsOf(deal, changes, at("2026-07-01T00:00:00Z"))).toBeNull();
  });

  it("counts a deal closed after the instant as open then, even without a status row", () => {
    const won: DealNow = { ...deal, status: "WON", closedAt: at("2026-08-01T12:00:00Z") };
    expect(isOpenAsOf(won, [], at("2026-07-31T00:00:00Z"))).toBe(true);
    expect(isOpenAsOf(won, [], at("2026-08-02T00:00:00Z"))).toBe(false);
  });
});
