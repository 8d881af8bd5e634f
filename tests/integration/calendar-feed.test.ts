// The private calendar feed on real PostgreSQL, read back as a calendar app reads it (the iCalendar text parsed here):
// a rep's and a manager's items, dates in the organisation's zone across the end of daylight saving time, a stable
// UID when a next step moves, 404 for a revoked, unknown or malformed token, and nobody else's items.
// Also the admin's digest settings: who may change them, what is accepted, and the digest job following them.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createCalendarFeed } from "@/lib/actions/calendar/create-feed";
import { revokeCalendarFeed } from "@/lib/actions/calendar/revoke-feed";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { updateDigestSettings } from "@/lib/actions/admin/update-digest-settings";
import { calendarFeedResponse } from "@/lib/calendar/feed";
import { addDays, localDate, toDbDate } from "@/lib/domain/calendar";
import { runDigests } from "@/lib/mail/digest";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { eventsByUid, parseIcs } from "@/tests/support/ics";

const byUid = eventsByUid;
const ymd = (date: string) => date.replaceAll("-", "");

// Sunday 1 November 2026, 23:30 in New York (EST, -05:00): daylight saving time ended at 02:00 that morning. In UTC
// it is already Monday 2 November, and at the summer offset (-04:00) it would be Monday 00:30 too.
const NOW = new Date("2026-11-02T04:30:00Z");
const IP = "198.51.100.7";

async function fetchFeed(url: string, now = NOW, ip = IP) {
  const segment = url.split("/api/calendar/")[1];
  return calendarFeedResponse(segment, ip, now);
}

async function feedOf(url: string, now = NOW) {
  const res = await fetchFeed(url, now);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(res.headers.get("cache-control")).toContain("no-store");
  return parseIcs(await res.text());
}

async function newFeed(actor: SessionUser): Promise<string> {
  const result = await runAction(createCalendarFeed.definition, actor, {});
  expect(result.ok).toBe(true);
  return (result as { ok: true; data: { url: string } }).data.url;
}

let world: Awaited<ReturnType<typeof setup>>;

async function setup() {
  await createOrganisation(prisma, { timeZone: "America/New_York" });
  const stages = await createStages(prisma);
  const east = await createTeamWithReps(prisma, 2, { name: "East" });
  const west = await createTeamWithReps(prisma, 1, { name: "West" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  const exec = await createUser(prisma, { role: "EXECUTIVE" });
  const [rep, rep2] = east.reps;
  const stage = stages[1].id;
  // The rep's deals: next steps the day before, on and after the DST change, one closed, one without a date.
  const saturday = await createDeal(prisma, { ownerId: rep.id, stageId: stage, name: "Acme, Inc; renewal", nextStep: "Call the CFO", nextStepDate: "2026-10-31" });
  const sunday = await createDeal(prisma, { ownerId: rep.id, stageId: stage, name: "Globex", nextStep: "Send proposal", nextStepDate: "2026-11-01" });
  const monday = await createDeal(prisma, { ownerId: rep.id, stageId: stage, name: "Initech", nextStep: "Demo", nextStepDate: "2026-11-02" });
  const won = await createDeal(prisma, { ownerId: rep.id, stageId: stage, name: "Closed one", nextStepDate: "2026-11-03", status: "WON", closedAt: new Date("2026-10-20T15:00:00Z") });
  const undated = await createDeal(prisma, { ownerId: rep.id, stageId: stage, name: "No date", nextStep: null, nextStepDate: null });
  const others = await createDeal(prisma, { ownerId: rep2.id, stageId: stage, name: "Colleague's deal", nextStepDate: "2026-11-03" });
  const westDeal = await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stage, name: "West deal", nextStepDate: "2026-11-03" });
  const item = await prisma.actionItem.create({ data: { ownerId: rep.id, createdById: east.manager.id, dealId: sunday.id, description: "Confirm the budget", dueDate: toDbDate("2026-11-04") } });
  const doneItem = await prisma.actionItem.create({ data: { ownerId: rep.id, createdById: east.manager.id, description: "Done already", dueDate: toDbDate("2026-11-05"), status: "DONE", completedAt: NOW } });
  const othersItem = await prisma.actionItem.create({ data: { ownerId: rep2.id, createdById: east.manager.id, description: "Colleague's item", dueDate: toDbDate("2026-11-04") } });
  // A coaching session of the rep with their manager, its plan and an action of the rep's; another rep's session.
  const session = await prisma.coachingSession.create({ data: { managerId: east.manager.id, repId: rep.id, heldOn: toDbDate("2026-10-28"), completedAt: new Date("2026-10-28T16:00:00Z") } });
  const plan = await prisma.developmentPlan.create({ data: { sessionId: session.id, repId: rep.id, startsOn: toDbDate("2026-10-28"), endsOn: toDbDate("2026-11-27") } });
  const objective = await prisma.planObjective.create({ data: { planId: plan.id, dimension: "TECHNIQUE", title: "Qualify pain", successCriterion: "Pain in every call", position: 1 } });
  const planAction = await prisma.planAction.create({ data: { objectiveId: objective.id, ownerId: rep.id, description: "Role-play the pain funnel", dueDate: toDbDate("2026-11-06") } });
  const doneAction = await prisma.planAction.create({ data: { objectiveId: objective.id, ownerId: rep.id, description: "Done action", dueDate: toDbDate("2026-11-06"), status: "DONE" } });
  const otherSession = await prisma.coachingSession.create({ data: { managerId: east.manager.id, repId: rep2.id, heldOn: toDbDate("2026-11-03") } });
  const westSession = await prisma.coachingSession.create({ data: { managerId: west.manager.id, repId: west.reps[0].id, heldOn: toDbDate("2026-11-03") } });
  // The weekly rhythm: East's manager aligns on Monday and coaches on Wednesday; West's manager reviews on Friday.
  await prisma.rhythmRitual.createMany({
    data: [
      { managerId: east.manager.id, teamId: east.team.id, ritual: "align", weekday: 1 },
      { managerId: east.manager.id, teamId: east.team.id, ritual: "coach", weekday: 3 },
      { managerId: west.manager.id, teamId: west.team.id, ritual: "review", weekday: 5 },
    ],
  });
  const rituals = await prisma.rhythmRitual.findMany({ select: { id: true, ritual: true } });
  const ritualId = (r: string) => rituals.find((x) => x.ritual === r)!.id;
  const actor = async (id: string) => (await loadActor(id)) as SessionUser;
  return {
    east,
    west,
    deals: { saturday, sunday, monday, won, undated, others, westDeal },
    item,
    doneItem,
    othersItem,
    session,
    planAction,
    doneAction,
    otherSession,
    westSession,
    ritualId,
    rep: await actor(rep.id),
    rep2: await actor(rep2.id),
    manager: await actor(east.manager.id),
    westManager: await actor(west.manager.id),
    admin: await actor(admin.id),
    exec: await actor(exec.id),
  };
}

