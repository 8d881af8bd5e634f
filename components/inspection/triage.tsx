"use client";
// Keyboard-speed triage of the flagged deals in a recorded inspection. j/k move; a number key opens that decision for
// the current deal with its first field focused; Enter saves it (the deal changes with it) and the list moves on to
// the next deal. A refused save keeps everything typed, and a conflict shows what the rep changed meanwhile.
import { useActionState, useCallback, useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { recordDisposition } from "@/lib/actions/inspection/record-disposition";
import { createActionItem } from "@/lib/actions/inspection/create-action-item";
import type { ActionResult, FormState } from "@/lib/actions/safe-action";
import { fieldError, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { FlagChips } from "@/components/inspection/flag-chips";
import { CompleteInspectionForm } from "@/components/inspection/complete-form";
import { ConflictPanel, submitKeepingValues } from "@/components/deals/deal-form-parts";
import { DECISION_LABELS, type DecisionKind } from "@/lib/domain/inspection-decisions";
import { addDays } from "@/lib/domain/calendar";
import { formatDate, plural } from "@/lib/format";

export interface TriageDeal {
  id: string;
  name: string;
  version: number;
  ownerId: string;
  ownerName: string;
  stageName: string;
  amount: string; // formatted
  closeDate: string;
  nextStep: string | null;
  nextStepDate: string | null;
  daysSinceMovement: number;
  daysSinceTouch: number;
  staleThresholdDays: number;
  pushCount: number;
  flags: string[];
  /** Recorded as not discussed at the last inspection: the list opens with these. */
  carriedOver?: boolean;
}

export const DISPOSITIONS: { key: string; value: DecisionKind; label: string }[] = [
  { key: "1", value: "COMMIT", label: "Commit" },
  { key: "2", value: "KEEP", label: "Keep" },
  { key: "3", value: "PUSH", label: "Push" },
  { key: "4", value: "CLOSE_OUT", label: "Close out" },
  { key: "5", value: "PAUSE", label: "Pause" },
  { key: "6", value: "NEXT_STEP", label: "Next step" },
  { key: "7", value: "REASSIGN", label: "Reassign" },
];

type Person = { id: string; name: string };

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
      {children}
      {error && <p id={`${id}-error`} className="text-xs text-red-700">{error}</p>}
    </div>
  );
}

