'use server';
// Creates a user with a role, a team and an initial password (typed, or generated and shown once).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { assertAdministrator, generatePassword, typedOrGeneratedPassword } from "@/lib/data/admin";
import { invalid } from "@/lib/errors";
import { atMost } from "@/lib/domain/text-limits";

export const createUser = defineAction(
  {
    name: "admin.create-user",
    roles: ["ADMIN"],
    schema: z.strictObject({
      name: z.string().trim().min(1, "Give the user a name.").max(120, atMost("name", 120)),
      email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200, atMost("email address", 200)),
      role: z.enum(["REP", "MANAGER", "EXECUTIVE", "ADMIN"], { message: "Choose a role." }),
      teamId: z.string().max(64).optional().transform((v) => v || null),
      password: typedOrGeneratedPassword,
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw invalid("email", "A user with this email already exists.");
      }
      if (input.teamId && !(await tx.team.findFirst({ where: { id: input.teamId, archivedAt: null }, select: { id: true } }))) {
        throw invalid("teamId", "Choose an active team.");
      }
      const generated = input.password ? null : generatePassword();
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, role: input.role, teamId: input.teamId, passwordHash: await hashPassword(input.password ?? generated!) },
        select: { id: true, email: true },
      });
      await audit({ action: "user.created", actorId: actor.id, targetType: "User", targetId: user.id, details: { email: user.email, role: input.role, teamId: input.teamId } }, tx);
      return { id: user.id, email: user.email, generatedPassword: generated };
    },
  },
  () => revalidatePath("/admin/users"),
);
