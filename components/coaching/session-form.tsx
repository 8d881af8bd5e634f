"use client";
// The monthly coaching session as one form: review of the last plan, BAT ratings beside last month's, call reviews,
// shared and manager-only notes, and the new 30-day plan. Saved in one transaction; errors appear next to each field.
import { startTransition, useActionState, useState, type ChangeEvent, type FormEvent } from "react";
import { saveCoachingSession } from "@/lib/actions/coaching/save-coaching-session";
import type { FormState } from "@/lib/actions/safe-action";
import { ACTION_STATUS_LABELS, BAT_DIMENSIONS, BAT_KEYS, BAT_LABELS, MAX_OBJECTIVES, VERDICTS, VERDICT_LABELS, batNames } from "@/lib/domain/coaching-vocabulary";
import type { PlanView } from "@/lib/data/coaching";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextAreaField, TextField, fieldError } from "@/components/ui/field";
import { formatDate } from "@/lib/format";
import { coachingFieldError } from "@/lib/domain/coaching-fields";

interface LastSession {
  heldOn: string;
  behavior: number | null;
  technique: number | null;
  attitude: number | null;
}

interface ActionDraft {
  key: number;
  description: string;
  ownerId: string;
  dueDate: string;
}
interface ObjectiveDraft {
  key: number;
  dimension: string;
  title: string;
  successCriterion: string;
  actions: ActionDraft[];
}
interface CallDraft {
  key: number;
  recordingRef: string;
  callDate: string;
  dealId: string;
  uncoveredPain: boolean;
  usedNegativeReverse: boolean;
  setUpFrontContract: boolean;
  pitchedFeatures: boolean;
  strengths: string;
  gaps: string;
}

let nextKey = 1;
const newAction = (ownerId: string, dueDate: string): ActionDraft => ({ key: nextKey++, description: "", ownerId, dueDate });
const newObjective = (ownerId: string, dueDate: string): ObjectiveDraft => ({ key: nextKey++, dimension: "BEHAVIOR", title: "", successCriterion: "", actions: [newAction(ownerId, dueDate)] });
const newCall = (today: string): CallDraft => ({ key: nextKey++, recordingRef: "", callDate: today, dealId: "", uncoveredPain: false, usedNegativeReverse: false, setUpFrontContract: false, pitchedFeatures: false, strengths: "", gaps: "" });

const RATING_OPTIONS = [{ value: "", label: "Choose 1–5" }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))];
const DIMENSION_KEYS = BAT_KEYS;

function withEdits(errors: Record<string, string[]>, edits: Record<string, string>, context: { today: string; heldOn: string }) {
  const out = { ...errors };
  for (const [name, value] of Object.entries(edits)) {
    const now = coachingFieldError(name, value, context);
    if (now === null) delete out[name];
    else if (now !== undefined && out[name]) out[name] = [now];
  }
  return out;
}

