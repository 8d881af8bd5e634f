"use client";
// Confirms the preview: every valid row is written in one transaction, or none.
import { useActionState } from "react";
import { startImport } from "@/lib/actions/import/start-import";
import { saveImportSettings } from "@/lib/actions/import/save-import-settings";
import { FormMessage } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

export function StartImportButton({ jobId, valid }: { jobId: string; valid: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(startImport, null);
  const [, remap, remapping] = useActionState<FormState, FormData>(saveImportSettings, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={action}>
          <input type="hidden" name="jobId" value={jobId} />
          <button type="submit" disabled={pending || valid === 0} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Starting…" : `Import ${valid.toLocaleString("en-US")} valid row${valid === 1 ? "" : "s"}`}
          </button>
        </form>
        <form action={remap}>
          <input type="hidden" name="jobId" value={jobId} />
          <input type="hidden" name="step" value="remap" />
          <button type="submit" disabled={remapping} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
            Change the column mapping
          </button>
        </form>
      </div>
      <FormMessage state={state && !state.ok ? state : null} />
    </div>
  );
}
