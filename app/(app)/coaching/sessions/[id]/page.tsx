import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { getCoachingSession, getPrivateNotes } from "@/lib/data/coaching";
import { BAT_LABELS, type BatDimensionKind } from "@/lib/domain/coaching";
import { AppError } from "@/lib/errors";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PlanCard, VerdictBadge } from "@/components/coaching/plan-card";
import { formatDate, formatInstant } from "@/lib/format";

export const metadata: Metadata = { title: "Coaching session" };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const { id } = await params;
  // "saved" only shows the notice after a save: a malformed value shows nothing.
  const query = parseSearchParams(PAGE_PARAMS.coachingSession, await searchParams);
  const saved = query.ok ? query.value.saved : undefined;
  const org: OrganisationSettings = await getOrganisation();
  const today = todayIn(org);
  const session = await getCoachingSession(user, id).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // Manager-only notes are read by their own query, and never for a rep.
  const privateNotes = user.role === "REP" ? [] : await getPrivateNotes(user, id);
  const isRep = user.id === session.repId;
  const managesRep = user.role !== "REP" && user.role !== "EXECUTIVE";
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Coaching session of ${formatDate(session.heldOn)}`}
        description={`${session.repName} with ${session.managerName}`}
        actions={
          <Link href={`/coaching/reps/${session.repId}`} className="text-sm text-brand-700 hover:underline">
            Coaching history of {session.repName}
          </Link>
        }
      />
      {saved && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Session and plan saved.
        </p>
      )}
      {session.reviewedPlans.length > 0 && (
        <Card title="Review of the previous plan">
          {session.reviewedPlans.map((p) => (
            <div key={p.id} className="space-y-2">
              <p className="text-sm">
                Plan of {formatDate(p.startsOn)}: <VerdictBadge verdict={p.verdict} />
              </p>
              {p.verdictNotes && <p className="text-sm text-slate-700">{p.verdictNotes}</p>}
            </div>
          ))}
        </Card>
      )}
      <Card title="BAT ratings">
        <dl className="grid gap-4 md:grid-cols-3">
          {session.ratings.map((r) => (
            <div key={r.dimension} className="rounded-md border border-slate-100 p-3">
              <dt className="text-sm font-medium">{BAT_LABELS[r.dimension as BatDimensionKind]}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{r.rating ?? "—"} / 5</dd>
              {r.notes && <dd className="mt-1 text-sm text-slate-700">{r.notes}</dd>}
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Call and discovery reviews">
        {session.callReviews.length === 0 ? (
          <p className="text-sm text-slate-600">No call reviewed in this session.</p>
        ) : (
          <ul className="space-y-3">
            {session.callReviews.map((c) => (
              <li key={c.id} className="rounded-md border border-slate-100 p-3 text-sm">
                <p className="font-medium">
                  {formatDate(c.callDate)} · {c.dealName ?? "No deal"} · <span className="break-all">{c.recordingRef}</span>
                </p>
                <div className="mt-1 flex flex-wrap gap-2">
                  <Badge tone={c.uncoveredPain ? "good" : "bad"}>{c.uncoveredPain ? "Uncovered the real pain" : "Pain not uncovered"}</Badge>
                  <Badge tone={c.usedNegativeReverse ? "good" : "neutral"}>{c.usedNegativeReverse ? "Used negative reverses" : "No negative reverses"}</Badge>
                  <Badge tone={c.setUpFrontContract ? "good" : "bad"}>{c.setUpFrontContract ? "Set an up-front contract" : "No up-front contract"}</Badge>
                  {c.pitchedFeatures && <Badge tone="warn">Just pitched features</Badge>}
                </div>
                {c.strengths && <p className="mt-1">Strengths: {c.strengths}</p>}
                {c.gaps && <p>Gaps: {c.gaps}</p>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Notes for the rep">{session.sharedNotes ? <p className="whitespace-pre-line text-sm">{session.sharedNotes}</p> : <p className="text-sm text-slate-600">None.</p>}</Card>
      {user.role !== "REP" && (
        <Card title="Manager-only notes" description="Never shown to the rep.">
          {privateNotes.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {privateNotes.map((n) => (
                <li key={n.id}>
                  <p className="whitespace-pre-line">{n.body}</p>
                  <p className="text-xs text-slate-500">
                    {n.authorName}, {formatInstant(n.createdAt, org.timeZone)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      <Card title="30-day development plan">
        {session.plan ? (
          <PlanCard plan={session.plan} today={today} editableOwnerId={isRep ? user.id : managesRep ? "*" : null} canAcknowledge={isRep} />
        ) : (
          <p className="text-sm text-slate-600">No plan.</p>
        )}
      </Card>
    </div>
  );
}
