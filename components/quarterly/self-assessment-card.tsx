// The quarterly review's leadership self-assessment: each question's scores over four quarters beside the measured
// facts that answer it (targets set, methodology adoption, rhythm adherence, forecast accuracy). A quarter in progress
// shows its facts "to date" and gives no verdict. Every number links to what is behind it.
import type { SelfAssessmentReview } from "@/lib/data/self-assessment";
import { scoreTrend, type FactValue } from "@/lib/domain/self-assessment";
import {
  FACT_LABELS,
  GAP_LABELS,
  ratingAgainstFact,
  SELF_ASSESSMENT_QUESTIONS,
  SELF_ASSESSMENT_VOCABULARY,
  type SelfAssessmentFact,
} from "@/lib/domain/self-assessment-vocabulary";
import type { PeriodProgress } from "@/lib/domain/period-to-date";
import { formatNumber, formatPercent, NO_DATA } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { dashboardHref, drillHref, type QuarterlyFilters } from "./links";

export interface SelfAssessmentFacts {
  adoption: { share: number | null; adopted: number; deals: number };
  targets: { reps: number; withQuota: number };
  forecast: { accuracy: number | null };
  /** Summed over the leaders in scope; null when rhythm adherence is not available. */
  adherence: { inspection: { numerator: number; denominator: number; share: number | null }; coaching: { numerator: number; denominator: number; share: number | null } } | null;
  adherenceHref: string | null;
}

const linkClass = "underline decoration-dotted underline-offset-4 hover:text-brand-700";

function answersHref(quarterLabel: string, leaderId: string, own: boolean) {
  return `/self-assessment?q=${encodeURIComponent(quarterLabel)}${own ? "" : `&leader=${encodeURIComponent(leaderId)}`}`;
}

