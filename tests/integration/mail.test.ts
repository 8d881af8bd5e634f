// E-mail on real PostgreSQL and a real SMTP server: digests written once per person even with two workers, the
// outbox never sends a message twice (restart between write and send, concurrent senders), reminders respect the
// once-a-day and weekly limits, unsubscribe works, and every kind of message arrives and parses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type PgBoss from "pg-boss";
import { prisma } from "@/lib/db";
import { toDbDate } from "@/lib/domain/calendar";
import { formatDate } from "@/lib/format";
import { emitEvent } from "@/lib/events/emit";
import { createWorker } from "@/lib/jobs/worker";
import { mailDigestJob } from "@/lib/mail/jobs";
import { runDigests } from "@/lib/mail/digest";
import { runReminders } from "@/lib/mail/reminders";
import { claimOutbox, drainOutbox, CLAIM_LEASE_MS } from "@/lib/mail/sender";
import { unsubscribeToken } from "@/lib/mail/links";
import { unsubscribeWithToken } from "@/lib/mail/preferences";
import { createDeal, createOrganisation, createStages, createTeamWithReps, createUser } from "@/prisma/factories";
import type { MailTransport } from "@/lib/mail/transport";

process.env.NEXTAUTH_URL = "http://cadence.test";
process.env.NEXTAUTH_SECRET = "mail-test-secret";

// Monday 7 December 2026, New York (UTC-5): the digest is due from 07:00 local = 12:00Z.
const MONDAY_0659 = new Date("2026-12-07T11:59:00Z");
const MONDAY_0700 = new Date("2026-12-07T12:00:00Z");
const at = (iso: string) => new Date(iso);

const received: ParsedMail[] = [];
let smtp: SMTPServer;
let transport: MailTransport;
let fixture: Awaited<ReturnType<typeof setup>>;
const workers: PgBoss[] = [];

async function setup() {
  await createOrganisation(prisma, { name: "Northwind", timeZone: "America/New_York", currency: "USD" });
  const stages = await createStages(prisma);
  const { manager, team, reps } = await createTeamWithReps(prisma, 2);
  const exec = await createUser(prisma, { role: "EXECUTIVE", name: "Erin Exec" });
  const [rep, rep2] = reps;
  const week = await createDeal(prisma, { ownerId: rep.id, stageId: stages[2].id, name: "Acme renewal", nextStep: "Send proposal", nextStepDate: "2026-12-09", amountMinor: 5_000_000 });
  const overdue = await createDeal(prisma, { ownerId: rep.id, stageId: stages[1].id, name: "Globex pilot", nextStep: "Call CFO", nextStepDate: "2026-12-01", lastMovedAt: at("2026-10-01T12:00:00Z") });
  const item = await prisma.actionItem.create({ data: { ownerId: rep.id, createdById: manager.id, description: "Book the demo", dueDate: toDbDate("2026-12-08"), dealId: week.id } });
  return { manager, team, rep, rep2, exec, stages, week, overdue, item };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  fixture = await setup();
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceful: false, wait: true, timeout: 2_000 })));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await prisma.$disconnect();
});

async function outbox(where: Record<string, unknown> = {}) {
  return prisma.mailOutbox.findMany({ where, orderBy: { createdAt: "asc" } });
}

