"use client";
// The form that creates an API token and shows its text once, with a copy button; nothing else ever shows it again.
import { useActionState, useState } from "react";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

interface Props {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  idPrefix: string;
  /** Service tokens: the role and team choices. */
  service?: { teams: { value: string; label: string }[] };
}

const EXPIRY = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "7", label: "In 7 days" },
  { value: "never", label: "Never" },
];

export function TokenCreateForm({ action, idPrefix, service }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const [copied, setCopied] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const text = state?.ok ? (state.data as { text?: string }).text : undefined;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form action={formAction} className="space-y-3" onSubmit={() => setCopied(false)}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField id={id("name")} name="name" label="Name" required defaultValue={values?.name} hint="What uses it, e.g. “CRM sync”." errors={errors} />
        <SelectField id={id("expiresIn")} name="expiresIn" label="Expires" options={EXPIRY} defaultValue={values?.expiresIn ?? "90"} errors={errors} />
        <SelectField
          id={id("access")}
          name="access"
          label="Access"
          options={[
            { value: "read", label: "Read-only" },
            { value: "read-write", label: "Read and write" },
          ]}
          defaultValue={values?.access ?? "read"}
          errors={errors}
        />
        {service && (
          <>
            <SelectField
              id={id("role")}
              name="role"
              label="Acts as"
              options={[
                { value: "EXECUTIVE", label: "Executive (whole organisation, read-mostly)" },
                { value: "ADMIN", label: "Administrator (whole organisation)" },
                { value: "MANAGER", label: "Manager of one team" },
              ]}
              defaultValue={values?.role ?? "EXECUTIVE"}
              errors={errors}
            />
            <SelectField id={id("teamId")} name="teamId" label="Team (manager tokens)" options={[{ value: "", label: "—" }, ...service.teams]} defaultValue={values?.teamId ?? ""} errors={errors} />
          </>
        )}
      </div>
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create token"}
      </button>
      {state && !state.ok && <FormMessage state={state} />}
      {text && (
        <div role="status" className="space-y-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Token created. Copy it now: it is shown only once and Cadence keeps only a fingerprint of it.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token">
              {text}
            </code>
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50"
              onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
