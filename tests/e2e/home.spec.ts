// Each role lands on its own first page after signing in, and the page's numbers link to what is behind them.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const HOMES = {
  rep: { heading: "My week", figure: "home-next-steps" },
  manager: { heading: "Team home", figure: "home-inspections-due" },
  executive: { heading: "Organisation home", figure: "home-inspections-due" },
  admin: { heading: "Organisation state", figure: "home-no-password" },
} as const;

for (const [role, home] of Object.entries(HOMES) as [keyof typeof HOMES, (typeof HOMES)[keyof typeof HOMES]][]) {
  test(`${role} lands on their own home page`, async ({ page }) => {
    const errors: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) errors.push(r.url());
    });
    await signIn(page, DEMO[role]);
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    const figure = page.getByTestId(home.figure);
    await expect(figure).toHaveAttribute("href", /.+/);
    await page.setViewportSize({ width: 820, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 900 });
    // No 404 on the way (the favicon included).
    expect(errors).toEqual([]);
  });
}

test("the manager's home shows each team's inspection status and coaching due, and the executive's a flow row per team", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await expect(page.getByRole("table", { name: "Inspection status per team" }).getByTestId("inspection-status-row").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /Coaching due \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the flow" })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, DEMO.executive);
  await expect(page.getByRole("table", { name: "Pipeline flow per team" }).getByTestId("flow-team-row").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Inspection status per team" })).toBeVisible();
});
