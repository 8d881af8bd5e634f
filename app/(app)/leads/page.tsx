import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listLeads } from "@/lib/data/leads";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LeadForm } from "@/components/leads/lead-form";

export const metadata: Metadata = { title: "Leads" };

// Leads with the ICP-qualified flag: they feed the leading KPI "qualified leads per rep per month".
export default async function LeadsPage() {
  const user = await requireRole("REP", "MANAGER", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const { rows, month, qualifiedThisMonth, totalThisMonth } = await listLeads(user, today);
  return (
    <div className="space-y-6">
      <PageHeader title={user.role === "REP" ? "My leads" : "Leads"} description="Record every new lead the day it comes in, and whether it fits the ideal customer profile." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Stat label={`ICP-qualified leads, ${month.label}`} value={qualifiedThisMonth} detail="The leading KPI: 15+ per rep per month is the usual target." />
        <Stat label={`All leads, ${month.label}`} value={totalThisMonth} />
      </div>
      <Card title="Record a lead">
        <LeadForm today={today} />
      </Card>
      <Card title="Recent leads">
        {rows.length === 0 ? (
          <EmptyState title="No leads yet">Record your first lead above.</EmptyState>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Date</th>
                <th scope="col" className="py-1 pr-3">Name</th>
                <th scope="col" className="py-1 pr-3">Company</th>
                {user.role !== "REP" && <th scope="col" className="py-1 pr-3">Owner</th>}
                <th scope="col" className="py-1">ICP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((l) => (
                <tr key={l.id} data-testid="lead-row">
                  <td className="py-1 pr-3 whitespace-nowrap">{formatDate(l.createdOn)}</td>
                  <td className="py-1 pr-3">{l.name}{l.email && <span className="block text-xs text-slate-500">{l.email}</span>}</td>
                  <td className="py-1 pr-3">{l.company ?? "—"}</td>
                  {user.role !== "REP" && <td className="py-1 pr-3">{l.ownerName}</td>}
                  <td className="py-1">{l.icpQualified ? <Badge tone="good">Qualified</Badge> : <Badge>Not ICP</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
