// Security end to end: headers, cookies, the CSP, the proxy-bypass header, forged origins and the rate limits.
import { expect, test, type Page, type Request } from "@playwright/test";
import pg from "pg";
import { DEMO, DEMO_PASSWORD, signIn } from "./helpers";
import { DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";
import { hashPassword } from "../../lib/auth/password";

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

test("a NUL or broken encoding in an object's address is answered 400 with a message, on pages, exports and the API", async ({ page }) => {
  await signIn(page, DEMO.manager);
  for (const path of ["/deals/%00", "/deals/zz%00zz", "/coaching/sessions/%00", "/coaching/scorecard/%00", "/inspection/%00", "/import/%00", "/deals/%E0%A4%A", "/api/v1/deals/%00"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text(), path).toMatch(/control character|percent-encoding/);
  }
  // An ordinary unknown id is still the ordinary missing object (the page streams, so it is read on the page).
  await page.goto("/deals/not-a-deal");
  await expect(page.getByText("Deal not found")).toBeVisible();
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


// ---- Forged Origin and the per-user mutation limit (proxy.ts, lib/http/mutation-guard.ts) ----
// A browser cannot be made to send a forged Origin (Chromium refuses to let route() rewrite it), so a real server-action
// request is captured in the browser and replayed with Playwright's request client, which shares the session cookie.

let pool: pg.Pool | null = null;
const db = () => (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
test.afterAll(async () => {
  await pool?.end();
  pool = null;
});

const today = () => localDate(new Date(), DEMO_TIME_ZONE);
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

async function userId(email: string): Promise<string> {
  const { rows } = await db().query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return rows[0].id;
}

async function auditCount(action: string, actorId: string, since: Date): Promise<number> {
  const { rows } = await db().query<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE action = $1 AND "actorId" = $2 AND at >= $3`, [action, actorId, since]);
  return Number(rows[0].n);
}

async function createDeal(page: Page, name: string) {
  await page.goto("/deals/new");
  await page.getByLabel("Deal name").fill(name);
  await page.getByLabel("Amount (USD)").fill("9,000");
  await page.getByLabel("Close date").fill(addDays(today(), 30));
  await page.getByRole("button", { name: "Create deal" }).click();
  await page.waitForURL(/\/deals\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Saves a next step through the deal page's form and returns the server-action request the browser sent. */
async function saveNextStep(page: Page, nextStep: string): Promise<Request> {
  const form = page.getByRole("form", { name: "Edit deal" });
  await form.getByLabel("Next step", { exact: true }).fill(nextStep);
  await form.getByLabel("Next-step date").fill(addDays(today(), 3));
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    form.getByRole("button", { name: "Save changes" }).click(),
  ]);
  return request;
}

/** The multipart body of a captured action with one form field's value replaced (React sends fields as "_<n>_<name>"). */
function withField(body: string, field: string, value: string): string {
  const re = new RegExp(`(name="_?\\d+_${field}"\\r\\n\\r\\n)[^\\r]*`);
  expect(re.test(body), `the captured action carries ${field}`).toBe(true);
  return body.replace(re, (_m, head: string) => head + value);
}

function fieldValue(body: string, field: string): string {
  return new RegExp(`name="_?\\d+_${field}"\\r\\n\\r\\n([^\\r]*)`).exec(body)![1];
}

test("a server action replayed with a forged Origin is refused and writes nothing; the same replay from Cadence saves", async ({ page, baseURL }) => {
  const started = new Date();
  await signIn(page, DEMO.rep);
  const name = unique("Origin check");
  await createDeal(page, name);
  const dealUrl = page.url();
  const captured = await saveNextStep(page, "Captured step");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const headers = await captured.allHeaders();
  const body = captured.postDataBuffer()!.toString("latin1");
  const version = Number(fieldValue(body, "expectedVersion"));
  const replay = (extra: Record<string, string>, nextStep: string, expectedVersion: number) =>
    page.request.post(captured.url(), {
      headers: {
        "next-action": headers["next-action"],
        "next-router-state-tree": headers["next-router-state-tree"],
        "content-type": headers["content-type"],
        accept: headers["accept"] ?? "text/x-component",
        ...extra,
      },
      data: Buffer.from(withField(withField(body, "nextStep", nextStep), "expectedVersion", String(expectedVersion)), "latin1"),
      maxRedirects: 0,
    });

  // Control: the replay from Cadence's own origin, on the current version, is a valid save.
  const control = await replay({ origin: new URL(baseURL!).origin }, "Replayed from Cadence", version + 1);
  expect(control.status()).toBe(200);
  await page.goto(dealUrl);
  const form = page.getByRole("form", { name: "Edit deal" });
  await expect(form.getByLabel("Next step", { exact: true })).toHaveValue("Replayed from Cadence");

  // The same request from another site, on the now-current version, is refused before the action runs.
  const forged = await replay({ origin: "https://evil.example" }, "Forged by another site", version + 2);
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("did not come from a Cadence page");
  // No Origin, but the browser marked it cross-site: refused too.
  const crossSite = await replay({ "sec-fetch-site": "cross-site" }, "Forged without an origin", version + 2);
  expect(crossSite.status()).toBe(403);

  await page.goto(dealUrl);
  await expect(form.getByLabel("Next step", { exact: true })).toHaveValue("Replayed from Cadence");
  const history = page.getByRole("table", { name: "Change history" });
  await expect(history).toContainText("Replayed from Cadence");
  await expect(history).not.toContainText("Forged");
  expect(await auditCount("csrf.refused", await userId(DEMO.rep), started)).toBe(2);
});

test("an import upload posted from another site is refused and creates no import", async ({ page, baseURL }) => {
  await signIn(page, DEMO.manager);
  const file = { name: "forged.csv", mimeType: "text/csv", buffer: Buffer.from("Deal Name,Amount,Close Date\nForged deal,100,2020-01-01\n") };
  const jobs = async () => Number((await db().query<{ n: string }>(`SELECT count(*) AS n FROM "ImportJob" WHERE "fileName" = 'forged.csv'`)).rows[0].n);
  const before = await jobs();

  const forged = await page.request.post("/api/import", { multipart: { kind: "DEALS", file }, headers: { origin: "https://evil.example" } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).message).toContain("did not come from a Cadence page");
  expect(await jobs()).toBe(before);

  // Control: the same upload from Cadence's own origin is accepted.
  const control = await page.request.post("/api/import", { multipart: { kind: "DEALS", file }, headers: { origin: new URL(baseURL!).origin } });
  expect(control.status()).toBe(200);
  const { jobId } = (await control.json()) as { jobId: string };
  expect(await jobs()).toBe(before + 1);
  // The job it names is the file just uploaded, as its manager sees it.
  await page.goto(`/import/${jobId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import: forged.csv");
});

test("changes over the per-user limit are answered 429 with Retry-After, shown to the user, and audited once", async ({ page }) => {
  const started = new Date();
  // A user of this test's own, so that filling its counter cannot slow down any other spec's demo users.
  const email = `rate-limit-${Date.now().toString(36)}@cadence.test`;
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, active, "createdAt", "updatedAt")
     VALUES ($1, $2, 'Rita Ratelimit', $3, 'REP', true, now(), now()) RETURNING id`,
    [`e2e-rl-${Date.now().toString(36)}`, email, await hashPassword(DEMO_PASSWORD)],
  );
  const id = rows[0].id;
  const key = `mutation:user:${id}`;
  const counted = async () => Number((await db().query<{ n: string }>(`SELECT coalesce(sum(count), 0) AS n FROM "RateLimitBucket" WHERE key = $1`, [key])).rows[0].n);

  await signIn(page, email);
  const name = unique("Rate limit");
  await createDeal(page, name);
  await saveNextStep(page, "Within the limit");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  // Two mutations, two counts: the proxy and the action wrapper do not both count one request.
  expect(await counted()).toBe(2);

  // Fill this user's counter for this minute and the next (the window may turn while the test runs).
  const window = Math.floor(Date.now() / 60_000) * 60_000;
  await db().query(
    `INSERT INTO "RateLimitBucket" (key, "windowStart", count) VALUES ($1, $2, 1000000), ($1, $3, 1000000)
     ON CONFLICT (key, "windowStart") DO UPDATE SET count = EXCLUDED.count`,
    [key, new Date(window), new Date(window + 60_000)],
  );

  const dealUrl = page.url();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]),
    saveNextStep(page, "Over the limit"),
  ]);
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const heading = page.getByRole("heading", { name: "You are making changes too fast" });
  const alert = page.getByRole("alert").filter({ has: heading });
  await expect(heading).toBeVisible();
  await expect(alert).toContainText("Nothing was saved. Wait a few seconds, then try again.");
  await expect(alert).not.toContainText(/Error|\.js:\d+/);
  expect(await auditCount("ratelimit.mutation", id, started)).toBe(1);

  // Route handlers share the limit: an upload is refused the same way, before the route runs.
  const upload = await page.request.post("/api/import", {
    multipart: { kind: "DEALS", file: { name: "fast.csv", mimeType: "text/csv", buffer: Buffer.from("Deal Name\nx\n") } },
  });
  expect(upload.status()).toBe(429);
  expect(Number(upload.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await upload.json()).message).toContain("You are making changes too fast");
  expect(await auditCount("ratelimit.mutation", id, started)).toBe(2);

  await page.goto(dealUrl);
  await expect(page.getByRole("form", { name: "Edit deal" }).getByLabel("Next step", { exact: true })).toHaveValue("Within the limit");
});
