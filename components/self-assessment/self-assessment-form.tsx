"use client";
// This quarter's leadership self-assessment: one radio group (1–5, labelled) and notes per question, saved together.
// Native radios in a fieldset: Tab reaches each group, the arrow keys choose the score.
import { startTransition, useActionState, type FormEvent } from "react";
import { saveSelfAssessment } from "@/lib/actions/self-assessment/save-self-assessment";
import type { FormState } from "@/lib/actions/safe-action";
import { NOTES_MAX, SCORES, SCORE_LABELS, SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_VOCABULARY, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";
import { Button } from "@/components/ui/button";
import { FormMessage, fieldError, inputClass } from "@/components/ui/field";

export interface AnswerDraft {
  score: number | null;
  notes: string;
}

export function SelfAssessmentForm({ leaderId, quarterStart, initial }: { leaderId: string; quarterStart: string; initial: Record<SelfAssessmentQuestion, AnswerDraft> }) {
  const [state, dispatch, pending] = useActionState((prev: FormState, payload: Record<string, unknown>) => saveSelfAssessment(prev, payload), null as FormState);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const answers: Record<string, { score: string; notes: string }> = {};
    for (const q of SELF_ASSESSMENT_QUESTIONS) answers[q] = { score: String(data.get(`${q}.score`) ?? ""), notes: String(data.get(`${q}.notes`) ?? "") };
    startTransition(() => dispatch({ leaderId, quarterStart, answers }));
  }

  const formError = fieldError(errors, "_form") ?? fieldError(errors, "quarterStart");
  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby="self-assessment-message">
      <div id="self-assessment-message" aria-live="polite">
        <FormMessage state={state?.ok ? { ok: true, message: "Your answers are saved. You can change them until the quarter ends." } : state} />
        {formError && <p className="text-sm text-red-700">{formError}</p>}
      </div>
      {SELF_ASSESSMENT_QUESTIONS.map((q, i) => {
        const w = SELF_ASSESSMENT_VOCABULARY[q];
        const scoreError = fieldError(errors, `answers.${q}.score`);
        const notesError = fieldError(errors, `answers.${q}.notes`);
        return (
          <fieldset key={q} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-describedby={scoreError ? `${q}-score-error` : undefined} data-testid={`question-${q}`}>
            <legend className="px-1 text-sm font-semibold text-slate-900">
              {i + 1}. {w.question}
            </legend>
            <p className="text-xs text-slate-500">{w.label}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              {SCORES.map((s) => (
                <label
                  key={s}
                  className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500"
                >
                  <input type="radio" name={`${q}.score`} value={s} defaultChecked={initial[q].score === s} className="focus-visible:outline-none" />
                  <span>
                    <span className="font-semibold tabular-nums">{s}</span> · {SCORE_LABELS[s]}
                  </span>
                </label>
              ))}
            </div>
            {scoreError && (
              <p id={`${q}-score-error`} className="mt-1 text-sm text-red-700">
                {scoreError}
              </p>
            )}
            <div className="mt-3">
              <label htmlFor={`${q}-notes`} className="block text-sm font-medium text-slate-700">
                Notes on “{w.label}” (optional)
              </label>
              <textarea
                id={`${q}-notes`}
                name={`${q}.notes`}
                rows={2}
                maxLength={NOTES_MAX}
                defaultValue={initial[q].notes}
                className={inputClass}
                aria-invalid={notesError ? true : undefined}
                aria-describedby={notesError ? `${q}-notes-error` : undefined}
              />
              {notesError && (
                <p id={`${q}-notes-error`} className="mt-1 text-sm text-red-700">
                  {notesError}
                </p>
              )}
            </div>
          </fieldset>
        );
      })}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save answers"}
      </Button>
    </form>
  );
}
