import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { DRILL_LIMIT, isDrillMetric, loadQuarterlyDrill, resolveQuarterlyRequest } from "@/lib/data/quarterly";
import { firstParam } from "@/lib/domain/quarterly";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { formatDate, formatInstant, formatMoney } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { dashboardHref } from "@/components/quarterly/links";

export const metadata: Metadata = { title: "Quarterly review · deals behind a figure" };

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 text-sm tabular-nums";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const query = parseSearchParams(PAGE_PARAMS.quarterlyDrill, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Deals behind a figure" />
        <InvalidFilter message={query.message} clearHref="/quarterly" />
      </>
    );
  }
  const sp = query.value;
  const metric = firstParam(sp.metric);
  const request = await resolveQuarterlyRequest(actor, { q: firstParam(sp.q), team: firstParam(sp.team) }, org, today);
  const problem = !request.ok ? request.message : !isDrillMetric(metric) ? `“${String(metric ?? "").slice(0, 40)}” is not a figure of the dashboard.` : null;
  if (problem || !request.ok || !isDrillMetric(metric)) {
    return (
      <>
        <PageHeader title="Deals behind a figure" />
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {problem}
        </p>
        <p className="mt-4">
          <Link href="/quarterly" className="text-brand-700 underline">
            Back to the quarterly review
          </Link>
        </p>
      </>
    );
  }
  const drill = await loadQuarterlyDrill(
    actor,
    { quarter: request.period, scope: request.scope, metric, stageId: firstParam(sp.stage), reason: firstParam(sp.reason), ownerId: firstParam(sp.owner) },
    org,
    today,
  );
  const filters = { q: request.period.label, team: request.scope.kind === "TEAM" ? request.scope.teamId : null };
  const scopeName = request.scope.kind === "TEAM" ? `Team ${request.scope.teamName}` : "Whole organisation";
  const reason = firstParam(sp.reason);
  return (
    <>
      <PageHeader
        title={drill.title}
        description={`${request.period.label} · ${scopeName}${metric === "lost_reason" && reason ? ` · ${reason}` : ""}`}
        actions={
          <Link href={dashboardHref(filters)} className={buttonClass("secondary")}>
            Back to the dashboard
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-700" data-testid="drill-summary">
        <strong data-testid="drill-count">{drill.total}</strong> deals, total <strong data-testid="drill-total">{formatMoney(drill.totalMinor, org.currency)}</strong>
        {drill.total > DRILL_LIMIT && ` (the ${DRILL_LIMIT} largest are listed)`}
      </p>
      {drill.deals.length === 0 ? (
        <EmptyState title="No deals behind this figure">There is no data for this quarter and scope.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200">
            <thead>
              <tr>
                <th className={th}>Deal</th>
                <th className={th}>Owner</th>
                <th className={th}>Stage</th>
                <th className={th}>Status</th>
                <th className={th}>Amount</th>
                <th className={th}>Close date</th>
                <th className={th}>Closed at</th>
                <th className={th}>Lost reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {drill.deals.map((deal) => (
                <tr key={deal.id}>
                  <td className={td}>
                    <Link href={`/deals/${deal.id}`} className="text-brand-700 underline">
                      {deal.name}
                    </Link>
                  </td>
                  <td className={td}>{deal.owner}</td>
                  <td className={td}>{deal.stage}</td>
                  <td className={td}>{deal.status}</td>
                  <td className={td}>{formatMoney(deal.amountMinor, org.currency)}</td>
                  <td className={td}>{formatDate(deal.closeDate)}</td>
                  <td className={td}>{deal.closedAt ? formatInstant(deal.closedAt, org.timeZone) : "—"}</td>
                  <td className={td}>{deal.lostReason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
