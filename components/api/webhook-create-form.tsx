"use client";
// Subscribing a URL to events; the signing secret is shown once after creation.
import { useActionState } from "react";
import { FormMessage, SelectField, TextField, fieldError } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

interface Props {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  teams: { value: string; label: string }[];
  /** Admins may subscribe for the whole organisation. */
  organisationOption: boolean;
}

export function WebhookCreateForm({ action, teams, organisationOption }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const secret = state?.ok ? (state.data as { secret?: string }).secret : undefined;
  const eventsError = fieldError(errors, "events");
  const scopeOptions = [...(organisationOption ? [{ value: "", label: "The whole organisation" }] : []), ...teams];
  return (
    <form action={formAction} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="webhook-url" name="url" label="URL" type="url" required placeholder="https://example.com/hooks/cadence" defaultValue={values?.url} errors={errors} />
        <SelectField id="webhook-team" name="teamId" label="Events of" options={scopeOptions} defaultValue={values?.teamId ?? scopeOptions[0]?.value} errors={errors} />
        <TextField id="webhook-description" name="description" label="Description (optional)" defaultValue={values?.description} errors={errors} />
      </div>
      <fieldset aria-describedby={eventsError ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="events" value={e} className="h-4 w-4" defaultChecked={e.startsWith("deal.")} />
              <code className="text-xs">{e}</code>
            </label>
          ))}
        </div>
        {eventsError && (
          <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
            {eventsError}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Subscribing…" : "Subscribe"}
      </button>
      {state && !state.ok && <FormMessage state={state} />}
      {secret && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Subscribed. The signing secret, shown only once: <code className="break-all font-mono text-xs" data-testid="webhook-secret">{secret}</code>
        </p>
      )}
    </form>
  );
}