/** The form of one decision on one deal; its fields depend on the decision. */
function DecisionForm({
  sessionId,
  deal,
  kind,
  version,
  people,
  reps,
  today,
  onSaved,
  onCancel,
}: {
  sessionId: string;
  deal: TriageDeal;
  kind: DecisionKind;
  version: number;
  people: Person[];
  reps: Person[];
  today: string;
  onSaved: (kind: DecisionKind, version: number) => void;
  onCancel: () => void;
}) {
  const [result, setResult] = useState<ActionResult<{ version: number }> | null>(null);
  const [pending, start] = useTransition();
  const [expected, setExpected] = useState(version);
  const formRef = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    // The first field of the decision, ready to type.
    formRef.current?.querySelector<HTMLElement>("[data-first]")?.focus();
  }, []);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const err = (name: string) => fieldError(errors, name);
  const aria = (name: string) => (err(name) ? { "aria-invalid": true as const, "aria-describedby": `d-${name}-error` } : {});
  // A field fixed by the user loses its error at once.
  const clearError = (e: React.FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    if (result && !result.ok && result.fieldErrors?.[name]) {
      const rest = { ...result.fieldErrors };
      delete rest[name];
      setResult({ ...result, fieldErrors: rest });
    }
  };

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      const r = await recordDisposition(fd);
      setResult(r);
      if (r.ok) onSaved(kind, r.data.version);
      else if (r.code === "CONFLICT") {
        // Save again applies the decision on top of the rep's change; nothing typed is lost.
        const current = (r.details as { currentVersion?: number } | undefined)?.currentVersion;
        if (current) setExpected(current);
      }
    });
  }

  const otherReps = reps.filter((r) => r.id !== deal.ownerId);
  const needsNote = kind === "COMMIT" || kind === "KEEP" || kind === "PUSH" || kind === "PAUSE" || kind === "REASSIGN";
  const noteLabel = kind === "COMMIT" || kind === "KEEP" ? "Why it stays" : kind === "REASSIGN" ? "Reason (optional)" : "Reason";
  return (
    <form ref={formRef} onSubmit={submit} onInput={clearError} className="space-y-3" aria-label={`${DECISION_LABELS[kind]} ${deal.name}`} noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="dealId" value={deal.id} />
      <input type="hidden" name="expectedVersion" value={expected} />
      <input type="hidden" name="disposition" value={kind} />
      <input type="hidden" name="flags" value={deal.flags.join(",")} />
      <h3 className="text-sm font-semibold">{DECISION_LABELS[kind]}</h3>
      <div className="grid gap-2 sm:grid-cols-2">
        {kind === "PUSH" && (
          <Field id="d-closeDate" label="New close date" error={err("closeDate")}>
            <input id="d-closeDate" name="closeDate" type="date" data-first min={today} className={inputClass} {...aria("closeDate")} />
          </Field>
        )}
        {kind === "CLOSE_OUT" && (
          <>
            <Field id="d-outcome" label="Outcome" error={err("outcome")}>
              {/* No default: closing out is won or lost by choice, never won by accident. */}
              <select id="d-outcome" name="outcome" data-first defaultValue="" className={inputClass} {...aria("outcome")}>
                <option value="">Choose won or lost…</option>
                <option value="WON">Won</option>
                <option value="LOST">Lost</option>
              </select>
            </Field>
            <Field id="d-lostReason" label="Lost reason (when lost)" error={err("lostReason")}>
              <input id="d-lostReason" name="lostReason" className={inputClass} {...aria("lostReason")} />
            </Field>
          </>
        )}
        {kind === "PAUSE" && (
          <Field id="d-resumeDate" label="Resume date" error={err("resumeDate")}>
            <input id="d-resumeDate" name="resumeDate" type="date" data-first min={addDays(today, 1)} className={inputClass} {...aria("resumeDate")} />
          </Field>
        )}
        {kind === "NEXT_STEP" && (
          <>
            <Field id="d-nextStep" label="Next step" error={err("nextStep")}>
              <input id="d-nextStep" name="nextStep" data-first defaultValue={deal.nextStep ?? ""} className={inputClass} {...aria("nextStep")} />
            </Field>
            <Field id="d-nextStepDate" label="Next-step date" error={err("nextStepDate")}>
              <input id="d-nextStepDate" name="nextStepDate" type="date" min={today} className={inputClass} {...aria("nextStepDate")} />
            </Field>
          </>
        )}
        {kind === "REASSIGN" && (
          <Field id="d-newOwnerId" label="New owner" error={err("newOwnerId")}>
            <select id="d-newOwnerId" name="newOwnerId" data-first defaultValue="" className={inputClass} {...aria("newOwnerId")}>
              <option value="">Choose a rep of the team…</option>
              {otherReps.map((r) => (
                <option key={r.id} value={r.id}>{r.name}</option>
              ))}
            </select>
          </Field>
        )}
        {needsNote && (
          <Field id="d-note" label={noteLabel} error={err("note")}>
            <input id="d-note" name="note" {...(kind === "COMMIT" || kind === "KEEP" ? { "data-first": true } : {})} className={inputClass} {...aria("note")} />
          </Field>
        )}
      </div>
      <details className="rounded-md bg-slate-50 p-2" open={!!(err("actionDescription") || err("actionOwnerId") || err("actionDueDate"))}>
        <summary className="cursor-pointer text-xs font-medium text-slate-700">With an action item (optional)</summary>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          <Field id="d-actionDescription" label="Action" error={err("actionDescription")}>
            <input id="d-actionDescription" name="actionDescription" className={inputClass} {...aria("actionDescription")} />
          </Field>
          <Field id="d-actionOwnerId" label="Action owner" error={err("actionOwnerId")}>
            <select id="d-actionOwnerId" name="actionOwnerId" defaultValue={deal.ownerId} className={inputClass}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
          </Field>
          <Field id="d-actionDueDate" label="Action due date" error={err("actionDueDate")}>
            <input id="d-actionDueDate" name="actionDueDate" type="date" min={today} className={inputClass} {...aria("actionDueDate")} />
          </Field>
        </div>
      </details>
      <ConflictPanel state={result} />
      {result && !result.ok && result.code !== "CONFLICT" && (!errors || errors._form) && (
        <p role="alert" className="text-sm text-red-700">{errors?._form?.[0] ?? result.message}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>{pending ? "Saving…" : `Save: ${DECISION_LABELS[kind].toLowerCase()}`}</button>
        <button type="button" onClick={onCancel} className={buttonClass("secondary", "sm")}>Cancel</button>
      </div>
    </form>
  );
}

function ActionItemForm({ sessionId, deal, people, today, inputRef }: { sessionId: string; deal: TriageDeal | null; people: Person[]; today: string; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(createActionItem, null);
  const [, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement | null>(null);
  // Ready for the next item once one is saved.
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form ref={formRef} action={action} onSubmit={submitKeepingValues(action, startTransition)} className="space-y-2" aria-label="Add action item">
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="dealId" value={deal?.id ?? ""} />
      <div>
        <label htmlFor="action-description" className="block text-xs font-medium text-slate-700">Action</label>
        <input ref={inputRef} id="action-description" name="description" required defaultValue={v.description ?? ""} className={inputClass} aria-invalid={fieldError(errors, "description") ? true : undefined} />
        {fieldError(errors, "description") && <p className="text-xs text-red-700">{fieldError(errors, "description")}</p>}
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <label htmlFor="action-owner" className="block text-xs font-medium text-slate-700">Owner</label>
          <select id="action-owner" name="ownerId" defaultValue={v.ownerId ?? deal?.ownerId ?? people[0]?.id} className={inputClass}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
          {fieldError(errors, "ownerId") && <p className="text-xs text-red-700">{fieldError(errors, "ownerId")}</p>}
        </div>
        <div>
          <label htmlFor="action-due" className="block text-xs font-medium text-slate-700">Due date</label>
          <input id="action-due" name="dueDate" type="date" required min={today} defaultValue={v.dueDate ?? ""} className={inputClass} aria-invalid={fieldError(errors, "dueDate") ? true : undefined} />
          {fieldError(errors, "dueDate") && <p className="text-xs text-red-700">{fieldError(errors, "dueDate")}</p>}
        </div>
      </div>
      {deal && <p className="text-xs text-slate-600 wrap-anywhere">For the deal {deal.name}.</p>}
      {state && !state.ok && !errors && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
      {state?.ok && <p role="status" className="text-xs text-emerald-700">Action item added.</p>}
      <button type="submit" disabled={pending} className={buttonClass("secondary", "sm")}>{pending ? "Adding…" : "Add action item"}</button>
    </form>
  );
}

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function Triage({
  sessionId,
  deals,
  initialDispositions,
  people,
  reps,
  today,
}: {
  sessionId: string;
  deals: TriageDeal[];
  initialDispositions: Record<string, string>;
  people: Person[];
  reps: Person[];
  today: string;
}) {
  // The list stays as it was when the session opened, so a decision does not make a deal jump away; fresh values merge in.
  const [order] = useState(() => deals.map((d) => d.id));
  const byId = new Map(deals.map((d) => [d.id, d]));
  const [initial] = useState(() => new Map(deals.map((d) => [d.id, d])));
  const list = order.map((id) => byId.get(id) ?? initial.get(id)!).filter(Boolean);
  const [index, setIndex] = useState(0);
  const [dispositions, setDispositions] = useState<Record<string, string>>(initialDispositions);
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const actionRef = useRef<HTMLInputElement | null>(null);
  const panelRef = useRef<HTMLDivElement | null>(null);
  const current = list[index] ?? null;

  const go = useCallback(
    (i: number) => {
      setIndex(Math.min(Math.max(i, 0), Math.max(list.length - 1, 0)));
      setKind(null);
    },
    [list.length],
  );
  const move = useCallback((delta: number) => go(index + delta), [go, index]);

  const onSaved = useCallback(
    (decided: DecisionKind, version: number) => {
      if (!current) return;
      setDispositions((d) => ({ ...d, [current.id]: decided }));
      setVersions((v) => ({ ...v, [current.id]: version }));
      setMessage(`${current.name}: ${DECISION_LABELS[decided]} saved.`);
      go(index + 1);
      panelRef.current?.focus();
    },
    [current, go, index],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      if (isTyping(e.target)) {
        if (e.key === "Escape") {
          (e.target as HTMLElement).blur();
          panelRef.current?.focus();
        }
        return;
      }
      const d = DISPOSITIONS.find((x) => x.key === e.key);
      if (e.key === "j" || e.key === "ArrowDown") move(1);
      else if (e.key === "k" || e.key === "ArrowUp") move(-1);
      else if (d && current) setKind(d.value);
      else if (e.key === "a") actionRef.current?.focus();
      else if (e.key === "Escape") setKind(null);
      else return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, current]);

  const done = list.filter((d) => dispositions[d.id]).length;
  const firstUndecided = list.findIndex((d) => !dispositions[d.id]);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
        <div className="min-w-0">
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">{done} of {plural(list.length, "flagged deal")} decided</p>
          <ol className="max-h-[32rem] space-y-1 overflow-y-auto" aria-label="Flagged deals">
            {list.map((d, i) => (
              <li key={d.id}>
                <button
                  type="button"
                  onClick={() => go(i)}
                  aria-current={i === index ? "true" : undefined}
                  className={`w-full rounded-md px-2 py-1 text-left text-sm ${i === index ? "bg-brand-50 ring-2 ring-brand-500" : "hover:bg-slate-50"}`}
                >
                  <span className="block break-words font-medium">{d.name}</span>
                  <span className="text-xs text-slate-600">
                    {d.ownerName} · {dispositions[d.id] ? <strong data-testid="disposition-label">{DECISION_LABELS[dispositions[d.id] as DecisionKind] ?? dispositions[d.id]}</strong> : "undecided"}
                    {d.carriedOver && <> · <em>not discussed last time</em></>}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
        {current ? (
          <div ref={panelRef} tabIndex={-1} className="min-w-0 space-y-4 outline-none" aria-label="Current deal" data-testid="triage-current">
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="min-w-0 break-words text-lg font-semibold">
                  <Link href={`/deals/${current.id}`} className="hover:underline">{current.name}</Link>
                </h2>
                <span className="text-sm text-slate-600">Deal {index + 1} of {list.length}</span>
              </div>
              <p className="break-words text-sm text-slate-700">
                {current.ownerName} · {current.stageName} · {current.amount} · close {formatDate(current.closeDate)} · pushed {current.pushCount}×
              </p>
              <p className="mt-1 text-sm">
                <span data-testid="triage-days-moved">{plural(current.daysSinceMovement, "day")} since movement</span> · {plural(current.daysSinceTouch, "day")} since last touch
                {current.nextStep && <> · next step: {current.nextStep}{current.nextStepDate ? ` (${formatDate(current.nextStepDate)})` : ""}</>}
              </p>
              <div className="mt-2"><FlagChips flags={current.flags} moved={current.daysSinceMovement} threshold={current.staleThresholdDays} /></div>
              <fieldset className="mt-4">
                <legend className="text-sm font-medium">Decision</legend>
                <div className="mt-1 flex flex-wrap gap-2">
                  {DISPOSITIONS.map((d) => (
                    <button
                      key={d.value}
                      type="button"
                      aria-pressed={dispositions[current.id] === d.value}
                      onClick={() => setKind(d.value)}
                      className={buttonClass(dispositions[current.id] === d.value || kind === d.value ? "primary" : "secondary", "sm")}
                    >
                      <kbd className="rounded bg-slate-200 px-1 text-xs text-slate-700">{d.key}</kbd> {d.label}
                    </button>
                  ))}
                </div>
              </fieldset>
              {kind && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <DecisionForm
                    key={`${current.id}-${kind}`}
                    sessionId={sessionId}
                    deal={current}
                    kind={kind}
                    version={versions[current.id] ?? current.version}
                    people={people}
                    reps={reps}
                    today={today}
                    onSaved={onSaved}
                    onCancel={() => {
                      setKind(null);
                      panelRef.current?.focus();
                    }}
                  />
                </div>
              )}
              {message && <p role="status" className="mt-2 text-sm text-slate-700">{message}</p>}
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <ActionItemForm key={current.id} sessionId={sessionId} deal={current} people={people} today={today} inputRef={actionRef} />
            </div>
            <p className="text-xs text-slate-600" aria-label="Keyboard shortcuts">
              Keys: <kbd>j</kbd>/<kbd>↓</kbd> next deal · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>1</kbd>–<kbd>7</kbd> choose a decision (commit, keep, push, close out, pause, next step, reassign) and fill in what it asks; <kbd>Enter</kbd> saves it and moves to the next deal · <kbd>a</kbd> action item only · <kbd>Esc</kbd> leave a field
            </p>
          </div>
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">No flagged deals: nothing to triage.</p>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <ActionItemForm sessionId={sessionId} deal={null} people={people} today={today} inputRef={actionRef} />
            </div>
          </div>
        )}
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Finish">
        <h2 className="mb-2 text-base font-semibold">Finish</h2>
        <CompleteInspectionForm sessionId={sessionId} undecided={list.length - done} onDecide={() => go(firstUndecided >= 0 ? firstUndecided : 0)} />
      </section>
    </div>
  );
}
