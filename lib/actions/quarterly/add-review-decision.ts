"use server";
// Adds a decision (what, who owns it, by when) to a quarterly review.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { editableReview } from "@/lib/data/quarterly-reviews";
import { toDbDate } from "@/lib/domain/calendar";
import { optionalDateField } from "@/lib/data/deals-schema";
import { invalid } from "@/lib/errors";

const schema = z.strictObject({
  reviewId: z.string().min(1).max(64),
  description: z.string().trim().min(1, "Say what was decided.").max(2000, "Keep the decision under 2,000 characters."),
  ownerId: z.string().trim().max(64).optional().default(""),
  dueDate: optionalDateField("due date").optional().transform((v) => v ?? null),
});

export const addReviewDecision = defineAction(
  {
    name: "quarterly.review.add-decision",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema,
    object: editableReview,
    handler: async ({ input, object, tx }) => {
      let ownerId: string | null = null;
      if (input.ownerId) {
        const owner = await tx.user.findFirst({ where: { id: input.ownerId, active: true }, select: { id: true } });
        if (!owner) throw invalid("ownerId", "Choose an active person as the owner.");
        ownerId = owner.id;
      }
      const decision = await tx.reviewDecision.create({
        data: { reviewId: object.id, description: input.description, ownerId, dueDate: input.dueDate ? toDbDate(input.dueDate) : null },
        select: { id: true },
      });
      return { id: decision.id, reviewId: object.id };
    },
  },
  (data) => revalidatePath(`/quarterly/reviews/${data.reviewId}`),
);
