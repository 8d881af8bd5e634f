// The weekly inspection end to end: every decision from the keyboard changes its deal; completing with undecided deals
// asks first and "not discussed" deals open the next inspection; one triage list with flag chips; no sideways scroll.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { generateDemoData, DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";

const today = () => localDate(new Date(), DEMO_TIME_ZONE);

async function openInspection(page: Page) {
  await page.goto("/inspection");
  await page.getByRole("button", { name: /Start inspection|Resume inspection/ }).click();
  await page.waitForURL(/\/inspection\/(?!history)[^/]+$/);
  await expect(page.getByLabel("Keyboard shortcuts")).toBeVisible();
  await page.waitForLoadState("networkidle");
}

/** The current deal's name and id (from its link). */
async function current(page: Page) {
  const link = page.getByTestId("triage-current").getByRole("heading", { level: 2 }).getByRole("link");
  const href = (await link.getAttribute("href"))!;
  return { name: (await link.textContent())!, id: href.split("/").pop()!, href };
}

test("a manager decides every kind of disposition from the keyboard, and each deal changes as decided", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  await signIn(page, DEMO.manager);
  await openInspection(page);
  const list = page.getByRole("list", { name: "Flagged deals" });
  const decided: Record<string, { id: string; href: string; name: string }> = {};

  async function decide(key: string, label: string, fill: () => Promise<void>) {
    const deal = await current(page);
    await page.getByTestId("triage-current").focus();
    await page.keyboard.press(key);
    await expect(page.getByRole("form", { name: `${label} ${deal.name}` })).toBeVisible();
    await fill();
    await page.keyboard.press("Enter");
    await expect(list.getByRole("listitem").filter({ hasText: deal.name }).first().getByTestId("disposition-label")).toHaveText(label);
    // Saved, then on to the next deal.
    await expect(page.getByTestId("triage-current").getByRole("heading", { level: 2 })).not.toHaveText(deal.name);
    decided[label] = deal;
  }

  await decide("1", "Commit", async () => {
    await expect(page.getByLabel("Why it stays")).toBeFocused();
    await page.keyboard.type(`Signed order form expected ${tag}`);
  });
  await decide("2", "Keep", async () => {
    await page.keyboard.type(`Champion still engaged ${tag}`);
  });
  await decide("3", "Push", async () => {
    await expect(page.getByLabel("New close date")).toBeFocused();
    await page.getByLabel("New close date").fill(addDays(today(), 300));
    await page.getByLabel("Reason").fill(`Budget moves to next year ${tag}`);
    await page.getByLabel("Reason").focus();
  });
  await decide("4", "Close out", async () => {
    await expect(page.getByLabel("Outcome")).toBeFocused();
    // Nothing is chosen for the manager: closing out is never won by default.
    await expect(page.getByLabel("Outcome")).toHaveValue("");
    await page.getByLabel("Outcome").selectOption("LOST");
    await page.getByLabel("Lost reason (when lost)").fill(`Chose a competitor ${tag}`);
    await page.getByLabel("Lost reason (when lost)").focus();
  });
  await decide("5", "Pause", async () => {
    await page.getByLabel("Resume date").fill(addDays(today(), 30));
    await page.getByLabel("Reason").fill(`Customer reorganising ${tag}`);
    await page.getByLabel("Reason").focus();
  });
  await decide("6", "Next step", async () => {
    await expect(page.getByLabel("Next step", { exact: true })).toBeFocused();
    await page.getByLabel("Next step", { exact: true }).fill(`Demo to the CFO ${tag}`);
    await page.getByLabel("Next-step date").fill(addDays(today(), 3));
    await page.getByLabel("Next-step date").focus();
  });
  let newOwner = "";
  await decide("7", "Reassign", async () => {
    const select = page.getByLabel("New owner");
    await expect(select).toBeFocused();
    newOwner = (await select.locator("option").nth(1).textContent())!;
    await select.selectOption({ index: 1 });
    await page.getByLabel("Reason (optional)").fill(`Territory change ${tag}`);
    await page.getByLabel("Reason (optional)").focus();
  });
  await expect(page.getByLabel("Keyboard shortcuts")).toContainText("Enter saves it and moves to the next deal");

  // Each deal changed as decided: its page and its history say so.
  const open = async (label: string) => {
    await page.goto(decided[label].href);
    return page;
  };
  await open("Push");
  await expect(page.getByText(`Budget moves to next year ${tag}`)).toBeVisible();
  await open("Close out");
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("Lost");
  await expect(page.getByRole("region", { name: "Summary" })).toContainText(`Chose a competitor ${tag}`);
  await open("Pause");
  await expect(page.getByRole("region", { name: "Summary" })).toContainText(`Customer reorganising ${tag}`);
  await open("Next step");
  await expect(page.getByText(`Demo to the CFO ${tag}`).first()).toBeVisible();
  await open("Reassign");
  await expect(page.getByText(`owned by ${newOwner}`)).toBeVisible();
});

