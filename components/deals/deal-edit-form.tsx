"use client";
// Edits a deal in one form: the rep can fix the next step and its date while moving the stage, and save once.
import { useActionState, useTransition } from "react";
import { updateDeal } from "@/lib/actions/deals/update-deal";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { ConflictPanel, amountInput, conflictVersion, isConflict, submitKeepingValues } from "@/components/deals/deal-form-parts";

export interface EditableDeal {
  id: string;
  version: number;
  name: string;
  amountMinor: string;
  closeDate: string;
  stageId: string;
  accountId: string | null;
  qualified: boolean;
  nextStep: string | null;
  nextStepDate: string | null;
}

export function DealEditForm({ deal, stages, accounts, currency, today }: { deal: EditableDeal; stages: { id: string; name: string }[]; accounts: { id: string; name: string }[]; currency: string; today: string }) {
  const [state, action, pending] = useActionState<FormState<{ version: number; changed: string[] }>, FormData>(updateDeal, null);
  const [, startTransition] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const version = Math.max(deal.version, state?.ok ? state.data.version : 0, conflictVersion(state));
  const saved = state?.ok ? { ...state, message: state.data.changed.length ? "Saved." : "Nothing changed." } : state;
  return (
    <form action={action} onSubmit={submitKeepingValues(action, startTransition)} className="space-y-4" aria-label="Edit deal">
      <input type="hidden" name="dealId" value={deal.id} />
      <input type="hidden" name="expectedVersion" value={version} />
      <ConflictPanel state={state} />
      {!isConflict(state) && <FormMessage state={saved} />}
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Deal name" required defaultValue={v.name ?? deal.name} errors={errors} />
        <TextField name="amount" label={`Amount (${currency})`} inputMode="decimal" required defaultValue={v.amount ?? amountInput(deal.amountMinor)} errors={errors} hint="Whole units, e.g. 12500 or 12,500.50" />
        <SelectField name="stageId" label="Stage" defaultValue={v.stageId ?? deal.stageId} options={stages.map((s) => ({ value: s.id, label: s.name }))} errors={errors} hint="Moving stage needs a next step dated today or later." />
        <TextField name="closeDate" label="Close date" type="date" required defaultValue={v.closeDate ?? deal.closeDate} errors={errors} />
        <SelectField name="accountId" label="Account" defaultValue={v.accountId ?? deal.accountId ?? ""} options={[{ value: "", label: "No account" }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]} errors={errors} />
        <SelectField name="qualified" label="Qualified" defaultValue={v.qualified ?? String(deal.qualified)} options={[{ value: "true", label: "Yes" }, { value: "false", label: "No" }]} errors={errors} />
        <TextField name="nextStep" label="Next step" defaultValue={v.nextStep ?? deal.nextStep ?? ""} errors={errors} />
        <TextField name="nextStepDate" label="Next-step date" type="date" defaultValue={v.nextStepDate ?? deal.nextStepDate ?? ""} errors={errors} hint={`Today (${today}) or later.`} />
        <div className="sm:col-span-2">
          <TextField name="pushReason" label="Reason for a new close date (optional)" defaultValue={v.pushReason ?? ""} errors={errors} hint="Kept in the history beside the close-date change; a move into a later quarter counts as a push." />
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
