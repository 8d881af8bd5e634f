// Webhooks end to end on real PostgreSQL and a real HTTP receiver on loopback: outbox rows written in the event's
// transaction (none after a rollback), only for subscribers who may see the object, signed per Standard Webhooks,
// delivered in order per subscription, retried with exponential backoff for 24 hours (time is driven, never slept),
// then dead with the subscription marked failing; a crash mid-delivery resends with the same webhook-id.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runAction } from "@/lib/actions/safe-action";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import { createWebhook } from "@/lib/actions/webhooks/create-webhook";
import { updateWebhookHosts } from "@/lib/actions/admin/update-webhook-hosts";
import { resendDelivery } from "@/lib/actions/webhooks/resend-delivery";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { emitDealEvents } from "@/lib/data/deals-write";
import { attemptDelivery, backoffMs, deliverWebhooks, sendPinned, type Outgoing } from "@/lib/webhooks/deliver";
import { emitBecameStale } from "@/lib/webhooks/stale";
import { verify } from "@/lib/webhooks/signature";
import { isPrivateAddress } from "@/lib/webhooks/ssrf";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import { addDays } from "@/lib/domain/calendar";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { renderMail } from "@/lib/mail/render";

const MAIL_CTX = {
  organisationName: "Acme",
  timeZone: "Europe/London",
  currency: "GBP",
  language: "en",
  appUrl: "https://cadence.test",
  unsubscribeUrl: "https://cadence.test/u",
  preferencesUrl: "https://cadence.test/settings/notifications",
};

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  path: string;
}

const received: Received[] = [];
let answer: (path: string) => number = () => 204;
let server: http.Server;
let base = "";
let admin: SessionUser;
let managerA: SessionUser;
let repA: SessionUser;
let stages: { id: string }[] = [];
let today = "";
const teams: Record<string, string> = {};

beforeAll(async () => {
  process.env.CADENCE_WEBHOOK_ALLOW_HOSTS = "127.0.0.1";
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"]), timestamp: String(req.headers["webhook-timestamp"]), signature: String(req.headers["webhook-signature"]), body, path: req.url ?? "" });
      res.statusCode = answer(req.url ?? "");
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createOrganisation(prisma);
  stages = await createStages(prisma);
  today = todayIn(await loadOrganisation(prisma));
  const A = await createTeamWithReps(prisma, 1);
  const B = await createTeamWithReps(prisma, 1);
  teams.A = A.team.id;
  teams.B = B.team.id;
  admin = (await loadActor((await createUser(prisma, { role: "ADMIN" })).id))!;
  managerA = (await loadActor(A.manager.id))!;
  repA = (await loadActor(A.reps[0].id))!;
  teams.repB = B.reps[0].id;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  delete process.env.CADENCE_WEBHOOK_ALLOW_HOSTS;
});

async function subscribe(actor: SessionUser, path: string, events: string[], teamId = "") {
  const r = await runAction(createWebhook.definition, actor, { url: `${base}${path}`, events, teamId });
  if (!r.ok) throw new Error(r.message + JSON.stringify(r.fieldErrors));
  return r.data as { id: string; secret: string };
}

async function moveDeal(dealId: string, stageIndex: number) {
  const { version } = await prisma.deal.findUniqueOrThrow({ where: { id: dealId }, select: { version: true } });
  const r = await runAction(updateDeal.definition, repA, { dealId, expectedVersion: version, stageId: stages[stageIndex].id, nextStep: "Call", nextStepDate: addDays(today, 2) });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

describe("webhook subscriptions", () => {
  it("refuse plain http to a host nobody allowed, and private or loopback addresses unless allowed", async () => {
    const bad = ["http://example.com/h", "https://10.0.0.1/h", "https://169.254.169.254/latest", "https://[::1]/h", "ftp://example.com", "https://user:pw@example.com/"];
    for (const url of bad) {
      const r = await runAction(createWebhook.definition, admin, { url, events: ["deal.won"] });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.url, url).toBeDefined();
    }
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0"]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]) expect(isPrivateAddress(ip), ip).toBe(false);
    const manager = await runAction(createWebhook.definition, managerA, { url: `${base}/x`, events: ["deal.won"], teamId: teams.B });
    expect(manager.ok).toBe(false);
  });
});

