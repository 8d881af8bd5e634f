// The weekly rhythm planner: a manager moves a ritual to another day and this week's state follows; completing the
// inspection marks align done. Executives see adherence per manager, each figure a link to the weeks behind it.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Today's ISO weekday (1 = Monday) in the demo organisation's time zone. */
function todayWeekday(): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "long" }).format(new Date());
  return WEEKDAYS.indexOf(name) + 1;
}

const thisWeek = (page: Page, ritual: string) => page.locator(`[data-testid="this-week-ritual"][data-ritual="${ritual}"]`);

async function moveAlign(page: Page, weekday: number) {
  const row = page.locator('[data-testid="rhythm-ritual"][data-ritual="align"]');
  await row.getByLabel("Day for Align").selectOption(String(weekday));
  await row.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.locator('[data-testid="rhythm-ritual"][data-ritual="align"]')).toContainText(`${WEEKDAYS[weekday - 1]}: Align`);
}

// Omar Farouk (West): no other spec runs his team's inspection, so this week's state is the demo's own.
const OMAR = "omar.manager@cadence.demo";

test("a manager edits the rhythm and sees this week's state", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, OMAR);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Weekly rhythm" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Weekly rhythm" })).toBeVisible();
  const today = todayWeekday();

  // The demo's week: Monday align … Friday review; last week's inspection does not count for this one.
  await expect(thisWeek(page, "align")).toHaveAttribute("data-state", today === 1 ? "due" : "missed");
  await expect(page.getByTestId("rhythm-ritual")).toHaveCount(5);

  // Moved to today, align is due today; moved to another day, it is planned (later) or missed (earlier).
  await moveAlign(page, today);
  await expect(thisWeek(page, "align")).toHaveAttribute("data-state", "due");
  await expect(thisWeek(page, "align")).toContainText("Due today");
  const other = today < 7 ? 7 : 1;
  await moveAlign(page, other);
  await expect(thisWeek(page, "align")).toHaveAttribute("data-state", other > today ? "planned" : "missed");
  await expect(page.getByRole("list", { name: "Changes to this rhythm" })).toContainText(`Align moved from ${WEEKDAYS[today - 1]} to ${WEEKDAYS[other - 1]}`);

  // No horizontal scroll at 820 px.
  await page.setViewportSize({ width: 820, height: 1000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The link does the ritual: completing the inspection marks align done.
  await moveAlign(page, today);
  await thisWeek(page, "align").getByRole("link", { name: "Run the inspection" }).click();
  await expect(page).toHaveURL(/\/inspection\?team=/);
  await page.getByRole("button", { name: /Start inspection|Resume inspection/ }).click();
  await page.getByRole("button", { name: "Complete inspection" }).click();
  const dialog = page.getByRole("dialog");
  if (await dialog.isVisible().catch(() => false)) await dialog.getByRole("button", { name: /as not discussed and complete/ }).click();
  await expect(page.getByText(/Completed /)).toBeVisible();

  await page.goto("/rhythm");
  await expect(thisWeek(page, "align")).toHaveAttribute("data-state", "done");
  await expect(thisWeek(page, "align")).toContainText("Done");
  await expect(thisWeek(page, "align").getByRole("link", { name: "Open the inspection" })).toHaveAttribute("href", /^\/inspection\/[^/?]+$/);

  // The manager's home shows the same week, compactly.
  await page.goto("/home");
  await expect(page.getByRole("heading", { name: "This week's rhythm" })).toBeVisible();
  await expect(thisWeek(page, "align")).toHaveAttribute("data-state", "done");

  // Adherence this quarter now counts this week, on time.
  await page.goto("/rhythm#adherence");
  await expect(page.getByTestId("adherence-inspections")).toContainText(/\d+ of \d+ weeks/);
});

test("an executive sees rhythm adherence per manager and what is behind each figure, read only", async ({ page }) => {
  await signIn(page, DEMO.executive);
  const adherence = page.getByRole("table", { name: /Rhythm adherence/ });
  await expect(adherence.getByTestId("adherence-row").filter({ hasText: "Maria Santos" })).toBeVisible();
  await adherence.getByTestId("adherence-row").filter({ hasText: "Maria Santos" }).getByTestId("adherence-inspections").click();
  await expect(page).toHaveURL(/\/rhythm\?manager=.+#inspection-weeks$/);
  await expect(page.getByRole("heading", { name: "Inspection weeks — Maria Santos" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coaching per month — Maria Santos" })).toBeVisible();
  // Read only: nothing to move or remove.
  await expect(page.getByRole("button", { name: "Move", exact: true })).toHaveCount(0);
});

test("a rep has no rhythm planner, and a manager cannot open another manager's", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Weekly rhythm" })).toHaveCount(0);
  // Pages stream behind a loading state, so the refusal is read on the page, not in the status code.
  await page.goto("/rhythm");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByTestId("rhythm-ritual")).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, DEMO.manager);
  await page.goto("/rhythm?manager=user_mgr_2");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByTestId("rhythm-ritual")).toHaveCount(0);
});
