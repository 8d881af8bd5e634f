// deal.became_stale: a daily job finds open, unpaused deals whose last movement is now older than their stage's
// threshold (the 14-day rule of DOMAIN.md) and that have no such event since that movement, and emits the event once.
import { prisma } from "@/lib/db";
import { emitDealEvents } from "@/lib/data/deals-write";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, startOfLocalDay, toDbDate } from "@/lib/domain/calendar";

export async function emitBecameStale(now: Date, options: { limit?: number } = {}): Promise<number> {
  const org = await loadOrganisation(prisma);
  const today = todayIn(org, now);
  const limit = options.limit ?? 1000;
  // Stale when the days since movement exceed the threshold: moved before the start of (today - threshold + 1).
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT d."id" FROM "Deal" d JOIN "PipelineStage" s ON s."id" = d."stageId"
    WHERE d."status" = 'OPEN'
      AND (d."pausedUntil" IS NULL OR d."pausedUntil" <= ${toDbDate(today)})
      AND d."lastMovedAt" < (${startOfLocalDay(addDays(today, 1), org.timeZone)}::timestamptz - make_interval(days => COALESCE(s."staleThresholdDays", ${org.staleThresholdDays})))
      AND NOT EXISTS (SELECT 1 FROM "DomainEvent" e WHERE e."dealId" = d."id" AND e."type" = 'deal.became_stale' AND e."occurredAt" >= d."lastMovedAt")
    ORDER BY d."id" LIMIT ${limit}`;
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await prisma.$transaction(async (tx) => {
      for (const r of chunk) await emitDealEvents(tx, r.id, ["deal.became_stale"], null, now);
    });
  }
  return rows.length;
}
