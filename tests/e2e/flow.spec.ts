import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// The pipeline flow (issue 13 item 4): the table's bars add up to the cent, a bar opens its deals, and the deals
// listed add up to the bar; executives get a row per team.

const BARS = ["start", "new", "reopened", "increased", "won", "lost", "decreased", "end"] as const;

async function readBars(page: Page): Promise<Record<(typeof BARS)[number], bigint>> {
  const out = {} as Record<(typeof BARS)[number], bigint>;
  for (const bar of BARS) out[bar] = BigInt((await page.getByTestId(`flow-amount-${bar}`).getAttribute("data-minor"))!);
  return out;
}

test("a manager's flow adds up to the cent, and clicking a bar opens the deals that put it there", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline flow" }).click();
  await expect(page).toHaveURL(/\/flow/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Pipeline flow");

  // This quarter: the demo history has deals created, won, lost and changed in it.
  await page.getByLabel("Window", { exact: true }).selectOption("quarter");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/preset=quarter/);
  const b = await readBars(page);
  expect(b.start + b.new + b.reopened + b.increased - b.won - b.lost - b.decreased).toBe(b.end);
  expect(b.new + b.won + b.lost).toBeGreaterThan(0n);

  // The largest non-empty "in" or "out" bar opens its deals, each with its owner, amount and a link to the deal.
  const bar = (["won", "new", "lost"] as const).find((k) => b[k] > 0n)!;
  await page.getByTestId(`flow-amount-${bar}`).click();
  await expect(page).toHaveURL(new RegExp(`bar=${bar}`));
  const rows = page.getByTestId("flow-deal");
  await expect(rows.first()).toBeVisible();
  const amounts = await page.getByTestId("flow-deals").locator("td[data-minor]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-minor")!));
  expect(amounts.reduce((a, v) => a + BigInt(v), 0n)).toBe(b[bar]);
  const first = rows.first().getByRole("link");
  const name = await first.textContent();
  await first.click();
  await expect(page).toHaveURL(/\/deals\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name!.trim());
});

test("a bar of the waterfall opens its deals", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/flow?preset=quarter");
  const b = await readBars(page);
  const waterfall = page.getByRole("img", { name: /Waterfall of the pipeline/ });
  await waterfall.scrollIntoViewIfNeeded();
  await expect(waterfall).toBeVisible();
  // The last bar is the end: open pipeline at the window's end.
  const endBar = page.locator(".recharts-bar-rectangle path, .recharts-rectangle").last();
  await endBar.click();
  await expect(page).toHaveURL(/bar=end/);
  await expect(page.getByTestId("flow-deal").first()).toBeVisible();
  expect(b.end).toBeGreaterThan(0n);
});

test("an executive sees the organisation's flow with a row per team that add up", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/flow?preset=month");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Organisation");
  const b = await readBars(page);
  expect(b.start + b.new + b.reopened + b.increased - b.won - b.lost - b.decreased).toBe(b.end);
  await expect(page.getByTestId("flow-team-row")).toHaveCount(3);
  // A window the page cannot show is refused with a message, not an error page.
  await page.goto("/flow?preset=custom&from=2026-02-30&to=2026-03-01");
  await expect(page.getByRole("alert").filter({ hasText: "Choose a start and an end date" })).toBeVisible();
});
