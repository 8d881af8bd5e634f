// The demo's weekly rhythm: every manager's rituals on the source's days (Monday align … Friday review), and this
// week's Monday digests written to the built-in outbox, so /admin/outbox shows the rhythm working on a fresh start.
import { prisma } from "@/lib/db";
import { localDate, startOfWeek } from "@/lib/domain/calendar";
import { RITUALS, RITUAL_VOCABULARY } from "@/lib/domain/rhythm";
import { writeDigests } from "@/lib/mail/digest";
import { drainOutbox } from "@/lib/mail/sender";

export async function seedRhythm(now: Date): Promise<{ rituals: number; digests: number }> {
  const org = await prisma.organisation.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { timeZone: true, fiscalYearStartMonth: true, staleThresholdDays: true } });
  const links = await prisma.teamManager.findMany({ select: { teamId: true, userId: true } });
  const rituals = links.flatMap((l) => RITUALS.map((ritual) => ({ managerId: l.userId, teamId: l.teamId, ritual, weekday: RITUAL_VOCABULARY[ritual].defaultWeekday })));
  await prisma.rhythmRitual.createMany({ data: rituals, skipDuplicates: true });
  // This week's digest, as it went out (or will go out) on Monday; rendered now when the secret that signs the
  // unsubscribe links is known, else by the worker's first tick.
  const digests = await writeDigests(now, startOfWeek(localDate(now, org.timeZone)), org);
  if (process.env.NEXTAUTH_SECRET) await drainOutbox(now, { transport: null, limit: 1_000 });
  return { rituals: rituals.length, digests };
}
