"use server";
// Subscribes a URL to events: admins for the organisation or a team, managers for a team they manage. The URL is
// checked against SSRF rules now (and again at every delivery); the signing secret is returned once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { optionalText } from "@/lib/data/deals-schema";
import { invalid } from "@/lib/errors";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { generateSecret } from "@/lib/webhooks/signature";
import { checkUrlForm, loadAllowedHosts, resolveTarget } from "@/lib/webhooks/ssrf";

const eventsField = z
  .union([z.string(), z.array(z.string())], { error: "Choose at least one event." })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event." })).min(1, "Choose at least one event.").max(WEBHOOK_EVENTS.length));

export const createWebhook = defineAction(
  {
    name: "webhooks.create",
    roles: ["MANAGER", "ADMIN"],
    schema: z.strictObject({
      url: z.string({ error: "Enter the URL." }).trim().min(1, "Enter the URL.").max(2000, "Keep the URL to 2,000 characters."),
      events: eventsField,
      teamId: z.string().trim().max(64).optional().default(""),
      description: optionalText("description", 200).optional(),
    }),
    handler: async ({ actor, input, tx }) => {
      let teamId: string | null = input.teamId || null;
      if (actor.role === "MANAGER" && (!teamId || !actor.managedTeamIds.includes(teamId))) throw invalid("teamId", "Choose one of your teams.");
      if (teamId) {
        const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
        if (!team) throw invalid("teamId", "Choose one of your teams.");
        teamId = team.id;
      }
      const allow = await loadAllowedHosts(tx);
      const form = checkUrlForm(input.url, allow);
      if (!form.ok) throw invalid("url", form.message);
      const target = await resolveTarget(form.url, allow);
      if (!target.ok) throw invalid("url", target.message);
      const secret = generateSecret();
      const sub = await tx.webhookSubscription.create({
        data: { ownerId: actor.id, teamId, url: form.url.toString(), events: [...new Set(input.events)], secret, description: input.description ?? null },
        select: { id: true },
      });
      await audit({ action: "webhook.created", actorId: actor.id, targetType: "WebhookSubscription", targetId: sub.id, details: { url: form.url.origin, events: input.events, teamId } }, tx);
      return { id: sub.id, secret };
    },
  },
  () => revalidatePath("/settings/webhooks"),
);
