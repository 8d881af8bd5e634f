// The demo's leadership self-assessment: every manager and the executive answered the three quarters before this one,
// so the quarterly review shows a trend per question beside the measured facts. This quarter is left to answer.
import { prisma } from "@/lib/db";
import { localDate, periodContaining, shiftPeriod, toDbDate } from "@/lib/domain/calendar";
import { SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Leaders tend to rate "actionable data" high whatever adoption says: the gap the review is there to show. */
const BASE: Record<SelfAssessmentQuestion, number> = { targets_communicated: 4, actionable_data: 5, feedback_loop: 3, practices_aligned: 3, forecast_grounded: 3 };
const NOTES: Partial<Record<SelfAssessmentQuestion, string>> = {
  actionable_data: "Dashboards are there; the team uses them in the Monday inspection.",
  feedback_loop: "Coaching slipped in the busy month.",
};

/** A small, stable wobble per leader, question and quarter (no randomness: the demo is the same on every start). */
function wobble(seed: string): number {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) | 0;
  return (Math.abs(h) % 3) - 1;
}

export async function seedSelfAssessment(now: Date, db: PrismaClient = prisma): Promise<number> {
  const org = await db.organisation.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { timeZone: true, fiscalYearStartMonth: true } });
  const current = periodContaining(localDate(now, org.timeZone), "QUARTER", org.fiscalYearStartMonth);
  const leaders = await db.user.findMany({ where: { active: true, role: { in: ["MANAGER", "EXECUTIVE"] } }, select: { id: true }, orderBy: { id: "asc" } });
  const rows = leaders.flatMap((leader) =>
    [-3, -2, -1].flatMap((offset) => {
      const quarter = shiftPeriod(current, offset, org.fiscalYearStartMonth);
      return SELF_ASSESSMENT_QUESTIONS.map((question) => ({
        userId: leader.id,
        quarterStart: toDbDate(quarter.start),
        question,
        // Answers drift up a little over the year, within 1–5.
        score: Math.min(5, Math.max(1, BASE[question] + wobble(`${leader.id}|${question}|${quarter.start}`) + (offset === -1 && question !== "actionable_data" ? 1 : 0))),
        notes: offset === -1 ? (NOTES[question] ?? null) : null,
        answeredAt: toDbDate(quarter.end),
      }));
    }),
  );
  const { count } = await db.selfAssessmentAnswer.createMany({ data: rows, skipDuplicates: true });
  return count;
}
