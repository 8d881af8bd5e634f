import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// A lead has a life: recorded, then converted into a deal that keeps the lead's source and date.
test("a rep converts a lead into a deal that keeps its source and date", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/leads");
  const stamp = Date.now().toString(36);
  const form = page.getByRole("form", { name: "New lead" });
  await form.getByLabel("Name").fill(`Pat ${stamp}`);
  await form.getByLabel("Company (optional)").fill(`Initech ${stamp}`);
  await form.getByLabel("Source (optional)").fill("Webinar");
  await form.getByLabel("Fits the ideal customer profile").selectOption("true");
  await form.getByRole("button", { name: "Record lead" }).click();
  await expect(page.getByText("Lead recorded.")).toBeVisible();

  const row = page.getByTestId("lead-row").filter({ hasText: `Pat ${stamp}` });
  await expect(row).toContainText("source: Webinar");
  // Keyboard: the button opens the form, the first field takes the focus, Escape closes it again.
  const convert = row.getByRole("button", { name: `Convert to deal Pat ${stamp}` });
  await convert.focus();
  await page.keyboard.press("Enter");
  await expect(convert).toHaveAttribute("aria-expanded", "true");
  const dealForm = row.getByRole("form", { name: `Convert lead Pat ${stamp} to a deal` });
  await expect(dealForm.getByLabel("Deal name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(convert).toHaveAttribute("aria-expanded", "false");
  await expect(convert).toBeFocused();
  await page.keyboard.press("Enter");

  // A nonsense amount is refused at the field; then the deal is created.
  await dealForm.getByLabel("Amount").fill("-5");
  await dealForm.getByRole("button", { name: "Create the deal" }).click();
  await expect(dealForm.getByText("The amount cannot be negative.")).toBeVisible();
  await dealForm.getByLabel("Deal name").fill(`Initech platform ${stamp}`);
  await dealForm.getByLabel("Amount").fill("24,000");
  await dealForm.getByRole("button", { name: "Create the deal" }).click();
  // The page refreshes: the row now says it was converted and links to its deal.
  const openDeal = row.getByRole("link", { name: "Converted: open the deal" });
  await expect(openDeal).toBeVisible();
  await openDeal.click();
  await expect(page).toHaveURL(/\/deals\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Initech platform ${stamp}`);

  // Back on the leads page the lead is marked converted and links to its deal; it cannot be converted twice.
  await page.goto("/leads");
  const converted = page.getByTestId("lead-row").filter({ hasText: `Pat ${stamp}` });
  await expect(converted.getByRole("link", { name: "Converted: open the deal" })).toBeVisible();
  await expect(converted.getByRole("button", { name: /Convert to deal/ })).toHaveCount(0);
});