describe("Monday digest", () => {
  it("is not written before the organisation's digest time", async () => {
    expect(await runDigests(MONDAY_0659)).toBe(0);
    expect(await runDigests(at("2026-12-08T13:00:00Z"))).toBe(0); // Tuesday
    expect(await outbox()).toHaveLength(0);
  });

  it("goes out once per person, even with two workers running the job at once", async () => {
    const jobs = [mailDigestJob as never];
    const a = await createWorker({ jobs, timeZone: "America/New_York", schedule: false, pollingIntervalSeconds: 0.5 });
    workers.push(a);
    const b = await createWorker({ jobs, timeZone: "America/New_York", schedule: false, pollingIntervalSeconds: 0.5 });
    workers.push(b);
    await Promise.all([a.send("mail-digest", { now: MONDAY_0700.toISOString() }), b.send("mail-digest", { now: "2026-12-07T12:05:00.000Z" })]);
    // And two direct runs racing each other.
    await Promise.all([runDigests(MONDAY_0700), runDigests(MONDAY_0700)]);
    const end = Date.now() + 20_000;
    while (Date.now() < end) {
      const [done] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'mail-digest' AND state = 'completed'`;
      if (Number(done.n) === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const digests = await outbox({ kind: { startsWith: "digest." } });
    const people = [fixture.rep, fixture.rep2, fixture.manager, fixture.exec].map((u) => u.id).sort();
    expect(digests.map((d) => d.userId).sort()).toEqual(people);
    expect(new Set(digests.map((d) => d.idempotencyKey)).size).toBe(4);
    const repDigest = digests.find((d) => d.userId === fixture.rep.id)!;
    expect(repDigest.kind).toBe("digest.rep");
    expect(repDigest.subject).toBe(`Your week of ${formatDate("2026-12-07")}`);
  });
});

describe("outbox sender", () => {
  it("keeps mail in the built-in outbox when no SMTP server is configured", async () => {
    await prisma.$transaction((tx) =>
      tx.mailOutbox.create({ data: { idempotencyKey: "test:no-smtp", userId: fixture.rep.id, recipient: fixture.rep.email, subject: "Kept", kind: "reminder", payload: { name: "R", type: "next_step", itemId: "x", title: "Call", dueDate: "2026-12-01", state: "overdue", path: "/deals" }, createdAt: at("2026-12-07T11:00:00Z") } }),
    );
    const r = await drainOutbox(MONDAY_0700, { transport: null, limit: 1 });
    expect(r.keptInOutbox).toBe(1);
    const row = await prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: "test:no-smtp" } });
    expect(row.status).toBe("OUTBOX");
    expect(row.html).toContain("Open it in Cadence");
    expect(row.text).toContain("Call — overdue.");
  });

  it("does not send twice across a restart between the outbox write and the send", async () => {
    const before = received.length;
    // The first process claims the digests and stops before sending (a restart).
    const claimed = await claimOutbox(at("2026-12-07T12:10:00Z"), 100);
    expect(claimed.length).toBe(4);
    // A new process a minute later: the claim is still held, nothing is sent.
    expect((await drainOutbox(at("2026-12-07T12:11:00Z"), { transport })).sent).toBe(0);
    // Once the claim's lease has run out, the messages are sent, once.
    const later = new Date(at("2026-12-07T12:10:00Z").getTime() + CLAIM_LEASE_MS + 60_000);
    const [first, second] = await Promise.all([drainOutbox(later, { transport }), drainOutbox(later, { transport })]);
    expect(first.sent + second.sent).toBe(4);
    // Another restart after the send: nothing left to send.
    expect((await drainOutbox(new Date(later.getTime() + CLAIM_LEASE_MS * 2), { transport })).sent).toBe(0);
    const arrived = received.slice(before);
    expect(arrived).toHaveLength(4);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(4);
    const rows = await outbox({ kind: { startsWith: "digest." } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 2)).toBe(true);
  });

  it("delivers every kind of message over SMTP, with HTML, plain text, absolute links and one-click unsubscribe", async () => {
    const now = at("2026-12-07T15:00:00Z");
    await prisma.$transaction(async (tx) => {
      await emitEvent(tx, { type: "inspection.decision_recorded", occurredAt: now, actorId: fixture.manager.id, dealId: fixture.week.id, teamId: fixture.team.id, subjectUserId: fixture.rep.id, payload: { decision: "PUSH", note: "Customer asked for January", deal: { id: fixture.week.id, name: "Acme renewal" } } });
      await emitEvent(tx, { type: "action_item.created", occurredAt: now, actorId: fixture.manager.id, dealId: fixture.week.id, teamId: fixture.team.id, subjectUserId: fixture.rep.id, payload: { actionItemId: fixture.item.id, description: "Book the demo", dueDate: "2026-12-08", deal: { id: fixture.week.id, name: "Acme renewal" } } });
      await emitEvent(tx, { type: "coaching.plan_acknowledged", occurredAt: now, actorId: fixture.rep.id, teamId: fixture.team.id, subjectUserId: fixture.rep.id, payload: { planId: "p1", sessionId: "s1", managerId: fixture.manager.id, repId: fixture.rep.id } });
      // An event the author caused on their own item tells nobody.
      await emitEvent(tx, { type: "action_item.created", occurredAt: now, actorId: fixture.rep.id, teamId: fixture.team.id, subjectUserId: fixture.rep.id, payload: { actionItemId: "self", description: "Note to self", dueDate: "2026-12-08" } });
    });
    expect(await runReminders(now)).toBeGreaterThan(0);
    const before = received.length;
    const r = await drainOutbox(now, { transport });
    expect(r.failed).toBe(0);
    const arrived = received.slice(before);
    const bySubject = (s: string) => arrived.find((m) => m.subject?.includes(s));

    const decision = bySubject('decided "push the close date" on Acme renewal')!;
    expect(decision.to && "text" in decision.to ? decision.to.text : "").toBe(fixture.rep.email);
    expect(decision.text).toContain("Customer asked for January");
    expect(decision.html).toContain(`http://cadence.test/deals/${fixture.week.id}`);
    expect(bySubject("New action item: Book the demo")!.text).toContain(`due ${formatDate("2026-12-08")}`);
    const ack = bySubject("acknowledged the development plan")!;
    expect(ack.to && "text" in ack.to ? ack.to.text : "").toBe(fixture.manager.email);
    expect(arrived.find((m) => m.subject?.includes("Note to self"))).toBeUndefined();

    const reminder = bySubject("Action item due tomorrow: Book the demo")!;
    expect(reminder.text).toContain("Book the demo — due tomorrow.");
    const nextStep = bySubject(`Next step overdue since ${formatDate("2026-12-01")}`)!;
    expect(nextStep.html).toContain(`http://cadence.test/deals/${fixture.overdue.id}`);
    for (const mail of arrived) {
      const line = (key: string) => (mail.headerLines.find((h) => h.key === key)?.line ?? "").replace(/\r\n\s+/g, " ");
      expect(line("list-unsubscribe")).toMatch(/^List-Unsubscribe: <http:\/\/cadence\.test\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/);
      expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      // Both parts carry the footer a recipient uses to leave: the link in HTML, its words and address in text.
      expect(mail.html).toMatch(/href="http:\/\/cadence\.test\/unsubscribe\/[\w-]+\.[\w-]+"|href="http:\/\/cadence\.test\/api\/unsubscribe\//);
      expect(mail.text).toContain("Unsubscribe from these e-mails");
    }

    // The digests sent in the previous test: what each role reads.
    const digests = received.filter((m) => m.subject?.includes(`week of ${formatDate("2026-12-07")}`));
    const rep = digests.find((m) => m.subject === `Your week of ${formatDate("2026-12-07")}` && m.text?.includes("Acme renewal"))!;
    expect(rep.text).toContain("Send proposal");
    expect(rep.text).toContain("Globex pilot");
    expect(rep.text).toContain("Book the demo");
    expect(rep.html).toContain(`http://cadence.test/deals/${fixture.week.id}`);
    const manager = digests.find((m) => m.subject === `Your team's week of ${formatDate("2026-12-07")}`)!;
    expect(manager.text).toMatch(/Next step overdue: 1 deal worth \$10,000/);
    const exec = digests.find((m) => m.subject === `The organisation's week of ${formatDate("2026-12-07")}`)!;
    expect(exec.text).toContain(fixture.team.name);
    expect(exec.text).toContain("inspection not done");
  });
});

describe("reminders", () => {
  it("remind each item at most once a day, and no more than the weekly limit per person", async () => {
    const { rep2, manager, stages } = fixture;
    await prisma.organisation.updateMany({ data: { reminderWeeklyLimit: 3 } });
    for (let i = 0; i < 5; i++) {
      await createDeal(prisma, { ownerId: rep2.id, stageId: stages[1].id, name: `Stalled ${i}`, nextStepDate: `2026-11-2${i}` });
    }
    const tuesday = at("2026-12-08T14:00:00Z");
    await runReminders(tuesday);
    await Promise.all([runReminders(tuesday), runReminders(tuesday)]);
    const mine = () => outbox({ userId: rep2.id, kind: "reminder" });
    const first = await mine();
    expect(first).toHaveLength(3);
    // The most overdue first.
    expect(first.map((m) => (m.payload as { title: string }).title.split(":")[0]).sort()).toEqual(["Stalled 0", "Stalled 1", "Stalled 2"]);
    // Next day: the weekly limit is reached, nothing more for this person.
    await runReminders(at("2026-12-09T14:00:00Z"));
    expect(await mine()).toHaveLength(3);
    // A week later the limit has room again; each item at most once that day.
    await runReminders(at("2026-12-15T14:00:00Z"));
    await runReminders(at("2026-12-15T16:00:00Z"));
    const later = await mine();
    expect(later).toHaveLength(6);
    const keys = later.map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys.filter((k) => k.endsWith(":2026-12-15"))).toHaveLength(3);
    void manager;
  });
});

describe("unsubscribe", () => {
  it("turns the category off through a signed token, without signing in; a forged token does nothing", async () => {
    const { rep } = fixture;
    const token = unsubscribeToken(rep.id, "reminder");
    expect(await unsubscribeWithToken(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(await unsubscribeWithToken(unsubscribeToken(rep.id, "reminder").replace(/^[^.]+/, Buffer.from(`${fixture.rep2.id}.reminder`).toString("base64url")))).toBeNull();
    expect(await unsubscribeWithToken(token)).toEqual({ category: "reminder", email: rep.email });
    const pref = await prisma.mailPreference.findUniqueOrThrow({ where: { userId_category: { userId: rep.id, category: "reminder" } } });
    expect(pref.enabled).toBe(false);
    // Tomorrow's reminders skip the rep (the action item is overdue then) but still reach others.
    const wed = at("2026-12-09T15:00:00Z");
    await runReminders(wed);
    const repToday = await outbox({ userId: rep.id, kind: "reminder", idempotencyKey: { endsWith: ":2026-12-09" } });
    expect(repToday).toHaveLength(0);
    // Digests are another category: still written.
    await prisma.mailOutbox.deleteMany({ where: { userId: rep.id, kind: "digest.rep" } });
    await runDigests(MONDAY_0700);
    expect(await outbox({ userId: rep.id, kind: "digest.rep" })).toHaveLength(1);
  });
});
