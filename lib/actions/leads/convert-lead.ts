"use server";
// Converts an open lead into a deal owned by the lead's owner, in one transaction with the deal's creation history;
// the deal keeps the lead's source, and the lead's date as its first contact (the sales cycle counts from it).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { leadVersionField } from "@/lib/data/leads-schema";
import { canWrite } from "@/lib/auth/permissions";
import { findUsableAccountId } from "@/lib/data/deals";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { convertLead as writeConversion, loadLeadOwnership } from "@/lib/data/leads-write";
import { MAX_NAME, idField, newDealFields, requiredText } from "@/lib/data/deals-schema";
import { AppError } from "@/lib/errors";

const schema = z.strictObject({
  leadId: idField("lead"),
  expectedVersion: leadVersionField,
  dealName: requiredText("deal name", MAX_NAME),
  ...newDealFields,
});

export const convertLead = defineAction(
  {
    name: "leads.convert",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "leadId", load: loadLeadOwnership, can: canWrite, label: "Lead" },
    handler: async ({ actor, input, tx }) => {
      const today = todayIn(await loadOrganisation(tx));
      const errors: Record<string, string[]> = {};
      const stage = await tx.pipelineStage.findUnique({ where: { id: input.stageId }, select: { id: true } });
      if (!stage) errors.stageId = ["Choose one of the pipeline's stages."];
      let accountId: string | null = null;
      if (input.accountId) {
        // The same rule as on deals: only an account the caller's picker offers; anything else reads as missing.
        accountId = await findUsableAccountId(actor, input.accountId, tx);
        if (!accountId) errors.accountId = ["Choose an account from the list."];
      }
      if (input.closeDate < today) errors.closeDate = ["A new deal's close date cannot be in the past."];
      if (input.nextStepDate && input.nextStepDate < today) errors.nextStepDate = ["The next-step date cannot be in the past."];
      if (input.nextStepDate && !input.nextStep) errors.nextStep = ["Say what the next step is."];
      if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);
      return writeConversion(
        tx,
        actor,
        input.leadId,
        input.expectedVersion,
        {
          dealName: input.dealName,
          amountMinor: input.amount,
          closeDate: input.closeDate,
          stageId: input.stageId,
          accountId,
          newAccountName: accountId ? null : (input.newAccountName ?? null),
          qualified: input.qualified ?? false,
          nextStep: input.nextStep ?? null,
          nextStepDate: input.nextStepDate ?? null,
        },
        new Date(),
      );
    },
  },
  () => {
    revalidatePath("/leads");
    revalidatePath("/deals");
  },
);
