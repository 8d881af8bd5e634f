"use client";
// Submits this week's commit and best case; amounts are checked next to each field (no negatives, numbers only).
import { useActionState } from "react";
import { submitForecast } from "@/lib/actions/forecast/submit-forecast";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function ForecastForm({ scope, teamId, idPrefix, currency }: { scope: "REP" | "TEAM"; teamId: string | null; idPrefix: string; currency: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(submitForecast, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="Submit a forecast" key={state?.ok ? (state.data as { id: string }).id : "form"}>
      <input type="hidden" name="scope" value={scope} />
      {teamId && scope === "TEAM" && <input type="hidden" name="teamId" value={teamId} />}
      <FormMessage state={state?.ok ? { ok: true, message: "Forecast submitted." } : state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={`${idPrefix}-commit`} name="commit" label={`Commit (${currency})`} inputMode="decimal" autoComplete="off" required defaultValue={v.commit ?? ""} errors={errors} hint="What you will close this quarter, won so far included." />
        <TextField id={`${idPrefix}-best`} name="bestCase" label={`Best case (${currency})`} inputMode="decimal" autoComplete="off" required defaultValue={v.bestCase ?? ""} errors={errors} hint="If everything in play goes your way." />
      </div>
      <TextAreaField id={`${idPrefix}-notes`} name="notes" label="Notes" rows={2} defaultValue={v.notes ?? ""} errors={errors} />
      <button type="submit" className={buttonClass()} disabled={pending}>
        {pending ? "Submitting…" : "Submit forecast"}
      </button>
    </form>
  );
}
