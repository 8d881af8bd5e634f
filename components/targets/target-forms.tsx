"use client";
// Forms of the targets page: set a KPI target, remove one, set a rep's quota. Errors appear beside each field.
import { useActionState, useState } from "react";
import { setKpiTarget } from "@/lib/actions/targets/set-kpi-target";
import { deleteKpiTarget } from "@/lib/actions/targets/delete-kpi-target";
import { setQuota } from "@/lib/actions/targets/set-quota";
import type { FormState } from "@/lib/actions/safe-action";
import { buttonClass } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";

type Option = { value: string; label: string };

function Saved({ state, text }: { state: FormState; text: string }) {
  if (!state) return null;
  if (state.ok)
    return (
      <p role="status" className="text-sm text-emerald-700">
        {text}
      </p>
    );
  return <FormMessage state={state} />;
}

export function TargetForm({ metrics, scopes, teams, reps }: { metrics: Option[]; scopes: Option[]; teams: Option[]; reps: Option[] }) {
  const [state, action, pending] = useActionState(setKpiTarget, null as FormState);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const [scope, setScope] = useState(values?.scope ?? scopes[0]?.value ?? "TEAM");
  return (
    <form action={action} className="space-y-3" noValidate>
      <div className="grid gap-3 md:grid-cols-4">
        <SelectField name="metric" label="Metric" options={metrics} errors={errors} defaultValue={values?.metric} />
        <SelectField
          name="periodType"
          label="Period"
          options={[
            { value: "MONTH", label: "Month" },
            { value: "QUARTER", label: "Quarter" },
            { value: "YEAR", label: "Year" },
          ]}
          errors={errors}
          defaultValue={values?.periodType}
        />
        <TextField name="periodStart" label="Only for the period starting" type="date" hint="Leave empty for every period." errors={errors} defaultValue={values?.periodStart} />
        <SelectField name="scope" label="For" options={scopes} errors={errors} value={scope} onChange={(e) => setScope(e.target.value)} />
        {scope === "TEAM" && <SelectField name="teamId" label="Team" options={teams} errors={errors} defaultValue={values?.teamId} />}
        {scope === "REP" && <SelectField name="userId" label="Rep" options={reps} errors={errors} defaultValue={values?.userId} />}
        <SelectField
          name="direction"
          label="Direction"
          options={[
            { value: "AT_LEAST", label: "At least" },
            { value: "AT_MOST", label: "At most" },
          ]}
          errors={errors}
          defaultValue={values?.direction}
        />
        <TextField name="value" label="Value" inputMode="decimal" hint="Counts, days, or percent points (30 = 30%, -15 = −15%)." errors={errors} defaultValue={values?.value} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()} disabled={pending}>
          {pending ? "Saving…" : "Save target"}
        </button>
        <Saved state={state} text="Target saved." />
      </div>
    </form>
  );
}

export function DeleteTargetForm({ targetId, label }: { targetId: string; label: string }) {
  const [state, action, pending] = useActionState(deleteKpiTarget, null as FormState);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="targetId" value={targetId} />
      <button type="submit" className={buttonClass("ghost", "sm")} disabled={pending} aria-label={`Remove target: ${label}`}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function QuotaForm({ reps, periods }: { reps: Option[]; periods: { type: "MONTH" | "QUARTER"; start: string; label: string }[] }) {
  const [state, action, pending] = useActionState(setQuota, null as FormState);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const [periodType, setPeriodType] = useState<"MONTH" | "QUARTER">((values?.periodType as "MONTH" | "QUARTER") ?? "QUARTER");
  return (
    <form action={action} className="space-y-3" noValidate>
      <div className="grid gap-3 md:grid-cols-4">
        <SelectField name="userId" label="Rep" options={reps} errors={errors} defaultValue={values?.userId} />
        <SelectField
          name="periodType"
          label="Period type"
          options={[
            { value: "QUARTER", label: "Fiscal quarter" },
            { value: "MONTH", label: "Month" },
          ]}
          errors={errors}
          value={periodType}
          onChange={(e) => setPeriodType(e.target.value as "MONTH" | "QUARTER")}
        />
        <SelectField
          key={periodType}
          name="periodStart"
          label="Period"
          options={periods.filter((p) => p.type === periodType).map((p) => ({ value: p.start, label: p.label }))}
          errors={errors}
          defaultValue={values?.periodStart}
        />
        <TextField name="amount" label="Quota amount" inputMode="decimal" errors={errors} defaultValue={values?.amount} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()} disabled={pending}>
          {pending ? "Saving…" : "Save quota"}
        </button>
        <Saved state={state} text="Quota saved." />
      </div>
    </form>
  );
}