export function SelfAssessmentCard({
  review,
  facts,
  filters,
  progress,
  actorId,
}: {
  review: SelfAssessmentReview;
  facts: SelfAssessmentFacts;
  filters: QuarterlyFilters;
  progress: PeriodProgress;
  actorId: string;
}) {
  const { quarters, leaders, answers } = review;
  const selected = quarters[quarters.length - 1];
  const ended = progress.state === "ended";
  const toDate = ended ? "" : " to date";
  const trend = scoreTrend(answers, quarters.map((q) => q.start));
  const single = leaders.length === 1 ? leaders[0] : null;
  const scoreHref = (quarterLabel: string) => (single ? answersHref(quarterLabel, single.id, single.id === actorId) : "#self-assessment-leaders");

  const value = (fact: SelfAssessmentFact): FactValue => {
    switch (fact) {
      case "targets_set":
        return { fact, share: facts.targets.reps === 0 ? null : facts.targets.withQuota / facts.targets.reps, numerator: facts.targets.withQuota, denominator: facts.targets.reps, final: ended };
      case "methodology_adoption":
        return { fact, share: facts.adoption.share, numerator: facts.adoption.adopted, denominator: facts.adoption.deals, final: true };
      case "inspection_on_time":
        return { fact, share: facts.adherence?.inspection.share ?? null, numerator: facts.adherence?.inspection.numerator ?? null, denominator: facts.adherence?.inspection.denominator ?? null, final: ended };
      case "coaching_held":
        return { fact, share: facts.adherence?.coaching.share ?? null, numerator: facts.adherence?.coaching.numerator ?? null, denominator: facts.adherence?.coaching.denominator ?? null, final: ended };
      case "forecast_accuracy":
        return { fact, share: ended ? facts.forecast.accuracy : null, numerator: null, denominator: null, final: ended };
    }
  };

  const factHref = (fact: SelfAssessmentFact): string | null => {
    switch (fact) {
      case "targets_set":
        return "/targets";
      case "methodology_adoption":
        return drillHref(filters, "not_adopted");
      case "inspection_on_time":
      case "coaching_held":
        return facts.adherenceHref;
      case "forecast_accuracy":
        return `${dashboardHref(filters)}#forecast`;
    }
  };

  const factText = (v: FactValue): string => {
    if (v.fact === "forecast_accuracy") return ended ? formatPercent(v.share) : "no verdict until the quarter ends";
    if ((v.fact === "inspection_on_time" || v.fact === "coaching_held") && !facts.adherence) return "not measured yet";
    if (v.denominator === null || v.denominator === 0) return NO_DATA;
    const counted =
      v.fact === "targets_set" ? `${formatNumber(v.numerator)} of ${formatNumber(v.denominator)} reps` :
      v.fact === "methodology_adoption" ? `${formatNumber(v.numerator)} of ${formatNumber(v.denominator)} open deals` :
      v.fact === "inspection_on_time" ? `${formatNumber(v.numerator)} of ${formatNumber(v.denominator)} weeks` :
      `${formatNumber(v.numerator)} of ${formatNumber(v.denominator)} sessions`;
    return `${formatPercent(v.share)} (${counted})`;
  };

  return (
    <Card
      title="Leadership self-assessment"
      description={`How ${single ? (single.id === actorId ? "you" : single.name) : "the leaders in scope"} rated each question of the source's self-assessment, beside the measured facts that answer it. Scores 1 (not at all) to 5 (fully)${leaders.length > 1 ? ", the mean of those who answered" : ""}.${ended ? "" : ` ${selected.label} is in progress: its facts are to date, without a verdict.`}`}
    >
      <div id="self-assessment" className="scroll-mt-4">
        {leaders.length === 0 ? (
          <p className="text-sm text-slate-600">No manager or executive in this scope whose self-assessment you can see.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm" data-testid="self-assessment-table">
              <caption className="sr-only">Self-assessment scores per quarter and the measured facts for {selected.label}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="py-2 pr-3">Question</th>
                  {quarters.map((q) => (
                    <th key={q.start} scope="col" className="px-2 py-2 text-right tabular-nums">
                      {q.label}
                    </th>
                  ))}
                  <th scope="col" className="py-2 pl-3">Measured{toDate} in {selected.label}</th>
                </tr>
              </thead>
              <tbody>
                {SELF_ASSESSMENT_QUESTIONS.map((question) => {
                  const w = SELF_ASSESSMENT_VOCABULARY[question];
                  const cells = trend[question];
                  const current = cells[cells.length - 1].mean;
                  return (
                    <tr key={question} className="border-b border-slate-100 align-top" data-testid={`self-assessment-row-${question}`}>
                      <th scope="row" className="py-2 pr-3 text-left font-normal">
                        <span className="font-medium text-slate-900">{w.label}</span>
                        <span className="block text-xs text-slate-600">{w.question}</span>
                      </th>
                      {cells.map((c, i) => (
                        <td key={c.quarterStart} className="px-2 py-2 text-right tabular-nums" data-testid={i === cells.length - 1 ? "score-selected" : undefined}>
                          {c.mean === null ? (
                            <span className="text-slate-400">{NO_DATA}</span>
                          ) : (
                            <a href={scoreHref(quarters[i].label)} className={linkClass} aria-label={`${w.label}, ${quarters[i].label}: scored ${c.mean}${leaders.length > 1 ? ` (mean of ${c.answered})` : ""}`}>
                              {c.mean}
                            </a>
                          )}
                        </td>
                      ))}
                      <td className="py-2 pl-3">
                        <ul className="space-y-1">
                          {w.facts.map((fact) => {
                            const v = value(fact);
                            const href = factHref(fact);
                            const text = factText(v);
                            const gap = ended && v.final ? ratingAgainstFact(current, v.share) : null;
                            return (
                              <li key={fact} data-testid={`fact-${question}-${fact}`}>
                                <span className="text-slate-600" title={FACT_LABELS[fact].help}>
                                  {FACT_LABELS[fact].label}
                                  {fact === "methodology_adoption" ? " today" : v.final ? "" : toDate}:
                                </span>{" "}
                                {href && v.share !== null ? (
                                  <a href={href} className={`${linkClass} font-medium tabular-nums`}>
                                    {text}
                                  </a>
                                ) : (
                                  <span className="font-medium">{text}</span>
                                )}
                                {gap && (
                                  <>
                                    {" "}
                                    <Badge tone={gap === "gap" ? "bad" : "info"}>{GAP_LABELS[gap]}</Badge>
                                  </>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {!facts.adherence && leaders.length > 0 && <p className="mt-2 text-xs text-slate-500">Rhythm adherence (inspections on time, coaching held) is not measured yet.</p>}
        {leaders.length > 1 && (
          <details id="self-assessment-leaders" className="mt-3 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">Each leader&apos;s answers ({leaders.length})</summary>
            <ul className="mt-2 grid gap-1 sm:grid-cols-2">
              {leaders.map((l) => {
                const n = answers.filter((a) => a.userId === l.id && a.quarterStart === selected.start).length;
                return (
                  <li key={l.id}>
                    <a href={answersHref(selected.label, l.id, l.id === actorId)} className={linkClass}>
                      {l.name}
                    </a>{" "}
                    <span className="text-slate-600">
                      · {n === 0 ? `not answered for ${selected.label}` : `${n} of ${SELF_ASSESSMENT_QUESTIONS.length} answered`}
                    </span>
                  </li>
                );
              })}
            </ul>
          </details>
        )}
      </div>
    </Card>
  );
}
