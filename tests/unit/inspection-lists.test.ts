// The inspection page's long lists show their first 25 rows and a "Show all N" link; `?show=` expands one of them.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FlagSections, LIST_PREVIEW } from "@/components/inspection/inspection-report";
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
const data = { stale, noNextStep: [], overdue: [], paused: [], lateStage: stale.slice(0, 3) } as unknown as InspectionData;
const showHref = (key: string | null) => (key ? `/inspection?team=t1&show=${key}` : "/inspection?team=t1");
const render = (show: string | null) => renderToStaticMarkup(createElement(FlagSections, { data, currency: "USD", show, showHref }));
const rowsOf = (html: string, label: string) => {
  const table = html.split(`aria-label="${label}"`)[1]?.split("</table>")[0] ?? "";
  return table.split('data-testid="inspected-deal"').length - 1;
};

describe("inspection lists", () => {
  it("shows the first 25 stale deals, the full count in the heading, and a link to all of them", () => {
    const html = render(null);
    expect(rowsOf(html, "Stale deals")).toBe(LIST_PREVIEW);
    expect(html).toContain("Stale deals (30)");
    expect(html).toContain("Showing 25 of 30.");
    expect(html).toContain('href="/inspection?team=t1&amp;show=stale"');
    expect(html).toContain("Show all 30 stale deals");
    // A short list has no link.
    expect(rowsOf(html, "Late-stage deals")).toBe(3);
    expect(html).not.toContain("late-stage deals</a>");
  });

  it("shows every row of the list named by ?show=, with a way back", () => {
    const html = render("stale");
    expect(rowsOf(html, "Stale deals")).toBe(30);
    expect(html).toContain("Show the first 25 only");
  });
});
