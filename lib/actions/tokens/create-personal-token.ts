"use server";
// Creates a personal API token for the signed-in user; its text is returned once and only its hash is kept.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { createPersonalToken as createToken } from "@/lib/api/tokens";
import { accessField, expiryDate, expiryField, tokenNameField } from "@/lib/api/token-schema";

export const createPersonalToken = defineAction(
  {
    name: "tokens.create-personal",
    roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({ name: tokenNameField, expiresIn: expiryField, access: accessField }),
    handler: async ({ actor, input, tx }) => {
      const now = new Date();
      const token = await createToken(tx, actor, { name: input.name, expiresAt: expiryDate(input.expiresIn, now), readOnly: input.access === "read" });
      await audit({ action: "api.token.created", actorId: actor.id, targetType: "ApiToken", targetId: token.id, details: { kind: "PERSONAL", name: input.name, access: input.access, expiresIn: input.expiresIn } }, tx);
      return token;
    },
  },
  () => revalidatePath("/settings/tokens"),
);
