import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { readableTeams } from "@/lib/data/quarterly";
import { listReviews } from "@/lib/data/quarterly-reviews";
import { canReadOrganisation } from "@/lib/auth/permissions";
import { quarterOptions } from "@/lib/domain/quarterly";
import { formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CreateReviewForm } from "@/components/quarterly/review-forms";

export const metadata: Metadata = { title: "Quarterly reviews" };

export default async function Page() {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const [reviews, teams] = await Promise.all([listReviews(actor), readableTeams(actor)]);
  const quarters = quarterOptions(today, org.fiscalYearStartMonth);
  const canSeeOrganisation = canReadOrganisation(actor);
  const canRecord = canSeeOrganisation || teams.length > 0;
  return (
    <>
      <PageHeader
        title="Quarterly reviews"
        description="Each review records the constraint identified and the decisions taken, with the quarter's figures frozen as they stood."
        actions={
          <Link href="/quarterly" className={buttonClass("secondary")}>
            Back to the dashboard
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          {reviews.length === 0 ? (
            <EmptyState title="No review recorded yet">Record the first one with the form.</EmptyState>
          ) : (
            <Card title="Past reviews">
              <ul className="divide-y divide-slate-100" aria-label="Past reviews">
                {reviews.map((r) => (
                  <li key={r.id} className="py-2">
                    <Link href={`/quarterly/reviews/${r.id}`} className="font-medium text-brand-700 underline">
                      {r.label}
                    </Link>
                    <span className="ml-2 text-sm text-slate-600">
                      {r.teamName ?? "Organisation"} · by {r.createdBy}, {formatInstant(r.createdAt, org.timeZone)} · {r.decisions} decision{r.decisions === 1 ? "" : "s"}
                    </span>
                    {r.constraintText && <p className="text-sm text-slate-700">Constraint: {r.constraintText}</p>}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {reviews.length >= 2 && (
            <Card title="Compare two reviews">
              <form method="get" action="/quarterly/reviews/compare" className="flex flex-wrap items-end gap-3">
                {(["a", "b"] as const).map((key, i) => (
                  <div key={key}>
                    <label htmlFor={`compare-${key}`} className="block text-sm font-medium text-slate-700">
                      {i === 0 ? "First review" : "Second review"}
                    </label>
                    <select id={`compare-${key}`} name={key} defaultValue={reviews[i]?.id} className={inputClass}>
                      {reviews.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.label} ({formatInstant(r.createdAt, org.timeZone)})
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
                <button type="submit" className={buttonClass("secondary")}>
                  Compare
                </button>
              </form>
            </Card>
          )}
        </div>
        {canRecord && (
          <Card title="Record a review" description="Freezes the quarter's figures as they stand now.">
            <CreateReviewForm quarters={quarters} defaultQuarter={quarters[1]} teams={teams} canSeeOrganisation={canSeeOrganisation} />
          </Card>
        )}
      </div>
    </>
  );
}
