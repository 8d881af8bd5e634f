"use server";
// The hosts a webhook may reach over plain http or at a private, loopback or link-local address (the SSRF allow-list).
// Strictly one exact host name or IP address per entry; every change is audited with what was added and removed.
// Delivery re-reads the list each time, so removing a host stops deliveries to it at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError, invalid } from "@/lib/errors";
import { parseAllowedHost } from "@/lib/webhooks/ssrf";

const MAX_ALLOWED_HOSTS = 20;

export const updateWebhookHosts = defineAction(
  {
    name: "admin.update-webhook-hosts",
    roles: ["ADMIN"],
    schema: z.strictObject({
      hosts: z.string({ error: "List the hosts, or leave the field empty." }).max(2000, "Keep the list to 2,000 characters."),
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const entries = input.hosts.split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
      const hosts: string[] = [];
      for (const entry of entries) {
        const parsed = parseAllowedHost(entry);
        if (!parsed.ok) throw invalid("hosts", parsed.message);
        if (!hosts.includes(parsed.host)) hosts.push(parsed.host);
      }
      if (hosts.length > MAX_ALLOWED_HOSTS) throw invalid("hosts", `Allow at most ${MAX_ALLOWED_HOSTS} hosts.`);
      const org = await tx.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, webhookAllowedHosts: true } });
      if (!org) throw new AppError("NOT_FOUND", "The organisation was not found.");
      const added = hosts.filter((h) => !org.webhookAllowedHosts.includes(h));
      const removed = org.webhookAllowedHosts.filter((h) => !hosts.includes(h));
      if (added.length || removed.length) {
        await tx.organisation.update({ where: { id: org.id }, data: { webhookAllowedHosts: hosts } });
        await audit({ action: "settings.webhook-hosts", actorId: actor.id, targetType: "Organisation", targetId: org.id, details: { added, removed, hosts } }, tx);
      }
      return { id: org.id, hosts };
    },
  },
  () => revalidatePath("/admin/settings"),
);
