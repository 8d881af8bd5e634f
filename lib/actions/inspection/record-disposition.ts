"use server";
// Records (or changes) the disposition of one flagged deal in an inspection: commit, keep, push or close out.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { MAX_TEXT, idField, optionalText } from "@/lib/data/deals-schema";
import { canRunSession, loadInspectionSession, requireDealInSession, requireOpenSession } from "@/lib/data/inspection-write";

const FLAGS = ["stale", "no_next_step", "overdue", "late_stage", "paused"] as const;

const schema = z.strictObject({
  sessionId: idField("inspection"),
  dealId: idField("deal"),
  disposition: z.enum(["COMMIT", "KEEP", "PUSH", "CLOSE_OUT"], { error: "Choose commit, keep, push or close out." }),
  flags: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ? v.split(",").filter((f): f is (typeof FLAGS)[number] => (FLAGS as readonly string[]).includes(f)) : [])),
  note: optionalText("note", MAX_TEXT).optional(),
});

export const recordDisposition = defineAction(
  {
    name: "inspection.record-disposition",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "sessionId", label: "Inspection", load: loadInspectionSession, can: canRunSession },
    handler: async ({ input, tx, object }) => {
      requireOpenSession(object);
      await requireDealInSession(tx, object, input.dealId);
      const row = await tx.inspectionDisposition.upsert({
        where: { sessionId_dealId: { sessionId: object.id, dealId: input.dealId } },
        create: { sessionId: object.id, dealId: input.dealId, disposition: input.disposition, flags: input.flags, note: input.note ?? null },
        update: { disposition: input.disposition, flags: input.flags, ...(input.note !== undefined ? { note: input.note } : {}) },
        select: { id: true },
      });
      return { id: row.id, sessionId: object.id };
    },
  },
  (data) => revalidatePath(`/inspection/${data.sessionId}`),
);