beforeAll(async () => {
  world = await setup();
});

describe("calendar feed", () => {
  it("gives a rep their next steps, action items, plan actions, coaching sessions and their team's rituals, on the organisation's dates", async () => {
    const { rep, deals, item, planAction, session, ritualId, east } = world;
    const url = await newFeed(rep);
    expect(url).toMatch(/^https?:\/\/[^/]+\/api\/calendar\/calf_[A-Za-z0-9_-]{43}\.ics$/);
    const { calendar, events } = await feedOf(url);
    expect(calendar.VERSION.value).toBe("2.0");
    expect(calendar["X-WR-TIMEZONE"].value).toBe("America/New_York");
    const uids = byUid(events);
    // Exactly the rep's own open items; this week is Monday 26 October to Sunday 1 November in New York.
    expect([...uids.keys()].sort()).toEqual(
      [
        `next-step-${deals.saturday.id}@cadence`,
        `next-step-${deals.sunday.id}@cadence`,
        `next-step-${deals.monday.id}@cadence`,
        `action-item-${item.id}@cadence`,
        `plan-action-${planAction.id}@cadence`,
        `coaching-${session.id}@cadence`,
        `ritual-${ritualId("align")}-2026-10-26@cadence`,
        `ritual-${ritualId("align")}-2026-11-02@cadence`,
        `ritual-${ritualId("coach")}-2026-10-26@cadence`,
        `ritual-${ritualId("coach")}-2026-11-02@cadence`,
      ].sort(),
    );
    const date = (uid: string) => {
      const e = uids.get(uid)!;
      expect(e.DTSTART.params.VALUE).toBe("DATE");
      expect(e.DTEND.params.VALUE).toBe("DATE");
      return [e.DTSTART.value, e.DTEND.value];
    };
    // All-day events on the dates as stored, either side of the change of offset: no day lost or gained.
    expect(date(`next-step-${deals.saturday.id}@cadence`)).toEqual(["20261031", "20261101"]);
    expect(date(`next-step-${deals.sunday.id}@cadence`)).toEqual(["20261101", "20261102"]);
    expect(date(`next-step-${deals.monday.id}@cadence`)).toEqual(["20261102", "20261103"]);
    expect(date(`ritual-${ritualId("align")}-2026-10-26@cadence`)).toEqual(["20261026", "20261027"]);
    expect(date(`ritual-${ritualId("coach")}-2026-11-02@cadence`)).toEqual(["20261104", "20261105"]);
    expect(date(`coaching-${session.id}@cadence`)).toEqual(["20261028", "20261029"]);
    expect(date(`action-item-${item.id}@cadence`)).toEqual(["20261104", "20261105"]);
    expect(date(`plan-action-${planAction.id}@cadence`)).toEqual(["20261106", "20261107"]);
    // The instant it was produced, in UTC.
    expect(uids.get(`next-step-${deals.sunday.id}@cadence`)!.DTSTAMP.value).toBe("20261102T043000Z");
    // What the rep reads, with the text escaped and unescaped intact, and a link back into Cadence.
    const saturday = uids.get(`next-step-${deals.saturday.id}@cadence`)!;
    expect(saturday.SUMMARY.value).toBe("Next step: Call the CFO (Acme, Inc; renewal)");
    expect(saturday.URL.value).toMatch(new RegExp(`/deals/${deals.saturday.id}$`));
    expect(saturday.SEQUENCE.value).toBe(String(deals.saturday.version));
    expect(uids.get(`coaching-${session.id}@cadence`)!.SUMMARY.value).toBe(`Coaching session with ${east.manager.name} (your manager)`);
    expect(uids.get(`ritual-${ritualId("align")}-2026-10-26@cadence`)!.SUMMARY.value).toBe("Align: East");
  });

  it("at the start of the summer time, this week is still the organisation's week", async () => {
    const { rep, ritualId } = world;
    const url = await newFeed(rep);
    // Sunday 8 March 2026 at 23:59 in New York (EDT since 03:00 that morning) is Monday 03:59 UTC.
    const { events } = await feedOf(url, new Date("2026-03-09T03:59:00Z"));
    const rituals = events.filter((e) => e.UID.value.startsWith(`ritual-${ritualId("align")}-`)).map((e) => e.DTSTART.value);
    expect(rituals).toEqual(["20260302", "20260309"]);
    // One minute later it is Monday 9 March in New York: the window moves on.
    const next = await feedOf(url, new Date("2026-03-09T04:00:00Z"));
    expect(next.events.filter((e) => e.UID.value.startsWith(`ritual-${ritualId("align")}-`)).map((e) => e.DTSTART.value)).toEqual(["20260309", "20260316"]);
  });

  it("gives a manager the sessions they coach and their rituals, never their reps' deals or another team's", async () => {
    const { manager, session, otherSession, ritualId, rep, rep2 } = world;
    const url = await newFeed(manager);
    const { events } = await feedOf(url);
    const uids = byUid(events);
    expect([...uids.keys()].sort()).toEqual(
      [
        `coaching-${session.id}@cadence`,
        `coaching-${otherSession.id}@cadence`,
        `ritual-${ritualId("align")}-2026-10-26@cadence`,
        `ritual-${ritualId("align")}-2026-11-02@cadence`,
        `ritual-${ritualId("coach")}-2026-10-26@cadence`,
        `ritual-${ritualId("coach")}-2026-11-02@cadence`,
      ].sort(),
    );
    expect(uids.get(`coaching-${session.id}@cadence`)!.SUMMARY.value).toBe(`Coaching session with ${rep.name}`);
    expect(uids.get(`coaching-${otherSession.id}@cadence`)!.SUMMARY.value).toBe(`Coaching session with ${rep2.name}`);
    expect(uids.get(`coaching-${otherSession.id}@cadence`)!.DESCRIPTION.value).toBe("Coaching session (planned).");
  });

  it("never shows another user's items, whoever's token it is", async () => {
    const { rep2, westManager, west, deals, item, othersItem, planAction, session, otherSession, westSession, ritualId } = world;
    const colleague = byUid((await feedOf(await newFeed(rep2))).events);
    expect(colleague.has(`next-step-${deals.others.id}@cadence`)).toBe(true);
    expect(colleague.has(`action-item-${othersItem.id}@cadence`)).toBe(true);
    expect(colleague.has(`coaching-${otherSession.id}@cadence`)).toBe(true);
    for (const uid of [deals.saturday.id, deals.sunday.id, deals.monday.id].map((id) => `next-step-${id}@cadence`)) expect(colleague.has(uid)).toBe(false);
    for (const uid of [`action-item-${item.id}@cadence`, `plan-action-${planAction.id}@cadence`, `coaching-${session.id}@cadence`]) expect(colleague.has(uid)).toBe(false);

    const other = byUid((await feedOf(await newFeed(westManager))).events);
    expect([...other.keys()].sort()).toEqual([`coaching-${westSession.id}@cadence`, `ritual-${ritualId("review")}-2026-10-26@cadence`, `ritual-${ritualId("review")}-2026-11-02@cadence`].sort());
    expect(other.get(`ritual-${ritualId("review")}-2026-10-26@cadence`)!.DTSTART.value).toBe("20261030");
    const westRep = byUid((await feedOf(await newFeed((await loadActor(west.reps[0].id)) as SessionUser))).events);
    expect([...westRep.keys()].sort()).toEqual(
      [`next-step-${deals.westDeal.id}@cadence`, `coaching-${westSession.id}@cadence`, `ritual-${ritualId("review")}-2026-10-26@cadence`, `ritual-${ritualId("review")}-2026-11-02@cadence`].sort(),
    );
  });

  it("keeps a next step's UID when the rep moves it, with a higher SEQUENCE, so the calendar replaces the event", async () => {
    const { rep } = world;
    const now = new Date();
    const today = localDate(now, "America/New_York");
    const deal = await createDeal(prisma, { ownerId: rep.id, stageId: (await prisma.pipelineStage.findFirstOrThrow({ orderBy: { order: "asc" }, skip: 1 })).id, name: "Moving", nextStep: "Call", nextStepDate: addDays(today, 3) });
    const uid = `next-step-${deal.id}@cadence`;
    const url = await newFeed(rep);
    const before = byUid((await feedOf(url, now)).events).get(uid)!;
    expect(before.DTSTART.value).toBe(ymd(addDays(today, 3)));

    const moved = await runAction(updateDeal.definition, rep, { dealId: deal.id, expectedVersion: String(deal.version), nextStep: "Send the contract", nextStepDate: addDays(today, 9) });
    expect(moved.ok).toBe(true);
    const after = byUid((await feedOf(url, now)).events);
    expect([...after.keys()].filter((k) => k.includes(deal.id))).toEqual([uid]);
    const event = after.get(uid)!;
    expect(event.DTSTART.value).toBe(ymd(addDays(today, 9)));
    expect(event.SUMMARY.value).toBe("Next step: Send the contract (Moving)");
    expect(Number(event.SEQUENCE.value)).toBeGreaterThan(Number(before.SEQUENCE.value));
    expect(event["LAST-MODIFIED"].value >= before["LAST-MODIFIED"].value).toBe(true);
  });

  it("answers 404 for a revoked, replaced, unknown or malformed token, and for a deactivated user", async () => {
    const { rep2, exec } = world;
    const first = await newFeed(rep2);
    const second = await newFeed(rep2); // regenerating stops the first URL
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "calendar.feed.regenerated", actorId: rep2.id } })).toBeGreaterThan(0);

    const revoked = await runAction(revokeCalendarFeed.definition, rep2, {});
    expect(revoked.ok).toBe(true);
    const res = await fetchFeed(second);
    expect(res.status).toBe(404);
    const notFoundBody = await res.text();
    expect(await prisma.auditLog.count({ where: { action: "calendar.feed.revoked", actorId: rep2.id } })).toBe(1);

    // Unknown and malformed look the same as revoked; none is a 500.
    const unknown = `calf_${"A".repeat(43)}.ics`;
    for (const segment of [unknown, "calf_short.ics", `calf_${"A".repeat(43)}`, `calf_${"A".repeat(43)}.ics.ics`, "x".repeat(5000), "%00.ics", `cad_${"A".repeat(44)}.ics`, ""]) {
      const r = await calendarFeedResponse(segment, IP, NOW);
      expect(r.status).toBe(404);
      expect(await r.text()).toBe(notFoundBody);
    }

    const url = await newFeed(exec);
    expect((await fetchFeed(url)).status).toBe(200);
    await prisma.user.update({ where: { id: exec.id }, data: { active: false } });
    expect((await fetchFeed(url)).status).toBe(404);
    await prisma.user.update({ where: { id: exec.id }, data: { active: true } });

    // Only the token's fingerprint is stored.
    const token = url.split("/api/calendar/")[1].slice(0, -4);
    const rows = await prisma.calendarFeed.findMany({ where: { userId: exec.id }, select: { tokenHash: true } });
    expect(rows.some((r) => r.tokenHash.includes(token))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it("is rate limited per client address", async () => {
    const previous = process.env.CADENCE_CALENDAR_LIMIT;
    process.env.CADENCE_CALENDAR_LIMIT = "2";
    try {
      const segment = `calf_${"B".repeat(43)}.ics`;
      const at = new Date("2026-11-02T05:00:00Z");
      expect((await calendarFeedResponse(segment, "203.0.113.9", at)).status).toBe(404);
      expect((await calendarFeedResponse(segment, "203.0.113.9", at)).status).toBe(404);
      const limited = await calendarFeedResponse(segment, "203.0.113.9", at);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await calendarFeedResponse(segment, "203.0.113.10", at)).status).toBe(404);
    } finally {
      if (previous === undefined) delete process.env.CADENCE_CALENDAR_LIMIT;
      else process.env.CADENCE_CALENDAR_LIMIT = previous;
    }
  });
});

