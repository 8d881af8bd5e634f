import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisation";
import { getOutboxMessage, listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/data/mail-outbox";
import { formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { OutboxMessage } from "@/components/mail/outbox-message";

export const metadata: Metadata = { title: "Outbox" };

const STATUS_LABELS: Record<string, string> = {
  PENDING: "waiting",
  SENDING: "sending",
  SENT: "sent",
  OUTBOX: "delivered to outbox",
  FAILED: "failed",
  CANCELLED: "cancelled (unsubscribed)",
};

const params = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  id: z.string().max(64).regex(/^[\w-]+$/).optional(),
});

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const raw = await searchParams;
  const parsed = params.safeParse({ page: typeof raw.page === "string" ? raw.page : undefined, id: typeof raw.id === "string" ? raw.id : undefined });
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Outbox" />
        <AdminTabs current="/admin/outbox" />
        <InvalidFilter message="That page or message reference is not valid." clearHref="/admin/outbox" />
      </>
    );
  }
  const { page, id } = parsed.data;
  const [org, { rows, total }, selected] = await Promise.all([getOrganisation(), listOutbox(page), id ? getOutboxMessage(id) : Promise.resolve(null)]);
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const smtp = Boolean(process.env.SMTP_URL);
  return (
    <>
      <PageHeader
        title="Outbox"
        description={smtp ? "Every e-mail Cadence wrote, and whether the SMTP server accepted it." : "No SMTP server is configured (SMTP_URL): e-mail is delivered here instead. Each message shows as its recipient would see it."}
      />
      <AdminTabs current="/admin/outbox" />
      {selected && (
        <Card title={selected.subject} description={`To ${selected.recipient} · ${STATUS_LABELS[selected.status] ?? selected.status}${selected.sentAt ? ` · ${formatInstant(selected.sentAt, org.timeZone)}` : ""}`}>
          <OutboxMessage subject={selected.subject} recipient={selected.recipient} html={selected.html} text={selected.text} />
        </Card>
      )}
      {id && !selected && <InvalidFilter message="That message does not exist." clearHref="/admin/outbox" />}
      <Card title={`${total} ${total === 1 ? "message" : "messages"}`}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">No e-mail yet. Digests, reminders and notifications appear here as Cadence writes them.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">E-mail in the outbox, newest first</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3">Written</th>
                  <th scope="col" className="py-2 pr-3">To</th>
                  <th scope="col" className="py-2 pr-3">Subject</th>
                  <th scope="col" className="py-2 pr-3">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-2 pr-3 whitespace-nowrap">{formatInstant(r.createdAt, org.timeZone)}</td>
                    <td className="py-2 pr-3 break-all">{r.recipient}</td>
                    <td className="py-2 pr-3">
                      <Link href={`/admin/outbox?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), id: r.id })}`} className="text-brand-700 underline">
                        {r.subject}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      {STATUS_LABELS[r.status] ?? r.status}
                      {r.error ? <span className="block text-xs text-red-700">{r.error}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav aria-label="Outbox pages" className="mt-3 flex gap-3 text-sm">
            {page > 1 && <Link href={`/admin/outbox?page=${page - 1}`}>Previous</Link>}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages && <Link href={`/admin/outbox?page=${page + 1}`}>Next</Link>}
          </nav>
        )}
      </Card>
    </>
  );
}
