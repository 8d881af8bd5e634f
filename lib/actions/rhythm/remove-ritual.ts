'use server';
// Removes a ritual from a manager's weekly rhythm (its reminders stop; adherence no longer counts it).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { ritualObject } from "@/lib/actions/rhythm/ritual-object";
import { audit } from "@/lib/audit";

export const removeRitual = defineAction(
  {
    name: "rhythm.remove-ritual",
    roles: ["MANAGER", "ADMIN"],
    object: ritualObject,
    schema: z.strictObject({ ritualId: z.string().min(1).max(64) }),
    handler: async ({ actor, object, tx }) => {
      await tx.rhythmRitual.deleteMany({ where: { id: object.id, managerId: object.managerId } });
      await audit({ action: "rhythm.ritual_removed", actorId: actor.id, targetType: "RhythmRitual", targetId: object.id, details: { managerId: object.managerId, teamId: object.teamId, ritual: object.ritual, weekday: object.weekday } }, tx);
      return { id: object.id };
    },
  },
  () => {
    revalidatePath("/rhythm");
    revalidatePath("/home");
  },
);
