"use server";
// Completes an inspection with optional notes; it becomes the baseline for "what changed" next time. Flagged deals
// still undecided are refused with their count unless the manager records them as not discussed (the next
// inspection opens with them) or skipped.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { MAX_NOTES, idField, optionalText } from "@/lib/data/deals-schema";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { canRunSession, loadInspectionSession, requireOpenSession } from "@/lib/data/inspection-write";
import { loadInspection } from "@/lib/data/inspection";
import { completeSession } from "@/lib/data/inspection-decisions";
import { UNDECIDED_OUTCOMES } from "@/lib/domain/inspection-decisions";
import type { prisma } from "@/lib/db";

const schema = z.strictObject({
  sessionId: idField("inspection"),
  notes: optionalText("notes", MAX_NOTES).optional(),
  rest: z.union([z.literal(""), z.enum(UNDECIDED_OUTCOMES, { error: "Choose not discussed or skipped." })]).optional(),
});

export const completeInspection = defineAction(
  {
    name: "inspection.complete",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "sessionId", label: "Inspection", load: loadInspectionSession, can: canRunSession },
    handler: async ({ actor, input, tx, object }) => {
      requireOpenSession(object);
      const org = await loadOrganisation(tx);
      const now = new Date();
      // The flagged deals as of now, read in this transaction (the inspection loader takes any query client).
      const data = await loadInspection(actor, { teamId: object.teamId, repId: object.repId }, todayIn(org, now), org, tx as unknown as typeof prisma);
      const decided = new Set((await tx.inspectionDisposition.findMany({ where: { sessionId: object.id }, select: { dealId: true } })).map((d) => d.dealId));
      const undecided = (data?.triage ?? []).filter((d) => !decided.has(d.id));
      return completeSession(tx, actor, object, {
        notes: input.notes ?? null,
        rest: input.rest || null,
        undecidedIds: undecided.map((d) => d.id),
        flagsById: new Map(undecided.map((d) => [d.id, d.flags])),
        now,
      });
    },
  },
  (data) => revalidatePath(`/inspection/${data.id}`),
);
