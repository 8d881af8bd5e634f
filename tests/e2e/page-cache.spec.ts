// The rendered-page cache (server.ts, lib/http/page-cache.ts) against the real app on two instances: a repeated page is
// served from memory, but never after any write — through the app on the other instance, or straight into the
// database — and never to another user.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO, signIn } from "./helpers";

const second = `http://localhost:${Number(process.env.CADENCE_E2E_PORT ?? 3100) + 1}`;

let pool: pg.Pool | null = null;
const db = () => (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
test.afterAll(async () => {
  await pool?.end();
});

async function open(page: Page, url: string): Promise<string | undefined> {
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return response?.headers()["x-cadence-cache"];
}

/** The first deal link of the deals list: its path and its name as shown. */
async function firstDeal(page: Page): Promise<{ path: string; name: string }> {
  const link = page.locator('table a[href^="/deals/"]').first();
  return { path: (await link.getAttribute("href")) as string, name: (await link.innerText()).trim() };
}

test("a repeated page comes from the cache until a deal is saved on the other instance", async ({ page, context }) => {
  await signIn(page, DEMO.rep);
  expect(await open(page, "/deals")).toBe("miss");
  expect(await open(page, "/deals")).toBe("hit");
  const deal = await firstDeal(page);

  // The same session renames the deal through the second instance.
  const other = await context.newPage();
  await other.goto(`${second}${deal.path}`);
  const renamed = `${deal.name.slice(0, 150)} (renamed ${Date.now()})`;
  await other.getByRole("form", { name: "Edit deal" }).getByLabel("Deal name").fill(renamed);
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // The first instance had the list cached; it renders it again and shows the new name.
  expect(await open(page, "/deals")).toBe("miss");
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();
  expect(await open(page, "/deals")).toBe("hit");
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();
});

test("a change written straight into the database ends the cached page too", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await open(page, "/deals");
  expect(await open(page, "/deals")).toBe("hit");
  const deal = await firstDeal(page);
  const renamed = `Renamed outside the app ${Date.now()}`;
  const id = deal.path.split("/").pop();
  const updated = await db().query(`UPDATE "Deal" SET name = $1 WHERE id = $2`, [renamed, id]);
  expect(updated.rowCount).toBe(1);

  expect(await open(page, "/deals")).toBe("miss");
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();
});

test("two users asking for the same page each get their own, never the other's cached copy", async ({ browser }) => {
  const other = await db().query<{ email: string }>(
    `SELECT email FROM "User" WHERE role = 'REP' AND active AND email <> $1 AND "passwordHash" IS NOT NULL ORDER BY email LIMIT 1`,
    [DEMO.rep],
  );
  const riley = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await riley.newPage();
    await signIn(a, DEMO.rep);
    await open(a, "/deals");
    expect(await open(a, "/deals")).toBe("hit");
    const rileysDeal = await firstDeal(a);

    const b = await second.newPage();
    await signIn(b, other.rows[0].email);
    expect(await open(b, "/deals")).toBe("miss");
    await expect(b.locator('table a[href^="/deals/"]').first()).toBeVisible();
    await expect(b.locator(`table a[href="${rileysDeal.path}"]`)).toHaveCount(0);
  } finally {
    await riley.close();
    await second.close();
  }
});

/** A GET with exactly these headers; `abortAfterMs` drops the connection before the answer. */
function rawGet(url: string, headers: Record<string, string>, abortAfterMs?: number): Promise<{ status: number; cache: string | undefined } | "aborted"> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cache: res.headers["x-cadence-cache"] as string | undefined }));
    });
    req.on("error", (error) => (abortAfterMs === undefined ? reject(error) : resolve("aborted")));
    if (abortAfterMs !== undefined) setTimeout(() => req.destroy(), abortAfterMs);
  });
}

test("renders abandoned by their browsers do not hold up the next identical request", async ({ page, baseURL }) => {
  await signIn(page, DEMO.manager);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const headers = { cookie, accept: "text/html" };
  // A committed transaction that takes an id moves the snapshot: the next requests all miss.
  await db().query("SELECT pg_current_xact_id()");
  // Eight identical requests: one renders, seven wait to share it; all eight connections drop mid-render.
  const abandoned = await Promise.all(Array.from({ length: 8 }, () => rawGet(`${baseURL}/inspection`, headers, 15)));
  expect(abandoned.filter((r) => r === "aborted").length).toBeGreaterThan(0);
  // The same request again is answered with the page (rendered, shared or cached), not left waiting on a dead render.
  const next = await rawGet(`${baseURL}/inspection`, headers);
  expect(next).toMatchObject({ status: 200 });
  expect(["miss", "shared", "hit"]).toContain((next as { cache: string }).cache);
});
