"use server";
// The rep acknowledges their 30-day development plan.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadPlanForAction } from "@/lib/data/coaching";
import { emitEvent } from "@/lib/events/emit";

export const acknowledgePlan = defineAction(
  {
    name: "coaching.acknowledge-plan",
    roles: ["REP"],
    schema: z.strictObject({ planId: z.string().min(1).max(64) }),
    object: { key: "planId", label: "Plan", load: loadPlanForAction, can: (actor, plan) => plan.repId === actor.id },
    handler: async ({ actor, input, tx }) => {
      const now = new Date();
      const acknowledged = await tx.developmentPlan.updateMany({ where: { id: input.planId, repId: actor.id, acknowledgedAt: null }, data: { acknowledgedAt: now } });
      // Only the first acknowledgement is news: the manager who wrote the plan is told (lib/mail/notifications.ts).
      if (acknowledged.count === 1) {
        const plan = await tx.developmentPlan.findUniqueOrThrow({ where: { id: input.planId }, select: { sessionId: true, session: { select: { managerId: true } } } });
        await emitEvent(tx, {
          type: "coaching.plan_acknowledged",
          occurredAt: now,
          actorId: actor.id,
          teamId: actor.teamId,
          subjectUserId: actor.id,
          payload: { planId: input.planId, sessionId: plan.sessionId, managerId: plan.session.managerId, repId: actor.id },
        });
      }
      return { id: input.planId };
    },
  },
  () => revalidatePath("/coaching"),
);
