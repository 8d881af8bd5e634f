import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const NAV: Record<keyof typeof DEMO, { lands: RegExp; sees: string[]; notSees: string[]; role: string }> = {
  rep: { lands: /\/home$/, sees: ["Home", "Inspection", "Deals", "Leads", "Coaching", "Targets"], notSees: ["Admin", "Quarterly review"], role: "Sales rep" },
  manager: { lands: /\/home$/, sees: ["Inspection", "Deals", "Coaching", "Quarterly review", "Targets"], notSees: ["Admin"], role: "Sales manager" },
  executive: { lands: /\/home$/, sees: ["Quarterly review", "Inspection", "Targets"], notSees: ["Admin", "Leads"], role: "Executive" },
  admin: { lands: /\/home$/, sees: ["Admin", "Quarterly review", "Deals"], notSees: [], role: "Administrator" },
};

for (const [key, expected] of Object.entries(NAV) as [keyof typeof DEMO, (typeof NAV)[keyof typeof DEMO]][]) {
  test(`${key} signs in and sees the navigation of the role`, async ({ page }) => {
    await signIn(page, DEMO[key]);
    await expect(page).toHaveURL(expected.lands);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of expected.sees) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of expected.notSees) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await expect(page.getByTestId("user-role")).toHaveText(expected.role);
  });
}

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.rep);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a rep who opens an admin URL is refused", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByText("Users, teams, stages")).toHaveCount(0);
});

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/inspection");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finspection/);
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/inspection");
  await expect(page).toHaveURL(/\/signin/);
});
