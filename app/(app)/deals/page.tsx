import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { listDealOwners, listDeals, LIST_LIMIT } from "@/lib/data/deals";
import { readDealFilters } from "@/lib/data/deal-filters";
import { dealTotals } from "@/lib/data/deals-totals";
import { formatMoney, plural } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { buttonClass } from "@/components/ui/button";
import { DealFilters } from "@/components/deals/deal-filters";
import { DealTable } from "@/components/deals/deal-table";

export const metadata: Metadata = { title: "Deals" };

// My deals (a rep), the teams' deals (a manager) or every deal (executives, admins), with their clocks and flags.
export default async function DealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const sp = await searchParams;
  const org = await getOrganisation();
  const today = todayIn(org);
  const parsed = readDealFilters(sp);
  if (!parsed.ok) {
    return (
      <div className="space-y-4">
        <PageHeader title={user.role === "REP" ? "My deals" : "Deals"} />
        <InvalidFilter message={parsed.message} clearHref="/deals" />
      </div>
    );
  }
  const filters = parsed.value;
  const [{ rows, truncated, stages }, owners, totals] = await Promise.all([listDeals(user, filters, today, org), listDealOwners(user), dealTotals(user, filters, today, org)]);
  const baseQuery = new URLSearchParams(
    Object.entries({ status: filters.status === "OPEN" ? "" : filters.status.toLowerCase(), owner: filters.ownerId ?? "", stage: filters.stageId ?? "", flag: filters.flag ?? "", q: filters.q ?? "" }).filter(([, v]) => v),
  ).toString();
  const canCreate = user.role !== "EXECUTIVE";
  const title = user.role === "REP" ? "My deals" : "Deals";
  return (
    <div className="space-y-4">
      <PageHeader
        title={title}
        description={user.role === "REP" ? "Your deals with both clocks: days since the last movement (stale after the threshold) and days since the last touch." : "Deals you may see, with both clocks and their flags."}
        actions={canCreate ? <Link href="/deals/new" className={buttonClass()}>New deal</Link> : undefined}
      />
      <DealFilters filters={filters} stages={stages.map((s) => ({ id: s.id, name: s.name }))} owners={owners} />
      <p className="text-sm text-slate-600" role="status">
        {plural(totals.count, `${filters.status.toLowerCase()} deal`)} · total <strong data-testid="deals-total">{formatMoney(totals.amountMinor, org.currency)}</strong> · weighted by stage probability{" "}
        <strong data-testid="deals-weighted">{formatMoney(totals.weightedMinor, org.currency)}</strong>
        {truncated ? ` — showing the first ${LIST_LIMIT}; narrow the filters to see the rest` : ""}.
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No deals match">{filters.flag || filters.q || filters.stageId || filters.ownerId ? "Try clearing the filters." : canCreate ? "Create your first deal with “New deal”." : null}</EmptyState>
      ) : (
        <DealTable rows={rows} currency={org.currency} today={today} showOwner={user.role !== "REP"} canEdit={user.role !== "EXECUTIVE" && filters.status === "OPEN"} sort={filters.sort} dir={filters.dir} baseQuery={baseQuery} />
      )}
    </div>
  );
}
