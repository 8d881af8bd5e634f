import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getScorecard } from "@/lib/data/scorecard";
import { periodProgressOn } from "@/lib/domain/period-to-date";
import { AppError } from "@/lib/errors";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ScorecardCharts, ScorecardTable } from "@/components/scorecard/scorecard-view";

export const metadata: Metadata = { title: "Scorecard" };

export default async function Page({ params, searchParams }: { params: Promise<{ repId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const { repId } = await params;
  const query = parseSearchParams(PAGE_PARAMS.scorecard, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Scorecard" />
        <InvalidFilter message={query.message} clearHref={`/coaching/scorecard/${encodeURIComponent(repId)}`} />
      </>
    );
  }
  const kind = query.value.period === "quarter" ? "QUARTER" : "MONTH";
  const org = await getOrganisation();
  const today = todayIn(org);
  const card = await getScorecard(user, repId, kind, org, today).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const periods = card.periods.map((p, i) => {
    const current = i === card.periods.length - 1;
    return { label: p.period.label, current, kpis: p.kpis, progress: current ? periodProgressOn(p.period, today) : undefined };
  });
  const toggle = (value: "month" | "quarter", label: string) => (
    <Link
      href={`/coaching/scorecard/${card.rep.id}?period=${value}`}
      aria-current={(value === "quarter") === (kind === "QUARTER") ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm ${(value === "quarter") === (kind === "QUARTER") ? "bg-brand-600 text-white" : "border border-slate-300 bg-white"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Scorecard: ${card.rep.name}`}
        description="Leading, lagging and quality KPIs against the most specific target (rep, then team, then organisation) and the quota. A KPI without a target says so; it never passes by default."
        actions={
          <nav aria-label="Period" className="flex gap-2">
            {toggle("month", "Months")}
            {toggle("quarter", "Quarters")}
          </nav>
        }
      />
      <Card title="Trends" description={`The current ${kind === "QUARTER" ? "fiscal quarter" : "month"} and the six before.`}>
        <ScorecardCharts periods={periods} />
      </Card>
      <Card title="KPIs against targets" description="Data integrity is measured on today's open deals, so it is shown for the current period only.">
        <ScorecardTable periods={periods} currency={org.currency} />
      </Card>
      <p className="text-sm">
        <Link href={`/coaching/reps/${card.rep.id}`} className="text-brand-700 hover:underline">
          Coaching history of {card.rep.name}
        </Link>{" "}
        ·{" "}
        <Link href="/targets" className="text-brand-700 hover:underline">
          Targets and quotas
        </Link>
      </p>
    </div>
  );
}
