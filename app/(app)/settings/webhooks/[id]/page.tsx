// A webhook's delivery log: every delivery with each attempt's status and response time, and "resend".
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { formatInstant } from "@/lib/format";
import { resendDelivery } from "@/lib/actions/webhooks/resend-delivery";
import { webhookScope } from "@/lib/webhooks/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminForm } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookLogPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole("MANAGER", "ADMIN");
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const [org, sub] = await Promise.all([
    getOrganisation(),
    prisma.webhookSubscription.findFirst({
      where: { AND: [{ id }, webhookScope(actor)] },
      select: {
        id: true,
        url: true,
        failingSince: true,
        deliveries: {
          orderBy: { seq: "desc" },
          take: 100,
          select: { id: true, eventType: true, status: true, attempts: true, createdAt: true, nextAttemptAt: true, attemptLog: { orderBy: { at: "desc" }, take: 10, select: { id: true, at: true, statusCode: true, error: true, durationMs: true } } },
        },
      },
    }),
  ]);
  if (!sub) notFound();
  return (
    <>
      <PageHeader title="Delivery log" description={sub.url} />
      <p className="mb-4 text-sm">
        <Link href="/settings/webhooks" className="text-brand-700 underline">← All webhooks</Link>
      </p>
      {sub.failingSince && (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          Failing since {formatInstant(sub.failingSince, org.timeZone)}.
        </div>
      )}
      <Card title="Deliveries (latest 100)">
        {sub.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing delivered yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {sub.deliveries.map((d) => (
              <li key={d.id} className="space-y-1 py-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <code className="text-xs">{d.eventType}</code> · <code className="text-xs text-slate-500">{d.id}</code> · <span className="font-medium">{d.status.toLowerCase()}</span>
                    {d.status === "PENDING" && d.attempts > 0 && <> · next try {formatInstant(d.nextAttemptAt, org.timeZone)}</>}
                  </span>
                  {d.status !== "PENDING" && (
                    <AdminForm action={resendDelivery} idPrefix={`resend-${d.id}`} layout="inline" variant="secondary" submitLabel="Resend" pendingLabel="Queuing…" successMessage="Queued." fields={[{ type: "hidden", name: "deliveryId", value: d.id }]} />
                  )}
                </div>
                {d.attemptLog.length > 0 && (
                  <table className="w-full text-left text-xs text-slate-700">
                    <thead>
                      <tr>
                        <th scope="col" className="pr-3">Attempt at</th>
                        <th scope="col" className="pr-3">Status</th>
                        <th scope="col">Response time</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.attemptLog.map((a) => (
                        <tr key={a.id}>
                          <td className="pr-3">{formatInstant(a.at, org.timeZone)}</td>
                          <td className="pr-3">{a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? "no answer")}</td>
                          <td>{a.durationMs} ms</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
