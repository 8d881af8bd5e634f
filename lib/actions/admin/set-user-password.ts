'use server';
// Sets a user's password (typed, or generated and shown once): how an imported user, who arrives without one, or a
// user who forgot theirs gets signed in. Audited; the password itself is never stored or logged, only its hash.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { END_SESSIONS } from "@/lib/auth/revoke";
import { assertAdministrator, generatePassword, typedOrGeneratedPassword } from "@/lib/data/admin";
import { AppError } from "@/lib/errors";

export const setUserPassword = defineAction(
  {
    name: "admin.set-user-password",
    roles: ["ADMIN"],
    schema: z.strictObject({
      userId: z.string().min(1).max(64),
      password: typedOrGeneratedPassword,
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
      if (!user) throw new AppError("NOT_FOUND", "User was not found.");
      const generated = input.password ? null : generatePassword();
      // The old password's sessions end with it (the admin's own too, when they set their own).
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.password ?? generated!), ...END_SESSIONS } });
      await audit({ action: "user.password_set", actorId: actor.id, targetType: "User", targetId: user.id, details: { generated: generated !== null } }, tx);
      return { id: user.id, email: user.email, generatedPassword: generated };
    },
  },
  () => revalidatePath("/admin/users"),
);
