// Fills an empty database with the demo organisation. `npm run db:seed` (add -- --reset to start over).
import { pathToFileURL } from "node:url";
import { prisma } from "@/lib/db";
import { localDate, toDbDate } from "@/lib/domain/calendar";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD, DEMO_TIME_ZONE, generateDemoData } from "./demo-data";
import { seedRhythm } from "./demo-rhythm";
import { seedSelfAssessment } from "./demo-self-assessment";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const CHUNK = 2_000;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function isEmpty(db: PrismaClient = prisma): Promise<boolean> {
  return (await db.organisation.count()) === 0 && (await db.user.count()) === 0;
}

/** Removes every row (for --reset and tests). */
export async function truncateAll(db: PrismaClient = prisma): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

export async function seedDemo(db: PrismaClient = prisma, now: Date = new Date()): Promise<{ deals: number; changes: number }> {
  const today = localDate(now, DEMO_TIME_ZONE);
  const data = generateDemoData(today);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const d = toDbDate;

  await db.$transaction(
    async (tx) => {
      await tx.organisation.create({ data: data.organisation });
      await tx.pipelineStage.createMany({ data: data.stages });
      await tx.team.createMany({ data: data.teams });
      await tx.user.createMany({
        data: data.users.map((u) => ({ ...u, passwordHash, startDate: u.startDate ? d(u.startDate) : null })),
      });
      await tx.teamManager.createMany({ data: data.teamManagers });
      await tx.account.createMany({ data: data.accounts });
      await insertChunks(data.deals, (chunk) =>
        tx.deal.createMany({
          data: chunk.map((x) => ({
            ...x,
            closeDate: d(x.closeDate),
            nextStepDate: x.nextStepDate ? d(x.nextStepDate) : null,
            firstContactDate: x.firstContactDate ? d(x.firstContactDate) : null,
            pausedUntil: x.pausedUntil ? d(x.pausedUntil) : null,
          })),
        }),
      );
      await insertChunks(data.changes, (chunk) => tx.dealChange.createMany({ data: chunk.map((c) => ({ ...c, source: "SEED" as const })) }));
      await insertChunks(data.activities, (chunk) =>
        tx.activity.createMany({ data: chunk.map((a) => ({ ...a, occurredOn: d(a.occurredOn) })) }),
      );
      await insertChunks(data.leads, (chunk) => tx.lead.createMany({ data: chunk.map((l) => ({ ...l, createdOn: d(l.createdOn) })) }));
      await tx.quota.createMany({ data: data.quotas.map((q) => ({ ...q, periodStart: d(q.periodStart), periodEnd: d(q.periodEnd) })) });
      await tx.kpiTarget.createMany({ data: data.targets.map((t) => ({ ...t, setById: "user_exec" })) });
      await insertChunks(data.forecasts, (chunk) =>
        tx.forecastSubmission.createMany({ data: chunk.map((f) => ({ ...f, periodStart: d(f.periodStart), periodEnd: d(f.periodEnd) })) }),
      );
      const c = data.coaching;
      await tx.coachingSession.createMany({ data: c.sessions.map((s) => ({ ...s, heldOn: d(s.heldOn) })) });
      await tx.coachingPrivateNote.createMany({ data: c.privateNotes });
      await tx.callReview.createMany({ data: c.callReviews.map((r) => ({ ...r, callDate: d(r.callDate) })) });
      await tx.developmentPlan.createMany({ data: c.plans.map((p) => ({ ...p, startsOn: d(p.startsOn), endsOn: d(p.endsOn) })) });
      await tx.planObjective.createMany({ data: c.objectives });
      await tx.planAction.createMany({ data: c.actions.map((a) => ({ ...a, dueDate: d(a.dueDate) })) });
      const i = data.inspections;
      await tx.inspectionSession.createMany({ data: i.sessions.map((s) => ({ ...s, asOfDate: d(s.asOfDate) })) });
      await tx.inspectionDisposition.createMany({ data: i.dispositions });
      await tx.actionItem.createMany({ data: i.actionItems.map((a) => ({ ...a, dueDate: d(a.dueDate) })) });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  await seedRhythm(now);
  await seedSelfAssessment(now, db);
  return { deals: data.deals.length, changes: data.changes.length };
}

async function main() {
  const reset = process.argv.includes("--reset");
  if (reset) await truncateAll();
  else if (!(await isEmpty())) {
    console.log("The database already holds data; nothing was seeded. Use `npm run db:seed -- --reset` to start over.");
    return;
  }
  const started = Date.now();
  const { deals, changes } = await seedDemo();
  console.log(`Seeded the demo organisation: ${deals} deals, ${changes} history rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main()
    .catch((error) => {
      console.error(`Seeding failed: ${(error as Error).message}`);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
