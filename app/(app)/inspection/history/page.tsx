import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listInspectionSessions } from "@/lib/data/inspection-sessions";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Past inspections" };

export default async function InspectionHistoryPage() {
  const user = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const sessions = await listInspectionSessions(user);
  return (
    <div className="space-y-4">
      <PageHeader title="Past inspections" description="Every recorded inspection with its decisions and action items." actions={<Link href="/inspection" className="text-sm text-brand-700 hover:underline">← Inspection</Link>} />
      {sessions.length === 0 ? (
        <EmptyState title="No inspections recorded yet">Start one from the inspection page.</EmptyState>
      ) : (
        <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Date</th>
              <th scope="col" className="px-3 py-2">Team</th>
              <th scope="col" className="px-3 py-2">Manager</th>
              <th scope="col" className="px-3 py-2 text-right">Dispositions</th>
              <th scope="col" className="px-3 py-2 text-right">Action items</th>
              <th scope="col" className="px-3 py-2">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <td className="px-3 py-2"><Link href={`/inspection/${s.id}`} className="text-brand-700 hover:underline">{formatDate(s.asOfDate)}</Link></td>
                <td className="px-3 py-2">{s.teamName ?? "—"}{s.repName ? ` · ${s.repName}` : ""}</td>
                <td className="px-3 py-2">{s.managerName}</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.dispositions}</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.actionItems}</td>
                <td className="px-3 py-2">{s.completed ? <Badge tone="good">Complete</Badge> : <Badge tone="warn">In progress</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
