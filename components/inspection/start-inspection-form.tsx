"use client";
// Starts (or resumes) the recorded inspection for the chosen team or rep.
import { useActionState } from "react";
import { startInspection } from "@/lib/actions/inspection/start-inspection";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function StartInspectionForm({ teamId, repId, resume }: { teamId: string; repId: string | null; resume: boolean }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(startInspection, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="repId" value={repId ?? ""} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Starting…" : resume ? "Resume inspection" : "Start inspection"}
      </button>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
