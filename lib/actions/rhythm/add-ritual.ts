'use server';
// Adds a ritual to a manager's weekly rhythm for one of their teams, on a weekday.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { canEditRhythm, RITUAL_VOCABULARY, RITUALS, WEEKDAYS } from "@/lib/domain/rhythm";
import { AppError, invalid } from "@/lib/errors";

export const addRitual = defineAction(
  {
    name: "rhythm.add-ritual",
    roles: ["MANAGER", "ADMIN"],
    object: {
      key: "teamId",
      label: "Team",
      load: async (id, db) => {
        const team = await db.team.findFirst({ where: { id, archivedAt: null }, select: { id: true, managers: { where: { manager: { active: true } }, select: { userId: true } } } });
        return team && { id: team.id, managerIds: team.managers.map((m) => m.userId) };
      },
      can: (actor, team) => actor.role === "ADMIN" || (actor.role === "MANAGER" && actor.managedTeamIds.includes(team.id)),
    },
    schema: z.strictObject({
      managerId: z.string().min(1).max(64),
      teamId: z.string().min(1).max(64),
      ritual: z.enum(RITUALS, { message: "Pick a ritual." }),
      weekday: z.coerce.number({ message: "Pick a day." }).int("Pick a day.").min(1, "Pick a day.").max(7, "Pick a day."),
    }),
    handler: async ({ actor, input, object: team, tx }) => {
      // A manager plans only their own rhythm; an administrator anyone's, for a team that person leads.
      if (!canEditRhythm(actor, input) || !team.managerIds.includes(input.managerId)) {
        await audit({ action: "authz.denied", actorId: actor.id, targetType: "Team", targetId: team.id, details: { action: "rhythm.add-ritual", reason: "object", managerId: input.managerId } });
        throw new AppError("NOT_FOUND", "Team was not found.");
      }
      const existing = await tx.rhythmRitual.findUnique({ where: { managerId_teamId_ritual: { managerId: input.managerId, teamId: team.id, ritual: input.ritual } }, select: { weekday: true } });
      if (existing) throw invalid("ritual", `${RITUAL_VOCABULARY[input.ritual].label} is already on ${WEEKDAYS[existing.weekday - 1]}: move it instead.`);
      const ritual = await tx.rhythmRitual.create({ data: { managerId: input.managerId, teamId: team.id, ritual: input.ritual, weekday: input.weekday }, select: { id: true } });
      await audit({ action: "rhythm.ritual_added", actorId: actor.id, targetType: "RhythmRitual", targetId: ritual.id, details: { managerId: input.managerId, teamId: team.id, ritual: input.ritual, weekday: input.weekday } }, tx);
      return { id: ritual.id };
    },
  },
  () => {
    revalidatePath("/rhythm");
    revalidatePath("/home");
  },
);
