// A rep creates an API token in the UI, calls the API with it (and sees only their own deals), revokes it, and the
// next call is refused; the API reference renders from the OpenAPI document without a session.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("a rep creates a token, uses it against /api/v1, then revokes it", async ({ page, request }) => {
  await signIn(page, DEMO.rep);
  await page.getByRole("link", { name: "API tokens" }).first().click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const name = `e2e ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Access").selectOption("read");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^cad_[A-Za-z0-9_-]{40,}$/);

  // A fresh API client: no cookies, no Origin; only the bearer token.
  const deals = await request.get("/api/v1/deals?limit=5", { headers: { authorization: `Bearer ${token}` } });
  expect(deals.status()).toBe(200);
  expect(Number(deals.headers()["ratelimit-remaining"])).toBeGreaterThan(0);
  const body = await deals.json();
  expect(body.object).toBe("list");
  const me = await request.get("/api/v1/users", { headers: { authorization: `Bearer ${token}` } });
  const users = (await me.json()).data as { email: string }[];
  expect(users.map((u) => u.email)).toEqual([DEMO.rep]);
  const write = await request.post("/api/v1/leads", { headers: { authorization: `Bearer ${token}` }, data: { name: "Nope" } });
  expect(write.status()).toBe(403);
  expect(write.headers()["content-type"]).toContain("application/problem+json");

  await page.reload();
  await expect(page.getByTestId(`token-${name}`).getByTestId("token-status")).toHaveText("active");
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByTestId(`token-${name}`).getByTestId("token-status")).toHaveText("revoked");
  const after = await request.get("/api/v1/deals", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test("the API reference is served from the generated document, and /api/v1 answers 401 without a token", async ({ page, request }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Cadence API" })).toBeVisible();
  await expect(page.locator("#deals\\.upsert")).toContainText("/api/v1/deals/external/{externalId}");
  const anonymous = await request.get("/api/v1/deals");
  expect(anonymous.status()).toBe(401);
  // A cookie-less request from a foreign Origin is still refused by the mutation guard before any handler.
  const foreign = await request.post("/api/v1/leads", { headers: { origin: "https://evil.example", authorization: "Bearer cad_x" }, data: {} });
  expect(foreign.status()).toBe(403);
});
