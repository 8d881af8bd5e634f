"use client";
// The column-mapping step: one select per Cadence field, pre-filled with the guess (or the mapping remembered for these headers).
import { useActionState } from "react";
import { saveImportSettings } from "@/lib/actions/import/save-import-settings";
import { FormMessage, SelectField } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";
import type { ColumnOption } from "@/lib/import/column-options";

interface Props {
  jobId: string;
  /** The file's columns, already shortened for display (lib/import/column-options.ts). */
  columns: ColumnOption[];
  fields: { key: string; label: string; required: boolean }[];
  mapping: Record<string, number | null>;
  dateOrder: string;
  /** Only deal files have dates to read. */
  showDateOrder?: boolean;
}

export function MappingForm({ jobId, columns, fields, mapping, dateOrder, showDateOrder = true }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveImportSettings, null);
  const options = [{ value: "", label: "— not in this file —" }, ...columns];
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="step" value="mapping" />
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => (
          <SelectField
            key={f.key}
            name={`col_${f.key}`}
            label={`${f.label}${f.required ? " (required)" : ""}`}
            options={options}
            defaultValue={mapping[f.key] === null || mapping[f.key] === undefined ? "" : String(mapping[f.key])}
            errors={errors}
          />
        ))}
        {showDateOrder && (
          <SelectField
            name="dateOrder"
            label="Dates such as 03/04/2026 mean"
            defaultValue={dateOrder}
            options={[
              { value: "auto", label: "Decide per date (ambiguous dates are rejected)" },
              { value: "MDY", label: "Month/day/year (US)" },
              { value: "DMY", label: "Day/month/year" },
            ]}
            errors={errors}
          />
        )}
      </div>
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Checking the rows…" : "Preview the import"}
      </button>
    </form>
  );
}
