"use server";
// Records (or changes) the decision on one flagged deal, and the deal changes with it in the same transaction:
// commit or keep (why it stays), push (new close date), close out (won or lost), pause, next step or reassign,
// each with an optional action item.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { MAX_TEXT, expectedVersionField, idField, optionalDateField, optionalText } from "@/lib/data/deals-schema";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { canRunSession, loadInspectionSession, requireOpenSession } from "@/lib/data/inspection-write";
import { recordDecision } from "@/lib/data/inspection-decisions";
import { DECISION_KINDS, TRIAGE_FLAGS } from "@/lib/domain/inspection-decisions";
import { AppError } from "@/lib/errors";

const schema = z.strictObject({
  sessionId: idField("inspection"),
  dealId: idField("deal"),
  expectedVersion: expectedVersionField,
  disposition: z.enum(DECISION_KINDS, { error: "Choose commit, keep, push, close out, pause, next step or reassign." }),
  flags: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ? v.split(",").filter((f) => (TRIAGE_FLAGS as readonly string[]).includes(f)) : [])),
  note: optionalText("reason", MAX_TEXT).optional(),
  closeDate: optionalDateField("new close date").optional(),
  outcome: z.union([z.literal(""), z.enum(["WON", "LOST"], { error: "Choose won or lost." })]).optional(),
  lostReason: optionalText("lost reason").optional(),
  resumeDate: optionalDateField("resume date").optional(),
  nextStep: optionalText("next step").optional(),
  nextStepDate: optionalDateField("next-step date").optional(),
  newOwnerId: z.union([z.literal(""), idField("rep")]).optional(),
  actionDescription: optionalText("action", 500).optional(),
  actionOwnerId: z.union([z.literal(""), idField("owner")]).optional(),
  actionDueDate: optionalDateField("due date").optional(),
});

export const recordDisposition = defineAction(
  {
    name: "inspection.record-disposition",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "sessionId", label: "Inspection", load: loadInspectionSession, can: canRunSession },
    handler: async ({ actor, input, tx, object }) => {
      requireOpenSession(object);
      const org = await loadOrganisation(tx);
      const now = new Date();
      let actionItem = null;
      if (input.actionDescription || input.actionDueDate) {
        const errors: Record<string, string[]> = {};
        if (!input.actionDescription) errors.actionDescription = ["Enter the action."];
        if (!input.actionOwnerId) errors.actionOwnerId = ["Choose who owns the action."];
        if (!input.actionDueDate) errors.actionDueDate = ["Enter the due date."];
        if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);
        actionItem = { description: input.actionDescription!, ownerId: input.actionOwnerId!, dueDate: input.actionDueDate! };
      }
      const result = await recordDecision(
        tx,
        actor,
        object,
        {
          kind: input.disposition,
          dealId: input.dealId,
          expectedVersion: input.expectedVersion,
          flags: input.flags,
          note: input.note ?? null,
          closeDate: input.closeDate ?? null,
          outcome: input.outcome || null,
          lostReason: input.lostReason ?? null,
          resumeDate: input.resumeDate ?? null,
          nextStep: input.nextStep ?? null,
          nextStepDate: input.nextStepDate ?? null,
          newOwnerId: input.newOwnerId || null,
          actionItem,
        },
        org,
        todayIn(org, now),
        now,
      );
      return { ...result, sessionId: object.id };
    },
  },
  (data) => {
    revalidatePath(`/inspection/${data.sessionId}`);
    revalidatePath(`/deals/${data.dealId}`);
    revalidatePath("/deals");
  },
);
