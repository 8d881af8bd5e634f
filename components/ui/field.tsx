// A labelled form field with its error message beside it (aria-describedby), for every form in Cadence.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 aria-[invalid=true]:border-red-500";

interface FieldProps {
  name: string;
  label: string;
  errors?: Record<string, string[] | undefined>;
  hint?: ReactNode;
  children?: ReactNode;
}

export function fieldError(errors: Record<string, string[] | undefined> | undefined, name: string) {
  return errors?.[name]?.[0];
}

function FieldShell({ name, label, errors, hint, children, id }: FieldProps & { id: string }) {
  const error = fieldError(errors, name);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function a11y(id: string, name: string, errors: FieldProps["errors"], hint: ReactNode) {
  const error = fieldError(errors, name);
  return {
    id,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

export function TextField({ name, label, errors, hint, id, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} id={fid}>
      <input {...rest} {...a11y(fid, name, errors, hint)} className={inputClass} />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, errors, hint, id, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fid = id ?? `f-${name}`;
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} id={fid}>
      <textarea {...rest} {...a11y(fid, name, errors, hint)} className={inputClass} />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  id,
  options,
  ...rest
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const fid = id ?? `f-${name}`;
  return (
    <FieldShell name={name} label={label} errors={errors} hint={hint} id={fid}>
      <select {...rest} {...a11y(fid, name, errors, hint)} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The form-level message of an action result (success or failure), announced to screen readers. */
export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null | undefined }) {
  if (!state?.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
      {state.message}
    </p>
  );
}
