import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisation";
import { decisionOwners, getReview } from "@/lib/data/quarterly-reviews";
import { formatDate, formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { SnapshotTable } from "@/components/quarterly/snapshot-view";
import { AddDecisionForm, EditReviewForm } from "@/components/quarterly/review-forms";

export const metadata: Metadata = { title: "Quarterly review" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const { id } = await params;
  const org = await getOrganisation();
  const review = await getReview(actor, id.slice(0, 64));
  if (!review) notFound();
  const owners = review.canEdit ? await decisionOwners(actor) : [];
  return (
    <>
      <PageHeader
        title={`Review · ${review.label}`}
        description={`${review.teamName ?? "Whole organisation"} · ${formatDate(review.periodStart)} – ${formatDate(review.periodEnd)} · recorded by ${review.createdByName}, ${formatInstant(review.createdAt, org.timeZone)}`}
        actions={
          <Link href="/quarterly/reviews" className={buttonClass("secondary")}>
            All reviews
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Figures at the time of the review" description="Frozen when the review was recorded: later changes to deals do not alter them.">
          <SnapshotTable snapshot={review.snapshot} />
          {review.snapshot.constraint?.explanation && <p className="mt-3 text-sm text-slate-700">{review.snapshot.constraint.explanation}</p>}
        </Card>
        <div className="space-y-6">
          <Card title="Constraint and notes">
            {review.canEdit ? (
              <EditReviewForm reviewId={review.id} constraintText={review.constraintText ?? ""} notes={review.notes ?? ""} />
            ) : (
              <>
                <p className="text-sm">
                  <strong>Constraint:</strong> {review.constraintText ?? "—"}
                </p>
                <p className="mt-2 whitespace-pre-wrap text-sm">{review.notes ?? ""}</p>
              </>
            )}
          </Card>
          <Card title="Decisions">
            {review.decisions.length === 0 ? (
              <p className="text-sm text-slate-600">No decision recorded yet.</p>
            ) : (
              <ul className="mb-4 divide-y divide-slate-100" aria-label="Decisions">
                {review.decisions.map((d) => (
                  <li key={d.id} className="py-2 text-sm">
                    <span className="font-medium">{d.description}</span>
                    <span className="ml-2 text-slate-600">
                      {d.owner ?? "no owner"} · due {formatDate(d.dueDate)}
                    </span>{" "}
                    {d.done && <Badge tone="good">done</Badge>}
                  </li>
                ))}
              </ul>
            )}
            {review.canEdit && <AddDecisionForm reviewId={review.id} owners={owners} />}
          </Card>
        </div>
      </div>
    </>
  );
}
