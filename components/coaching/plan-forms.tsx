"use client";
// The rep's side of the loop: acknowledge the plan, update the status of their own actions.
import { useActionState } from "react";
import { acknowledgePlan } from "@/lib/actions/coaching/acknowledge-plan";
import { updatePlanAction } from "@/lib/actions/coaching/update-plan-action";
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from "@/lib/domain/coaching-vocabulary";
import { buttonClass } from "@/components/ui/button";
import { fieldError, FormMessage, inputClass } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

export function AcknowledgePlanForm({ planId }: { planId: string }) {
  const [state, action, pending] = useActionState(acknowledgePlan, null as FormState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="planId" value={planId} />
      <button type="submit" className={buttonClass("primary", "sm")} disabled={pending}>
        {pending ? "Saving…" : "Acknowledge plan"}
      </button>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function ActionStatusForm({ actionId, status, description }: { actionId: string; status: string; description: string }) {
  const [state, action, pending] = useActionState(updatePlanAction, null as FormState);
  const id = `status-${actionId}`;
  const error = state && !state.ok ? (fieldError(state.fieldErrors, "status") ?? state.message) : undefined;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="actionId" value={actionId} />
      <div>
        <label htmlFor={id} className="sr-only">
          Status of “{description}”
        </label>
        <select id={id} name="status" defaultValue={status} className={`${inputClass} mt-0 py-1`} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary", "sm")} disabled={pending} aria-label={`Save status of “${description}”`}>
        {pending ? "Saving…" : "Save"}
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
    </form>
  );
}
