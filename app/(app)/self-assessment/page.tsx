import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { canReadOrganisation } from "@/lib/auth/permissions";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { loadAnsweredQuarters, loadAnswers, loadLeaderName } from "@/lib/data/self-assessment";
import { periodContaining } from "@/lib/domain/calendar";
import { firstParam, parseQuarterParam } from "@/lib/domain/quarterly";
import { SCORE_LABELS, SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_VOCABULARY, type Score, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { formatDate, formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { SelfAssessmentForm, type AnswerDraft } from "@/components/self-assessment/self-assessment-form";

export const metadata: Metadata = { title: "Leadership self-assessment" };

const TITLE = "Leadership self-assessment";

export default async function SelfAssessmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const query = parseSearchParams(PAGE_PARAMS.selfAssessment, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title={TITLE} />
        <InvalidFilter message={query.message} clearHref="/self-assessment" />
      </>
    );
  }
  const current = periodContaining(today, "QUARTER", org.fiscalYearStartMonth);
  const period = parseQuarterParam(firstParam(query.value.q), today, org.fiscalYearStartMonth);
  const leaderParam = firstParam(query.value.leader)?.trim() || null;
  const leaderId = leaderParam ?? actor.id;
  // Another leader's answers: executives and admins only, and a refusal reads like a missing leader.
  const leader = leaderId === actor.id ? (actor.role === "ADMIN" ? null : { id: actor.id, name: "You" }) : canReadOrganisation(actor) ? await loadLeaderName(leaderId) : null;

  if (!period || !leader) {
    return (
      <>
        <PageHeader title={TITLE} />
        {!period ? (
          <InvalidFilter message={`“${String(firstParam(query.value.q)).slice(0, 40)}” is not a quarter. Use a label such as “FY2026 Q3”.`} clearHref="/self-assessment" />
        ) : (
          <EmptyState title={leaderParam ? "That self-assessment was not found." : "Managers and executives answer the self-assessment."}>
            <Link href="/quarterly" className="font-medium text-brand-700 hover:underline">
              See the leaders&apos; scores on the quarterly review
            </Link>
          </EmptyState>
        )}
      </>
    );
  }

  const own = leader.id === actor.id;
  const [answers, quarters] = await Promise.all([loadAnswers(leader.id, period.start), loadAnsweredQuarters(leader.id)]);
  const editable = own && period.start === current.start;
  const future = period.start > current.start;
  const byQuestion = new Map(answers.map((a) => [a.question, a]));
  const lastSaved = answers.reduce<Date | null>((max, a) => (!max || a.answeredAt > max ? a.answeredAt : max), null);
  const initial = Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, { score: byQuestion.get(q)?.score ?? null, notes: byQuestion.get(q)?.notes ?? "" }])) as Record<SelfAssessmentQuestion, AnswerDraft>;
  const leaderQuery = own ? "" : `&leader=${encodeURIComponent(leader.id)}`;
  const history = quarters.filter((q) => q.quarterStart !== period.start);

  return (
    <>
      <PageHeader
        title={`${TITLE} · ${period.label}`}
        description={
          own
            ? "A short quarterly questionnaire from the source's questions. Score each from 1 (not at all) to 5 (fully); the quarterly review shows your scores beside the measured facts that answer the same question."
            : `${leader.name}'s answers, read-only.`
        }
        actions={
          <Link href={`/quarterly?q=${encodeURIComponent(period.label)}#self-assessment`} className={buttonClass("secondary")}>
            Beside the facts
          </Link>
        }
      />
      <div className="space-y-6">
        <p className="text-sm text-slate-700" data-testid="self-assessment-status">
          {editable
            ? `This quarter runs to ${formatDate(current.end)}: you can change your answers until then. ${lastSaved ? `Last saved ${formatInstant(lastSaved, org.timeZone)}.` : "Not answered yet."}`
            : future
              ? "That quarter has not started yet."
              : `${period.label} has ended: these answers are read-only.${lastSaved ? ` Last saved ${formatInstant(lastSaved, org.timeZone)}.` : ""}`}
        </p>
        {editable ? (
          <SelfAssessmentForm leaderId={leader.id} quarterStart={current.start} initial={initial} />
        ) : answers.length === 0 ? (
          <EmptyState title={future ? "Nothing to answer yet." : `No answers for ${period.label}.`} />
        ) : (
          <Card title={`Answers for ${period.label}`}>
            <dl className="divide-y divide-slate-100">
              {SELF_ASSESSMENT_QUESTIONS.map((q) => {
                const a = byQuestion.get(q);
                return (
                  <div key={q} className="grid gap-1 py-3 sm:grid-cols-[1fr_10rem]" data-testid={`answer-${q}`}>
                    <dt className="text-sm text-slate-800">
                      <span className="font-medium">{SELF_ASSESSMENT_VOCABULARY[q].label}.</span> {SELF_ASSESSMENT_VOCABULARY[q].question}
                      {a?.notes && <span className="mt-1 block whitespace-pre-line text-slate-600">Notes: {a.notes}</span>}
                    </dt>
                    <dd className="text-sm font-semibold tabular-nums">{a ? `${a.score} · ${SCORE_LABELS[a.score as Score] ?? ""}` : "Not answered"}</dd>
                  </div>
                );
              })}
            </dl>
          </Card>
        )}
        <Card title="Other quarters">
          {history.length === 0 && period.start === current.start ? (
            <p className="text-sm text-slate-600">No earlier answers yet.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {period.start !== current.start && !future && (
                <li>
                  <Link href={`/self-assessment?q=${encodeURIComponent(current.label)}${leaderQuery}`} className="font-medium text-brand-700 hover:underline">
                    {current.label} (this quarter)
                  </Link>
                </li>
              )}
              {history
                .filter((q) => q.quarterStart !== current.start)
                .map((q) => {
                  const label = periodContaining(q.quarterStart, "QUARTER", org.fiscalYearStartMonth).label;
                  return (
                    <li key={q.quarterStart}>
                      <Link href={`/self-assessment?q=${encodeURIComponent(label)}${leaderQuery}`} className="font-medium text-brand-700 hover:underline">
                        {label}
                      </Link>{" "}
                      <span className="text-slate-600">
                        · {q.answers} {q.answers === 1 ? "answer" : "answers"}, read-only
                      </span>
                    </li>
                  );
                })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
