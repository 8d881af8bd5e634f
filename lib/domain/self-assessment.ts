// The leadership self-assessment's pure rules: the trend of scores per question over quarters and the measured facts
// beside them. No clock, no I/O. Wording: self-assessment-vocabulary.ts.
import type { IsoDate } from "@/lib/domain/calendar";
import { meanScore, SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentFact, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";

export interface ScoredAnswer {
  userId: string;
  quarterStart: IsoDate;
  question: SelfAssessmentQuestion;
  score: number;
}

export interface TrendCell {
  quarterStart: IsoDate;
  /** The mean of the leaders' scores, one decimal; null when nobody answered. */
  mean: number | null;
  answered: number;
}

/** Per question, one cell per quarter (in the order given): the mean score of those who answered. */
export function scoreTrend(answers: readonly ScoredAnswer[], quarterStarts: readonly IsoDate[]): Record<SelfAssessmentQuestion, TrendCell[]> {
  const by = new Map<string, number[]>();
  for (const a of answers) {
    const key = `${a.question}|${a.quarterStart}`;
    by.set(key, [...(by.get(key) ?? []), a.score]);
  }
  return Object.fromEntries(
    SELF_ASSESSMENT_QUESTIONS.map((q) => [
      q,
      quarterStarts.map((start) => {
        const scores = by.get(`${q}|${start}`) ?? [];
        return { quarterStart: start, mean: meanScore(scores), answered: scores.length };
      }),
    ]),
  ) as Record<SelfAssessmentQuestion, TrendCell[]>;
}

/** A measured fact as the review shows it: a share with what it counts, or nothing measured. */
export interface FactValue {
  fact: SelfAssessmentFact;
  share: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Scored: false while the period runs (to date, no verdict) or when the fact is not measured. */
  final: boolean;
}

/** Summed adherence over the leaders in scope (several managers: their weeks and sessions add up). */
export function sumAdherence(rows: readonly { weeksDue: number; inspectionsOnTime: number; coachingDue: number; coachingHeld: number }[]) {
  const t = rows.reduce(
    (acc, r) => ({ weeksDue: acc.weeksDue + r.weeksDue, onTime: acc.onTime + r.inspectionsOnTime, coachingDue: acc.coachingDue + r.coachingDue, held: acc.held + r.coachingHeld }),
    { weeksDue: 0, onTime: 0, coachingDue: 0, held: 0 },
  );
  return {
    inspection: { numerator: t.onTime, denominator: t.weeksDue, share: t.weeksDue === 0 ? null : t.onTime / t.weeksDue },
    coaching: { numerator: t.held, denominator: t.coachingDue, share: t.coachingDue === 0 ? null : Math.min(1, t.held / t.coachingDue) },
  };
}
