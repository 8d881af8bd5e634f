// E-mail in the browser: the demo's Monday digest sits in the built-in outbox and reads as its recipient sees it;
// a user turns a kind of e-mail off; an unsubscribe link works without signing in.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("/admin/outbox shows the demo's Monday digest as the manager reads it", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { name: "Outbox", exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "maria.manager@cadence.demo" }).filter({ hasText: "Your team's week of" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("delivered to outbox");
  await row.getByRole("link").click();
  const frame = page.frameLocator("iframe[title^='E-mail']");
  await expect(frame.getByText("Flagged deals")).toBeVisible();
  await expect(frame.getByText("Last week's flow")).toBeVisible();
  // Every number links back into Cadence with an absolute URL; the footer carries the unsubscribe link.
  const hrefs = await frame.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.some((h) => /^http:\/\/localhost:\d+\/inspection/.test(h))).toBe(true);
  const unsubscribe = hrefs.find((h) => h.includes("/unsubscribe/"));
  expect(unsubscribe).toMatch(/^http:\/\/localhost:\d+\/(api\/)?unsubscribe\/[\w-]+\.[\w-]+$/);

  // The link works without a session: a fresh browser context unsubscribes Maria from the digest.
  const browser = page.context().browser()!;
  const anonymous = await browser.newContext({ baseURL: page.url() });
  const visitor = await anonymous.newPage();
  await visitor.goto(new URL(unsubscribe!).pathname);
  await expect(visitor.getByText("Stop receiving “Monday digest” e-mails from Cadence?")).toBeVisible();
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("status")).toContainText("you will no longer receive “Monday digest” e-mails");
  await anonymous.close();

  // Maria sees the choice on her preferences page, and can turn it back on.
  await page.context().clearCookies();
  await signIn(page, DEMO.manager);
  await page.goto("/settings/notifications");
  const digest = page.getByLabel(/^Monday digest/);
  await expect(digest).not.toBeChecked();
  await digest.check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Preferences saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Monday digest/)).toBeChecked();
});
