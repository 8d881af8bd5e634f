import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listLeads } from "@/lib/data/leads";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LeadForm } from "@/components/leads/lead-form";
import { LeadRowActions } from "@/components/leads/lead-row-actions";
import { listStages } from "@/lib/data/stages";
import { listAccountOptions } from "@/lib/data/deals";
import { addDays } from "@/lib/domain/calendar";

export const metadata: Metadata = { title: "Leads" };

// Leads with the ICP-qualified flag: they feed the leading KPI "qualified leads per rep per month".
export default async function LeadsPage() {
  const user = await requireRole("REP", "MANAGER", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const [{ rows, month, qualifiedThisMonth, totalThisMonth }, stages, accounts] = await Promise.all([listLeads(user, today), listStages(), listAccountOptions(user)]);
  const convertOptions = {
    today,
    defaultCloseDate: addDays(today, 30),
    stages: stages.map((s) => ({ value: s.id, label: s.name })),
    accounts: accounts.map((a) => ({ value: a.id, label: a.name })),
  };
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
      <Card title="Recent leads" description="Edit a lead, disqualify it with the reason, or convert it to a deal.">
        {rows.length === 0 ? (
          <EmptyState title="No leads yet">Record your first lead above.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Leads">
            {rows.map((l) => (
              <li key={l.id} data-testid="lead-row" className="space-y-2 py-3">
                <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                  <span className="whitespace-nowrap text-slate-500">{formatDate(l.createdOn)}</span>
                  <span className="font-medium">{l.name}</span>
                  {l.company && <span>{l.company}</span>}
                  {l.email && <span className="text-xs text-slate-500">{l.email}</span>}
                  {l.source && <span className="text-xs text-slate-500">source: {l.source}</span>}
                  {user.role !== "REP" && <span className="text-xs text-slate-500">owner: {l.ownerName}</span>}
                  {l.icpQualified ? <Badge tone="good">Qualified</Badge> : <Badge>Not ICP</Badge>}
                  {l.status === "DISQUALIFIED" && <Badge tone="bad">Disqualified: {l.disqualifiedReason}</Badge>}
                  {l.status === "CONVERTED" && l.convertedDealId && (
                    <Link href={`/deals/${l.convertedDealId}`} className="text-sm text-brand-700 underline">
                      Converted: open the deal
                    </Link>
                  )}
                </div>
                <LeadRowActions lead={l} options={convertOptions} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
