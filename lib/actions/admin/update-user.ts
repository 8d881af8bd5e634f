'use server';
// Changes a user's role and team; a role change is audited with the old and new role.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { END_SESSIONS } from "@/lib/auth/revoke";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError, invalid } from "@/lib/errors";

export const updateUser = defineAction(
  {
    name: "admin.update-user",
    roles: ["ADMIN"],
    schema: z.strictObject({
      userId: z.string().min(1).max(64),
      role: z.enum(["REP", "MANAGER", "EXECUTIVE", "ADMIN"], { message: "Choose a role." }),
      teamId: z.string().max(64).optional().transform((v) => v || null),
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, teamId: true } });
      if (!user) throw new AppError("NOT_FOUND", "User was not found.");
      if (user.id === actor.id && input.role !== "ADMIN") throw invalid("role", "You cannot remove your own administrator role.");
      if (input.teamId && input.teamId !== user.teamId && !(await tx.team.findFirst({ where: { id: input.teamId, archivedAt: null }, select: { id: true } }))) {
        throw invalid("teamId", "Choose an active team.");
      }
      // A new role ends the sessions opened under the old one.
      await tx.user.update({ where: { id: user.id }, data: { role: input.role, teamId: input.teamId, ...(user.role !== input.role ? END_SESSIONS : {}) } });
      if (user.role !== input.role) {
        await audit({ action: "user.role_changed", actorId: actor.id, targetType: "User", targetId: user.id, details: { from: user.role, to: input.role } }, tx);
      }
      if (user.teamId !== input.teamId) {
        await audit({ action: "user.team_changed", actorId: actor.id, targetType: "User", targetId: user.id, details: { from: user.teamId, to: input.teamId } }, tx);
      }
      return { id: user.id };
    },
  },
  () => revalidatePath("/admin/users"),
);
