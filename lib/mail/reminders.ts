// The reminder run (job "mail-reminders"): action items and plan actions due tomorrow or overdue, next steps
// overdue for 2 days, an inspection not done by the team's rhythm day, a coaching session due with none held.
// Each reminder is keyed "reminder:<type>:<item>:<local date>" (at most once per item per day), and a person gets at
// most the organisation's weekly limit (a per-person lock makes two concurrent runs respect it too).
import { prisma } from "@/lib/db";
import { addDays, dateOnly, localDate, startOfLocalDay, startOfWeek, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { coachingDueState } from "@/lib/domain/coaching";
import { isoWeekday } from "@/lib/domain/rhythm";
import { formatDate } from "@/lib/format";
import type { ReminderPayload } from "@/lib/mail/messages";
import { enqueueMail, type OutboxMessage } from "@/lib/mail/outbox";
import { loadMailOrganisation } from "@/lib/mail/digest";
import { REMINDER_HEADINGS } from "@/lib/mail/templates/reminder";

interface Candidate {
  userId: string;
  name: string;
  email: string;
  payload: ReminderPayload;
  /** Most urgent first when the weekly limit cuts the list. */
  urgency: IsoDate;
}

function dueState(dueDate: IsoDate, today: IsoDate): string {
  if (dueDate > today) return "due tomorrow";
  if (dueDate === today) return "due today";
  return `overdue since ${formatDate(dueDate)}`;
}

/** Everything that deserves a reminder today (before the limits). */
export async function reminderCandidates(today: IsoDate, timeZone: string): Promise<Candidate[]> {
  const tomorrow = addDays(today, 1);
  const weekStart = startOfWeek(today);
  const weekStartInstant = startOfLocalDay(weekStart, timeZone);
  const [items, actions, steps, inspections, coaching] = await Promise.all([
    prisma.$queryRaw<{ id: string; description: string; dueDate: Date; dealId: string | null; userId: string; name: string; email: string }[]>`
      SELECT a."id", a."description", a."dueDate", a."dealId", u."id" AS "userId", u."name", u."email"
      FROM "ActionItem" a JOIN "User" u ON u."id" = a."ownerId"
      WHERE a."status" = 'OPEN' AND a."dueDate" <= ${toDbDate(tomorrow)} AND u."active"`,
    prisma.$queryRaw<{ id: string; description: string; dueDate: Date; sessionId: string; userId: string; name: string; email: string }[]>`
      SELECT pa."id", pa."description", pa."dueDate", p."sessionId", u."id" AS "userId", u."name", u."email"
      FROM "PlanAction" pa JOIN "PlanObjective" o ON o."id" = pa."objectiveId" JOIN "DevelopmentPlan" p ON p."id" = o."planId"
      JOIN "User" u ON u."id" = pa."ownerId"
      WHERE pa."status"::text <> 'DONE' AND pa."dueDate" <= ${toDbDate(tomorrow)} AND u."active"`,
    prisma.$queryRaw<{ id: string; name: string; nextStep: string | null; nextStepDate: Date; userId: string; userName: string; email: string }[]>`
      SELECT d."id", d."name", d."nextStep", d."nextStepDate", u."id" AS "userId", u."name" AS "userName", u."email"
      FROM "Deal" d JOIN "User" u ON u."id" = d."ownerId"
      WHERE d."status" = 'OPEN' AND d."nextStepDate" <= ${toDbDate(addDays(today, -2))} AND u."active"
        AND NOT (d."pausedUntil" IS NOT NULL AND d."pausedUntil" >= ${toDbDate(today)})`,
    prisma.$queryRaw<{ ritualId: string; teamId: string; teamName: string; weekday: number; userId: string; name: string; email: string }[]>`
      SELECT r."id" AS "ritualId", r."teamId", t."name" AS "teamName", r."weekday", u."id" AS "userId", u."name", u."email"
      FROM "RhythmRitual" r JOIN "User" u ON u."id" = r."managerId" JOIN "Team" t ON t."id" = r."teamId"
      WHERE r."ritual" = 'align' AND u."active"
        AND NOT EXISTS (SELECT 1 FROM "InspectionSession" s WHERE s."teamId" = r."teamId" AND s."completedAt" >= ${weekStartInstant})`,
    prisma.$queryRaw<{ repId: string; repName: string; lastHeldOn: Date | null; coachWeekday: number | null; userId: string; name: string; email: string }[]>`
      SELECT rep."id" AS "repId", rep."name" AS "repName",
        (SELECT max(c."heldOn") FROM "CoachingSession" c WHERE c."repId" = rep."id" AND c."completedAt" IS NOT NULL) AS "lastHeldOn",
        (SELECT r."weekday" FROM "RhythmRitual" r WHERE r."managerId" = m."id" AND r."teamId" = tm."teamId" AND r."ritual" = 'coach') AS "coachWeekday",
        m."id" AS "userId", m."name", m."email"
      FROM "TeamManager" tm JOIN "User" m ON m."id" = tm."userId" AND m."active"
      JOIN "User" rep ON rep."teamId" = tm."teamId" AND rep."role" = 'REP' AND rep."active"`,
  ]);
  const out: Candidate[] = [];
  for (const a of items) {
    const due = dateOnly(a.dueDate);
    out.push({ userId: a.userId, name: a.name, email: a.email, urgency: due, payload: { name: a.name, type: "action_item", itemId: a.id, title: a.description, dueDate: due, state: dueState(due, today), path: a.dealId ? `/deals/${a.dealId}` : "/inspection" } });
  }
  for (const a of actions) {
    const due = dateOnly(a.dueDate);
    out.push({ userId: a.userId, name: a.name, email: a.email, urgency: due, payload: { name: a.name, type: "plan_action", itemId: a.id, title: a.description, dueDate: due, state: dueState(due, today), path: `/coaching/sessions/${a.sessionId}` } });
  }
  for (const d of steps) {
    const due = dateOnly(d.nextStepDate);
    out.push({ userId: d.userId, name: d.userName, email: d.email, urgency: due, payload: { name: d.userName, type: "next_step", itemId: d.id, title: `${d.name}: ${d.nextStep ?? "next step"}`, dueDate: due, state: dueState(due, today), path: `/deals/${d.id}` } });
  }
  const weekday = isoWeekday(today);
  for (const i of inspections) {
    if (weekday <= i.weekday) continue; // not late until the team's day has passed
    const day = addDays(weekStart, i.weekday - 1);
    out.push({ userId: i.userId, name: i.name, email: i.email, urgency: day, payload: { name: i.name, type: "inspection", itemId: i.ritualId, title: `${i.teamName}'s weekly pipeline inspection`, dueDate: day, state: `not done by ${formatDate(day)}`, path: "/inspection" } });
  }
  for (const c of coaching) {
    const state = coachingDueState(c.lastHeldOn ? dateOnly(c.lastHeldOn) : null, today);
    if (state === "done") continue;
    // With a rhythm, a due session is reminded from the team's coaching day on; an overdue one always.
    if (state === "due" && (c.coachWeekday === null || weekday < c.coachWeekday)) continue;
    out.push({ userId: c.userId, name: c.name, email: c.email, urgency: c.lastHeldOn ? dateOnly(c.lastHeldOn) : "0000-00-00", payload: { name: c.name, type: "coaching", itemId: c.repId, title: `Coaching session with ${c.repName}`, dueDate: null, state: state === "overdue" ? "overdue (none last month either)" : "due this month", path: `/coaching/reps/${c.repId}` } });
  }
  return out;
}

export function reminderKey(c: Pick<Candidate, "payload">, today: IsoDate): string {
  return `reminder:${c.payload.type}:${c.payload.itemId}:${today}`;
}

/** Writes today's reminders due at `now`; returns how many were written. */
export async function runReminders(now: Date): Promise<number> {
  const org = await loadMailOrganisation();
  if (!org) return 0;
  const today = localDate(now, org.timeZone);
  const candidates = await reminderCandidates(today, org.timeZone);
  if (candidates.length === 0) return 0;
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const userIds = [...new Set(candidates.map((c) => c.userId))].sort();
  return prisma.$transaction(async (tx) => {
    // Per-person locks, in a fixed order: a second run waits here and then sees this one's rows.
    await tx.$queryRaw`SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock(hashtext('cadence-reminders:' || id)) FROM (SELECT id FROM unnest(${userIds}::text[]) AS id ORDER BY id) ids) locks`;
    const keys = candidates.map((c) => reminderKey(c, today));
    const [sent, existing] = await Promise.all([
      tx.$queryRaw<{ userId: string; n: number }[]>`
        SELECT "userId", count(*)::int AS n FROM "MailOutbox"
        WHERE "userId" = ANY(${userIds}) AND "kind" = 'reminder' AND "createdAt" > ${weekAgo} AND "createdAt" <= ${now}
        GROUP BY "userId"`,
      tx.$queryRaw<{ idempotencyKey: string }[]>`SELECT "idempotencyKey" FROM "MailOutbox" WHERE "idempotencyKey" = ANY(${keys})`,
    ]);
    const used = new Map(sent.map((s) => [s.userId, s.n]));
    const done = new Set(existing.map((e) => e.idempotencyKey));
    const messages: OutboxMessage<"reminder">[] = [];
    const ordered = [...candidates].sort((a, b) => a.urgency.localeCompare(b.urgency) || a.payload.itemId.localeCompare(b.payload.itemId));
    for (const c of ordered) {
      const key = reminderKey(c, today);
      if (done.has(key)) continue;
      const n = used.get(c.userId) ?? 0;
      if (n >= org.reminderWeeklyLimit) continue;
      used.set(c.userId, n + 1);
      done.add(key);
      messages.push({ key, userId: c.userId, recipient: c.email, kind: "reminder", subject: `${REMINDER_HEADINGS[c.payload.type]} ${c.payload.state}: ${c.payload.title}`, payload: c.payload });
    }
    return (await enqueueMail(tx, messages, now)).length;
  });
}
