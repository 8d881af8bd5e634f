import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("every page carries the security headers", async ({ request }) => {
  const res = await request.get("/signin");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("default-src 'self'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("the session cookie is HttpOnly and SameSite", async ({ page, context }) => {
  await signIn(page, DEMO.rep);
  const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("the pages run under the content security policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(msg.text())) violations.push(msg.text());
  });
  await signIn(page, DEMO.admin);
  for (const path of ["/deals", "/inspection", "/coaching", "/quarterly", "/targets", "/admin"]) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("the x-middleware-subrequest header does not bypass sign-in", async ({ request }) => {
  const res = await request.get("/admin", {
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    maxRedirects: 0,
  });
  expect([302, 303, 307, 308]).toContain(res.status());
  expect(res.headers()["location"]).toContain("/signin");
  expect(await res.text()).not.toContain("Administration");
});

test("a signed-in rep still cannot read admin pages with the bypass header", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.setExtraHTTPHeaders({ "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("repeated sign-in attempts on one account are answered 429", async ({ request }) => {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const attempt = () =>
    request.post("/api/auth/callback/credentials", {
      form: { email: "rate-limit-probe@cadence.demo", password: "wrong", csrfToken, json: "true" },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  // The e2e servers allow 40 attempts per account in 10 minutes (playwright.config.ts); production allows 8.
  for (let i = 0; i < 40; i++) statuses.push((await attempt()).status());
  expect(statuses.every((s) => s !== 429)).toBe(true);
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toBe("600");
  expect((await refused.json()).url).toContain("error=RateLimited");
});

