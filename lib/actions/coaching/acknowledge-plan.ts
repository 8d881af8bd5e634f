"use server";
// The rep acknowledges their 30-day development plan.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadPlanForAction } from "@/lib/data/coaching";

export const acknowledgePlan = defineAction(
  {
    name: "coaching.acknowledge-plan",
    roles: ["REP"],
    schema: z.strictObject({ planId: z.string().min(1).max(64) }),
    object: { key: "planId", label: "Plan", load: loadPlanForAction, can: (actor, plan) => plan.repId === actor.id },
    handler: async ({ actor, input, tx }) => {
      await tx.developmentPlan.updateMany({ where: { id: input.planId, repId: actor.id, acknowledgedAt: null }, data: { acknowledgedAt: new Date() } });
      return { id: input.planId };
    },
  },
  () => revalidatePath("/coaching"),
);
