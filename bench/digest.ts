// Times one Monday digest run (every rep, manager and executive) on a large database, and the rendering of a
// sample, without sending anything: the rows it writes are removed afterwards.
// Usage: npm run seed:large -- --deals 200000   (into DATABASE_URL), then
//        DATABASE_URL=… NEXTAUTH_SECRET=bench node node_modules/tsx/dist/cli.mjs bench/digest.ts [runs=3]
import { prisma } from "@/lib/db";
import { localDate, startOfWeek } from "@/lib/domain/calendar";
import { loadMailOrganisation, writeDigests } from "@/lib/mail/digest";
import { appBaseUrl } from "@/lib/mail/links";
import { renderRow } from "@/lib/mail/sender";

const runs = Number(process.argv[2] ?? 3);
process.env.NEXTAUTH_SECRET ??= "bench-secret";

try {
  const org = await loadMailOrganisation();
  if (!org) throw new Error("No organisation: load data first (npm run seed:large).");
  const [deals, people] = await Promise.all([prisma.deal.count(), prisma.user.count({ where: { active: true, role: { in: ["REP", "MANAGER", "EXECUTIVE"] } } })]);
  console.log(`${deals} deals, ${people} recipients`);
  const now = new Date();
  const weekOf = startOfWeek(localDate(now, org.timeZone));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const written = await writeDigests(now, weekOf, org);
    times.push(performance.now() - t);
    console.log(`run ${i + 1}: ${written} digests written in ${(times.at(-1)! / 1000).toFixed(2)} s`);
    const sample = await prisma.mailOutbox.findMany({ where: { idempotencyKey: { startsWith: `digest:${weekOf}:` }, createdAt: now }, take: 50, select: { kind: true, payload: true, userId: true } });
    const r = performance.now();
    const base = { organisationName: "Bench", timeZone: org.timeZone, currency: "USD", language: "en", appUrl: appBaseUrl() };
    for (const row of sample) await renderRow(row, base);
    console.log(`  rendering ${sample.length} of them: ${((performance.now() - r) / Math.max(1, sample.length)).toFixed(1)} ms each`);
    await prisma.mailOutbox.deleteMany({ where: { idempotencyKey: { startsWith: `digest:${weekOf}:` }, createdAt: now } });
  }
  console.log(`digest run: best ${(Math.min(...times) / 1000).toFixed(2)} s over ${runs} run(s)`);
} finally {
  await prisma.$disconnect();
}
