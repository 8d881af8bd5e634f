// Issue 13, item 6: a long unbroken name wraps instead of widening the page. A deal and an account named with the
// longest unbroken name the app accepts are shown on every role's main pages, and no page scrolls sideways at 820 px
// (a tablet) or 390 px (a phone). A wide table may scroll inside its own card; the page itself must not.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";
import { MAX_NAME } from "../../lib/data/deals-schema";
import { navFor } from "../../lib/navigation";

const WIDTHS = [820, 390] as const;
const tag = Date.now().toString(36);
/** One word of exactly `length` characters: nothing for the browser to break at. */
const unbroken = (prefix: string, length: number) => (prefix + tag + "Abcdefghijklmnopqrstuvwxyz".repeat(10)).slice(0, length);
const DEAL_NAME = unbroken("Longdealname", MAX_NAME);
const ACCOUNT_NAME = unbroken("Longaccountname", MAX_NAME);
if (DEAL_NAME.length !== MAX_NAME || ACCOUNT_NAME.length !== MAX_NAME) throw new Error("The names must be as long as the app accepts.");

let dealId = "";
let sessionHref = "";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // The rep creates the deal and its account through the deal form: no next step, so the deal is flagged for the
  // inspection, and a close date a week ahead, so the forecast counts it.
  const rep = await newPage(browser);
  await signIn(rep, DEMO.rep);
  await rep.goto("/deals/new");
  const form = rep.getByRole("form", { name: "New deal" });
  await form.getByLabel("Deal name").fill(DEAL_NAME);
  await form.getByLabel("Amount (USD)").fill("48,000");
  await form.getByLabel("Close date").fill(addDays(localDate(new Date(), DEMO_TIME_ZONE), 7));
  await form.getByLabel("New account name (optional)").fill(ACCOUNT_NAME);
  await form.getByRole("button", { name: "Create deal" }).click();
  await rep.waitForURL(/\/deals\/(?!new)[^/]+$/);
  await expect(rep.getByRole("heading", { level: 1, name: DEAL_NAME })).toBeVisible();
  dealId = new URL(rep.url()).pathname.split("/").pop()!;
  await rep.context().close();

  // The manager keeps it in this week's inspection, so the session's record names it too.
  const manager = await newPage(browser);
  await signIn(manager, DEMO.manager);
  await manager.goto("/inspection");
  await manager.getByRole("button", { name: /Start inspection|Resume inspection/ }).click();
  await manager.waitForURL(/\/inspection\/(?!history)[^/]+$/);
  sessionHref = new URL(manager.url()).pathname;
  await manager.getByRole("list", { name: "Flagged deals" }).getByRole("button", { name: DEAL_NAME }).click();
  await expect(manager.getByTestId("triage-current").getByRole("heading", { level: 2 })).toHaveText(DEAL_NAME);
  // An action item on it, so the open action items (the inspection page, the session's record) name it as well.
  const item = manager.getByRole("form", { name: "Add action item" });
  await item.getByLabel("Action").fill(`Layout check ${tag}`);
  await item.getByLabel("Due date").fill(addDays(localDate(new Date(), DEMO_TIME_ZONE), 5));
  await item.getByRole("button", { name: "Add action item" }).click();
  await expect(item.getByText("Action item added.")).toBeVisible();
  await manager.getByTestId("triage-current").focus();
  await manager.keyboard.press("2");
  await expect(manager.getByRole("form", { name: `Keep ${DEAL_NAME}` })).toBeVisible();
  await manager.keyboard.type(`Layout check ${tag}`);
  await manager.keyboard.press("Enter");
  await expect(manager.getByRole("list", { name: "Flagged deals" }).getByRole("listitem").filter({ hasText: DEAL_NAME }).getByTestId("disposition-label")).toHaveText("Keep");
  await manager.context().close();
});

type Role = "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
const USERS: Record<Role, string> = { REP: DEMO.rep, MANAGER: DEMO.manager, EXECUTIVE: DEMO.executive, ADMIN: DEMO.admin };
/** The main pages of issue 13's brief, each where the role's navigation has it. */
const MAIN = ["/home", "/deals", "/inspection", "/flow", "/coaching", "/quarterly", "/leads", "/forecast", "/targets", "/rhythm"];

interface Visit {
  path: string;
  /** Texts the page must show, so the width is measured with the long names on it. */
  shows?: string[];
}

function visitsFor(role: Role): Visit[] {
  const nav = new Set(navFor(role).map((i) => i.href));
  const visits: Visit[] = MAIN.filter((p) => nav.has(p)).map((path) => ({ path }));
  visits.push({ path: `/deals?q=${encodeURIComponent(DEAL_NAME.slice(0, 30))}`, shows: [DEAL_NAME, ACCOUNT_NAME] });
  visits.push({ path: `/deals/${dealId}`, shows: [DEAL_NAME] });
  // The whole flagged list (not the first 25): the new deal is in it.
  if (role === "REP" || role === "MANAGER") visits.push({ path: "/inspection?show=flagged", shows: [DEAL_NAME] });
  if (role !== "REP") visits.push({ path: sessionHref, shows: [DEAL_NAME] });
  return visits;
}

async function overflow(page: Page, width: number) {
  return page.evaluate((w) => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= w) return null;
    // Name the innermost elements that stick out (outside any scrolling container), so a failure says where to look.
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > w + 1;
    const clipped = (el: Element) => {
      // An absolutely placed element (a visually hidden label) escapes a scrolling container that is not positioned.
      if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => sticksOut(el) && !clipped(el) && ![...el.children].some(sticksOut))
      .slice(0, 4)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">${(el.textContent ?? "").trim().slice(0, 40)}… right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: doc.scrollWidth, culprits };
  }, width);
}

for (const role of Object.keys(USERS) as Role[]) {
  test(`${role.toLowerCase()}: no page scrolls sideways at 820 or 390 px with the longest names`, async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    expect(dealId).not.toBe("");
    await signIn(page, USERS[role]);
    const tooWide: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const visit of visitsFor(role)) {
        const response = await page.goto(visit.path);
        expect(response?.status(), visit.path).toBe(200);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await page.waitForLoadState("networkidle");
        for (const text of visit.shows ?? []) await expect(page.getByText(text, { exact: true }).first(), `${visit.path} shows ${text.slice(0, 30)}…`).toBeVisible();
        const wide = await overflow(page, width);
        if (wide) tooWide.push(`${visit.path} at ${width} px: ${wide.scrollWidth} px wide; ${wide.culprits.join("; ")}`);
        if (visit.shows && width === 390) await page.screenshot({ path: testInfo.outputPath(`${visit.path.split("?")[0].replaceAll("/", "_")}-${width}.png`), fullPage: true });
      }
    }
    expect(tooWide).toEqual([]);
  });
}
