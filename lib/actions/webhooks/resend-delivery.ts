"use server";
// "Resend": puts a delivery back at the head of its subscription's queue, due now, with the same webhook-id.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { canManageWebhook, loadDeliveryForAction } from "@/lib/webhooks/permissions";

export const resendDelivery = defineAction(
  {
    name: "webhooks.resend",
    roles: ["MANAGER", "ADMIN"],
    schema: z.strictObject({ deliveryId: z.string().trim().min(1, "Choose a delivery.").max(64, "Unknown delivery.") }),
    object: { key: "deliveryId", label: "Delivery", load: loadDeliveryForAction, can: canManageWebhook },
    handler: async ({ actor, input, tx }) => {
      const now = new Date();
      // A new 24-hour retry window starts now.
      await tx.webhookDelivery.update({ where: { id: input.deliveryId }, data: { status: "PENDING", nextAttemptAt: now, retryFrom: null, leaseUntil: null } });
      await audit({ action: "webhook.resent", actorId: actor.id, targetType: "WebhookDelivery", targetId: input.deliveryId }, tx);
      return { id: input.deliveryId };
    },
  },
  () => revalidatePath("/settings/webhooks", "layout"),
);
