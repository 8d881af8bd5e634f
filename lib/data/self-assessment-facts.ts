// The measured facts the quarterly review shows beside the self-assessment, taken from what the review already loaded
// (the dashboard's adoption and forecast, the quarter-to-date standing) and rhythm adherence: no SQL of its own.
import type { QuarterlyDashboard, QuarterlyScope } from "@/lib/data/quarterly";
import { forecastAsOf, type QuarterToDateResult } from "@/lib/data/quarterly-to-date";
import type { SelfAssessmentReview } from "@/lib/data/self-assessment";
import { sumAdherence } from "@/lib/domain/self-assessment";
import type { SelfAssessmentFacts } from "@/components/quarterly/self-assessment-card";

type AdherenceRow = { managerId: string; weeksDue: number; inspectionsOnTime: number; coachingDue: number; coachingHeld: number };

export function selfAssessmentFacts(
  d: QuarterlyDashboard,
  toDate: QuarterToDateResult,
  scope: QuarterlyScope,
  review: SelfAssessmentReview,
  adherence: { rows: AdherenceRow[]; href: string } | null,
): SelfAssessmentFacts {
  // Scored only once the quarter has ended (forecastAsOf clears the accuracy of a quarter in progress).
  const forecast = forecastAsOf(d.forecast, toDate.comparison);
  const accuracy = scope.kind === "TEAM" ? (forecast.teams.find((t) => t.teamId === scope.teamId)?.accuracy ?? null) : (forecast.organisation?.accuracy ?? null);
  const leaderIds = new Set(review.leaders.map((l) => l.id));
  return {
    adoption: { share: d.open.adoption, adopted: d.open.adopted, deals: d.open.deals },
    targets: review.targets,
    forecast: { accuracy },
    adherence: adherence ? sumAdherence(adherence.rows.filter((r) => leaderIds.has(r.managerId))) : null,
    adherenceHref: adherence?.href ?? null,
  };
}
