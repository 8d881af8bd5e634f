import { describe, expect, it } from "vitest";
import {
  FACT_LABELS,
  meanScore,
  questionsAnsweredBy,
  ratingAgainstFact,
  SCORES,
  SCORE_LABELS,
  SELF_ASSESSMENT_FACTS,
  SELF_ASSESSMENT_QUESTIONS,
  SELF_ASSESSMENT_VOCABULARY,
  isSelfAssessmentQuestion,
} from "@/lib/domain/self-assessment-vocabulary";
import { scoreTrend, sumAdherence } from "@/lib/domain/self-assessment";

describe("self-assessment vocabulary", () => {
  it("asks the source's three questions in its own words, under stable keys", () => {
    expect(SELF_ASSESSMENT_VOCABULARY.targets_communicated.question).toBe("Are your performance targets communicated with precision?");
    expect(SELF_ASSESSMENT_VOCABULARY.actionable_data.question).toBe("Do your teams have clear, actionable data to inform their strategies?");
    expect(SELF_ASSESSMENT_VOCABULARY.feedback_loop.question).toBe("Is there a consistent feedback loop that enables iterative improvements?");
    expect(SELF_ASSESSMENT_QUESTIONS).toEqual(["targets_communicated", "actionable_data", "feedback_loop", "practices_aligned", "forecast_grounded"]);
    expect(isSelfAssessmentQuestion("actionable_data")).toBe(true);
    expect(isSelfAssessmentQuestion("constructor")).toBe(false);
  });

  it("maps each question to the measured facts that answer it", () => {
    expect(SELF_ASSESSMENT_VOCABULARY.targets_communicated.facts).toEqual(["targets_set"]);
    expect(SELF_ASSESSMENT_VOCABULARY.actionable_data.facts).toEqual(["methodology_adoption"]);
    expect(SELF_ASSESSMENT_VOCABULARY.feedback_loop.facts).toEqual(["inspection_on_time", "coaching_held"]);
    expect(SELF_ASSESSMENT_VOCABULARY.forecast_grounded.facts).toEqual(["forecast_accuracy"]);
    expect(questionsAnsweredBy("methodology_adoption")).toEqual(["actionable_data", "practices_aligned"]);
    // Every fact answers at least one question and has its label; every question has at least one fact.
    for (const f of SELF_ASSESSMENT_FACTS) {
      expect(questionsAnsweredBy(f).length).toBeGreaterThan(0);
      expect(FACT_LABELS[f].label).not.toBe("");
    }
    for (const q of SELF_ASSESSMENT_QUESTIONS) expect(SELF_ASSESSMENT_VOCABULARY[q].facts.length).toBeGreaterThan(0);
  });

  it("labels every point of the 1–5 scale", () => {
    expect(SCORES).toEqual([1, 2, 3, 4, 5]);
    expect(SCORES.map((s) => SCORE_LABELS[s])).toEqual(["Not at all", "Rarely", "Partly", "Mostly", "Fully"]);
  });
});

describe("self-assessment scoring", () => {
  it("averages the leaders' scores to one decimal and ignores what is not a score", () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([5])).toBe(5);
    expect(meanScore([4, 5])).toBe(4.5);
    expect(meanScore([4, 4, 5])).toBe(4.3);
    expect(meanScore([2, 3, 3])).toBe(2.7);
    expect(meanScore([0, 6, 2.5, 3])).toBe(3);
  });

  it("flags a high rating against a low fact, and a low rating against a high one; nothing without both", () => {
    // "actionable data" rated 5 while adoption is 48%.
    expect(ratingAgainstFact(5, 0.48)).toBe("gap");
    expect(ratingAgainstFact(4, 0.59)).toBe("gap");
    expect(ratingAgainstFact(4, 0.6)).toBeNull();
    expect(ratingAgainstFact(2, 0.8)).toBe("modest");
    expect(ratingAgainstFact(3, 0.1)).toBeNull();
    expect(ratingAgainstFact(null, 0.48)).toBeNull();
    expect(ratingAgainstFact(5, null)).toBeNull();
  });

  it("builds the trend per question and quarter, oldest first, with how many answered", () => {
    const quarters = ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"];
    const trend = scoreTrend(
      [
        { userId: "a", quarterStart: "2026-04-01", question: "actionable_data", score: 4 },
        { userId: "b", quarterStart: "2026-04-01", question: "actionable_data", score: 5 },
        { userId: "a", quarterStart: "2026-10-01", question: "actionable_data", score: 5 },
        { userId: "a", quarterStart: "2026-10-01", question: "feedback_loop", score: 2 },
      ],
      quarters,
    );
    expect(trend.actionable_data.map((c) => c.mean)).toEqual([null, 4.5, null, 5]);
    expect(trend.actionable_data.map((c) => c.answered)).toEqual([0, 2, 0, 1]);
    expect(trend.feedback_loop.map((c) => c.mean)).toEqual([null, null, null, 2]);
    expect(trend.targets_communicated.every((c) => c.mean === null)).toBe(true);
  });

  it("adds up rhythm adherence over several managers; nothing due is no share", () => {
    expect(
      sumAdherence([
        { weeksDue: 6, inspectionsOnTime: 3, coachingDue: 4, coachingHeld: 4 },
        { weeksDue: 4, inspectionsOnTime: 4, coachingDue: 2, coachingHeld: 3 },
      ]),
    ).toEqual({ inspection: { numerator: 7, denominator: 10, share: 0.7 }, coaching: { numerator: 7, denominator: 6, share: 1 } });
    expect(sumAdherence([]).inspection.share).toBeNull();
  });
});
