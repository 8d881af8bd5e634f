"use client";
// Creates a deal; a new account can be named instead of picked.
import { useActionState, useState, useTransition } from "react";
import { createDeal } from "@/lib/actions/deals/create-deal";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { submitKeepingValues } from "@/components/deals/deal-form-parts";

export function NewDealForm({ stages, accounts, currency, today }: { stages: { id: string; name: string }[]; accounts: { id: string; name: string }[]; currency: string; today: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(createDeal, null);
  const [, startTransition] = useTransition();
  // One key per form: a double-submitted form (double click, a retried request) creates one deal.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} onSubmit={submitKeepingValues(action, startTransition)} className="max-w-2xl space-y-4" aria-label="New deal">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} />
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <TextField name="name" label="Deal name" required defaultValue={v.name ?? ""} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="amount" label={`Amount (${currency})`} inputMode="decimal" required defaultValue={v.amount ?? ""} errors={errors} hint="Whole units, e.g. 12500 or 12,500.50" />
        <TextField name="closeDate" label="Close date" type="date" required min={today} defaultValue={v.closeDate ?? ""} errors={errors} />
        <SelectField name="stageId" label="Stage" defaultValue={v.stageId ?? stages[0]?.id} options={stages.map((s) => ({ value: s.id, label: s.name }))} errors={errors} />
        <SelectField name="qualified" label="Qualified" defaultValue={v.qualified ?? "false"} options={[{ value: "false", label: "No" }, { value: "true", label: "Yes" }]} errors={errors} />
        <SelectField name="accountId" label="Account" defaultValue={v.accountId ?? ""} options={[{ value: "", label: "None / new account" }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]} errors={errors} />
        <TextField name="newAccountName" label="New account name (optional)" defaultValue={v.newAccountName ?? ""} errors={errors} />
        <TextField name="nextStep" label="Next step" defaultValue={v.nextStep ?? ""} errors={errors} hint="The up-front contract: what happens next, and when." />
        <TextField name="nextStepDate" label="Next-step date" type="date" min={today} defaultValue={v.nextStepDate ?? ""} errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Creating…" : "Create deal"}
      </button>
    </form>
  );
}
