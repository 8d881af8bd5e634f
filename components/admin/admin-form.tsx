"use client";
// One form component for every admin screen: labelled fields described by the page, errors beside each field.
import { useActionState } from "react";
import { FormMessage, SelectField, TextField, fieldError } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

export type AdminField =
  | { type: "hidden"; name: string; value: string }
  | { type: "text" | "email" | "password" | "number"; name: string; label: string; defaultValue?: string; hint?: string; required?: boolean; placeholder?: string }
  | { type: "select"; name: string; label: string; defaultValue?: string; options: { value: string; label: string }[]; hint?: string }
  | { type: "checkbox"; name: string; label: string; defaultChecked?: boolean }
  | { type: "checkboxes"; name: string; label: string; options: { value: string; label: string }[]; defaultValues: string[] };

interface Props {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: AdminField[];
  submitLabel: string;
  pendingLabel?: string;
  /** A unique prefix for element ids when the same form appears once per row. */
  idPrefix: string;
  layout?: "grid" | "inline";
  variant?: "primary" | "secondary" | "danger";
  successMessage?: string;
  /** Shows a generated password returned by the action, once. */
  showGeneratedPassword?: boolean;
}

const BUTTON = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-600 text-white hover:bg-red-700",
};

export function AdminForm({ action, fields, submitLabel, pendingLabel, idPrefix, layout = "grid", variant = "primary", successMessage, showGeneratedPassword }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const generated = state?.ok ? (state.data as { generatedPassword?: string | null; email?: string })?.generatedPassword : null;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form action={formAction} className="space-y-3">
      <div className={layout === "grid" ? "grid gap-3 sm:grid-cols-2 lg:grid-cols-3" : "flex flex-wrap items-end gap-3"}>
        {fields.map((f) => {
          if (f.type === "hidden") return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
          if (f.type === "select") {
            return <SelectField key={f.name} id={id(f.name)} name={f.name} label={f.label} options={f.options} defaultValue={values?.[f.name] ?? f.defaultValue} errors={errors} hint={f.hint} />;
          }
          if (f.type === "checkbox") {
            return (
              <label key={f.name} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name={f.name} defaultChecked={f.defaultChecked} className="h-4 w-4" />
                {f.label}
              </label>
            );
          }
          if (f.type === "checkboxes") {
            const error = fieldError(errors, f.name);
            return (
              <fieldset key={f.name} aria-describedby={error ? id(`${f.name}-error`) : undefined}>
                <legend className="text-sm font-medium text-slate-700">{f.label}</legend>
                <div className="mt-1 flex flex-wrap gap-3">
                  {f.options.length === 0 && <span className="text-sm text-slate-500">No managers yet.</span>}
                  {f.options.map((o) => (
                    <label key={o.value} className="flex items-center gap-1.5 text-sm">
                      <input type="checkbox" name={f.name} value={o.value} defaultChecked={f.defaultValues.includes(o.value)} className="h-4 w-4" />
                      {o.label}
                    </label>
                  ))}
                </div>
                {error && (
                  <p id={id(`${f.name}-error`)} className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                )}
              </fieldset>
            );
          }
          return (
            <TextField
              key={f.name}
              id={id(f.name)}
              type={f.type}
              name={f.name}
              label={f.label}
              defaultValue={f.type === "password" ? undefined : (values?.[f.name] ?? f.defaultValue)}
              hint={f.hint}
              required={f.required}
              placeholder={f.placeholder}
              errors={errors}
            />
          );
        })}
        <div>
          <button type="submit" disabled={pending} className={`inline-flex items-center rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${BUTTON[variant]}`}>
            {pending ? (pendingLabel ?? "Saving…") : submitLabel}
          </button>
        </div>
      </div>
      {state && !state.ok && <FormMessage state={state} />}
      {state?.ok && (successMessage || generated) && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {successMessage}
          {showGeneratedPassword && generated && (
            <>
              {" "}Initial password (shown once, pass it on securely): <code className="font-mono font-semibold" data-testid="generated-password">{generated}</code>
            </>
          )}
        </p>
      )}
    </form>
  );
}
