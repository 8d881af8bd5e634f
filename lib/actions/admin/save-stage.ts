'use server';
// Creates a pipeline stage or changes one: order, probability, optional stale threshold, late-stage and qualified flags.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError, invalid } from "@/lib/errors";
import { atMost } from "@/lib/domain/text-limits";

const int = (label: string, min: number, max: number) =>
  z.coerce.number({ message: `${label} must be a whole number.` }).int(`${label} must be a whole number.`).min(min, `${label} is at least ${min}.`).max(max, `${label} is at most ${max}.`);

export const saveStage = defineAction(
  {
    name: "admin.save-stage",
    roles: ["ADMIN"],
    schema: z.strictObject({
      stageId: z.string().max(64).optional().transform((v) => v || null),
      name: z.string().trim().min(1, "Give the stage a name.").max(60, atMost("stage name", 60)),
      order: int("Order", 1, 1000),
      probability: int("Probability", 0, 100),
      staleThresholdDays: z
        .string()
        .optional()
        .transform((v) => (v && v.trim() ? Number(v) : null))
        .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 365), "Leave empty, or a whole number of days from 1 to 365."),
      isLateStage: z.literal("on").optional().transform(Boolean),
      isQualified: z.literal("on").optional().transform(Boolean),
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const { stageId, ...data } = input;
      const clash = await tx.pipelineStage.findUnique({ where: { name: data.name }, select: { id: true } });
      if (clash && clash.id !== stageId) throw invalid("name", "A stage with this name already exists.");
      if (!stageId) {
        const stage = await tx.pipelineStage.create({ data, select: { id: true } });
        await audit({ action: "stage.created", actorId: actor.id, targetType: "PipelineStage", targetId: stage.id, details: data }, tx);
        return stage;
      }
      const before = await tx.pipelineStage.findUnique({ where: { id: stageId }, select: { name: true, order: true, probability: true, staleThresholdDays: true, isLateStage: true, isQualified: true } });
      if (!before) throw new AppError("NOT_FOUND", "Stage was not found.");
      await tx.pipelineStage.update({ where: { id: stageId }, data });
      await audit({ action: "stage.updated", actorId: actor.id, targetType: "PipelineStage", targetId: stageId, details: { from: before, to: data } }, tx);
      return { id: stageId };
    },
  },
  () => revalidatePath("/admin/stages"),
);
