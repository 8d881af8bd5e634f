"use client";
// A manager's tools on a team deal: pause it (reason, resume date) or resume it, and reassign it within the team.
import { useActionState } from "react";
import { pauseDeal } from "@/lib/actions/deals/pause-deal";
import { reassignDeal } from "@/lib/actions/deals/reassign-deal";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { ConflictPanel, conflictVersion, isConflict } from "@/components/deals/deal-form-parts";

export function PauseForm({ dealId, version, pausedUntil, today }: { dealId: string; version: number; pausedUntil: string | null; today: string }) {
  const [state, action, pending] = useActionState<FormState<{ version: number }>, FormData>(pauseDeal, null);
  const [resumeState, resumeAction, resuming] = useActionState<FormState<{ version: number }>, FormData>(pauseDeal, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = Math.max(version, state?.ok ? state.data.version : 0, resumeState?.ok ? resumeState.data.version : 0, conflictVersion(state), conflictVersion(resumeState));
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-3" aria-label="Pause deal">
        <input type="hidden" name="dealId" value={dealId} />
        <input type="hidden" name="expectedVersion" value={v} />
        <ConflictPanel state={state} />
        {!isConflict(state) && <FormMessage state={state?.ok ? { ok: true, message: "Deal paused." } : state} />}
        <TextField name="reason" label="Pause reason" required errors={errors} defaultValue={state && !state.ok ? state.values?.reason : undefined} />
        <TextField name="resumeDate" label="Resume on" type="date" required min={today} errors={errors} defaultValue={state && !state.ok ? state.values?.resumeDate : undefined} />
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>{pending ? "Pausing…" : pausedUntil ? "Change pause" : "Pause deal"}</button>
      </form>
      {pausedUntil && (
        <form action={resumeAction}>
          <input type="hidden" name="dealId" value={dealId} />
          <input type="hidden" name="expectedVersion" value={v} />
          <input type="hidden" name="resumeDate" value="" />
          <FormMessage state={resumeState?.ok ? { ok: true, message: "Deal resumed." } : resumeState} />
          <button type="submit" disabled={resuming} className={buttonClass("ghost", "sm")}>Resume now</button>
        </form>
      )}
    </div>
  );
}

export function ReassignForm({ dealId, version, ownerId, members }: { dealId: string; version: number; ownerId: string; members: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState<{ version: number }>, FormData>(reassignDeal, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const others = members.filter((m) => m.id !== ownerId);
  if (others.length === 0) return <p className="text-sm text-slate-600">No one else in the team to reassign to.</p>;
  return (
    <form action={action} className="space-y-3" aria-label="Reassign deal">
      <input type="hidden" name="dealId" value={dealId} />
      <input type="hidden" name="expectedVersion" value={Math.max(version, conflictVersion(state))} />
      <ConflictPanel state={state} />
      {!isConflict(state) && <FormMessage state={state?.ok ? { ok: true, message: "Deal reassigned." } : state} />}
      <SelectField name="newOwnerId" label="New owner" options={others.map((m) => ({ value: m.id, label: m.name }))} errors={errors} />
      <TextField name="reason" label="Reason (optional)" errors={errors} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>{pending ? "Reassigning…" : "Reassign"}</button>
    </form>
  );
}