export function SessionForm({
  rep,
  manager,
  today,
  defaultDueDate,
  lastSession,
  planToReview,
  deals,
}: {
  rep: { id: string; name: string };
  manager: { id: string; name: string };
  today: string;
  defaultDueDate: string;
  lastSession: LastSession | null;
  planToReview: PlanView | null;
  deals: { id: string; name: string }[];
}) {
  const [state, dispatch, pending] = useActionState((prev: FormState, payload: Record<string, unknown>) => saveCoachingSession(prev, payload), null as FormState);
  const [heldOn, setHeldOn] = useState(today);
  // A field edited since the last answer shows its own check, not the answer's stale error: fixed, its error goes.
  const [edited, setEdited] = useState<{ answer: FormState; values: Record<string, string> }>({ answer: null, values: {} });
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors = serverErrors && edited.answer === state ? withEdits(serverErrors, edited.values, { today, heldOn }) : serverErrors;
  function noteEdit(event: ChangeEvent<HTMLFormElement>) {
    const target = event.target as unknown as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (!target.name || !serverErrors) return;
    setEdited((e) => ({ answer: state, values: { ...(e.answer === state ? e.values : {}), [target.name]: target.value } }));
  }

  const [ratings, setRatings] = useState({ behaviorRating: "", techniqueRating: "", attitudeRating: "", behaviorNotes: "", techniqueNotes: "", attitudeNotes: "" });
  const [review, setReview] = useState({ verdict: "", verdictNotes: "", objectives: Object.fromEntries((planToReview?.objectives ?? []).map((o) => [o.id, ""])) as Record<string, string> });
  const [calls, setCalls] = useState<CallDraft[]>([]);
  const [sharedNotes, setSharedNotes] = useState("");
  const [privateNote, setPrivateNote] = useState("");
  const [objectives, setObjectives] = useState<ObjectiveDraft[]>([newObjective(rep.id, defaultDueDate)]);

  const owners = [
    { value: rep.id, label: `${rep.name} (rep)` },
    { value: manager.id, label: `${manager.name} (you)` },
  ];

  function updateObjective(key: number, patch: Partial<ObjectiveDraft>) {
    setObjectives((list) => list.map((o) => (o.key === key ? { ...o, ...patch } : o)));
  }
  function updateAction(objectiveKey: number, actionKey: number, patch: Partial<ActionDraft>) {
    setObjectives((list) => list.map((o) => (o.key === objectiveKey ? { ...o, actions: o.actions.map((a) => (a.key === actionKey ? { ...a, ...patch } : a)) } : o)));
  }
  function updateCall(key: number, patch: Partial<CallDraft>) {
    setCalls((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = {
      repId: rep.id,
      heldOn,
      ...ratings,
      sharedNotes,
      privateNote,
      review: planToReview
        ? {
            planId: planToReview.id,
            verdict: review.verdict,
            verdictNotes: review.verdictNotes,
            objectives: planToReview.objectives.map((o) => ({ id: o.id, verdict: review.objectives[o.id] || null })),
          }
        : null,
      callReviews: calls.map(({ key: _key, ...c }) => c),
      objectives: objectives.map(({ key: _key, actions, ...o }) => ({ ...o, actions: actions.map(({ key: _k, ...a }) => a) })),
    };
    startTransition(() => dispatch(payload));
  }

  return (
    <form onSubmit={submit} onChange={noteEdit} noValidate className="space-y-8" aria-describedby="session-form-message">
      <div id="session-form-message">
        <FormMessage state={state} />
        {fieldError(errors, "_form") && <p className="text-sm text-red-700">{fieldError(errors, "_form")}</p>}
      </div>

      <section aria-labelledby="review-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="review-heading" className="text-base font-semibold">
          1. Review of the previous plan
        </h2>
        {planToReview ? (
          <div className="mt-3 space-y-4">
            <p className="text-sm text-slate-600">
              Plan of {formatDate(planToReview.startsOn)} – {formatDate(planToReview.endsOn)}. {planToReview.acknowledged ? "Acknowledged by the rep." : "Not acknowledged by the rep."}
            </p>
            <ul className="space-y-3">
              {planToReview.objectives.map((o, i) => (
                <li key={o.id} className="rounded-md border border-slate-100 p-3">
                  <p className="font-medium">
                    {BAT_LABELS[o.dimension as keyof typeof BAT_LABELS]}: {o.title}
                  </p>
                  <p className="text-sm text-slate-600">Success criterion: {o.successCriterion}</p>
                  <ul className="mt-1 text-sm">
                    {o.actions.map((a) => (
                      <li key={a.id}>
                        {a.description} — {a.ownerName}, due {formatDate(a.dueDate)}: <strong>{ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS]}</strong>
                      </li>
                    ))}
                  </ul>
                  <div className="mt-2 max-w-xs">
                    <SelectField
                      name={`review.objectives.${i}.verdict`}
                      label={`Verdict on objective ${i + 1} (optional)`}
                      errors={errors}
                      value={review.objectives[o.id] ?? ""}
                      onChange={(e) => setReview((r) => ({ ...r, objectives: { ...r.objectives, [o.id]: e.target.value } }))}
                      options={[{ value: "", label: "No verdict" }, ...VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }))]}
                    />
                  </div>
                </li>
              ))}
            </ul>
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                name="review.verdict"
                label="Verdict on the previous plan"
                errors={errors}
                value={review.verdict}
                onChange={(e) => setReview((r) => ({ ...r, verdict: e.target.value }))}
                options={[{ value: "", label: "Choose a verdict" }, ...VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }))]}
              />
              <TextAreaField name="review.verdictNotes" label="Review notes" errors={errors} rows={2} value={review.verdictNotes} onChange={(e) => setReview((r) => ({ ...r, verdictNotes: e.target.value }))} />
            </div>
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No open plan to review: this is the first plan for {rep.name}.</p>
        )}
      </section>

      <section aria-labelledby="bat-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="bat-heading" className="text-base font-semibold">
          2. BAT ratings
        </h2>
        <div className="mt-3 max-w-xs">
          <TextField name="heldOn" label="Session date" type="date" errors={errors} value={heldOn} max={today} onChange={(e) => setHeldOn(e.target.value)} />
        </div>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {BAT_DIMENSIONS.map((d) => {
            const key = DIMENSION_KEYS[d];
            const last = lastSession?.[key];
            return (
              <div key={d} className="space-y-2 rounded-md border border-slate-100 p-3">
                <p className="text-sm font-medium">{BAT_LABELS[d]}</p>
                <p className="text-xs text-slate-600" data-testid={`last-${key}`}>
                  Last session{lastSession ? ` (${formatDate(lastSession.heldOn)})` : ""}: {last ?? "—"}
                </p>
                <SelectField
                  name={`${key}Rating`}
                  label={`${BAT_LABELS[d]} rating`}
                  errors={errors}
                  value={ratings[`${key}Rating`]}
                  onChange={(e) => setRatings((r) => ({ ...r, [`${key}Rating`]: e.target.value }))}
                  options={RATING_OPTIONS}
                />
                <TextAreaField name={`${key}Notes`} label={`${BAT_LABELS[d]} notes`} errors={errors} rows={2} value={ratings[`${key}Notes`]} onChange={(e) => setRatings((r) => ({ ...r, [`${key}Notes`]: e.target.value }))} />
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="calls-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="calls-heading" className="text-base font-semibold">
          3. Call and discovery reviews
        </h2>
        {calls.length === 0 && <p className="mt-2 text-sm text-slate-600">No call reviewed yet.</p>}
        <div className="mt-3 space-y-4">
          {calls.map((c, i) => (
            <fieldset key={c.key} className="space-y-3 rounded-md border border-slate-100 p-3">
              <legend className="px-1 text-sm font-medium">Call review {i + 1}</legend>
              <div className="grid gap-3 md:grid-cols-3">
                <TextField name={`callReviews.${i}.recordingRef`} label={`Call ${i + 1} recording link or reference`} errors={errors} value={c.recordingRef} onChange={(e) => updateCall(c.key, { recordingRef: e.target.value })} />
                <TextField name={`callReviews.${i}.callDate`} label={`Call ${i + 1} date`} type="date" errors={errors} value={c.callDate} onChange={(e) => updateCall(c.key, { callDate: e.target.value })} />
                <SelectField
                  name={`callReviews.${i}.dealId`}
                  label={`Call ${i + 1} deal`}
                  errors={errors}
                  value={c.dealId}
                  onChange={(e) => updateCall(c.key, { dealId: e.target.value })}
                  options={[{ value: "", label: "No deal" }, ...deals.map((d) => ({ value: d.id, label: d.name }))]}
                />
              </div>
              <div className="flex flex-wrap gap-4 text-sm">
                {(
                  [
                    ["uncoveredPain", "Uncovered the real pain"],
                    ["usedNegativeReverse", "Used negative reverses"],
                    ["setUpFrontContract", "Set an up-front contract"],
                    ["pitchedFeatures", "Just pitched features"],
                  ] as const
                ).map(([field, label]) => (
                  <label key={field} className="flex items-center gap-2">
                    <input type="checkbox" checked={c[field]} onChange={(e) => updateCall(c.key, { [field]: e.target.checked })} />
                    {label}
                  </label>
                ))}
              </div>
              <div className="grid gap-3 md:grid-cols-2">
                <TextAreaField name={`callReviews.${i}.strengths`} label={`Call ${i + 1} strengths`} errors={errors} rows={2} value={c.strengths} onChange={(e) => updateCall(c.key, { strengths: e.target.value })} />
                <TextAreaField name={`callReviews.${i}.gaps`} label={`Call ${i + 1} gaps`} errors={errors} rows={2} value={c.gaps} onChange={(e) => updateCall(c.key, { gaps: e.target.value })} />
              </div>
              <Button variant="ghost" size="sm" onClick={() => setCalls((list) => list.filter((x) => x.key !== c.key))}>
                Remove call review {i + 1}
              </Button>
            </fieldset>
          ))}
        </div>
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => setCalls((list) => [...list, newCall(today)])}>
          Add a call review
        </Button>
      </section>

      <section aria-labelledby="notes-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="notes-heading" className="text-base font-semibold">
          4. Notes
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <TextAreaField name="sharedNotes" label="Notes for the rep" hint="The rep reads these." errors={errors} rows={4} value={sharedNotes} onChange={(e) => setSharedNotes(e.target.value)} />
          <TextAreaField name="privateNote" label="Manager-only notes" hint="Never shown to the rep." errors={errors} rows={4} value={privateNote} onChange={(e) => setPrivateNote(e.target.value)} />
        </div>
      </section>

      <section aria-labelledby="plan-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="plan-heading" className="text-base font-semibold">
          5. The 30-day development plan
        </h2>
        <p className="mt-1 text-sm text-slate-600">One to five objectives, each tied to {batNames("or")}, with a measurable success criterion and actions.</p>
        {fieldError(errors, "objectives") && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {fieldError(errors, "objectives")}
          </p>
        )}
        <div className="mt-3 space-y-4">
          {objectives.map((o, i) => (
            <fieldset key={o.key} className="space-y-3 rounded-md border border-slate-100 p-3">
              <legend className="px-1 text-sm font-medium">Objective {i + 1}</legend>
              <div className="grid gap-3 md:grid-cols-3">
                <SelectField
                  name={`objectives.${i}.dimension`}
                  label={`Objective ${i + 1} dimension`}
                  errors={errors}
                  value={o.dimension}
                  onChange={(e) => updateObjective(o.key, { dimension: e.target.value })}
                  options={BAT_DIMENSIONS.map((d) => ({ value: d, label: BAT_LABELS[d] }))}
                />
                <TextField name={`objectives.${i}.title`} label={`Objective ${i + 1} title`} errors={errors} value={o.title} onChange={(e) => updateObjective(o.key, { title: e.target.value })} />
                <TextField name={`objectives.${i}.successCriterion`} label={`Objective ${i + 1} success criterion`} errors={errors} value={o.successCriterion} onChange={(e) => updateObjective(o.key, { successCriterion: e.target.value })} />
              </div>
              {fieldError(errors, `objectives.${i}.actions`) && <p className="text-sm text-red-700">{fieldError(errors, `objectives.${i}.actions`)}</p>}
              {o.actions.map((a, j) => (
                <div key={a.key} className="grid gap-3 border-t border-slate-100 pt-3 md:grid-cols-[2fr_1fr_1fr_auto]">
                  <TextField name={`objectives.${i}.actions.${j}.description`} label={`Objective ${i + 1} action ${j + 1}`} errors={errors} value={a.description} onChange={(e) => updateAction(o.key, a.key, { description: e.target.value })} />
                  <SelectField name={`objectives.${i}.actions.${j}.ownerId`} label={`Objective ${i + 1} action ${j + 1} owner`} errors={errors} value={a.ownerId} onChange={(e) => updateAction(o.key, a.key, { ownerId: e.target.value })} options={owners} />
                  <TextField name={`objectives.${i}.actions.${j}.dueDate`} label={`Objective ${i + 1} action ${j + 1} due date`} type="date" errors={errors} value={a.dueDate} onChange={(e) => updateAction(o.key, a.key, { dueDate: e.target.value })} />
                  <div className="flex items-end">
                    {o.actions.length > 1 && (
                      <Button variant="ghost" size="sm" onClick={() => updateObjective(o.key, { actions: o.actions.filter((x) => x.key !== a.key) })}>
                        Remove action {j + 1}
                      </Button>
                    )}
                  </div>
                </div>
              ))}
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" size="sm" onClick={() => updateObjective(o.key, { actions: [...o.actions, newAction(rep.id, defaultDueDate)] })}>
                  Add an action to objective {i + 1}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setObjectives((list) => list.filter((x) => x.key !== o.key))}>
                  Remove objective {i + 1}
                </Button>
              </div>
            </fieldset>
          ))}
        </div>
        <Button variant="secondary" size="sm" className="mt-3" disabled={objectives.length >= MAX_OBJECTIVES} onClick={() => setObjectives((list) => [...list, newObjective(rep.id, defaultDueDate)])}>
          Add an objective
        </Button>
      </section>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving the session…" : "Save session and plan"}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
