"use server";
// Removes a KPI target; the next less specific target (or "no target") applies again.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadTargetForAction } from "@/lib/data/targets";
import { canSetTarget } from "@/lib/domain/targets";

export const deleteKpiTarget = defineAction(
  {
    name: "targets.delete-kpi-target",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({ targetId: z.string().min(1).max(64) }),
    object: { key: "targetId", label: "Target", load: loadTargetForAction, can: (actor, target) => canSetTarget(actor, target) },
    handler: async ({ input, tx }) => {
      await tx.kpiTarget.delete({ where: { id: input.targetId } });
      return { id: input.targetId };
    },
  },
  () => revalidatePath("/targets"),
);
