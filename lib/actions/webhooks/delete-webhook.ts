"use server";
// Removes a webhook subscription and its delivery log; nothing more is sent to it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { idField } from "@/lib/data/deals-schema";
import { canManageWebhook, loadSubscriptionForAction } from "@/lib/webhooks/permissions";

export const deleteWebhook = defineAction(
  {
    name: "webhooks.delete",
    roles: ["MANAGER", "ADMIN"],
    schema: z.strictObject({ subscriptionId: idField("webhook") }),
    object: { key: "subscriptionId", label: "Webhook", load: loadSubscriptionForAction, can: canManageWebhook },
    handler: async ({ actor, input, tx }) => {
      await tx.webhookSubscription.delete({ where: { id: input.subscriptionId } });
      await audit({ action: "webhook.deleted", actorId: actor.id, targetType: "WebhookSubscription", targetId: input.subscriptionId }, tx);
      return { id: input.subscriptionId };
    },
  },
  () => revalidatePath("/settings/webhooks"),
);
