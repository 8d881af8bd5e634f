"use server";
// Marks an action item done, cancelled or open again: its owner, or a manager of the inspection's team.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManageTeam, type Actor } from "@/lib/auth/permissions";
import { idField } from "@/lib/data/deals-schema";
import type { prisma } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit";

const schema = z.strictObject({
  actionItemId: idField("action item"),
  status: z.enum(["OPEN", "DONE", "CANCELLED"], { error: "Choose open, done or cancelled." }),
});

interface ItemObject {
  id: string;
  ownerId: string;
  teamId: string | null;
}

async function loadItem(id: string, db: typeof prisma): Promise<ItemObject | null> {
  const item = await db.actionItem.findUnique({
    where: { id },
    select: { id: true, ownerId: true, owner: { select: { teamId: true } }, inspectionSession: { select: { teamId: true } } },
  });
  return item ? { id: item.id, ownerId: item.ownerId, teamId: item.inspectionSession?.teamId ?? item.owner.teamId } : null;
}

function canUpdate(actor: Actor, item: ItemObject): boolean {
  if (actor.role === "EXECUTIVE") return false;
  return item.ownerId === actor.id || (!!item.teamId && canManageTeam(actor, item.teamId));
}

export const updateActionItem = defineAction(
  {
    name: "inspection.update-action-item",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "actionItemId", label: "Action item", load: loadItem, can: canUpdate },
    handler: async ({ actor, input, tx, object }) => {
      const now = new Date();
      const before = await tx.actionItem.findUnique({ where: { id: input.actionItemId }, select: { status: true, description: true, dealId: true } });
      await tx.actionItem.update({
        where: { id: input.actionItemId },
        data: { status: input.status, completedAt: input.status === "OPEN" ? null : now },
        select: { id: true },
      });
      if (input.status === "DONE" && before?.status !== "DONE") {
        await emitEvent(tx, {
          type: "action_item.done",
          occurredAt: now,
          actorId: actor.id,
          dealId: before?.dealId ?? null,
          teamId: object.teamId,
          subjectUserId: object.ownerId,
          payload: { actionItemId: object.id, description: before?.description ?? "" },
        });
      }
      return { id: input.actionItemId };
    },
  },
  () => revalidatePath("/inspection", "layout"),
);
