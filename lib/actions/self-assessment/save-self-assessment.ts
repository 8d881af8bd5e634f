"use server";
// A manager or executive answers this quarter's leadership self-assessment (1–5 and notes per question), or edits it
// until the quarter ends: their own answers only, in one transaction, audited. Ended quarters are read-only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadLeaderForAnswer, saveAnswers } from "@/lib/data/self-assessment";
import { dateField } from "@/lib/data/deals-schema";
import { periodContaining } from "@/lib/domain/calendar";
import { NOTES_MAX, SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";
import { invalid } from "@/lib/errors";

const SCORE_MESSAGE = "Choose a score from 1 to 5.";

const answer = z.strictObject({
  score: z.coerce.number({ error: SCORE_MESSAGE }).int(SCORE_MESSAGE).min(1, SCORE_MESSAGE).max(5, SCORE_MESSAGE),
  notes: z
    .string()
    .trim()
    .max(NOTES_MAX, `Keep the notes under ${NOTES_MAX} characters.`)
    .optional()
    .transform((v) => (v ? v : null)),
});

const selfAssessmentSchema = z.strictObject({
  leaderId: z.string().min(1).max(64),
  quarterStart: dateField("first day of the quarter"),
  answers: z.strictObject(Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, answer])) as Record<SelfAssessmentQuestion, typeof answer>),
});

export const saveSelfAssessment = defineAction(
  {
    name: "self-assessment.save",
    roles: ["MANAGER", "EXECUTIVE"],
    schema: selfAssessmentSchema,
    object: {
      key: "leaderId",
      label: "Self-assessment",
      load: loadLeaderForAnswer,
      // One's own answers only: anyone else's are answered exactly like a missing one.
      can: (actor, leader) => leader.id === actor.id,
    },
    handler: async ({ actor, input, tx }) => {
      const org = await loadOrganisation(tx);
      const now = new Date();
      const current = periodContaining(todayIn(org, now), "QUARTER", org.fiscalYearStartMonth);
      if (input.quarterStart < current.start) throw invalid("quarterStart", "That quarter has ended: its answers are read-only.");
      if (input.quarterStart > current.start) throw invalid("quarterStart", "That quarter has not started yet.");
      const answers = SELF_ASSESSMENT_QUESTIONS.map((question) => ({ question, score: input.answers[question].score, notes: input.answers[question].notes }));
      const changed = await saveAnswers(tx, actor.id, current.start, answers, now);
      if (changed > 0) {
        await audit(
          {
            action: "self-assessment.saved",
            actorId: actor.id,
            targetType: "SelfAssessment",
            targetId: `${actor.id}:${current.start}`,
            details: { quarterStart: current.start, scores: Object.fromEntries(answers.map((a) => [a.question, a.score])) },
          },
          tx,
        );
      }
      return { id: `${actor.id}:${current.start}`, changed };
    },
  },
  () => {
    revalidatePath("/self-assessment");
    revalidatePath("/quarterly");
  },
);
