// Deals end to end: the up-front contract in the deal form, the inline next-step update, the stale clock.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { generateDemoData, DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";

const today = () => localDate(new Date(), DEMO_TIME_ZONE);
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

async function createDealWithoutNextStep(page: import("@playwright/test").Page, name: string) {
  await page.goto("/deals/new");
  await page.getByLabel("Deal name").fill(name);
  await page.getByLabel("Amount (USD)").fill("12,500");
  await page.getByLabel("Close date").fill(addDays(today(), 30));
  await page.getByRole("button", { name: "Create deal" }).click();
  await page.waitForURL(/\/deals\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("a rep updates a next step from the list and the no-next-step flag clears", async ({ page }) => {
  await signIn(page, DEMO.rep);
  const name = unique("Inline next step");
  await createDealWithoutNextStep(page, name);
  await page.goto(`/deals?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId("deal-row").filter({ hasText: name });
  await expect(row.getByTestId("deal-flags")).toContainText("No next step");
  await row.getByText("Update next step").click();
  await row.getByLabel("Next step", { exact: true }).fill("Discovery call with the CFO");
  await row.getByLabel("Next-step date").fill(addDays(today(), 2));
  await row.getByRole("button", { name: "Save next step" }).click();
  await expect(row.getByText("Saved.")).toBeVisible();
  await expect(row.getByTestId("deal-flags")).not.toContainText("No next step");
  await expect(row).toContainText("Discovery call with the CFO");
});

test("moving a stage without a next step is refused at the fields, and fixed in the same form", async ({ page }) => {
  await signIn(page, DEMO.rep);
  const name = unique("Up-front contract");
  await createDealWithoutNextStep(page, name);
  const form = page.getByRole("form", { name: "Edit deal" });
  await form.getByLabel("Stage").selectOption({ label: "Discovery" });
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Set a next step before moving the deal to another stage.")).toBeVisible();
  // What was typed is still there; fix both fields and save once.
  await expect(form.getByLabel("Stage")).toHaveValue(await form.getByLabel("Stage").locator("option", { hasText: "Discovery" }).getAttribute("value") as string);
  await form.getByLabel("Next step", { exact: true }).fill("Agree mutual action plan");
  await form.getByLabel("Next-step date").fill(today());
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  const history = page.getByRole("table", { name: "Change history" });
  await expect(history.getByTestId("history-row").filter({ hasText: "Stage" }).filter({ hasText: "Discovery" })).toContainText("Prospecting");
  await expect(history).toContainText("$12,500");
});

test("a stale deal shows its correct day count", async ({ page }) => {
  const demo = generateDemoData(today());
  const riley = demo.users.find((u) => u.email === DEMO.rep)!;
  const stale = demo.deals.filter((d) => d.ownerId === riley.id && d.status === "OPEN")[0];
  await signIn(page, DEMO.rep);
  await page.goto(`/deals?flag=stale&q=${encodeURIComponent(stale.name)}`);
  const row = page.getByTestId("deal-row").filter({ hasText: stale.name }).first();
  await expect(row.getByTestId("days-since-movement")).toHaveText("21");
  await expect(row.getByTestId("deal-flags")).toContainText("Stale");
});
