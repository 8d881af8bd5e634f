import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// A quarter in progress is labelled and compared at the same point; an ended one is whole against whole, scored.

test("the quarterly review of the quarter in progress says how far in it is and what it is compared with", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/quarterly");
  const label = page.getByTestId("period-label");
  await expect(label).toHaveText(/^QTD, day (\d+) of (89|90|91|92) · vs Q[1-4] at day \d+/);
  const [, day] = /day (\d+) of/.exec((await label.textContent())!)!;
  // The day agrees with the comparison: day N against the prior quarter's day N (or its last day when shorter).
  await expect(label).toContainText(new RegExp(`vs Q[1-4] at day (${day}|89|90|91)`));
  // The velocity table compares with the prior quarter at that day, and the forecast is not scored yet.
  await expect(page.getByRole("columnheader", { name: new RegExp(`at day (${day}|89|90|91)$`) })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Forecast (quarter in progress)" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Gap to commit" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Benchmark" })).toHaveCount(0);

  // An ended quarter is whole against whole, with forecast accuracy.
  const picker = page.getByRole("form", { name: "Quarter and team" });
  const previous = await picker.getByLabel("Quarter").locator("option").nth(2).textContent();
  await picker.getByLabel("Quarter").selectOption({ label: previous! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("period-label")).toHaveText(new RegExp(`^${previous} · vs FY\\d{4} Q[1-4]$`));
  await expect(page.getByRole("columnheader", { name: "Benchmark" })).toBeVisible();
});
