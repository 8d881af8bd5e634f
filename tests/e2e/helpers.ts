import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "cadence-demo";
export const DEMO = {
  rep: "riley.rep@cadence.demo",
  manager: "maria.manager@cadence.demo",
  executive: "erin.exec@cadence.demo",
  admin: "admin@cadence.demo",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Wait for the role's landing page, not just the shell, so the next navigation does not race a redirect.
  await page.waitForURL((url) => url.pathname !== "/" && !url.pathname.startsWith("/signin"));
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
