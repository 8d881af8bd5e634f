"use client";
// Completes the inspection with optional notes.
import { useActionState } from "react";
import { completeInspection } from "@/lib/actions/inspection/complete-inspection";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function CompleteInspectionForm({ sessionId }: { sessionId: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(completeInspection, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Complete inspection">
      <input type="hidden" name="sessionId" value={sessionId} />
      <FormMessage state={state && !state.ok ? state : null} />
      <TextAreaField name="notes" label="Notes (optional)" rows={3} maxLength={2000} errors={errors} defaultValue={state && !state.ok ? state.values?.notes : undefined} />
      <button type="submit" disabled={pending} className={buttonClass()}>{pending ? "Completing…" : "Complete inspection"}</button>
    </form>
  );
}
