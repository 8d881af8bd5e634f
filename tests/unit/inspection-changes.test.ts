import { describe, expect, it } from "vitest";
import { classifyChanges, type ChangeEvent } from "@/lib/domain/inspection-changes";

const order = new Map([
  ["s1", 1],
  ["s2", 2],
  ["s3", 3],
]);
const quarter = { start: "2026-10-01", end: "2026-12-31" };
let minute = 0;
const ev = (dealId: string, field: string, oldValue: string | null, newValue: string | null): ChangeEvent => ({
  dealId,
  field,
  oldValue,
  newValue,
  at: new Date(Date.UTC(2026, 10, 20, 9, minute++)),
});

describe("classifying what changed since the last inspection", () => {
  it("reports a created deal as new, not as a stage move or amount change", () => {
    const s = classifyChanges([ev("d1", "created", null, null), ev("d1", "stageId", null, "s1"), ev("d1", "amountMinor", null, "500")], order, quarter);
    expect(s.newDeals.map((d) => d.dealId)).toEqual(["d1"]);
    expect(s.stageForward).toEqual([]);
    expect(s.amountUp).toEqual([]);
  });

  it("separates won and lost", () => {
    const s = classifyChanges([ev("d1", "status", "OPEN", "WON"), ev("d2", "status", "OPEN", "LOST")], order, quarter);
    expect(s.won.map((d) => d.dealId)).toEqual(["d1"]);
    expect(s.lost.map((d) => d.dealId)).toEqual(["d2"]);
  });

  it("tells stage moves forward from back by stage order", () => {
    const s = classifyChanges([ev("d1", "stageId", "s1", "s3"), ev("d2", "stageId", "s3", "s2")], order, quarter);
    expect(s.stageForward).toEqual([{ dealId: "d1", from: "s1", to: "s3" }]);
    expect(s.stageBack).toEqual([{ dealId: "d2", from: "s3", to: "s2" }]);
  });

  it("nets several moves of one deal: forward then back again is no move", () => {
    const s = classifyChanges([ev("d1", "stageId", "s1", "s2"), ev("d1", "stageId", "s2", "s1")], order, quarter);
    expect(s.stageForward).toEqual([]);
    expect(s.stageBack).toEqual([]);
  });

  it("nets two forward moves into one from the first to the last stage", () => {
    const s = classifyChanges([ev("d1", "stageId", "s1", "s2"), ev("d1", "stageId", "s2", "s3")], order, quarter);
    expect(s.stageForward).toEqual([{ dealId: "d1", from: "s1", to: "s3" }]);
  });

  it("compares amounts exactly in minor units, beyond float precision", () => {
    const s = classifyChanges(
      [ev("d1", "amountMinor", "900719925474099300", "900719925474099301"), ev("d2", "amountMinor", "1000", "999")],
      order,
      quarter,
    );
    expect(s.amountUp.map((d) => d.dealId)).toEqual(["d1"]);
    expect(s.amountDown.map((d) => d.dealId)).toEqual(["d2"]);
  });

  it("counts a close date moved out of the quarter as slipped and back in as pulled in, but not a move within", () => {
    const s = classifyChanges(
      [ev("d1", "closeDate", "2026-12-15", "2027-01-10"), ev("d2", "closeDate", "2027-02-01", "2026-12-20"), ev("d3", "closeDate", "2026-11-01", "2026-12-31")],
      order,
      quarter,
    );
    expect(s.slipped.map((d) => d.dealId)).toEqual(["d1"]);
    expect(s.pulledIn.map((d) => d.dealId)).toEqual(["d2"]);
    expect([...s.slipped, ...s.pulledIn].some((d) => d.dealId === "d3")).toBe(false);
  });

  it("treats a slip and a pull back within the window as no slip", () => {
    const s = classifyChanges([ev("d1", "closeDate", "2026-12-15", "2027-01-10"), ev("d1", "closeDate", "2027-01-10", "2026-12-20")], order, quarter);
    expect(s.slipped).toEqual([]);
    expect(s.pulledIn).toEqual([]);
  });

  it("orders events by time even when given out of order", () => {
    const late = { dealId: "d1", field: "stageId", oldValue: "s2", newValue: "s3", at: new Date("2026-11-21T10:00:00Z") };
    const early = { dealId: "d1", field: "stageId", oldValue: "s1", newValue: "s2", at: new Date("2026-11-20T10:00:00Z") };
    expect(classifyChanges([late, early], order, quarter).stageForward).toEqual([{ dealId: "d1", from: "s1", to: "s3" }]);
  });

  it("ignores unknown stages rather than guessing a direction", () => {
    const s = classifyChanges([ev("d1", "stageId", "gone", "s2")], order, quarter);
    expect(s.stageForward).toEqual([]);
    expect(s.stageBack).toEqual([]);
  });
});