describe("the administrators' allow-list of hosts", () => {
  it("is strict, audited, admin-only, lets loopback in without the environment, and is re-checked at every delivery", async () => {
    const env = process.env.CADENCE_WEBHOOK_ALLOW_HOSTS;
    delete process.env.CADENCE_WEBHOOK_ALLOW_HOSTS;
    try {
      await prisma.webhookSubscription.deleteMany({});
      received.length = 0;
      answer = () => 204;
      // Without the environment and an empty list, loopback over http is refused.
      const refused = await runAction(createWebhook.definition, admin, { url: `${base}/allowed`, events: ["deal.moved"] });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.fieldErrors?.url).toBeDefined();

      for (const bad of ["http://127.0.0.1", "*.example.com", "10.0.0.0/8", "127.0.0.1:8080", "a..b", "-x.example", "0.0.0.0", "ex ample.com", "user@host", "host/path", "1.2.3"]) {
        const r = await runAction(updateWebhookHosts.definition, admin, { hosts: bad });
        expect(r.ok, bad).toBe(false);
        if (!r.ok) expect(r.fieldErrors?.hosts, bad).toBeDefined();
      }
      const tooMany = Array.from({ length: 21 }, (_, i) => `h${i}.internal`).join(",");
      expect((await runAction(updateWebhookHosts.definition, admin, { hosts: tooMany })).ok).toBe(false);
      expect((await prisma.organisation.findFirstOrThrow({ select: { webhookAllowedHosts: true } })).webhookAllowedHosts).toEqual([]);
      const byManager = await runAction(updateWebhookHosts.definition, managerA, { hosts: "127.0.0.1" });
      expect(byManager.ok).toBe(false);
      if (!byManager.ok) expect(byManager.code).toBe("FORBIDDEN");

      const saved = await runAction(updateWebhookHosts.definition, admin, { hosts: " 127.0.0.1,\nHooks.Internal., [0:0:0:0:0:0:0:1] , 127.0.0.1" });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      expect((await prisma.organisation.findFirstOrThrow({ select: { webhookAllowedHosts: true } })).webhookAllowedHosts).toEqual(["127.0.0.1", "hooks.internal", "::1"]);
      const audited = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.webhook-hosts" }, orderBy: { at: "desc" } });
      expect(audited.actorId).toBe(admin.id);
      expect(audited.details).toMatchObject({ added: ["127.0.0.1", "hooks.internal", "::1"], removed: [] });

      const sub = await subscribe(admin, "/allowed", ["deal.moved"]);
      const deal = await createDeal(prisma, { ownerId: repA.id, stageId: stages[0].id });
      await prisma.$transaction(async (tx) => emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, new Date()));
      await prisma.$transaction(async (tx) => emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, new Date()));
      const [first, second] = await prisma.webhookDelivery.findMany({ where: { subscriptionId: sub.id }, orderBy: { seq: "asc" }, select: { id: true } });
      // Delivered while allowed; once the admin removes the host, the next delivery is refused before any connection.
      expect(await attemptDelivery(first.id, new Date())).toBe(true);
      expect((await runAction(updateWebhookHosts.definition, admin, { hosts: "hooks.internal" })).ok).toBe(true);
      const before = received.length;
      expect(await attemptDelivery(second.id, new Date())).toBe(false);
      expect(received.length).toBe(before);
      const attempt = await prisma.webhookAttempt.findFirstOrThrow({ where: { deliveryId: second.id } });
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/https/);
      expect((await runAction(updateWebhookHosts.definition, admin, { hosts: "" })).ok).toBe(true);
      expect((await prisma.organisation.findFirstOrThrow({ select: { webhookAllowedHosts: true } })).webhookAllowedHosts).toEqual([]);
      await prisma.webhookSubscription.deleteMany({});
    } finally {
      process.env.CADENCE_WEBHOOK_ALLOW_HOSTS = env;
    }
  });
});

