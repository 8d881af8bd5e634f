"use server";
// Creates a deal owned by the caller, with its creation history; a new account can be named on the way.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { findUsableAccountId } from "@/lib/data/deals";
import { MAX_NAME, newDealFields, requiredText } from "@/lib/data/deals-schema";
import { toDbDate } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { emitDealEvents } from "@/lib/data/deals-write";

const schema = z.strictObject({
  name: requiredText("deal name", MAX_NAME),
  ...newDealFields,
});

export const createDeal = defineAction(
  {
    name: "deals.create",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    idempotent: true,
    handler: async ({ actor, input, tx }) => {
      const org = await loadOrganisation(tx);
      const today = todayIn(org);
      const errors: Record<string, string[]> = {};
      const stage = await tx.pipelineStage.findUnique({ where: { id: input.stageId }, select: { id: true } });
      if (!stage) errors.stageId = ["Choose one of the pipeline's stages."];
      let accountId: string | null = null;
      if (input.accountId) {
        // Scoped like the account picker: an account the actor may not use reads as one that does not exist.
        accountId = await findUsableAccountId(actor, input.accountId, tx);
        if (!accountId) errors.accountId = ["Choose an account from the list."];
      }
      if (input.closeDate < today) errors.closeDate = ["A new deal's close date cannot be in the past."];
      if (input.nextStepDate && input.nextStepDate < today) errors.nextStepDate = ["The next-step date cannot be in the past."];
      if (input.nextStepDate && !input.nextStep) errors.nextStep = ["Say what the next step is."];
      if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);
      if (!accountId && input.newAccountName) {
        accountId = (await tx.account.create({ data: { name: input.newAccountName, ownerId: actor.id }, select: { id: true } })).id;
      }
      const now = new Date();
      const deal = await tx.deal.create({
        data: {
          name: input.name,
          ownerId: actor.id,
          stageId: input.stageId,
          accountId,
          amountMinor: input.amount,
          closeDate: toDbDate(input.closeDate),
          qualified: input.qualified ?? false,
          nextStep: input.nextStep ?? null,
          nextStepDate: input.nextStepDate ? toDbDate(input.nextStepDate) : null,
          createdAt: now,
          lastMovedAt: now,
          lastTouchedAt: now,
        },
        select: { id: true },
      });
      const row = (field: string, newValue: string | null) => ({ dealId: deal.id, actorId: actor.id, at: now, field, oldValue: null, newValue, source: "USER" as const });
      await tx.dealChange.createMany({
        data: [
          row("created", null),
          row("stageId", input.stageId),
          row("amountMinor", input.amount.toString()),
          row("closeDate", input.closeDate),
          ...(input.nextStep ? [row("nextStep", input.nextStep)] : []),
          ...(input.nextStepDate ? [row("nextStepDate", input.nextStepDate)] : []),
        ],
      });
      await emitDealEvents(tx, deal.id, ["deal.created"], actor.id, now);
      return { id: deal.id };
    },
  },
  (data) => {
    revalidatePath("/deals");
    redirect(`/deals/${data.id}`);
  },
);
