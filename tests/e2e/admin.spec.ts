import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const card = (page: Page, title: string) => page.locator("section", { has: page.getByRole("heading", { name: title, exact: true }) });

async function saveSettings(page: Page, timeZone: string, staleDays: string) {
  await page.goto("/admin/settings");
  await page.getByLabel("Time zone").selectOption(timeZone);
  await page.getByLabel("Stale after (days)").fill(staleDays);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
}

async function totalStale(page: Page) {
  await page.goto("/admin/stages");
  return Number(await page.getByTestId("total-stale").textContent());
}

test("an admin creates a user, then deactivates them", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/users");
  const create = card(page, "Create a user");
  const email = `eve.e2e.${Date.now()}@cadence.demo`;
  await create.getByLabel("Name").fill("Eve Ettoday");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Role").selectOption("EXECUTIVE");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByRole("status")).toContainText("User created.");
  await expect(create.getByTestId("generated-password")).toHaveText(/^[A-Za-z0-9]{16}$/);
  const row = page.getByTestId(`user-${email}`);
  await expect(row).toContainText("Eve Ettoday");

  await row.getByRole("button", { name: "Deactivate Eve Ettoday" }).click();
  await expect(row.getByText("deactivated")).toBeVisible();
  await page.goto("/admin/audit?action=user.");
  await expect(page.getByRole("table", { name: "Audit entries" })).toContainText("user.deactivated");
  await expect(page.getByRole("table", { name: "Audit entries" })).toContainText("user.created");
});

test("an admin adds a stage, and the stale counts follow the threshold and time zone", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/stages");
  const add = card(page, "Add a stage");
  await add.getByLabel("Name").fill("Security review");
  await add.getByLabel("Order").fill("7");
  await add.getByLabel("Probability (%)").fill("85");
  await add.getByRole("button", { name: "Add stage" }).click();
  await expect(page.getByRole("table", { name: "Stages" })).toContainText("Security review");

  const before = await totalStale(page);
  await expect(page.getByText("in America/New_York")).toBeVisible();
  try {
    // Under a 1-day threshold every open deal that has not moved today is stale: strictly more than under 14 days.
    await saveSettings(page, "Asia/Tokyo", "1");
    const after = await totalStale(page);
    await expect(page.getByText("in Asia/Tokyo")).toBeVisible();
    expect(after).toBeGreaterThan(before);
  } finally {
    await saveSettings(page, "America/New_York", "14");
  }
  expect(await totalStale(page)).toBe(before);

  // The new stage holds no deals, so it is deleted at once.
  await card(page, "Security review").getByRole("button", { name: "Delete stage" }).click();
  await expect(page.getByRole("table", { name: "Stages" })).not.toContainText("Security review");
});

test("a manager cannot open the administration", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});
