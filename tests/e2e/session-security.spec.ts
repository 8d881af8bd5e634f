// Issue 18 items 1, 3 and 5 in the browser, against both app instances: after sign-in only a same-origin path is
// followed; the audit log records the socket's address, not a forged X-Forwarded-For; and after sign-out the old
// session cookie opens nothing — a fresh render, a page the cache holds, or an export — on either instance.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "./helpers";
import { hashPassword } from "../../lib/auth/password";

const port = Number(process.env.CADENCE_E2E_PORT ?? 3100);
const instances = [`http://localhost:${port}`, `http://localhost:${port + 1}`];

let pool: pg.Pool | null = null;
const db = () => (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
test.afterAll(async () => {
  await pool?.end();
  pool = null;
});

/** A rep of this spec's own, so that signing out (which ends all of a user's older sessions) touches no demo user. */
async function createRep(prefix: string): Promise<{ id: string; email: string }> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `${prefix}-${stamp}@cadence.test`;
  const team = await db().query<{ teamId: string }>(`SELECT "teamId" FROM "User" WHERE email = 'riley.rep@cadence.demo'`);
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, active, "teamId", "createdAt", "updatedAt")
     VALUES ($1, $2, 'Sasha Session', $3, 'REP', true, $4, now(), now()) RETURNING id`,
    [`e2e-${prefix}-${stamp}`, email, await hashPassword(DEMO_PASSWORD), team.rows[0]?.teamId ?? null],
  );
  return { id: rows[0].id, email };
}

async function fillAndSubmit(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

// ---- Item 1: the target followed after sign-in ----

test("after a real sign-in, a callbackUrl that a browser reads as another host never leaves Cadence", async ({ page, baseURL }) => {
  test.setTimeout(240_000); // nine real sign-ins
  const origin = new URL(baseURL!).origin;
  const { email } = await createRep("redirect");
  // Each as it appears in the address bar: the query string decodes to "/\127…", "/<tab>/127…", "/\/127…" and so on.
  const variants = [
    "/%5C127.0.0.1:9/pwned",
    "/%09/127.0.0.1:9/pwned",
    "/%5C/127.0.0.1:9/pwned",
    "/%0A/127.0.0.1:9/pwned",
    "/.//127.0.0.1:9/pwned",
    "//127.0.0.1:9/pwned",
    "%2F%2F127.0.0.1:9/pwned",
    "http://127.0.0.1:9/pwned",
  ];
  for (const variant of variants) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${variant}`);
    await fillAndSubmit(page, email);
    // Sign-in lands on the rep's home page, on Cadence's own origin.
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect(new URL(page.url()).origin, variant).toBe(origin);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(new URL(page.url()).origin, variant).toBe(origin);
    expect(new URL(page.url()).pathname, variant).not.toMatch(/pwned|127\.0\.0\.1/);
  }
  // Control: a same-origin path is followed.
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/targets?x=1")}`);
  await fillAndSubmit(page, email);
  await page.waitForURL((url) => url.pathname === "/targets");
  expect(new URL(page.url()).origin).toBe(origin);
});

// ---- Item 3: the address in the audit log ----

test("the audit log records the connection's address, not a forged X-Forwarded-For, for sign-ins and refused mutations", async ({ page }) => {
  const { id, email } = await createRep("ip");
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.77", "x-real-ip": "203.0.113.78", "x-cadence-client-ip": "203.0.113.79 forged" });
  await page.goto("/signin");
  await fillAndSubmit(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  // A mutation from another origin, refused by the proxy (lib/http/mutation-guard.ts) and audited with the address.
  const forged = await page.request.post("/api/import", {
    multipart: { kind: "DEALS", file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("Deal Name\nx\n") } },
    headers: { origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(403);
  const { rows } = await db().query<{ action: string; ip: string }>(
    `SELECT action, ip FROM "AuditLog" WHERE "actorId" = $1 AND action IN ('auth.signin.success', 'csrf.refused') ORDER BY at`,
    [id],
  );
  expect(rows.map((r) => r.action)).toEqual(["auth.signin.success", "csrf.refused"]);
  for (const row of rows) expect(["127.0.0.1", "::1"], `${row.action} recorded ${row.ip}`).toContain(row.ip);
});

// ---- Item 5: sign-out ends the session everywhere ----

/** A GET with exactly these headers, as an attacker replaying a copied cookie would send it. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; cache?: string; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          cache: res.headers["x-cadence-cache"] as string | undefined,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
  });
}

test("after sign-out the old cookie opens neither a cached page, a fresh render nor an export, on either instance", async ({ page, browser }) => {
  const { email } = await createRep("signout");
  await page.goto("/signin");
  await fillAndSubmit(page, email);
  await page.waitForURL((url) => url.pathname === "/home");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  const cookie = `${session.name}=${session.value}`;
  const headers = { cookie, accept: "text/html" };

  // Control: the copied cookie opens /deals on both instances, and the second request is served from the cache.
  for (const base of instances) {
    const first = await rawGet(`${base}/deals`, headers);
    expect(first.status).toBe(200);
    const again = await rawGet(`${base}/deals`, headers);
    expect(again).toMatchObject({ status: 200, cache: "hit" });
    expect(again.body).toContain("Sasha Session");
    expect((await rawGet(`${base}/api/export/deals`, { cookie })).status).toBe(200);
  }

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);

  for (const base of instances) {
    // The page both instances had cached is not served to the old cookie.
    const cached = await rawGet(`${base}/deals`, headers);
    expect(cached.cache, base).not.toBe("hit");
    expect(cached.body).not.toContain("Sasha Session");
    expect(cached.status === 200 ? cached.body : (cached.location ?? "")).toMatch(/signin/);
    // Nor is the export.
    const exported = await rawGet(`${base}/api/export/deals`, { cookie });
    expect([401, 404]).toContain(exported.status);
  }

  // A new browser with the old cookie: a fresh render of /deals is the sign-in page.
  const context = await browser.newContext();
  try {
    await context.addCookies([session]);
    const replay = await context.newPage();
    await replay.goto("/deals");
    await expect(replay).toHaveURL(/\/signin/);
    await expect(replay.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const exported = await replay.request.get("/api/export/deals");
    expect([401, 404]).toContain(exported.status());
  } finally {
    await context.close();
  }
});
