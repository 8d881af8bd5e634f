"use client";
// Logs a call, meeting, email or note on a deal with the day it happened.
import { useActionState } from "react";
import { logActivity } from "@/lib/actions/deals/log-activity";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function ActivityForm({ dealId, today }: { dealId: string; today: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(logActivity, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="Log activity">
      <input type="hidden" name="dealId" value={dealId} />
      <FormMessage state={state?.ok ? { ok: true, message: "Activity logged." } : state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="type" label="Type" defaultValue={v.type ?? "CALL"} options={[{ value: "CALL", label: "Call" }, { value: "MEETING", label: "Meeting" }, { value: "EMAIL", label: "Email" }, { value: "NOTE", label: "Note" }]} errors={errors} />
        <TextField name="occurredOn" label="Date" type="date" max={today} required defaultValue={v.occurredOn ?? today} errors={errors} />
      </div>
      <TextField name="subject" label="Subject" required defaultValue={v.subject ?? ""} errors={errors} />
      <TextAreaField name="notes" label="Notes (optional)" rows={3} defaultValue={v.notes ?? ""} errors={errors} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Logging…" : "Log activity"}
      </button>
    </form>
  );
}
