"use server";
// Updates the status of a plan action: its owner, or a manager of the rep (admins too). Nobody else.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManage } from "@/lib/auth/permissions";
import { loadPlanActionForAction } from "@/lib/data/coaching";
import { ACTION_STATUSES } from "@/lib/domain/coaching";

export const updatePlanAction = defineAction(
  {
    name: "coaching.update-plan-action",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema: z.strictObject({ actionId: z.string().min(1).max(64), status: z.enum(ACTION_STATUSES, { message: "Choose to do, in progress or done." }) }),
    object: {
      key: "actionId",
      label: "Action",
      load: loadPlanActionForAction,
      can: (actor, action) => action.ownerId === actor.id || (actor.role !== "REP" && canManage(actor, { id: action.repId, teamId: action.repTeamId })),
    },
    handler: async ({ input, tx }) => {
      await tx.planAction.update({
        where: { id: input.actionId },
        data: { status: input.status, completedAt: input.status === "DONE" ? new Date() : null },
      });
      return { id: input.actionId, status: input.status };
    },
  },
  () => revalidatePath("/coaching", "layout"),
);
