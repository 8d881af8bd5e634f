// Two app instances share one database (the second webServer in playwright.config.ts): a session works on both,
// and concurrent edits through both are still detected by the version lock.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const second = `http://localhost:${Number(process.env.CADENCE_E2E_PORT ?? 3100) + 1}`;

test("a session signed in on one instance works on the other, and a concurrent edit through both is refused", async ({ page, context }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/deals");
  await page.locator('table a[href^="/deals/"]').first().click();
  await expect(page).toHaveURL(/\/deals\/[^/]+$/);
  const dealPath = new URL(page.url()).pathname;

  // The same browser session, served by the second instance.
  const other = await context.newPage();
  await other.goto(`${second}${dealPath}`);
  await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(other.getByRole("form", { name: "Edit deal" })).toBeVisible();

  // Both open the same version; the first save wins, the second is told what changed.
  await page.getByRole("form", { name: "Edit deal" }).getByLabel(/^Amount/).fill("123456");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await other.getByRole("form", { name: "Edit deal" }).getByLabel(/^Amount/).fill("654321");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Someone changed this deal after you opened it" })).toBeVisible();
  // What was typed is still there.
  await expect(other.getByRole("form", { name: "Edit deal" }).getByLabel(/^Amount/)).toHaveValue("654321");
});
