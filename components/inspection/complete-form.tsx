"use client";
// Completes the inspection with optional notes. With flagged deals still undecided it asks first (how many are left):
// go back and decide them, record them as not discussed (the next inspection opens with them), or skip them.
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { completeInspection } from "@/lib/actions/inspection/complete-inspection";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { plural } from "@/lib/format";

export function CompleteInspectionForm({ sessionId, undecided = 0, onDecide }: { sessionId: string; undecided?: number; onDecide?: () => void }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(completeInspection, null);
  const [, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement | null>(null);
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  // The server's count wins when it found more undecided deals than this page knew of.
  const serverCount = state && !state.ok ? ((state.details as { undecided?: number } | undefined)?.undecided ?? 0) : 0;
  const [asked, setAsked] = useState(0);
  const left = Math.max(undecided, serverCount, asked);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (serverCount > 0 && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [serverCount, state]);

  function submit(rest: "" | "NOT_DISCUSSED" | "SKIPPED") {
    const form = formRef.current;
    if (!form) return;
    const fd = new FormData(form);
    fd.set("rest", rest);
    dialogRef.current?.close();
    startTransition(() => action(fd));
  }

  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        if (undecided > 0) {
          setAsked(undecided);
          dialogRef.current?.showModal();
        } else submit("");
      }}
      className="space-y-3"
      aria-label="Complete inspection"
    >
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok && serverCount === 0 && <FormMessage state={state} />}
      <TextAreaField name="notes" label="Notes (optional)" rows={3} errors={errors} defaultValue={state && !state.ok ? state.values?.notes : undefined} />
      <p className="text-sm text-slate-600" data-testid="undecided-count">
        {undecided === 0 ? "Every flagged deal has a decision." : `${plural(undecided, "flagged deal")} still undecided.`}
      </p>
      <button type="submit" disabled={pending} className={buttonClass()}>{pending ? "Completing…" : "Complete inspection"}</button>
      <dialog ref={dialogRef} aria-labelledby="complete-dialog-title" className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-lg backdrop:bg-slate-900/40">
        <h2 id="complete-dialog-title" className="text-base font-semibold">{plural(left, "flagged deal")} still undecided</h2>
        <p className="mt-2 text-sm text-slate-700">
          Decide {left === 1 ? "it" : "them"} now, or record {left === 1 ? "it" : "them"} as not discussed: the next inspection opens with {left === 1 ? "it" : "them"}. Skipped deals are recorded as skipped and are not carried over.
        </p>
        <div className="mt-4 flex flex-col gap-2">
          <button
            type="button"
            autoFocus
            className={buttonClass("secondary")}
            onClick={() => {
              dialogRef.current?.close();
              onDecide?.();
            }}
          >
            Decide them
          </button>
          <button type="button" className={buttonClass()} onClick={() => submit("NOT_DISCUSSED")}>
            Record {plural(left, "deal")} as not discussed and complete
          </button>
          <button type="button" className={buttonClass("secondary")} onClick={() => submit("SKIPPED")}>
            Skip {left === 1 ? "it" : "them"} and complete
          </button>
        </div>
      </dialog>
    </form>
  );
}
