// The Monday digest run (job "mail-digest"): on the organisation's digest day, from its digest time, writes one
// digest per active rep, manager and executive into the outbox. Keyed "digest:<week>:<user>", so any number of
// runs and workers write each person's digest once.
import { prisma } from "@/lib/db";
import { digestRecipients, executiveDigest, managerDigests, repDigests, type DigestOrganisation } from "@/lib/data/digest";
import { localDate, startOfWeek } from "@/lib/domain/calendar";
import { digestDueWeek } from "@/lib/domain/rhythm";
import { formatDate } from "@/lib/format";
import type { OutboxMessage } from "@/lib/mail/outbox";
import { enqueueMail } from "@/lib/mail/outbox";

export async function loadMailOrganisation() {
  const org = await prisma.organisation.findFirst({
    orderBy: { createdAt: "asc" },
    select: { timeZone: true, fiscalYearStartMonth: true, staleThresholdDays: true, digestWeekday: true, digestTime: true, reminderWeeklyLimit: true },
  });
  return org;
}

/** Writes this week's digests that are due at `now`; returns how many were written (0 outside the digest hour). */
export async function runDigests(now: Date, options: { force?: boolean } = {}): Promise<number> {
  const org = await loadMailOrganisation();
  if (!org) return 0;
  // Forced (the demo seed, an admin's re-run): this week's digest whatever the day, keyed by the week's Monday like
  // the scheduled run, so that a later scheduled run that week finds it written.
  const weekOf = options.force ? startOfWeek(localDate(now, org.timeZone)) : digestDueWeek(now, org.timeZone, org.digestWeekday, org.digestTime);
  if (!weekOf) return 0;
  return writeDigests(now, weekOf, org);
}

export async function writeDigests(now: Date, weekOf: string, org: DigestOrganisation): Promise<number> {
  const today = localDate(now, org.timeZone);
  const recipients = await digestRecipients(weekOf);
  if (recipients.length === 0) return 0;
  const reps = recipients.filter((r) => r.role === "REP");
  const managers = recipients.filter((r) => r.role === "MANAGER");
  const executives = recipients.filter((r) => r.role === "EXECUTIVE");
  const [repData, managerData, teams] = await Promise.all([
    repDigests(reps.map((r) => r.id), today, org),
    managerDigests(managers.map((m) => m.id), today, org),
    executives.length > 0 ? executiveDigest(today, org) : Promise.resolve([]),
  ]);
  const when = formatDate(weekOf);
  const messages: OutboxMessage[] = [];
  const key = (userId: string) => `digest:${weekOf}:${userId}`;
  for (const r of reps) {
    messages.push({ key: key(r.id), userId: r.id, recipient: r.email, kind: "digest.rep", subject: `Your week of ${when}`, payload: { name: r.name, weekOf, ...repData.get(r.id)! } });
  }
  for (const m of managers) {
    messages.push({ key: key(m.id), userId: m.id, recipient: m.email, kind: "digest.manager", subject: `Your team's week of ${when}`, payload: { name: m.name, weekOf, ...managerData.get(m.id)! } });
  }
  for (const e of executives) {
    messages.push({ key: key(e.id), userId: e.id, recipient: e.email, kind: "digest.executive", subject: `The organisation's week of ${when}`, payload: { name: e.name, weekOf, teams } });
  }
  // One transaction, one statement per 500 rows: a run cut short writes nothing, the next tick writes it all.
  const written = await prisma.$transaction(async (tx) => {
    let n = 0;
    for (let i = 0; i < messages.length; i += 500) n += (await enqueueMail(tx, messages.slice(i, i + 500), now)).length;
    return n;
  });
  return written;
}
