"use server";
// Edits a deal (amount, close date, stage, account, qualification, next step) under the up-front contract and the version lock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canWrite } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { findUsableAccountId } from "@/lib/data/deals";
import { applyDealPatch, loadDealOwnership, loadDealState, type TrackedField } from "@/lib/data/deals-write";
import {
  MAX_NAME,
  amountField,
  booleanField,
  dateField,
  expectedVersionField,
  idField,
  optionalDateField,
  optionalText,
  requiredText,
} from "@/lib/data/deals-schema";
import { upFrontContractProblems } from "@/lib/domain/deal-rules";
import { AppError, notFound } from "@/lib/errors";

const schema = z.strictObject({
  dealId: idField("deal"),
  expectedVersion: expectedVersionField,
  name: requiredText("deal name", MAX_NAME).optional(),
  amount: amountField.optional(),
  closeDate: dateField("close date").optional(),
  stageId: idField("stage").optional(),
  accountId: z.union([z.literal(""), idField("account")]).optional(),
  qualified: booleanField.optional(),
  nextStep: optionalText("next step").optional(),
  nextStepDate: optionalDateField("next-step date").optional(),
  pushReason: optionalText("reason for the new close date").optional(),
});

export const updateDeal = defineAction(
  {
    name: "deals.update",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "dealId", label: "Deal", load: loadDealOwnership, can: canWrite },
    handler: async ({ actor, input, tx }) => {
      const current = await loadDealState(tx, input.dealId);
      if (!current) throw notFound("Deal");
      const org = await loadOrganisation(tx);
      const today = todayIn(org);
      const errors: Record<string, string[]> = {};

      const patch: Partial<Record<TrackedField, string | null>> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.amount !== undefined) patch.amountMinor = input.amount.toString();
      if (input.closeDate !== undefined) patch.closeDate = input.closeDate;
      if (input.qualified !== undefined) patch.qualified = String(input.qualified);
      if (input.nextStep !== undefined) patch.nextStep = input.nextStep;
      if (input.nextStepDate !== undefined) patch.nextStepDate = input.nextStepDate;
      if (input.stageId !== undefined) {
        const stage = await tx.pipelineStage.findUnique({ where: { id: input.stageId }, select: { id: true } });
        if (!stage) errors.stageId = ["Choose one of the pipeline's stages."];
        else patch.stageId = input.stageId;
      }
      if (input.accountId !== undefined) {
        if (input.accountId === "") patch.accountId = null;
        else {
          // Scoped like the account picker: an account the actor may not use reads as one that does not exist.
          const accountId = await findUsableAccountId(actor, input.accountId, tx);
          if (!accountId) errors.accountId = ["Choose an account from the list."];
          else patch.accountId = accountId;
        }
      }
      // A newly typed next-step date must be today or later; an unchanged overdue one does not block other edits.
      if (patch.nextStepDate && patch.nextStepDate !== current.nextStepDate && patch.nextStepDate < today) {
        errors.nextStepDate = ["The next-step date cannot be in the past."];
      }
      const movesStage = patch.stageId !== undefined && patch.stageId !== current.stageId;
      if (movesStage && current.status !== "OPEN") errors.stageId = ["This deal is closed: its stage no longer changes."];
      if (movesStage && current.status === "OPEN") {
        const problems = upFrontContractProblems(
          {
            nextStep: patch.nextStep !== undefined ? patch.nextStep : current.nextStep,
            nextStepDate: patch.nextStepDate !== undefined ? patch.nextStepDate : current.nextStepDate,
          },
          today,
        );
        for (const [field, message] of Object.entries(problems)) errors[field] ??= [message];
      }
      if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);

      const result = await applyDealPatch(tx, current, {
        actor,
        expectedVersion: input.expectedVersion,
        patch,
        fiscalYearStartMonth: org.fiscalYearStartMonth,
        pushReason: input.pushReason ?? null,
      });
      return { id: current.id, version: result.version, changed: result.changed };
    },
  },
  (data) => {
    revalidatePath("/deals");
    revalidatePath(`/deals/${data.id}`);
    revalidatePath("/inspection", "layout");
  },
);