describe("webhook delivery", () => {
  it("delivers signed events in order, only to subscribers who may see them; a rolled-back change emits nothing", async () => {
    const org = await subscribe(admin, "/org", ["deal.created", "deal.updated", "deal.moved"]);
    const mine = await subscribe(managerA, "/team-a", ["deal.moved"], teams.A);
    const deal = await createDeal(prisma, { ownerId: repA.id, stageId: stages[0].id });
    const other = await createDeal(prisma, { ownerId: teams.repB, stageId: stages[0].id });
    await moveDeal(deal.id, 1);
    await moveDeal(deal.id, 2);
    await prisma.$transaction(async (tx) => emitDealEvents(tx, other.id, ["deal.moved"], admin.id, new Date()));
    await expect(
      prisma.$transaction(async (tx) => {
        await emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, new Date());
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");

    const now = new Date();
    const delivered = await deliverWebhooks(now);
    const orgCalls = received.filter((r) => r.path === "/org");
    const teamCalls = received.filter((r) => r.path === "/team-a");
    expect(delivered).toBe(orgCalls.length + teamCalls.length);
    // The admin sees both teams' deals; manager A only team A's: the other team's move never reaches /team-a.
    expect(orgCalls.map((c) => JSON.parse(c.body).type)).toEqual(["deal.updated", "deal.moved", "deal.updated", "deal.moved", "deal.moved"]);
    expect(teamCalls.map((c) => JSON.parse(c.body).data.deal.id)).toEqual([deal.id, deal.id]);
    for (const c of orgCalls) expect(verify(org.secret, c, c.body, now)).toBe(true);
    for (const c of teamCalls) expect(verify(mine.secret, c, c.body, now)).toBe(true);
    expect(verify(mine.secret, orgCalls[0], orgCalls[0].body, now)).toBe(false);
    // A replayed call outside the tolerance is refused by the receiver's check.
    expect(verify(org.secret, orgCalls[0], orgCalls[0].body, new Date(now.getTime() + 10 * 60_000))).toBe(false);
    expect(new Set(orgCalls.map((c) => c.id)).size).toBe(orgCalls.length);
    await prisma.webhookSubscription.deleteMany({});
  });

  it("retries with exponential backoff for 24 hours, the next delivery waiting, then marks the subscription failing", async () => {
    received.length = 0;
    await prisma.webhookSubscription.deleteMany({});
    const sub = await subscribe(admin, "/flaky", ["deal.moved"]);
    answer = () => 500;
    const deal = await createDeal(prisma, { ownerId: repA.id, stageId: stages[0].id });
    const t0 = new Date();
    await prisma.$transaction(async (tx) => emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, t0));
    await prisma.$transaction(async (tx) => emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, new Date(t0.getTime() + 1)));
    const [first, second] = await prisma.webhookDelivery.findMany({ where: { subscriptionId: sub.id }, orderBy: { seq: "asc" }, select: { id: true } });

    const attemptTimes: number[] = [];
    let now = t0.getTime();
    // Drive the clock every 15 s for the first hour, then every 15 min: attempts happen only when due.
    while (now <= t0.getTime() + 26 * 3600_000) {
      const before = received.length;
      await deliverWebhooks(new Date(now));
      if (received.slice(before).some((r) => r.id === first.id)) attemptTimes.push(now - t0.getTime());
      now += now - t0.getTime() < 3600_000 ? 15_000 : 900_000;
    }
    // In order: every try of the first comes before any try of the second (which waited until the first was dead).
    const ids = received.map((r) => (r.id === first.id ? "first" : r.id === second.id ? "second" : r.id));
    expect(ids.lastIndexOf("first")).toBeLessThan(ids.indexOf("second") === -1 ? Infinity : ids.indexOf("second"));
    expect(new Set(ids)).toEqual(new Set(["first", "second"]));
    // The gaps between attempts grow: 30 s, 1 min, 2 min, 4 min …
    const gaps = attemptTimes.slice(1).map((t, i) => t - attemptTimes[i]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]);
    expect(gaps[0]).toBeGreaterThanOrEqual(backoffMs(1));
    expect(gaps[1]).toBeGreaterThanOrEqual(backoffMs(2));
    const dead = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: first.id }, select: { status: true, attempts: true } });
    expect(dead.status).toBe("DEAD");
    expect(dead.attempts).toBe(attemptTimes.length);
    expect(attemptTimes.at(-1)!).toBeLessThanOrEqual(24 * 3600_000 + 900_000);
    const failing = await prisma.webhookSubscription.findUniqueOrThrow({ where: { id: sub.id }, select: { failingSince: true } });
    expect(failing.failingSince).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "webhook.failing", targetId: sub.id } })).toBe(1);
    // The owner is told by e-mail, once for the episode, through the mail outbox (written with the failing mark).
    const mails = await prisma.mailOutbox.findMany({ where: { kind: "event.webhook_failing" } });
    expect(mails).toHaveLength(1);
    expect(mails[0].userId).toBe(admin.id);
    expect(mails[0].recipient).toBe(admin.email);
    expect(mails[0].idempotencyKey).toBe(`webhook-failing:${sub.id}:${failing.failingSince!.toISOString()}`);
    expect(mails[0].subject).toBe(`Your webhook to ${new URL(base).host} is failing`);
    const mailText = (await renderMail("event.webhook_failing", mails[0].payload as never, MAIL_CTX)).text;
    expect(mailText).toContain(`${base}/flaky`);
    expect(mailText).toContain(`https://cadence.test/settings/webhooks/${sub.id}`);
    expect(mailText).toContain("HTTP 500");
    const log = await prisma.webhookAttempt.findMany({ where: { deliveryId: first.id } });
    expect(log.every((a) => a.statusCode === 500 && a.durationMs >= 0)).toBe(true);

    // Once the first is dead, the second goes; the receiver is back; the subscription is healthy again.
    answer = () => 200;
    await deliverWebhooks(new Date(now + 4 * 3600_000 + 1));
    expect(received.at(-1)!.id).toBe(second.id);
    expect((await prisma.webhookSubscription.findUniqueOrThrow({ where: { id: sub.id }, select: { failingSince: true } })).failingSince).toBeNull();

    // "Resend" puts the dead delivery back with the same webhook-id.
    const resent = await runAction(resendDelivery.definition, admin, { deliveryId: first.id });
    expect(resent.ok).toBe(true);
    await deliverWebhooks(new Date());
    expect(received.at(-1)!.id).toBe(first.id);
    await prisma.webhookSubscription.deleteMany({});
  });

  it("loses nothing when the worker dies mid-delivery: the next run resends with the same webhook-id", async () => {
    received.length = 0;
    await prisma.webhookSubscription.deleteMany({});
    answer = () => 200;
    const sub = await subscribe(admin, "/crash", ["deal.moved"]);
    const deal = await createDeal(prisma, { ownerId: repA.id, stageId: stages[0].id });
    await prisma.$transaction(async (tx) => emitDealEvents(tx, deal.id, ["deal.moved"], admin.id, new Date()));
    const now = new Date();
    // The request reaches the receiver, then the process dies before recording the answer.
    const crash = async (out: Outgoing, address: string, family: 4 | 6) => {
      await sendPinned(out, address, family);
      throw new Error("process killed");
    };
    await expect(deliverWebhooks(now, { send: crash })).rejects.toThrow("process killed");
    const pending = await prisma.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: sub.id }, select: { id: true, status: true } });
    expect(pending.status).toBe("PENDING");
    // While the lease holds, another worker does not send it twice at once.
    expect(await deliverWebhooks(new Date(now.getTime() + 1000))).toBe(0);
    await deliverWebhooks(new Date(now.getTime() + 61_000));
    expect(received.map((r) => r.id)).toEqual([pending.id, pending.id]);
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: pending.id }, select: { status: true } })).status).toBe("DELIVERED");
    expect(await attemptDelivery("missing", now)).toBe(false);
    await prisma.webhookSubscription.deleteMany({});
  });

  it("emits deal.became_stale once per stale spell, from the scheduled job", async () => {
    received.length = 0;
    await prisma.webhookSubscription.deleteMany({});
    await subscribe(admin, "/stale", ["deal.became_stale"]);
    const old = new Date(Date.now() - 40 * 86_400_000);
    const deal = await createDeal(prisma, { ownerId: repA.id, stageId: stages[1].id });
    await prisma.deal.update({ where: { id: deal.id }, data: { lastMovedAt: old } });
    const now = new Date();
    expect(await emitBecameStale(now)).toBeGreaterThanOrEqual(1);
    expect(await emitBecameStale(now)).toBe(0);
    await deliverWebhooks(now);
    expect(received.some((r) => JSON.parse(r.body).type === "deal.became_stale" && JSON.parse(r.body).data.deal.id === deal.id)).toBe(true);
  });
});
