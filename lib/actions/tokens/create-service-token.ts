"use server";
// Admins create a service token acting as a chosen role over the organisation or one team; its text is shown once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { createServiceToken as createToken } from "@/lib/api/tokens";
import { accessField, expiryDate, expiryField, tokenNameField } from "@/lib/api/token-schema";
import { invalid } from "@/lib/errors";

export const createServiceToken = defineAction(
  {
    name: "tokens.create-service",
    roles: ["ADMIN"],
    schema: z.strictObject({
      name: tokenNameField,
      // Organisation-wide as an executive (read-mostly) or an administrator; one team as its manager.
      role: z.enum(["EXECUTIVE", "ADMIN", "MANAGER"], { error: "Choose the role the token acts as." }),
      teamId: z.string().trim().max(64).optional().default(""),
      expiresIn: expiryField,
      access: accessField,
    }),
    handler: async ({ actor, input, tx }) => {
      let teamId: string | null = null;
      if (input.role === "MANAGER") {
        const team = input.teamId ? await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, archivedAt: true } }) : null;
        if (!team || team.archivedAt) throw invalid("teamId", "Choose the team a manager token acts for.");
        teamId = team.id;
      } else if (input.teamId) throw invalid("teamId", "Only a manager token acts for one team; leave the team empty.");
      const token = await createToken(tx, actor, { name: input.name, role: input.role, teamId, expiresAt: expiryDate(input.expiresIn, new Date()), readOnly: input.access === "read" });
      await audit({ action: "api.token.created", actorId: actor.id, targetType: "ApiToken", targetId: token.id, details: { kind: "SERVICE", name: input.name, role: input.role, teamId, access: input.access } }, tx);
      return { id: token.id, text: token.text };
    },
  },
  () => revalidatePath("/admin/tokens"),
);
