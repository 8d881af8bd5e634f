'use server';
// Renames a team, archives or restores it, and sets its managers (a manager may lead several teams).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError, invalid } from "@/lib/errors";
import { atMost } from "@/lib/domain/text-limits";

const ids = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));

export const updateTeam = defineAction(
  {
    name: "admin.update-team",
    roles: ["ADMIN"],
    schema: z.strictObject({
      teamId: z.string().min(1).max(64),
      name: z.string().trim().min(1, "Give the team a name.").max(80, atMost("team name", 80)),
      archived: z.literal("on").optional().transform(Boolean),
      managerIds: ids,
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true, archivedAt: true, managers: { select: { userId: true } } } });
      if (!team) throw new AppError("NOT_FOUND", "Team was not found.");
      if (input.name !== team.name && (await tx.team.findUnique({ where: { name: input.name }, select: { id: true } }))) {
        throw invalid("name", "A team with this name already exists.");
      }
      const managers = await tx.user.findMany({ where: { id: { in: input.managerIds }, role: { in: ["MANAGER", "ADMIN"] }, active: true }, select: { id: true } });
      if (managers.length !== new Set(input.managerIds).size) throw invalid("managerIds", "Managers must be active users with the manager role.");
      await tx.team.update({ where: { id: team.id }, data: { name: input.name, archivedAt: input.archived ? (team.archivedAt ?? new Date()) : null } });
      if (input.name !== team.name) await audit({ action: "team.renamed", actorId: actor.id, targetType: "Team", targetId: team.id, details: { from: team.name, to: input.name } }, tx);
      if (input.archived !== !!team.archivedAt) await audit({ action: input.archived ? "team.archived" : "team.restored", actorId: actor.id, targetType: "Team", targetId: team.id }, tx);
      const before = team.managers.map((m) => m.userId).sort();
      const after = [...new Set(input.managerIds)].sort();
      if (before.join() !== after.join()) {
        await tx.teamManager.deleteMany({ where: { teamId: team.id, userId: { notIn: after } } });
        await tx.teamManager.createMany({ data: after.map((userId) => ({ teamId: team.id, userId })), skipDuplicates: true });
        await audit({ action: "team.managers_changed", actorId: actor.id, targetType: "Team", targetId: team.id, details: { from: before, to: after } }, tx);
      }
      return { id: team.id };
    },
  },
  () => revalidatePath("/admin/teams"),
);
