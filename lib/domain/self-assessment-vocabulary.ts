// The leadership self-assessment: the source's questions with stable keys, their wording, the 1–5 scale, and for each
// question the measured facts that answer it on the quarterly review. All of the questionnaire's wording lives here;
// free of zod and of the database so that client components can use it. No clock, no I/O.

export const SELF_ASSESSMENT_QUESTIONS = ["targets_communicated", "actionable_data", "feedback_loop", "practices_aligned", "forecast_grounded"] as const;
export type SelfAssessmentQuestion = (typeof SELF_ASSESSMENT_QUESTIONS)[number];

/** A measured fact that answers a question; the quarterly review shows each beside the question's scores. */
export const SELF_ASSESSMENT_FACTS = ["targets_set", "methodology_adoption", "inspection_on_time", "coaching_held", "forecast_accuracy"] as const;
export type SelfAssessmentFact = (typeof SELF_ASSESSMENT_FACTS)[number];

export interface QuestionWording {
  /** Short name, for table rows and the trend. */
  label: string;
  /** The question as the source asks it. */
  question: string;
  /** Where the source asks it (the leadership self-assessment of the seed material). */
  source: string;
  /** The measured facts that answer the same question, in the order they are shown. */
  facts: readonly SelfAssessmentFact[];
}

export const SELF_ASSESSMENT_VOCABULARY: Record<SelfAssessmentQuestion, QuestionWording> = {
  targets_communicated: {
    label: "Targets communicated",
    question: "Are your performance targets communicated with precision?",
    source: "Leadership reflection and self-assessment",
    facts: ["targets_set"],
  },
  actionable_data: {
    label: "Actionable data",
    question: "Do your teams have clear, actionable data to inform their strategies?",
    source: "Leadership reflection and self-assessment",
    facts: ["methodology_adoption"],
  },
  feedback_loop: {
    label: "Feedback loop",
    question: "Is there a consistent feedback loop that enables iterative improvements?",
    source: "Leadership reflection and self-assessment",
    facts: ["inspection_on_time", "coaching_held"],
  },
  practices_aligned: {
    label: "Daily practice aligned",
    question: "Are you effectively aligning daily practices with your strategic vision, or is there room for greater coherence?",
    source: "Real-world application of strategic sales leadership",
    facts: ["inspection_on_time", "methodology_adoption"],
  },
  forecast_grounded: {
    label: "Forecast grounded",
    question: "Is your forecast grounded in the data, or has it drifted into a hope-based document?",
    source: "The management cadence: without a rhythm the forecast becomes a hope-based document",
    facts: ["forecast_accuracy"],
  },
};

export const FACT_LABELS: Record<SelfAssessmentFact, { label: string; help: string }> = {
  targets_set: { label: "Reps with a quarterly quota", help: "Share of the active reps in scope with a quota set for the quarter." },
  methodology_adoption: { label: "Methodology adoption", help: "Share of open deals that are not stale and keep an up-front contract (next step and close date ahead)." },
  inspection_on_time: { label: "Inspections on time", help: "Share of due weeks with the pipeline inspection done by the team's weekday." },
  coaching_held: { label: "Coaching held", help: "Coaching sessions held against those due in the quarter." },
  forecast_accuracy: { label: "Forecast accuracy", help: "The commit at the scoring week against the quarter's actual; scored once the quarter has ended." },
};

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

/** What each point of the 1–5 scale means (the radio labels). */
export const SCORE_LABELS: Record<Score, string> = {
  1: "Not at all",
  2: "Rarely",
  3: "Partly",
  4: "Mostly",
  5: "Fully",
};

export const NOTES_MAX = 2000;

export function isSelfAssessmentQuestion(value: string): value is SelfAssessmentQuestion {
  return (SELF_ASSESSMENT_QUESTIONS as readonly string[]).includes(value);
}

/** The questions a fact answers (the inverse of the vocabulary's mapping). */
export function questionsAnsweredBy(fact: SelfAssessmentFact): SelfAssessmentQuestion[] {
  return SELF_ASSESSMENT_QUESTIONS.filter((q) => SELF_ASSESSMENT_VOCABULARY[q].facts.includes(fact));
}

/**
 * The mean of some leaders' scores for one question, to one decimal (half away from zero), or null with no answer.
 * Scores outside 1–5 are not scores and are ignored.
 */
export function meanScore(scores: readonly number[]): number | null {
  const valid = scores.filter((s) => Number.isInteger(s) && s >= 1 && s <= 5);
  if (valid.length === 0) return null;
  const sum = valid.reduce((a, b) => a + b, 0);
  return Math.round((sum * 10) / valid.length) / 10;
}

/**
 * The self-rating next to a measured share (0–1): a rating of 4 or 5 against a fact under 60% is a gap worth a look,
 * a rating of 1 or 2 against a fact of 80% or more is modesty. Null when either is missing (no verdict).
 */
export function ratingAgainstFact(score: number | null, share: number | null): "gap" | "modest" | null {
  if (score === null || share === null) return null;
  if (score >= 4 && share < 0.6) return "gap";
  if (score <= 2 && share >= 0.8) return "modest";
  return null;
}

export const GAP_LABELS = { gap: "Rated higher than measured", modest: "Rated lower than measured" } as const;
