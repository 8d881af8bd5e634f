"use server";
// Edits the words of a review (the constraint identified, notes). The snapshot stays frozen.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { editableReview } from "@/lib/data/quarterly-reviews";

const schema = z.strictObject({
  reviewId: z.string().min(1).max(64),
  constraintText: z.string().trim().max(2000, "Keep the constraint under 2,000 characters.").optional().default(""),
  notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters.").optional().default(""),
});

export const updateReview = defineAction(
  {
    name: "quarterly.review.update",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema,
    object: editableReview,
    handler: async ({ input, object, tx }) => {
      await tx.quarterlyReview.update({
        where: { id: object.id },
        data: { constraintText: input.constraintText || null, notes: input.notes || null },
      });
      return { id: object.id };
    },
  },
  (data) => revalidatePath(`/quarterly/reviews/${data.id}`),
);
