'use server';
// Moves a ritual of a manager's weekly rhythm to another weekday.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { ritualObject } from "@/lib/actions/rhythm/ritual-object";
import { audit } from "@/lib/audit";
import { WEEKDAYS } from "@/lib/domain/rhythm";
import { AppError } from "@/lib/errors";

const weekday = (message: string) => z.coerce.number({ message }).int(message).min(1, message).max(7, message);

export const moveRitual = defineAction(
  {
    name: "rhythm.move-ritual",
    roles: ["MANAGER", "ADMIN"],
    object: ritualObject,
    schema: z.strictObject({
      ritualId: z.string().min(1).max(64),
      /** The day the form showed: a ritual moved meanwhile by someone else is not moved again blindly. */
      fromWeekday: weekday("The day it was on is missing."),
      weekday: weekday("Pick a day."),
    }),
    handler: async ({ actor, input, object, tx }) => {
      const moved = await tx.rhythmRitual.updateMany({ where: { id: object.id, managerId: object.managerId, weekday: input.fromWeekday }, data: { weekday: input.weekday } });
      if (moved.count === 0) throw new AppError("CONFLICT", "This ritual was changed meanwhile: reload to see where it is now.");
      if (input.weekday !== input.fromWeekday) {
        await audit({ action: "rhythm.ritual_moved", actorId: actor.id, targetType: "RhythmRitual", targetId: object.id, details: { managerId: object.managerId, teamId: object.teamId, ritual: object.ritual, from: input.fromWeekday, to: input.weekday } }, tx);
      }
      return { id: object.id, weekday: WEEKDAYS[input.weekday - 1] };
    },
  },
  () => {
    revalidatePath("/rhythm");
    revalidatePath("/home");
  },
);
