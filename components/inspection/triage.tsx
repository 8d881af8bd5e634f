"use client";
// Keyboard-speed triage of the flagged deals in a recorded inspection: j/k to move, 1–4 to set the disposition,
// n to fix the next step, a to add an action item — all without the mouse.
import { useActionState, useCallback, useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { recordDisposition } from "@/lib/actions/inspection/record-disposition";
import { createActionItem } from "@/lib/actions/inspection/create-action-item";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import type { FormState } from "@/lib/actions/safe-action";
import { fieldError, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { FlagBadges } from "@/components/deals/flag-badges";
import { formatDate } from "@/lib/format";
import { submitKeepingValues } from "@/components/deals/deal-form-parts";

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
  pushCount: number;
  flags: string[];
}

export const DISPOSITIONS = [
  { key: "1", value: "COMMIT", label: "Commit" },
  { key: "2", value: "KEEP", label: "Keep" },
  { key: "3", value: "PUSH", label: "Push" },
  { key: "4", value: "CLOSE_OUT", label: "Close out" },
] as const;
const LABEL: Record<string, string> = Object.fromEntries(DISPOSITIONS.map((d) => [d.value, d.label]));

function NextStepForm({ deal, today, inputRef }: { deal: TriageDeal; today: string; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const [state, action, pending] = useActionState<FormState<{ version: number }>, FormData>(updateDeal, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const version = Math.max(deal.version, state?.ok ? state.data.version : 0);
  return (
    <form action={action} className="space-y-2" aria-label="Next step">
      <input type="hidden" name="dealId" value={deal.id} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
        <div>
          <label htmlFor="triage-next-step" className="block text-xs font-medium text-slate-700">Next step</label>
          <input ref={inputRef} id="triage-next-step" name="nextStep" required maxLength={500} defaultValue={deal.nextStep ?? ""} className={inputClass} aria-invalid={fieldError(errors, "nextStep") ? true : undefined} />
          {fieldError(errors, "nextStep") && <p className="text-xs text-red-700">{fieldError(errors, "nextStep")}</p>}
        </div>
        <div>
          <label htmlFor="triage-next-step-date" className="block text-xs font-medium text-slate-700">Next-step date</label>
          <input id="triage-next-step-date" name="nextStepDate" type="date" required min={today} defaultValue={deal.nextStepDate ?? ""} className={inputClass} aria-invalid={fieldError(errors, "nextStepDate") ? true : undefined} />
          {fieldError(errors, "nextStepDate") && <p className="text-xs text-red-700">{fieldError(errors, "nextStepDate")}</p>}
        </div>
      </div>
      {state && !state.ok && !errors && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
      {state?.ok && <p role="status" className="text-xs text-emerald-700">Next step saved.</p>}
      <button type="submit" disabled={pending} className={buttonClass("secondary", "sm")}>{pending ? "Saving…" : "Save next step"}</button>
    </form>
  );
}

function ActionItemForm({ sessionId, deal, people, today, inputRef }: { sessionId: string; deal: TriageDeal | null; people: { id: string; name: string }[]; today: string; inputRef: React.RefObject<HTMLInputElement | null> }) {
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
        <input ref={inputRef} id="action-description" name="description" required maxLength={500} defaultValue={v.description ?? ""} className={inputClass} aria-invalid={fieldError(errors, "description") ? true : undefined} />
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
      {deal && <p className="text-xs text-slate-600">For the deal {deal.name}.</p>}
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

export function Triage({ sessionId, deals, initialDispositions, people, today }: { sessionId: string; deals: TriageDeal[]; initialDispositions: Record<string, string>; people: { id: string; name: string }[]; today: string }) {
  // The list stays as it was when the session opened, so fixing a deal does not make it jump away; fresh values merge in.
  const [order] = useState(() => deals.map((d) => d.id));
  const byId = new Map(deals.map((d) => [d.id, d]));
  const [initial] = useState(() => new Map(deals.map((d) => [d.id, d])));
  const list = order.map((id) => byId.get(id) ?? initial.get(id)!).filter(Boolean);
  const [index, setIndex] = useState(0);
  const [dispositions, setDispositions] = useState<Record<string, string>>(initialDispositions);
  const [message, setMessage] = useState<string | null>(null);
  const [, start] = useTransition();
  const nextStepRef = useRef<HTMLInputElement | null>(null);
  const actionRef = useRef<HTMLInputElement | null>(null);
  const panelRef = useRef<HTMLDivElement | null>(null);
  const current = list[index] ?? null;

  const move = useCallback((delta: number) => setIndex((i) => Math.min(Math.max(i + delta, 0), Math.max(list.length - 1, 0))), [list.length]);

  const setDisposition = useCallback(
    (value: string) => {
      if (!current) return;
      const deal = current;
      setDispositions((d) => ({ ...d, [deal.id]: value }));
      start(async () => {
        const fd = new FormData();
        fd.set("sessionId", sessionId);
        fd.set("dealId", deal.id);
        fd.set("disposition", value);
        fd.set("flags", deal.flags.join(","));
        const r = await recordDisposition(fd);
        if (!r.ok) {
          setDispositions((d) => {
            const copy = { ...d };
            delete copy[deal.id];
            return copy;
          });
          setMessage(`${deal.name}: ${r.message}`);
        } else setMessage(`${deal.name}: ${LABEL[value]}.`);
      });
      move(1);
    },
    [current, sessionId, move],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
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
      else if (d) setDisposition(d.value);
      else if (e.key === "n") nextStepRef.current?.focus();
      else if (e.key === "a") actionRef.current?.focus();
      else return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, setDisposition]);

  const done = list.filter((d) => dispositions[d.id]).length;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,18rem)_1fr]">
      <div>
        <p className="mb-2 text-sm text-slate-600" aria-live="polite">{done} of {list.length} flagged deals decided</p>
        <ol className="max-h-[32rem] space-y-1 overflow-y-auto" aria-label="Flagged deals">
          {list.map((d, i) => (
            <li key={d.id}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-current={i === index ? "true" : undefined}
                className={`w-full rounded-md px-2 py-1 text-left text-sm ${i === index ? "bg-brand-50 ring-2 ring-brand-500" : "hover:bg-slate-50"}`}
              >
                <span className="block font-medium">{d.name}</span>
                <span className="text-xs text-slate-600">{d.ownerName} · {dispositions[d.id] ? <strong data-testid="disposition-label">{LABEL[dispositions[d.id]]}</strong> : "undecided"}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
      {current ? (
        <div ref={panelRef} tabIndex={-1} className="space-y-4 outline-none" aria-label="Current deal" data-testid="triage-current">
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">
                <Link href={`/deals/${current.id}`} className="hover:underline">{current.name}</Link>
              </h2>
              <span className="text-sm text-slate-600">Deal {index + 1} of {list.length}</span>
            </div>
            <p className="text-sm text-slate-700">
              {current.ownerName} · {current.stageName} · {current.amount} · close {formatDate(current.closeDate)} · pushed {current.pushCount}×
            </p>
            <p className="mt-1 text-sm">
              <span data-testid="triage-days-moved">{current.daysSinceMovement} days since movement</span> · {current.daysSinceTouch} days since last touch
            </p>
            <div className="mt-2"><FlagBadges flags={current.flags} /></div>
            <fieldset className="mt-4">
              <legend className="text-sm font-medium">Disposition</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                {DISPOSITIONS.map((d) => (
                  <button
                    key={d.value}
                    type="button"
                    aria-pressed={dispositions[current.id] === d.value}
                    onClick={() => setDisposition(d.value)}
                    className={buttonClass(dispositions[current.id] === d.value ? "primary" : "secondary", "sm")}
                  >
                    <kbd className="rounded bg-slate-200 px-1 text-xs text-slate-700">{d.key}</kbd> {d.label}
                  </button>
                ))}
              </div>
            </fieldset>
            {message && <p role="status" className="mt-2 text-sm text-slate-700">{message}</p>}
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <NextStepForm key={current.id} deal={current} today={today} inputRef={nextStepRef} />
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <ActionItemForm key={current.id} sessionId={sessionId} deal={current} people={people} today={today} inputRef={actionRef} />
            </div>
          </div>
          <p className="text-xs text-slate-600" aria-label="Keyboard shortcuts">
            Keys: <kbd>j</kbd>/<kbd>↓</kbd> next · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>1</kbd> commit · <kbd>2</kbd> keep · <kbd>3</kbd> push · <kbd>4</kbd> close out · <kbd>n</kbd> next step · <kbd>a</kbd> action item · <kbd>Esc</kbd> leave a field
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
  );
}
