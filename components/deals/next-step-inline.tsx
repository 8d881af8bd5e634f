"use client";
// Quick update of a deal's next step and date from a list, without opening the deal.
import { useActionState, useId } from "react";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import { fieldError, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/safe-action";

export function NextStepInline({ dealId, dealName, version, nextStep, nextStepDate, today }: { dealId: string; dealName: string; version: number; nextStep: string | null; nextStepDate: string | null; today: string }) {
  const [state, action, pending] = useActionState<FormState<{ version: number }>, FormData>(updateDeal, null);
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const currentVersion = Math.max(version, state?.ok ? state.data.version : 0, state && !state.ok && state.code === "CONFLICT" ? ((state.details as { currentVersion?: number })?.currentVersion ?? 0) : 0);
  return (
    <details className="mt-1 text-xs" open={!!state && !state.ok}>
      <summary className="cursor-pointer text-brand-700 hover:underline" aria-label={`Update next step of ${dealName}`}>
        Update next step
      </summary>
      <form action={action} className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2">
        <input type="hidden" name="dealId" value={dealId} />
        <input type="hidden" name="expectedVersion" value={currentVersion} />
        <div>
          <label htmlFor={`${id}-ns`} className="block font-medium text-slate-700">
            Next step
          </label>
          <input id={`${id}-ns`} name="nextStep" defaultValue={values?.nextStep ?? nextStep ?? ""} required className={inputClass} aria-invalid={fieldError(errors, "nextStep") ? true : undefined} aria-describedby={fieldError(errors, "nextStep") ? `${id}-ns-e` : undefined} />
          {fieldError(errors, "nextStep") && <p id={`${id}-ns-e`} className="mt-1 text-red-700">{fieldError(errors, "nextStep")}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-nd`} className="block font-medium text-slate-700">
            Next-step date
          </label>
          <input id={`${id}-nd`} type="date" name="nextStepDate" min={today} defaultValue={values?.nextStepDate ?? nextStepDate ?? ""} required className={inputClass} aria-invalid={fieldError(errors, "nextStepDate") ? true : undefined} aria-describedby={fieldError(errors, "nextStepDate") ? `${id}-nd-e` : undefined} />
          {fieldError(errors, "nextStepDate") && <p id={`${id}-nd-e`} className="mt-1 text-red-700">{fieldError(errors, "nextStepDate")}</p>}
        </div>
        {state && !state.ok && !errors && <p role="alert" className="text-red-700">{state.message}</p>}
        {state?.ok && <p role="status" className="text-emerald-700">Saved.</p>}
        <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>
          {pending ? "Saving…" : "Save next step"}
        </button>
      </form>
    </details>
  );
}
