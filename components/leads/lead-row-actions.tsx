"use client";
// A lead's actions in its row: edit, disqualify with a reason, convert to a deal. Each opens its own labelled form
// below the row (one at a time, keyboard first: the button says whether it is open, the first field takes the focus,
// Escape closes it and gives the focus back to the button).
import Link from "next/link";
import { useActionState, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { updateLead } from "@/lib/actions/leads/update-lead";
import { disqualifyLead } from "@/lib/actions/leads/disqualify-lead";
import { convertLead } from "@/lib/actions/leads/convert-lead";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export interface LeadRowView {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  source: string | null;
  icpQualified: boolean;
  createdOn: string;
  status: "OPEN" | "DISQUALIFIED" | "CONVERTED";
  version: number;
}

export interface ConvertOptions {
  today: string;
  defaultCloseDate: string;
  stages: { value: string; label: string }[];
  accounts: { value: string; label: string }[];
}

type Panel = "edit" | "disqualify" | "convert" | null;

export function LeadRowActions({ lead, options }: { lead: LeadRowView; options: ConvertOptions }) {
  const [panel, setPanel] = useState<Panel>(null);
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const close = () => {
    const was = panel;
    setPanel(null);
    if (was) buttons.current[was]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") close();
  };
  const toggle = (p: Exclude<Panel, null>, label: string) => (
    <button
      type="button"
      ref={(el) => {
        buttons.current[p] = el;
      }}
      className={buttonClass("secondary", "sm")}
      aria-expanded={panel === p}
      aria-controls={`lead-${lead.id}-${p}`}
      onClick={() => setPanel(panel === p ? null : p)}
    >
      {label}
      <span className="sr-only"> {lead.name}</span>
    </button>
  );
  if (lead.status === "CONVERTED") return null;
  return (
    <div className="space-y-2" onKeyDown={onKeyDown}>
      <div className="flex flex-wrap gap-2">
        {toggle("edit", "Edit")}
        {lead.status === "OPEN" && toggle("disqualify", "Disqualify")}
        {lead.status === "OPEN" && toggle("convert", "Convert to deal")}
      </div>
      {panel === "edit" && <EditLeadForm lead={lead} today={options.today} onDone={close} />}
      {panel === "disqualify" && <DisqualifyLeadForm lead={lead} onDone={close} />}
      {panel === "convert" && <ConvertLeadForm lead={lead} options={options} />}
    </div>
  );
}

function useErrors<T>(state: FormState<T>) {
  return { errors: state && !state.ok ? state.fieldErrors : undefined, values: state && !state.ok ? (state.values ?? {}) : {} };
}

function EditLeadForm({ lead, today, onDone }: { lead: LeadRowView; today: string; onDone: () => void }) {
  const [state, action, pending] = useActionState<FormState<{ id: string; version: number }>, FormData>(updateLead, null);
  const { errors, values: v } = useErrors(state);
  const id = (f: string) => `lead-${lead.id}-edit-${f}`;
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form id={`lead-${lead.id}-edit`} action={action} className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Edit lead ${lead.name}`}>
      <FormMessage state={state?.ok ? null : state} />
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <input type="hidden" name="leadId" value={lead.id} />
      <input type="hidden" name="expectedVersion" value={lead.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={id("name")} name="name" label="Name" required defaultValue={v.name ?? lead.name} errors={errors} autoFocus />
        <TextField id={id("company")} name="company" label="Company (optional)" defaultValue={v.company ?? lead.company ?? ""} errors={errors} />
        <TextField id={id("email")} name="email" label="Email (optional)" type="email" defaultValue={v.email ?? lead.email ?? ""} errors={errors} />
        <TextField id={id("source")} name="source" label="Source (optional)" defaultValue={v.source ?? lead.source ?? ""} errors={errors} />
        <TextField id={id("createdOn")} name="createdOn" label="Date" type="date" required max={today} defaultValue={v.createdOn ?? lead.createdOn} errors={errors} />
        <SelectField
          id={id("icp")}
          name="icpQualified"
          label="Fits the ideal customer profile"
          defaultValue={v.icpQualified ?? String(lead.icpQualified)}
          options={[{ value: "false", label: "No" }, { value: "true", label: "Yes — ICP-qualified" }]}
          errors={errors}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass()}>{pending ? "Saving…" : "Save lead"}</button>
        <button type="button" className={buttonClass("secondary")} onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function DisqualifyLeadForm({ lead, onDone }: { lead: LeadRowView; onDone: () => void }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(disqualifyLead, null);
  const { errors, values: v } = useErrors(state);
  return (
    <form id={`lead-${lead.id}-disqualify`} action={action} className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Disqualify lead ${lead.name}`}>
      <FormMessage state={state?.ok ? null : state} />
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <input type="hidden" name="leadId" value={lead.id} />
      <input type="hidden" name="expectedVersion" value={lead.version} />
      <TextField
        id={`lead-${lead.id}-reason`}
        name="reason"
        label="Why is it disqualified?"
        required
        defaultValue={v.reason ?? ""}
        errors={errors}
        hint="For example: no budget this year, not reachable, bought a competitor."
        autoFocus
      />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass("danger")}>{pending ? "Saving…" : "Disqualify lead"}</button>
        <button type="button" className={buttonClass("secondary")} onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function ConvertLeadForm({ lead, options }: { lead: LeadRowView; options: ConvertOptions }) {
  const [state, action, pending] = useActionState<FormState<{ id: string; dealId: string }>, FormData>(convertLead, null);
  const { errors, values: v } = useErrors(state);
  const id = (f: string) => `lead-${lead.id}-convert-${f}`;
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        Converted to a deal. <Link href={`/deals/${state.data.dealId}`} className="font-medium underline">Open the deal</Link>
      </p>
    );
  }
  return (
    <form id={`lead-${lead.id}-convert`} action={action} className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Convert lead ${lead.name} to a deal`}>
      <p className="text-sm text-slate-600">
        The deal keeps the lead&apos;s source{lead.source ? ` (${lead.source})` : ""} and its date ({lead.createdOn}) as the first contact, so the sales cycle counts from it.
      </p>
      <FormMessage state={state} />
      {errors?._form && <p role="alert" className="text-sm text-red-700">{errors._form[0]}</p>}
      <input type="hidden" name="leadId" value={lead.id} />
      <input type="hidden" name="expectedVersion" value={lead.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={id("dealName")} name="dealName" label="Deal name" required defaultValue={v.dealName ?? lead.company ?? lead.name} errors={errors} autoFocus />
        <TextField id={id("amount")} name="amount" label="Amount" required inputMode="decimal" defaultValue={v.amount ?? ""} errors={errors} hint="For example 12,500 or 12500.50" />
        <SelectField id={id("stageId")} name="stageId" label="Stage" defaultValue={v.stageId ?? options.stages[0]?.value} options={options.stages} errors={errors} />
        <TextField id={id("closeDate")} name="closeDate" label="Expected close date" type="date" required min={options.today} defaultValue={v.closeDate ?? options.defaultCloseDate} errors={errors} />
        <SelectField
          id={id("accountId")}
          name="accountId"
          label="Account"
          defaultValue={v.accountId ?? ""}
          options={[{ value: "", label: "New account (name below)" }, ...options.accounts]}
          errors={errors}
        />
        <TextField id={id("newAccountName")} name="newAccountName" label="New account name (optional)" defaultValue={v.newAccountName ?? lead.company ?? ""} errors={errors} />
        <TextField id={id("nextStep")} name="nextStep" label="Next step (optional)" defaultValue={v.nextStep ?? ""} errors={errors} />
        <TextField id={id("nextStepDate")} name="nextStepDate" label="Next-step date (optional)" type="date" min={options.today} defaultValue={v.nextStepDate ?? ""} errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>{pending ? "Converting…" : "Create the deal"}</button>
    </form>
  );
}
