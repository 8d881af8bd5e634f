// The weekly inspection end to end: keyboard triage, dispositions, an action item carried into the next inspection.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { generateDemoData, DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";

const today = () => localDate(new Date(), DEMO_TIME_ZONE);

test("a manager runs an inspection by keyboard, records dispositions and an action item, and sees it open at the next one", async ({ page }) => {
  const description = `Get a dated next step ${Date.now().toString(36)}`;
  await signIn(page, DEMO.manager);
  await page.goto("/inspection");
  await page.getByRole("button", { name: /Start inspection|Resume inspection/ }).click();
  await page.waitForURL(/\/inspection\/(?!history)[^/]+$/);
  await expect(page.getByLabel("Keyboard shortcuts")).toBeVisible();
  await page.waitForLoadState("networkidle");

  const list = page.getByRole("list", { name: "Flagged deals" });
  const first = list.getByRole("listitem").nth(0);
  const second = list.getByRole("listitem").nth(1);
  await page.keyboard.press("1");
  await expect(first.getByTestId("disposition-label")).toHaveText("Commit");
  await page.keyboard.press("2");
  await expect(second.getByTestId("disposition-label")).toHaveText("Keep");
  // Back to the first deal, then an action item for it without the mouse.
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await expect(first.getByRole("button")).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("a");
  await expect(page.getByLabel("Action", { exact: true })).toBeFocused();
  await page.keyboard.type(description);
  await page.getByLabel("Due date").fill(addDays(today(), 3));
  await page.getByLabel("Due date").press("Enter");
  await expect(page.getByText("Action item added.")).toBeVisible();

  await page.getByRole("button", { name: "Complete inspection" }).click();
  await expect(page.getByText(/Completed /)).toBeVisible();
  await expect(page.getByTestId("disposition-row")).toHaveCount(2);
  await expect(page.getByTestId("session-action-item").filter({ hasText: description })).toBeVisible();

  // The next inspection opens with the item still open.
  await page.goto("/inspection");
  await page.getByRole("button", { name: "Start inspection" }).click();
  await page.waitForURL(/\/inspection\/(?!history)[^/]+$/);
  await expect(page.getByRole("list", { name: "Open action items from earlier inspections" }).getByText(description)).toBeVisible();
});

test("the inspection shows a stale deal with its day count, paused deals apart, and how the funnel need is computed", async ({ page }) => {
  const demo = generateDemoData(today());
  const riley = demo.users.find((u) => u.email === DEMO.rep)!;
  const rileyOpen = demo.deals.filter((d) => d.ownerId === riley.id && d.status === "OPEN");
  await signIn(page, DEMO.manager);
  await page.goto("/inspection");
  const staleRow = page.getByRole("table", { name: "Stale deals" }).getByTestId("inspected-deal").filter({ hasText: rileyOpen[0].name });
  await expect(staleRow.getByTestId("days-since-movement")).toContainText("21");
  await expect(page.getByRole("table", { name: "Paused deals" })).toContainText("Customer budget freeze");
  await expect(page.getByRole("list", { name: "How the need was computed" })).toContainText("Weeks left in the quarter");
});

test("a rep sees their own inspection view", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/inspection");
  await expect(page.getByRole("heading", { name: "My inspection view" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Stale deals" })).toBeVisible();
});
