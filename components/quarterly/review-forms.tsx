"use client";
// Forms of the review record: record a review (freezing the quarter's figures), edit its words, add a decision.
import { useActionState } from "react";
import { createReview } from "@/lib/actions/quarterly/create-review";
import { updateReview } from "@/lib/actions/quarterly/update-review";
import { addReviewDecision } from "@/lib/actions/quarterly/add-review-decision";
import type { FormState } from "@/lib/actions/safe-action";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function CreateReviewForm({ quarters, defaultQuarter, teams, canSeeOrganisation }: { quarters: string[]; defaultQuarter: string; teams: { id: string; name: string }[]; canSeeOrganisation: boolean }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(createReview, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const teamOptions = [...(canSeeOrganisation ? [{ value: "", label: "Whole organisation" }] : []), ...teams.map((t) => ({ value: t.id, label: t.name }))];
  return (
    <form action={action} className="space-y-3" aria-label="Record a review">
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="review-quarter" name="quarter" label="Quarter" defaultValue={v.quarter ?? defaultQuarter} options={quarters.map((q) => ({ value: q, label: q }))} errors={errors} />
        <SelectField id="review-team" name="teamId" label="Scope" defaultValue={v.teamId ?? teamOptions[0]?.value ?? ""} options={teamOptions} errors={errors} />
      </div>
      <TextAreaField id="review-constraint" name="constraintText" label="Constraint identified" rows={2} defaultValue={v.constraintText ?? ""} hint="Leave empty to use the stage the dashboard names." errors={errors} />
      <TextAreaField id="review-notes" name="notes" label="Notes" rows={3} defaultValue={v.notes ?? ""} errors={errors} />
      <button type="submit" className={buttonClass()} disabled={pending}>
        {pending ? "Recording…" : "Record review"}
      </button>
    </form>
  );
}

export function EditReviewForm({ reviewId, constraintText, notes }: { reviewId: string; constraintText: string; notes: string }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(updateReview, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="Edit the review">
      <input type="hidden" name="reviewId" value={reviewId} />
      <FormMessage state={state?.ok ? { ok: true, message: "Saved." } : state} />
      <TextAreaField id="edit-constraint" name="constraintText" label="Constraint identified" rows={2} defaultValue={v.constraintText ?? constraintText} errors={errors} />
      <TextAreaField id="edit-notes" name="notes" label="Notes" rows={4} defaultValue={v.notes ?? notes} errors={errors} />
      <button type="submit" className={buttonClass("secondary")} disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}

export function AddDecisionForm({ reviewId, owners }: { reviewId: string; owners: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState<{ id: string }>, FormData>(addReviewDecision, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-3" aria-label="Add a decision" key={state?.ok ? (state.data as { id: string }).id : "new"}>
      <input type="hidden" name="reviewId" value={reviewId} />
      <FormMessage state={state?.ok ? { ok: true, message: "Decision added." } : state} />
      <TextField id="decision-description" name="description" label="Decision" defaultValue={v.description ?? ""} required errors={errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="decision-owner" name="ownerId" label="Owner" defaultValue={v.ownerId ?? ""} options={[{ value: "", label: "No owner yet" }, ...owners.map((o) => ({ value: o.id, label: o.name }))]} errors={errors} />
        <TextField id="decision-due" name="dueDate" label="Due date" type="date" defaultValue={v.dueDate ?? ""} errors={errors} />
      </div>
      <button type="submit" className={buttonClass("secondary")} disabled={pending}>
        {pending ? "Adding…" : "Add decision"}
      </button>
    </form>
  );
}
