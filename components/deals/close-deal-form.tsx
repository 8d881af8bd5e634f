"use client";
// Closes a deal won or lost; lost asks for the reason.
import { useActionState, useState } from "react";
import { closeDeal } from "@/lib/actions/deals/close-deal";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { ConflictPanel, conflictVersion, isConflict } from "@/components/deals/deal-form-parts";

export function CloseDealForm({ dealId, version }: { dealId: string; version: number }) {
  const [state, action, pending] = useActionState<FormState<{ version: number }>, FormData>(closeDeal, null);
  const [outcome, setOutcome] = useState<"WON" | "LOST">("WON");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Close deal">
      <input type="hidden" name="dealId" value={dealId} />
      <input type="hidden" name="expectedVersion" value={Math.max(version, conflictVersion(state))} />
      <ConflictPanel state={state} />
      {!isConflict(state) && <FormMessage state={state} />}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Outcome</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label className="flex items-center gap-1">
            <input type="radio" name="outcome" value="WON" checked={outcome === "WON"} onChange={() => setOutcome("WON")} /> Won
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="outcome" value="LOST" checked={outcome === "LOST"} onChange={() => setOutcome("LOST")} /> Lost
          </label>
        </div>
        {errors?.outcome && <p className="mt-1 text-sm text-red-700">{errors.outcome[0]}</p>}
      </fieldset>
      {outcome === "LOST" && <TextField name="lostReason" label="Lost reason" required errors={errors} defaultValue={state && !state.ok ? state.values?.lostReason : undefined} />}
      <button type="submit" disabled={pending} className={buttonClass(outcome === "LOST" ? "danger" : "primary")}>
        {pending ? "Closing…" : outcome === "WON" ? "Close as won" : "Close as lost"}
      </button>
    </form>
  );
}
