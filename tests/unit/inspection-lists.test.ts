// The inspection page's one triage list shows its first 25 rows and a "Show all N" link; `?show=flagged` expands it,
// `?flag=` filters it, and each flag's count stays complete.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LIST_PREVIEW, TriageSection } from "@/components/inspection/inspection-report";
import type { InspectedDeal, InspectionData } from "@/lib/data/inspection";

const deal = (i: number): InspectedDeal => ({
  id: `deal_${i}`,
  name: `Deal ${i}`,
  version: 1,
  accountName: null,
  ownerId: "rep",
  ownerName: "Riley Rep",
  stageId: "s1",
  stageName: "Discovery",
  amountMinor: "1000000",
  closeDate: "2026-12-15",
  nextStep: "Call",
  nextStepDate: "2026-11-30",
  daysSinceMovement: 40 - i,
  daysSinceTouch: 3,
  staleThresholdDays: 14,
  pausedUntil: null,
  pauseReason: null,
  pushCount: 0,
  flags: ["stale"],
});

const stale = Array.from({ length: 30 }, (_, i) => deal(i));
const late = stale.slice(0, 3).map((d) => ({ ...d, flags: ["stale", "late_stage"] as InspectedDeal["flags"] }));
const flagged = [...late, ...stale.slice(3)];
const data = { flagged, triage: flagged } as unknown as InspectionData;
const href = ({ flag, show }: { flag: string | null; show: boolean }) =>
  `/inspection?team=t1${flag ? `&flag=${flag}` : ""}${show ? "&show=flagged" : ""}`;
const render = (flag: string | null, show: boolean) => renderToStaticMarkup(createElement(TriageSection, { data, currency: "USD", flag, show, href }));
const rowsOf = (html: string) => html.split('data-testid="inspected-deal"').length - 1;

describe("inspection triage list", () => {
  it("shows each flagged deal once, the first 25, the full count and a link to all of them", () => {
    const html = render(null, false);
    expect(rowsOf(html)).toBe(LIST_PREVIEW);
    expect(html).toContain("Flagged deals (30)");
    expect(html).toContain("Showing 25 of 30.");
    expect(html).toContain('href="/inspection?team=t1&amp;show=flagged"');
    expect(html).toContain("Show all 30 flagged deals");
    // Counts per flag on top, complete whatever is shown.
    expect(html).toMatch(/data-testid="flag-filter-stale"[^>]*>Stale <span[^>]*>30</);
    expect(html).toMatch(/data-testid="flag-filter-late_stage"[^>]*>Late stage <span[^>]*>3</);
    // A deal with two flags is one row with two chips.
    expect(html.split(">Late stage</span>").length - 1).toBe(3);
  });

  it("shows every row with ?show=flagged, with a way back, and filters by one flag", () => {
    const all = render(null, true);
    expect(rowsOf(all)).toBe(30);
    expect(all).toContain("Show the first 25 only");
    const filtered = render("late_stage", false);
    expect(rowsOf(filtered)).toBe(3);
    expect(filtered).not.toContain("Show all");
  });
});
