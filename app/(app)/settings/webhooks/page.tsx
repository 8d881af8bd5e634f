// Webhooks: admins subscribe URLs for the organisation or a team, managers for their teams; failing ones are flagged.
import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { formatInstant } from "@/lib/format";
import { createWebhook } from "@/lib/actions/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/actions/webhooks/delete-webhook";
import { updateWebhookHosts } from "@/lib/actions/admin/update-webhook-hosts";
import { webhookScope } from "@/lib/webhooks/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminForm } from "@/components/admin/admin-form";
import { WebhookCreateForm } from "@/components/api/webhook-create-form";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requireRole("MANAGER", "ADMIN");
  const [org, teams, subs, allowList] = await Promise.all([
    getOrganisation(),
    prisma.team.findMany({ where: { archivedAt: null, ...(actor.role === "ADMIN" ? {} : { id: { in: [...actor.managedTeamIds] } }) }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.webhookSubscription.findMany({
      where: webhookScope(actor),
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, url: true, events: true, teamId: true, description: true, failingSince: true, createdAt: true, _count: { select: { deliveries: { where: { status: "PENDING" } } } } },
    }),
    prisma.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { webhookAllowedHosts: true } }),
  ]);
  const allowedHosts = allowList?.webhookAllowedHosts ?? [];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const failing = subs.filter((s) => s.failingSince);
  return (
    <>
      <PageHeader title="Webhooks" description="Cadence calls your URL when something happens: a deal is created, moves, is won or lost, an inspection is completed… Each call is signed (Standard Webhooks)." />
      {failing.length > 0 && (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {failing.length === 1 ? "A webhook is failing" : `${failing.length} webhooks are failing`}: a delivery could not be made for 24 hours. Check the receiver, then resend from its delivery log.
        </div>
      )}
      <div className="space-y-6">
        <Card
          title="Subscribe a URL"
          description={`https only. Private and local addresses are refused unless an administrator allows the host${allowedHosts.length ? ` (allowed now: ${allowedHosts.join(", ")})` : ""}.`}
        >
          <WebhookCreateForm action={createWebhook} teams={teams.map((t) => ({ value: t.id, label: `Team ${t.name}` }))} organisationOption={actor.role === "ADMIN"} />
        </Card>
        {actor.role === "ADMIN" && (
          <Card
            title="Hosts allowed over http or at private addresses"
            description="Receivers inside your network: these hosts may use plain http and resolve to a private, loopback or link-local address. Every delivery checks the list again, so removing a host stops its deliveries at once."
          >
            <AdminForm
              action={updateWebhookHosts}
              idPrefix="webhook-hosts"
              submitLabel="Save allowed hosts"
              successMessage="Allowed hosts saved."
              fields={[
                {
                  type: "text",
                  name: "hosts",
                  label: "Allowed hosts",
                  defaultValue: allowedHosts.join(", "),
                  placeholder: "hooks.internal, 10.0.0.5",
                  hint: "Exact host names or IP addresses, separated by commas: no scheme, port, path or wildcard. Leave empty to allow none.",
                },
              ]}
            />
          </Card>
        )}
        <Card title="Subscriptions">
          {subs.length === 0 ? (
            <p className="text-sm text-slate-600">No webhooks yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {subs.map((s) => (
                <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="min-w-0 space-y-1 text-sm">
                    <Link href={`/settings/webhooks/${s.id}`} className="break-all font-medium text-brand-700 underline">
                      {s.url}
                    </Link>
                    <p className="text-slate-600">
                      {s.teamId ? `Team ${teamName.get(s.teamId) ?? "—"}` : "Whole organisation"} · {s.events.join(", ")}
                    </p>
                    <p className="text-slate-600">
                      {s.failingSince ? <span className="font-medium text-red-700">Failing since {formatInstant(s.failingSince, org.timeZone)}</span> : "Healthy"} · {s._count.deliveries} waiting
                    </p>
                  </div>
                  <AdminForm action={deleteWebhook} idPrefix={`delete-${s.id}`} layout="inline" variant="danger" submitLabel="Delete" pendingLabel="Deleting…" fields={[{ type: "hidden", name: "subscriptionId", value: s.id }]} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
