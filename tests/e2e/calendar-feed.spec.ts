// The calendar feed end to end: a rep creates their private feed URL in Settings → Calendar, a calendar app (no
// session) fetches it, and after the rep moves a deal's next step the same event comes back with the same UID.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { DEMO_TIME_ZONE } from "../../prisma/demo-data";
import { addDays, localDate } from "../../lib/domain/calendar";
import { eventsByUid, parseIcs } from "../support/ics";

const today = () => localDate(new Date(), DEMO_TIME_ZONE);

test("the ICS feed parses and an updated item keeps its UID", async ({ page, request }) => {
  await signIn(page, DEMO.rep);
  // A deal of the rep's with a next step in three days.
  const name = `Calendar deal ${Date.now().toString(36)}`;
  await page.goto("/deals/new");
  await page.getByLabel("Deal name").fill(name);
  await page.getByLabel("Amount (USD)").fill("8,000");
  await page.getByLabel("Close date").fill(addDays(today(), 40));
  await page.getByLabel("Next step", { exact: true }).fill("Discovery call");
  await page.getByLabel("Next-step date").fill(addDays(today(), 3));
  await page.getByRole("button", { name: "Create deal" }).click();
  await page.waitForURL(/\/deals\/(?!new)[^/]+$/);
  const dealId = new URL(page.url()).pathname.split("/").at(-1)!;

  // The feed URL is created in the settings and shown once.
  await page.goto("/settings/calendar");
  await expect(page.getByRole("heading", { name: "Calendar feed" })).toBeVisible();
  const create = page.getByRole("button", { name: /^(Create|Regenerate) feed URL$/ });
  await create.focus();
  await page.keyboard.press("Enter");
  const shown = page.getByTestId("calendar-feed-url");
  await expect(shown).toBeVisible();
  const url = (await shown.textContent())!.trim();
  expect(url).toMatch(/\/api\/calendar\/calf_[\w-]{43}\.ics$/);
  await expect(page.getByTestId("calendar-feed-state")).toContainText("Your feed is on");

  // A calendar app fetches it without any session (the `request` fixture shares no cookie with the page).
  const path = new URL(url).pathname;
  const first = await request.get(path);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const before = eventsByUid(parseIcs(await first.text()).events);
  const uid = `next-step-${dealId}@cadence`;
  expect(before.get(uid)?.SUMMARY.value).toBe(`Next step: Discovery call (${name})`);
  expect(before.get(uid)?.DTSTART).toEqual({ params: { VALUE: "DATE" }, value: addDays(today(), 3).replaceAll("-", "") });

  // The rep moves the next step on the deal page.
  await page.goto(`/deals/${dealId}`);
  const form = page.getByRole("form", { name: "Edit deal" });
  await form.getByLabel("Next step", { exact: true }).fill("Proposal review");
  await form.getByLabel("Next-step date").fill(addDays(today(), 8));
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // The same event, same UID, new date and text, a higher SEQUENCE: the calendar replaces it.
  const second = await request.get(path);
  expect(second.status()).toBe(200);
  const after = eventsByUid(parseIcs(await second.text()).events);
  expect([...after.keys()].filter((k) => k.includes(dealId))).toEqual([uid]);
  expect(after.get(uid)!.SUMMARY.value).toBe(`Next step: Proposal review (${name})`);
  expect(after.get(uid)!.DTSTART.value).toBe(addDays(today(), 8).replaceAll("-", ""));
  expect(Number(after.get(uid)!.SEQUENCE.value)).toBeGreaterThan(Number(before.get(uid)!.SEQUENCE.value));

  // Turning the feed off stops the URL at once: the answer is the same 404 as for a URL that never existed.
  await page.goto("/settings/calendar");
  await page.getByRole("button", { name: "Turn off the feed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The feed is off" })).toBeVisible();
  expect((await request.get(path)).status()).toBe(404);
  expect((await request.get(`/api/calendar/calf_${"x".repeat(43)}.ics`)).status()).toBe(404);
  await expect(page.getByRole("button", { name: "Create feed URL" })).toBeVisible();
});
