import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// The executive's quarterly review: dashboard → drill-down → calculator → review record → CSV with the same totals.

const moneyOf = (decimal: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(Number(decimal));

test("an executive reads the quarter, drills into a figure, changes an assumption, records a review and exports the same totals", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/quarterly");
  // The last complete quarter (the picker lists the next, the current, then earlier quarters).
  const picker = page.getByRole("form", { name: "Quarter and team" });
  const previous = await picker.getByLabel("Quarter").locator("option").nth(2).textContent();
  await picker.getByLabel("Quarter").selectOption({ label: previous! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Quarterly review · ${previous}`);

  const won = (await page.getByTestId("won-revenue").textContent())!;
  expect(won).toMatch(/^\$[\d,]+$/);
  await expect(page.getByTestId("constraint-explanation")).toContainText("is the constraint");

  // Drill down: the deals behind closed-won revenue add up to the figure.
  await page.getByRole("link", { name: "Closed-won revenue: see the deals" }).click();
  await expect(page).toHaveURL(/\/quarterly\/drill\?/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deals won in the quarter");
  await expect(page.getByTestId("drill-total")).toHaveText(won);
  const count = Number(await page.getByTestId("drill-count").textContent());
  expect(count).toBeGreaterThan(0);
  await expect(page.getByRole("row")).toHaveCount(Math.min(count, 500) + 1);
  await expect(page.getByRole("cell", { name: "WON", exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();

  // The calculator: a better conversion is worth more.
  const value = page.getByTestId("calc-conversion-value");
  const before = await value.textContent();
  await page.getByLabel(/Improved conversion/).fill("100");
  await expect(value).not.toHaveText(before!);
  const stale = page.getByTestId("calc-at-risk");
  await expect(stale).toHaveText(/^\$[\d,]+$/);

  // Export: the summary CSV carries the same closed-won revenue.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export summary CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^quarterly-summary-.*\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  const row = csv.split("\r\n").find((line) => line.startsWith("Closed-won revenue,"))!;
  expect(moneyOf(row.split(",")[1])).toBe(won);

  // Record a review: its frozen snapshot shows the same figure.
  await page.getByRole("link", { name: "Reviews" }).click();
  const record = page.getByRole("form", { name: "Record a review" });
  await record.getByLabel("Quarter").selectOption({ label: previous! });
  await record.getByLabel("Constraint identified").fill("Discovery: deals stall before a solution is shaped");
  await record.getByRole("button", { name: "Record review" }).click();
  await expect(page).toHaveURL(/\/quarterly\/reviews\/[^/]+$/);
  await expect(page.getByTestId("snapshot").getByRole("row", { name: /Closed-won revenue/ })).toContainText(won);
  await page.getByLabel("Decision", { exact: true }).fill("Run a discovery workshop for every rep");
  await page.getByLabel("Due date").fill("2027-01-15");
  await page.getByRole("button", { name: "Add decision" }).click();
  await expect(page.getByRole("list", { name: "Decisions" })).toContainText("Run a discovery workshop for every rep");
});

test("a bad quarter or filter in the URL gets a clear message, not a crash", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/quarterly?q=not-a-quarter");
  await expect(page.getByRole("alert").filter({ hasText: "is not a quarter" })).toBeVisible();
  await page.goto("/quarterly?team=no-such-team");
  await expect(page.getByRole("alert").filter({ hasText: "does not exist" })).toBeVisible();
  await page.goto("/quarterly/drill?metric=bogus");
  await expect(page.getByRole("alert").filter({ hasText: "is not a figure" })).toBeVisible();
});

test("a manager sees their own team only, and a rep is refused", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/quarterly");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Quarterly review");
  await expect(page.getByText("Team East.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Quarter and team" }).getByLabel("Team").locator("option")).toHaveText(["East"]);
  await page.goto("/quarterly?team=all");
  await expect(page.getByRole("alert").filter({ hasText: "organisation-wide view is for executives" })).toBeVisible();
  const response = await page.request.get("/api/export/quarterly/summary?team=all");
  expect(response.status()).toBe(400);

  await page.context().clearCookies();
  await signIn(page, DEMO.rep);
  // The page streams behind a loading state, so the refusal is the 403 page's content rather than the status line.
  await page.goto("/quarterly");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByTestId("won-revenue")).toHaveCount(0);
  const csv = await page.request.get("/api/export/quarterly/summary");
  expect(csv.status()).toBe(403);
});
