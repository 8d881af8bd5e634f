import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("a rep submits a forecast: a negative amount is refused at the field, a valid one joins the history", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Forecast" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Forecast");
  await page.getByLabel(/^Commit/).fill("-500");
  await page.getByLabel(/^Best case/).fill("abc");
  await page.getByRole("button", { name: "Submit forecast" }).click();
  await expect(page.getByText("A forecast cannot be negative.")).toBeVisible();
  await expect(page.getByLabel(/^Commit/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(/^Best case/)).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel(/^Commit/).fill("123,456");
  await page.getByLabel(/^Best case/).fill("150000");
  await page.getByRole("button", { name: "Submit forecast" }).click();
  await expect(page.getByRole("status")).toHaveText("Forecast submitted.");
  await expect(page.getByRole("table", { name: "Your forecast history" }).getByRole("row").nth(1)).toContainText("$123,456");
});
