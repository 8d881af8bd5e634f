'use server';
// Deactivates or reactivates a user. Nothing is deleted: their deals and history stay; their sessions end at once
// (and stay ended after a reactivation: they sign in again).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { END_SESSIONS } from "@/lib/auth/revoke";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError } from "@/lib/errors";

export const setUserActive = defineAction(
  {
    name: "admin.set-user-active",
    roles: ["ADMIN"],
    schema: z.strictObject({ userId: z.string().min(1).max(64), active: z.enum(["true", "false"]).transform((v) => v === "true") }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      if (input.userId === actor.id && !input.active) throw new AppError("INVALID", "You cannot deactivate yourself.");
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, active: true } });
      if (!user) throw new AppError("NOT_FOUND", "User was not found.");
      if (user.active !== input.active) {
        await tx.user.update({ where: { id: user.id }, data: { active: input.active, ...END_SESSIONS } });
        await audit({ action: input.active ? "user.reactivated" : "user.deactivated", actorId: actor.id, targetType: "User", targetId: user.id }, tx);
      }
      return { id: user.id, active: input.active };
    },
  },
  () => revalidatePath("/admin/users"),
);
