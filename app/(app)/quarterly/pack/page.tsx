import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { loadQuarterlyDashboard, resolveQuarterlyRequest } from "@/lib/data/quarterly";
import { firstParam } from "@/lib/domain/quarterly";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { formatDate } from "@/lib/format";
import { buttonClass } from "@/components/ui/button";
import { ConstraintCallout, ForecastTable, HeadlineStats, KpiTable, LostReasonsTable, StageTable, TrendTable, VelocityTable } from "@/components/quarterly/dashboard-view";
import { PrintButton } from "@/components/quarterly/print-button";
import { dashboardHref } from "@/components/quarterly/links";

export const metadata: Metadata = { title: "Quarterly pack" };

// The print-friendly quarterly pack: the dashboard's figures and tables without charts, links or controls.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const org = await getOrganisation();
  const today = todayIn(org);
  const query = parseSearchParams(PAGE_PARAMS.quarterly, await searchParams);
  if (!query.ok) {
    return (
      <>
        <InvalidFilter message={query.message} clearHref="/quarterly" />
      </>
    );
  }
  const sp = query.value;
  const request = await resolveQuarterlyRequest(actor, { q: firstParam(sp.q), team: firstParam(sp.team) }, org, today);
  if (!request.ok) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
        {request.message}
      </p>
    );
  }
  const d = await loadQuarterlyDashboard(actor, { quarter: request.period, scope: request.scope }, org, today);
  const filters = { q: d.period.label, team: request.scope.kind === "TEAM" ? request.scope.teamId : null };
  const scopeName = request.scope.kind === "TEAM" ? `Team ${request.scope.teamName}` : org.name;
  return (
    <article className="quarterly-pack mx-auto max-w-5xl space-y-6 print:max-w-none print:space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Quarterly revenue review · {d.period.label}</h1>
          <p className="text-sm text-slate-600">
            {scopeName} · {formatDate(d.period.start)} – {formatDate(d.period.end)} · prepared {formatDate(today)}
          </p>
        </div>
        <div className="no-print flex gap-2">
          <PrintButton />
          <Link href={dashboardHref(filters)} className={buttonClass("secondary")}>
            Back to the dashboard
          </Link>
        </div>
      </header>
      <HeadlineStats d={d} filters={filters} />
      <section className="break-inside-avoid">
        <ConstraintCallout d={d} filters={filters} />
      </section>
      <div className="break-inside-avoid">
        <StageTable d={d} filters={filters} print />
      </div>
      <div className="break-inside-avoid">
        <VelocityTable d={d} filters={filters} print />
      </div>
      <div className="break-inside-avoid">
        <ForecastTable d={d} filters={filters} print />
      </div>
      <div className="grid gap-6 break-inside-avoid sm:grid-cols-2">
        <LostReasonsTable d={d} filters={filters} print />
        <KpiTable d={d} filters={filters} print />
      </div>
      <div className="break-inside-avoid">
        <TrendTable d={d} filters={filters} print />
      </div>
    </article>
  );
}
