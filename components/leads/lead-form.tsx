"use client";
// Records a lead with its ICP-qualified flag and the day it came in.
import { useActionState } from "react";
import { createLead } from "@/lib/actions/leads/create-lead";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function LeadForm({ today }: { today: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(createLead, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="New lead">
      <FormMessage state={state?.ok ? { ok: true, message: "Lead recorded." } : state} />
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label="Name" required defaultValue={v.name ?? ""} errors={errors} />
        <TextField name="company" label="Company (optional)" defaultValue={v.company ?? ""} errors={errors} />
        <TextField name="email" label="Email (optional)" type="email" defaultValue={v.email ?? ""} errors={errors} />
        <TextField name="source" label="Source (optional)" defaultValue={v.source ?? ""} errors={errors} hint="Where it came from: webinar, referral, inbound…" />
        <TextField name="createdOn" label="Date" type="date" required max={today} defaultValue={v.createdOn ?? today} errors={errors} />
        <SelectField name="icpQualified" label="Fits the ideal customer profile" defaultValue={v.icpQualified ?? "false"} options={[{ value: "false", label: "No" }, { value: "true", label: "Yes — ICP-qualified" }]} errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>{pending ? "Saving…" : "Record lead"}</button>
    </form>
  );
}