test("completing with undecided deals asks first; not discussed deals open the next inspection", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await openInspection(page);
  const first = await current(page);
  await page.keyboard.press("2");
  await page.keyboard.type("Fine for now");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Flagged deals" }).getByTestId("disposition-label").first()).toBeVisible();

  await page.getByRole("button", { name: "Complete inspection" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(/\d+ flagged deals? still undecided/);
  const left = Number((await dialog.getByRole("heading").textContent())!.match(/\d+/)![0]);
  expect(left).toBeGreaterThan(0);
  // "Decide them" goes back to the list; nothing is completed.
  await dialog.getByRole("button", { name: "Decide them" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("In progress.")).toBeVisible();

  await page.getByRole("button", { name: "Complete inspection" }).click();
  await dialog.getByRole("button", { name: /as not discussed and complete/ }).click();
  await expect(page.getByText(/Completed /)).toBeVisible();
  await expect(page.getByRole("heading", { name: `Not discussed (${left})` })).toBeVisible();
  await expect(page.getByTestId("not-discussed-row")).toHaveCount(left);
  await expect(page.getByTestId("disposition-row").filter({ hasText: first.name })).toBeVisible();
  const notDiscussed = (await page.getByTestId("not-discussed-row").getByRole("link").allTextContents()).slice(0, 3);

  // The next inspection opens with them.
  await openInspection(page);
  const items = page.getByRole("list", { name: "Flagged deals" }).getByRole("listitem");
  await expect(items.first()).toContainText("not discussed last time");
  const firstNames = await items.evaluateAll((els) => els.slice(0, 40).map((e) => e.querySelector("span")?.textContent ?? ""));
  for (const name of notDiscussed) expect(firstNames.slice(0, left)).toContain(name);
});

test("one triage list: each flagged deal once with its chips, counts per flag, and the order explained", async ({ page }) => {
  const demo = generateDemoData(today());
  const riley = demo.users.find((u) => u.email === DEMO.rep)!;
  const rileyOpen = demo.deals.filter((d) => d.ownerId === riley.id && d.status === "OPEN");
  await signIn(page, DEMO.manager);
  await page.goto("/inspection");
  const list = page.getByRole("list", { name: "Flagged deals" });
  const row = list.getByTestId("inspected-deal").filter({ hasText: rileyOpen[0].name });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("days-since-movement")).toContainText(/Stale \d+ \/ \d+ days/);
  await expect(page.getByText(/^Most urgent first: close date passed/)).toBeVisible();
  // A flag's filter shows its count and only its deals.
  const paused = page.getByTestId("flag-filter-paused");
  const count = Number((await paused.locator("span").textContent())!);
  expect(count).toBeGreaterThan(0);
  await paused.click();
  await expect(page.getByRole("list", { name: "Flagged deals: paused" }).getByTestId("inspected-deal")).toHaveCount(Math.min(count, 25));
  await expect(page.getByRole("list", { name: "Flagged deals: paused" })).toContainText("Customer budget freeze");
  await expect(page.getByRole("list", { name: "How the need was computed" })).toContainText("Weeks left in the quarter");
});

test("the inspection has no horizontal scroll at 820 px or 390 px", async ({ page }) => {
  await signIn(page, DEMO.manager);
  for (const width of [820, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto("/inspection");
    await expect(page.getByRole("list", { name: "Flagged deals" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto("/inspection");
  await page.setViewportSize({ width: 820, height: 1000 });
  await openInspection(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
});

test("executives see the whole organisation with a team picker", async ({ page }) => {
  await signIn(page, DEMO.executive);
  await page.goto("/inspection");
  await expect(page.getByRole("heading", { name: "Inspection — All teams" })).toBeVisible();
  await expect(page.getByLabel("Team")).toHaveValue("all");
  await expect(page.getByRole("list", { name: "Flagged deals" }).getByTestId("inspected-deal").first()).toBeVisible();
});

test("a rep sees their own inspection view", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/inspection");
  await expect(page.getByRole("heading", { name: "My inspection view" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Flagged deals" })).toBeVisible();
});
