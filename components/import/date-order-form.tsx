"use client";
// Asked once when every slashed date of the file reads both ways (03/04/2026): month/day or day/month.
import { useActionState } from "react";
import { saveImportSettings } from "@/lib/actions/import/save-import-settings";
import { FormMessage } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

export function DateOrderForm({ jobId, example }: { jobId: string; example: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveImportSettings, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="step" value="dateOrder" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">
          Every date of this file could be read either way{example ? ` (for example ${example})` : ""}. How are they written?
        </legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="dateOrder" value="MDY" required /> Month first (MM/DD/YYYY, as in the US)
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="dateOrder" value="DMY" required /> Day first (DD/MM/YYYY)
          </label>
        </div>
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Reading the dates…" : "Use this date order"}
      </button>
    </form>
  );
}
