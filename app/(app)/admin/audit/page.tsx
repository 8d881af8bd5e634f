import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisation";
import { AUDIT_PAGE_SIZE, listAuditEntries, parseAuditFilters } from "@/lib/data/audit-log";
import { formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { inputClass } from "@/components/ui/field";
import { InvalidFilter } from "@/components/ui/invalid-filter";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN");
  const parsed = parseAuditFilters(await searchParams);
  if (!parsed.ok) {
    return (
      <>
        <PageHeader title="Audit log" />
        <AdminTabs current="/admin/audit" />
        <InvalidFilter message={parsed.message} clearHref="/admin/audit" />
      </>
    );
  }
  const filters = parsed.value;
  const org = await getOrganisation();
  const { entries, total, actions } = await listAuditEntries(filters, org.timeZone);
  const query = (page: number) => {
    const q = new URLSearchParams();
    for (const k of ["action", "actor", "from", "to"] as const) if (filters[k]) q.set(k, filters[k]!);
    if (page > 1) q.set("page", String(page));
    return q.toString();
  };
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Sign-ins, refused authorizations and every administrative change, with who, what and when."
        actions={
          <a href={`/api/export/audit?${query(1)}`} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
            Export CSV
          </a>
        }
      />
      <AdminTabs current="/admin/audit" />
      <Card>
        <form className="mb-4 grid gap-3 sm:grid-cols-5" aria-label="Filter the audit log">
          <div>
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-700">Action</label>
            <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
              <option value="">All actions</option>
              {actions.map((a) => (
                <option key={a} value={a}>{a}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-700">Actor</label>
            <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} placeholder="name or email" className={inputClass} />
          </div>
          <div>
            <label htmlFor="audit-from" className="block text-sm font-medium text-slate-700">From</label>
            <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} />
          </div>
          <div>
            <label htmlFor="audit-to" className="block text-sm font-medium text-slate-700">To</label>
            <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">Filter</button>
            <Link href="/admin/audit" className="px-2 py-2 text-sm text-slate-600 hover:underline">Clear</Link>
          </div>
        </form>
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">No entries match these filters.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Audit entries">
              <thead>
                <tr className="text-slate-500">
                  <th className="py-1 pr-3 font-medium">When ({org.timeZone})</th>
                  <th className="py-1 pr-3 font-medium">Who</th>
                  <th className="py-1 pr-3 font-medium">Action</th>
                  <th className="py-1 pr-3 font-medium">Target</th>
                  <th className="py-1 font-medium">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap py-1 pr-3">{formatInstant(e.at, org.timeZone)}</td>
                    <td className="py-1 pr-3">{e.actor ? `${e.actor.name} (${e.actor.email})` : (e.actorEmail ?? "—")}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{e.action}</td>
                    <td className="py-1 pr-3">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
                    <td className="max-w-md break-words py-1 font-mono text-xs">{e.details ? JSON.stringify(e.details) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          <span>
            {total.toLocaleString("en-US")} entries · page {filters.page} of {pages}
          </span>
          {filters.page > 1 && <Link href={`/admin/audit?${query(filters.page - 1)}`} className="text-brand-700 hover:underline">Newer</Link>}
          {filters.page < pages && <Link href={`/admin/audit?${query(filters.page + 1)}`} className="text-brand-700 hover:underline">Older</Link>}
        </nav>
      </Card>
    </>
  );
}
