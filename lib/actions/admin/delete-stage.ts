'use server';
// Deletes a stage. A stage that holds deals is deleted only with a target stage: its deals move there in the same transaction.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError, invalid } from "@/lib/errors";

export const deleteStage = defineAction(
  {
    name: "admin.delete-stage",
    roles: ["ADMIN"],
    schema: z.strictObject({ stageId: z.string().min(1).max(64), moveToStageId: z.string().max(64).optional().transform((v) => v || null) }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const stage = await tx.pipelineStage.findUnique({ where: { id: input.stageId }, select: { id: true, name: true, _count: { select: { deals: true } } } });
      if (!stage) throw new AppError("NOT_FOUND", "Stage was not found.");
      const held = stage._count.deals;
      if (held > 0) {
        if (!input.moveToStageId) throw invalid("moveToStageId", `This stage holds ${held} deal${held === 1 ? "" : "s"}: choose where to move them first.`);
        if (input.moveToStageId === stage.id) throw invalid("moveToStageId", "Choose another stage.");
        const target = await tx.pipelineStage.findUnique({ where: { id: input.moveToStageId }, select: { id: true } });
        if (!target) throw invalid("moveToStageId", "Choose an existing stage.");
        // A stage change made by an admin is movement like any other: history rows and the stale clock follow.
        const moved = await tx.deal.findMany({ where: { stageId: stage.id }, select: { id: true, status: true } });
        await tx.dealChange.createMany({
          data: moved.map((d) => ({ dealId: d.id, actorId: actor.id, field: "stageId", oldValue: stage.id, newValue: target.id, reason: `Stage "${stage.name}" deleted`, source: "USER" as const })),
        });
        const now = new Date();
        await tx.deal.updateMany({ where: { stageId: stage.id, status: "OPEN" }, data: { stageId: target.id, lastMovedAt: now, lastTouchedAt: now, version: { increment: 1 } } });
        await tx.deal.updateMany({ where: { stageId: stage.id }, data: { stageId: target.id, version: { increment: 1 } } });
      }
      await tx.pipelineStage.delete({ where: { id: stage.id } });
      await audit({ action: "stage.deleted", actorId: actor.id, targetType: "PipelineStage", targetId: stage.id, details: { name: stage.name, movedDeals: held, movedTo: input.moveToStageId } }, tx);
      return { id: stage.id, movedDeals: held };
    },
  },
  () => revalidatePath("/admin/stages"),
);
