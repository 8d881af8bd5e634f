import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("the self-assessment is answered and shown beside its facts", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Self-assessment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Leadership self-assessment/ })).toBeVisible();

  // Keyboard: the first group's score moves with the arrow keys.
  const targets = page.getByRole("group", { name: /performance targets communicated with precision/ });
  await targets.getByRole("radio", { name: "3 · Partly" }).check();
  await page.keyboard.press("ArrowRight");
  await expect(targets.getByRole("radio", { name: "4 · Mostly" })).toBeChecked();

  await page.getByRole("group", { name: /clear, actionable data/ }).getByRole("radio", { name: "5 · Fully" }).check();
  await page.getByLabel("Notes on “Actionable data” (optional)").fill("Dashboards in every Monday inspection.");
  await page.getByRole("group", { name: /consistent feedback loop/ }).getByRole("radio", { name: "2 · Rarely" }).check();
  await page.getByRole("group", { name: /daily practices/ }).getByRole("radio", { name: "3 · Partly" }).check();
  await page.getByRole("group", { name: /forecast grounded/ }).getByRole("radio", { name: "4 · Mostly" }).check();
  await page.getByRole("button", { name: "Save answers" }).click();
  await expect(page.getByRole("status")).toContainText("Your answers are saved");

  // A fresh load keeps the answers.
  await page.reload();
  await expect(page.getByRole("group", { name: /clear, actionable data/ }).getByRole("radio", { name: "5 · Fully" })).toBeChecked();
  await expect(page.getByLabel("Notes on “Actionable data” (optional)")).toHaveValue("Dashboards in every Monday inspection.");

  // The quarterly review: the score beside the measured fact that answers the same question.
  await page.getByRole("link", { name: "Beside the facts" }).click();
  const row = page.getByTestId("self-assessment-row-actionable_data");
  await expect(row.getByTestId("score-selected")).toHaveText("5");
  const fact = row.getByTestId("fact-actionable_data-methodology_adoption");
  await expect(fact).toContainText(/Methodology adoption today: \d+% \(\d+ of \d+ open deals\)/);
  await expect(fact.getByRole("link")).toHaveAttribute("href", /\/quarterly\/drill\?.*metric=not_adopted/);
  const feedback = page.getByTestId("self-assessment-row-feedback_loop");
  await expect(feedback.getByTestId("score-selected")).toHaveText("2");
  await expect(feedback.getByTestId("fact-feedback_loop-inspection_on_time")).toContainText("Inspections on time to date:");
  // The quarter is in progress: the forecast is not scored.
  await expect(page.getByTestId("fact-forecast_grounded-forecast_accuracy")).toContainText("no verdict until the quarter ends");

  // The score links to the answers behind it.
  await row.getByTestId("score-selected").getByRole("link").click();
  await expect(page).toHaveURL(/\/self-assessment\?q=/);
});