describe("digest settings", () => {
  const valid = { digestWeekday: "3", digestTime: "18:30", reminderWeeklyLimit: "4" };

  it("only an admin changes them", async () => {
    const { rep, manager, exec } = world;
    for (const who of [rep, manager, exec]) {
      expect(await runAction(updateDigestSettings.definition, who, { ...valid })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    const org = await prisma.organisation.findFirstOrThrow({ select: { digestWeekday: true, digestTime: true, reminderWeeklyLimit: true } });
    expect(org).toEqual({ digestWeekday: 1, digestTime: "07:00", reminderWeeklyLimit: 10 });
  });

  it("accepts a weekday 1–7, a time HH:MM and a limit 0–100, and refuses anything else field by field", async () => {
    const { admin } = world;
    const refused: [Record<string, string>, string][] = [
      [{ digestWeekday: "0" }, "digestWeekday"],
      [{ digestWeekday: "8" }, "digestWeekday"],
      [{ digestWeekday: "Monday" }, "digestWeekday"],
      [{ digestTime: "7:00" }, "digestTime"],
      [{ digestTime: "24:00" }, "digestTime"],
      [{ digestTime: "07:60" }, "digestTime"],
      [{ digestTime: "07:00:00" }, "digestTime"],
      [{ reminderWeeklyLimit: "-1" }, "reminderWeeklyLimit"],
      [{ reminderWeeklyLimit: "101" }, "reminderWeeklyLimit"],
      [{ reminderWeeklyLimit: "2.5" }, "reminderWeeklyLimit"],
    ];
    for (const [change, field] of refused) {
      const result = await runAction(updateDigestSettings.definition, admin, { ...valid, ...change });
      expect(result.ok).toBe(false);
      expect((result as { fieldErrors?: Record<string, string[]> }).fieldErrors?.[field]?.length).toBeGreaterThan(0);
    }
    expect(await runAction(updateDigestSettings.definition, admin, { ...valid, timeZone: "UTC" })).toMatchObject({ ok: false });
    expect(await prisma.auditLog.count({ where: { action: "settings.digest.changed" } })).toBe(0);

    expect(await runAction(updateDigestSettings.definition, admin, { ...valid })).toMatchObject({ ok: true });
    const org = await prisma.organisation.findFirstOrThrow({ select: { digestWeekday: true, digestTime: true, reminderWeeklyLimit: true } });
    expect(org).toEqual({ digestWeekday: 3, digestTime: "18:30", reminderWeeklyLimit: 4 });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.digest.changed" }, select: { actorId: true, details: true } });
    expect(entry).toEqual({
      actorId: admin.id,
      details: { digestWeekday: { from: 1, to: 3 }, digestTime: { from: "07:00", to: "18:30" }, reminderWeeklyLimit: { from: 10, to: 4 } },
    });
  });

  it("the digest job sends on the chosen weekday from the chosen local time, and not on Monday any more", async () => {
    // Wednesday 2026-11-04 in New York (EST, -05:00): 18:29 is 23:29 UTC, 18:30 is 23:30 UTC.
    await prisma.organisation.updateMany({ data: { digestWeekday: 3, digestTime: "18:30" } });
    expect(await runDigests(new Date("2026-11-02T12:00:00Z"))).toBe(0); // Monday 07:00 local
    expect(await runDigests(new Date("2026-11-04T23:29:00Z"))).toBe(0);
    const written = await runDigests(new Date("2026-11-04T23:30:00Z"));
    const recipients = await prisma.user.count({ where: { active: true, role: { in: ["REP", "MANAGER", "EXECUTIVE"] } } });
    expect(written).toBe(recipients);
    expect(await prisma.mailOutbox.count({ where: { idempotencyKey: { startsWith: "digest:2026-11-02:" } } })).toBe(recipients);
    // Later that evening the run writes nothing more.
    expect(await runDigests(new Date("2026-11-05T01:00:00Z"))).toBe(0);
    // A forced run later that week (the demo seed's) is keyed by the same week: nothing is written twice.
    expect(await runDigests(new Date("2026-11-05T15:00:00Z"), { force: true })).toBe(0);
  });
});
