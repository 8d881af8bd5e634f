// The inspection page's sections: flags, top of the funnel (with the computation), health of the quarter, changes.
import Link from "next/link";
import type { InspectionData } from "@/lib/data/inspection";
import { CHANGE_LABELS } from "@/lib/domain/inspection-changes";
import { formatDate, formatInstant, formatMoney, formatMultiple, formatNumber, formatPercent, NO_DATA } from "@/lib/format";
import { Card, Stat } from "@/components/ui/card";
import { DealFlagTable } from "@/components/inspection/deal-flag-table";

export function FlagSections({ data, currency }: { data: InspectionData; currency: string }) {
  return (
    <div className="space-y-6">
      <Card title={`Stale deals (${data.stale.length})`} description="Open deals with at least the threshold of whole days since their last movement (the stage's override when set).">
        <DealFlagTable deals={data.stale} currency={currency} label="Stale deals" empty="No stale deals." />
      </Card>
      <Card title={`No next step (${data.noNextStep.length})`} description="Open deals missing the up-front contract: a next step and its date.">
        <DealFlagTable deals={data.noNextStep} currency={currency} label="Deals with no next step" empty="Every open deal has a next step." />
      </Card>
      <Card title={`Overdue next step (${data.overdue.length})`} description="The next-step date is before today.">
        <DealFlagTable deals={data.overdue} currency={currency} label="Deals with an overdue next step" empty="No overdue next steps." />
      </Card>
      <Card title={`Paused (${data.paused.length})`} description="Out of the stale and next-step lists until their resume date, listed so nothing hides.">
        <DealFlagTable deals={data.paused} currency={currency} label="Paused deals" showPause empty="No paused deals." />
      </Card>
      <Card title={`Late-stage deals (${data.lateStage.length})`}>
        <DealFlagTable deals={data.lateStage} currency={currency} label="Late-stage deals" empty="No late-stage deals." />
      </Card>
    </div>
  );
}

export function FunnelAndHealth({ data, currency }: { data: InspectionData; currency: string }) {
  const { funnel, health } = data;
  const need = funnel.need;
  const money = (v: string | bigint | null) => (v === null ? NO_DATA : formatMoney(BigInt(v), currency));
  const perWeek = need.perWeek === null ? NO_DATA : formatNumber(need.perWeek, 1);
  const behind = need.perWeek !== null && funnel.newThisWeek < need.perWeek;
  return (
    <div className="space-y-6">
      <Card title="Top of the funnel" description={`New opportunities created this week (since ${formatDate(funnel.weekStart)}) against what the quota needs.`}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Stat label="New this week" value={funnel.newThisWeek} tone={behind ? "bad" : "neutral"} />
          <Stat label="Needed per week" value={perWeek} />
        </div>
        <ol className="mt-4 list-decimal space-y-1 pl-5 text-sm text-slate-700" aria-label="How the need was computed">
          <li>Gap to quota for {data.period.label}: quota {money(funnel.quotaMinor)} − won so far {money(funnel.wonInPeriodMinor)} = <strong>{money(need.gapMinor)}</strong></li>
          <li>Average deal size {money(funnel.averageDealSizeMinor)} → deals to win = ⌈gap ÷ size⌉ = <strong>{need.dealsToWin ?? NO_DATA}</strong></li>
          <li>Win rate {formatPercent(funnel.winRate)} ({funnel.winRateBasis.won} won, {funnel.winRateBasis.lost} lost since {formatDate(funnel.winRateBasis.start)}) → opportunities = ⌈deals ÷ win rate⌉ = <strong>{need.opportunitiesNeeded ?? NO_DATA}</strong></li>
          <li>Weeks left in the quarter: {need.weeksLeft} → per week = <strong>{perWeek}</strong></li>
        </ol>
      </Card>
      <Card title={`Health of ${data.period.label}`} description={`${formatDate(data.period.start)} – ${formatDate(data.period.end)}`}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat
            label="Coverage"
            value={health.coverage.quotaMet ? "Quota met" : formatMultiple(health.coverage.ratio)}
            detail={<>Open pipeline closing this quarter {money(health.openInPeriodMinor)} ÷ gap {money(health.coverage.gapMinor)}</>}
          />
          <Stat label="Needed coverage (1 ÷ win rate)" value={formatMultiple(health.coverage.neededRatio)} detail="The rule of thumb is 3×; this team needs about 1 ÷ its win rate." />
          <Stat label="Weighted pipeline" value={money(health.weightedMinor)} detail={`Σ amount × stage probability over ${health.openCount} open deals (${money(health.openAmountMinor)})`} />
        </div>
        <table className="mt-4 min-w-full text-sm" aria-label="Open pipeline per stage">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3">Stage</th>
              <th scope="col" className="py-1 pr-3 text-right">Probability</th>
              <th scope="col" className="py-1 pr-3 text-right">Deals</th>
              <th scope="col" className="py-1 text-right">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {health.perStage.map((s) => (
              <tr key={s.stageId}>
                <td className="py-1 pr-3">{s.name}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.probability}%</td>
                <td className="py-1 pr-3 text-right tabular-nums">{s.count}</td>
                <td className="py-1 text-right tabular-nums">{money(s.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

export function ChangesSection({ data, currency, timeZone }: { data: InspectionData; currency: string; timeZone: string }) {
  const stageName = new Map(data.stages.map((s) => [s.id, s.name]));
  const show = (kind: string, v: string | null) => {
    if (v === null) return "";
    if (kind.startsWith("stage")) return stageName.get(v) ?? v;
    if (kind.startsWith("amount")) return formatMoney(BigInt(v), currency);
    if (kind === "slipped" || kind === "pulledIn") return formatDate(v);
    return "";
  };
  const kinds = Object.keys(CHANGE_LABELS) as (keyof typeof CHANGE_LABELS)[];
  return (
    <Card title="What changed" description={`Since the ${data.changes.sinceLabel} (${formatInstant(data.changes.since, timeZone)}).`}>
      <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {kinds.map((k) => (
          <div key={k} className="rounded-md bg-slate-50 p-2">
            <dt className="text-xs text-slate-500">{CHANGE_LABELS[k]}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`changes-${k}`}>{data.changes.byKind[k].length}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 space-y-3">
        {kinds
          .filter((k) => data.changes.byKind[k].length > 0)
          .map((k) => (
            <details key={k}>
              <summary className="cursor-pointer text-sm font-medium">{CHANGE_LABELS[k]} ({data.changes.byKind[k].length})</summary>
              <ul className="mt-1 space-y-1 pl-4 text-sm">
                {data.changes.byKind[k].map((c) => (
                  <li key={c.dealId}>
                    <Link href={`/deals/${c.dealId}`} className="text-brand-700 hover:underline">{c.name}</Link> · {c.ownerName}
                    {c.from !== null && c.to !== null && (k.startsWith("stage") || k.startsWith("amount") || k === "slipped" || k === "pulledIn") && (
                      <span className="text-slate-600"> — {show(k, c.from)} → {show(k, c.to)}</span>
                    )}
                    <span className="text-xs text-slate-500"> · pushed {c.pushCount}×</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        {data.changes.truncated && <p className="text-xs text-slate-500">Only the first 5,000 changes are counted.</p>}
      </div>
    </Card>
  );
}
