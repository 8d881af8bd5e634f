"use server";
// Revokes an API token at once: the next request with it is refused. Its user revokes a personal token; admins any.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { idField } from "@/lib/data/deals-schema";
import { canRevokeToken, loadTokenForAction } from "@/lib/api/token-schema";

export const revokeToken = defineAction(
  {
    name: "tokens.revoke",
    roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({ tokenId: idField("token") }),
    object: { key: "tokenId", label: "Token", load: loadTokenForAction, can: canRevokeToken },
    handler: async ({ actor, input, tx, object }) => {
      if (!object.revokedAt) {
        await tx.apiToken.update({ where: { id: input.tokenId }, data: { revokedAt: new Date() } });
        await audit({ action: "api.token.revoked", actorId: actor.id, targetType: "ApiToken", targetId: input.tokenId, details: { kind: object.kind } }, tx);
      }
      return { id: input.tokenId };
    },
  },
  () => {
    revalidatePath("/settings/tokens");
    revalidatePath("/admin/tokens");
  },
);
