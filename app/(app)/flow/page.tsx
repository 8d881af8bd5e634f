import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { FLOW_DRILL_LIMIT, isFlowBar, loadFlow, loadFlowDeals, resolveFlowScope } from "@/lib/data/flow";
import { readOnly } from "@/lib/data/read-replica";
import type { PipelineScope } from "@/lib/data/as-of";
import { FLOW_IN, FLOW_LABELS, FLOW_OUT, resolveFlowWindow } from "@/lib/domain/flow";
import { firstParam } from "@/lib/domain/quarterly";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { FlowFiltersForm } from "@/components/flow/flow-filters";
import { FlowTable } from "@/components/flow/flow-table";
import { TeamFlowTable } from "@/components/flow/team-flow-table";
import { FlowDeals } from "@/components/flow/flow-deals";
import { LazyWaterfall } from "@/components/flow/lazy-waterfall";
import { flowHref, type FlowFilters } from "@/components/flow/links";

export const metadata: Metadata = { title: "Pipeline flow" };

const BAR_LABELS: Record<string, string> = { ...FLOW_LABELS, start: "Start: open pipeline", end: "End: open pipeline" };

/** A query-string value as text: at most `max` characters and no control characters, else null (the page says so). */
function text(value: string | string[] | undefined, max: number): string | null | undefined {
  const v = firstParam(value);
  if (v === null || v === undefined || v === "") return undefined;
  if (v.length > max || /[\u0000-\u001f\u007f]/.test(v)) return null;
  return v;
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const org = await getOrganisation();
  const now = new Date();
  const today = todayIn(org, now);
  const sp = await searchParams;
  const params = { preset: text(sp.preset, 16), from: text(sp.from, 10), to: text(sp.to, 10), team: text(sp.team, 64), bar: text(sp.bar, 16) };
  const invalid = Object.entries(params).find(([, v]) => v === null);
  const [request, windowResult] = await Promise.all([
    resolveFlowScope(actor, params.team ?? null),
    Promise.resolve(
      invalid
        ? ({ ok: false, message: `The “${invalid[0]}” filter is not valid.` } as const)
        : resolveFlowWindow(params, { today, now, timeZone: org.timeZone, fiscalYearStartMonth: org.fiscalYearStartMonth }),
    ),
  ]);
  const preset = params.preset && ["week", "month", "quarter", "custom"].includes(params.preset) ? params.preset : params.from || params.to ? "custom" : "week";
  const filtersForm = (selectedTeam: string | null) => (
    <FlowFiltersForm
      preset={preset}
      from={params.from ?? ""}
      to={params.to ?? ""}
      teams={request.teams}
      selectedTeam={selectedTeam}
      canSeeOrganisation={request.canSeeOrganisation}
      showTeams={actor.role !== "REP"}
    />
  );
  const badBar = params.bar !== undefined && !isFlowBar(params.bar);
  if (!request.ok || !windowResult.ok || badBar) {
    const message = !request.ok ? request.message : !windowResult.ok ? windowResult.message : "That bar does not exist: choose one in the table.";
    return (
      <>
        <PageHeader title="Pipeline flow" />
        {filtersForm(params.team ?? null)}
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {message}
        </p>
      </>
    );
  }

  const { scope } = request;
  const window = windowResult.window;
  const pipelineScope: PipelineScope = scope.kind === "ORGANISATION" ? { kind: "ORGANISATION" } : scope.kind === "TEAM" ? { kind: "TEAM", teamId: scope.teamId } : { kind: "REP", userId: scope.userId };
  const bar = params.bar && isFlowBar(params.bar) ? params.bar : null;
  const [{ flow, teams }, drill] = await readOnly(actor, () =>
    Promise.all([loadFlow(actor, pipelineScope, window), bar ? loadFlowDeals(actor, pipelineScope, window, bar) : Promise.resolve(null)]),
  );
  const filters: FlowFilters = { preset: window.preset, from: window.start, to: window.end, team: scope.kind === "TEAM" ? scope.teamId : null };
  const toMajor = (v: bigint) => Number(v) / 100;
  const bars = [
    { key: "start", label: "Start", amount: toMajor(flow.start.amountMinor), kind: "total" as const, href: flowHref(filters, { bar: "start" }) },
    ...FLOW_IN.map((c) => ({ key: c, label: FLOW_LABELS[c], amount: toMajor(flow.ins[c].amountMinor), kind: "in" as const, href: flowHref(filters, { bar: c }) })),
    ...FLOW_OUT.map((c) => ({ key: c, label: FLOW_LABELS[c], amount: toMajor(flow.outs[c].amountMinor), kind: "out" as const, href: flowHref(filters, { bar: c }) })),
    { key: "end", label: "End", amount: toMajor(flow.end.amountMinor), kind: "total" as const, href: flowHref(filters, { bar: "end" }) },
  ];
  const windowText = `${formatDate(window.start)} – ${formatDate(window.end)}${window.inProgress ? " (so far)" : ""}`;

  return (
    <>
      <PageHeader
        title={`Pipeline flow · ${scope.name}`}
        description={`${windowText}. The open pipeline at the window's start, what came in and went out, and the open pipeline at its end (now, for a window in progress), reconstructed from each deal's history in ${org.timeZone} time. Every amount opens its deals.`}
      />
      {filtersForm(filters.team)}
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Waterfall" description="Start, ins (green), outs (red), end. Click a bar for its deals.">
            <LazyWaterfall bars={bars} currency={org.currency} />
          </Card>
          <Card title="The figures" description="Start + ins − outs = end, to the cent.">
            <FlowTable flow={flow} currency={org.currency} filters={filters} selected={bar} />
          </Card>
        </div>
        {teams.length > 0 && (
          <Card title="Per team" description="Each team's pipeline flow in the same window; a team's name opens its own flow.">
            <TeamFlowTable teams={teams} currency={org.currency} filters={filters} />
          </Card>
        )}
        <div id="deals">
          {drill && bar ? (
            <Card title={`Deals: ${BAR_LABELS[bar]}`} description="Each deal with the change that put it in this bar.">
              <FlowDeals deals={drill.deals} total={drill.total} bar={bar} label={BAR_LABELS[bar]} currency={org.currency} timeZone={org.timeZone} limit={FLOW_DRILL_LIMIT} />
            </Card>
          ) : (
            <p className="text-sm text-slate-600">Choose a bar or an amount to see its deals.</p>
          )}
        </div>
      </div>
    </>
  );
}
