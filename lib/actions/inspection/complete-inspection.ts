"use server";
// Completes an inspection with optional notes; it becomes the baseline for "what changed" next time.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { MAX_NOTES, idField, optionalText } from "@/lib/data/deals-schema";
import { canRunSession, loadInspectionSession, requireOpenSession } from "@/lib/data/inspection-write";

const schema = z.strictObject({
  sessionId: idField("inspection"),
  notes: optionalText("notes", MAX_NOTES).optional(),
});

export const completeInspection = defineAction(
  {
    name: "inspection.complete",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "sessionId", label: "Inspection", load: loadInspectionSession, can: canRunSession },
    handler: async ({ input, tx, object }) => {
      requireOpenSession(object);
      await tx.inspectionSession.update({
        where: { id: object.id },
        data: { completedAt: new Date(), notes: input.notes ?? null },
        select: { id: true },
      });
      return { id: object.id };
    },
  },
  (data) => revalidatePath(`/inspection/${data.id}`),
);
