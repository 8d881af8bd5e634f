// The inspection page's sections: the one triage list of flagged deals, top of the funnel (with the computation), health of the quarter, changes.
import Link from "next/link";
import { CHANGE_LABELS } from "@/lib/domain/inspection-changes";
import { formatDate, formatInstant, formatMoney, formatMultiple, formatNumber, formatPercent, NO_DATA } from "@/lib/format";
import { Card, Stat } from "@/components/ui/card";
import { TriageList, type TriageRow } from "@/components/inspection/triage-list";
import { TRIAGE_FLAG_LABELS } from "@/components/inspection/flag-chips";
import { TRIAGE_FLAGS, TRIAGE_ORDER_EXPLAINED } from "@/lib/domain/inspection-decisions";
import type { InspectedDeal, InspectionData } from "@/lib/data/inspection";
import { ChangeList } from "@/components/inspection/change-list";

/** How many rows a list shows before "Show all": a large team's page stays light; the full list is one click away. */
export const LIST_PREVIEW = 25;

/** Which list is shown in full (`?show=`): a flag section, or one kind of change as `changes-<kind>`. */
export type ExpandedList = string | null;

/** Builds the page's URL with `show` set (or removed), keeping the scope. */
export type ShowHref = (show: string | null) => string;

/** The flag filters on top of the triage list, most urgent first. */
const FLAG_FILTERS = TRIAGE_FLAGS.map((key) => ({ key, label: TRIAGE_FLAG_LABELS[key] }));

/** The rows of the triage list, formatted here on the server so the client list needs no formatting code. */
function toTriageRows(deals: InspectedDeal[], currency: string): TriageRow[] {
  return deals.map((d) => ({
    id: d.id,
    name: d.name,
    account: d.accountName,
    owner: d.ownerName,
    stage: d.stageName,
    amount: formatMoney(BigInt(d.amountMinor), currency),
    close: formatDate(d.closeDate),
    nextStep: d.nextStep,
    nextStepDate: d.nextStepDate ? formatDate(d.nextStepDate) : null,
    moved: d.daysSinceMovement,
    threshold: d.staleThresholdDays,
    pushes: d.pushCount,
    flags: d.flags,
    pause: d.pausedUntil ? `until ${formatDate(d.pausedUntil)} — ${d.pauseReason ?? "no reason given"}` : null,
  }));
}

/** "Show all N …" under a capped list, or "Show fewer" under the expanded one. */
function ShowMore({ total, what, listKey, expanded, showHref }: { total: number; what: string; listKey: string; expanded: boolean; showHref: ShowHref }) {
  if (total <= LIST_PREVIEW) return null;
  return (
    <p className="mt-2 text-sm">
      {expanded ? (
        <Link href={showHref(null)} className="link" scroll={false}>Show the first {LIST_PREVIEW} only</Link>
      ) : (
        <>
          <span className="text-slate-600">Showing {LIST_PREVIEW} of {total}. </span>
          <Link href={showHref(listKey)} className="link" scroll={false}>Show all {total} {what}</Link>
        </>
      )}
    </p>
  );
}

/** Builds the page's URL with the flag filter (`?flag=`) and the expanded list (`?show=flagged`), keeping the scope. */
export type TriageHref = (opts: { flag: string | null; show: boolean }) => string;

/** The one triage list: counts and filters per flag on top, the order explained, the first 25 rows and "Show all N". */
export function TriageSection({ data, currency, flag = null, show = false, href }: { data: InspectionData; currency: string; flag?: string | null; show?: boolean; href: TriageHref }) {
  const all = data.flagged;
  const active = flag && (TRIAGE_FLAGS as readonly string[]).includes(flag) ? flag : null;
  const deals = active ? all.filter((d) => d.flags.includes(active as InspectedDeal["flags"][number])) : all;
  const count = (key: string) => all.filter((d) => d.flags.includes(key as InspectedDeal["flags"][number])).length;
  const chip = (selected: boolean) =>
    `inline-flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs font-medium ${selected ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"}`;
  const label = active ? `Flagged deals: ${TRIAGE_FLAG_LABELS[active].toLowerCase()}` : "Flagged deals";
  return (
    <Card title={`Flagged deals (${all.length})`} description={TRIAGE_ORDER_EXPLAINED}>
      <nav aria-label="Filter by flag" className="mb-3 flex flex-wrap gap-2">
        <Link href={href({ flag: null, show: false })} scroll={false} className={chip(!active)} aria-current={!active ? "true" : undefined} data-testid="flag-filter-all">
          All <span className="tabular-nums">{all.length}</span>
        </Link>
        {FLAG_FILTERS.map((f) => (
          <Link key={f.key} href={href({ flag: f.key, show: false })} scroll={false} className={chip(active === f.key)} aria-current={active === f.key ? "true" : undefined} data-testid={`flag-filter-${f.key}`}>
            {f.label} <span className="tabular-nums">{count(f.key)}</span>
          </Link>
        ))}
      </nav>
      <div id="list-flagged">
        <TriageList rows={toTriageRows(show ? deals : deals.slice(0, LIST_PREVIEW), currency)} label={label} empty={active ? "No deal carries this flag." : "No flagged deals: every open deal moves, has a dated next step and a close date ahead."} />
        {deals.length > LIST_PREVIEW && (
          <p className="mt-2 text-sm">
            {show ? (
              <Link href={href({ flag: active, show: false })} className="link" scroll={false}>Show the first {LIST_PREVIEW} only</Link>
            ) : (
              <>
                <span className="text-slate-600">Showing {LIST_PREVIEW} of {deals.length}. </span>
                <Link href={href({ flag: active, show: true })} className="link" scroll={false}>Show all {deals.length} flagged deals</Link>
              </>
            )}
          </p>
        )}
      </div>
    </Card>
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

export function ChangesSection({ data, currency, timeZone, show = null, showHref }: { data: InspectionData; currency: string; timeZone: string; show?: ExpandedList; showHref: ShowHref }) {
  const stageName = new Map(data.stages.map((s) => [s.id, s.name]));
  const display = (kind: string, v: string | null) => {
    if (v === null) return "";
    if (kind.startsWith("stage")) return stageName.get(v) ?? v;
    if (kind.startsWith("amount")) return formatMoney(BigInt(v), currency);
    if (kind === "slipped" || kind === "pulledIn") return formatDate(v);
    return "";
  };
  const hasFromTo = (kind: string) => kind.startsWith("stage") || kind.startsWith("amount") || kind === "slipped" || kind === "pulledIn";
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
            <details key={k} id={`list-changes-${k}`} open={show === `changes-${k}`}>
              <summary className="cursor-pointer text-sm font-medium">{CHANGE_LABELS[k]} ({data.changes.byKind[k].length})</summary>
              <ChangeList
                rows={(show === `changes-${k}` ? data.changes.byKind[k] : data.changes.byKind[k].slice(0, LIST_PREVIEW)).map((c) => ({
                  id: c.dealId,
                  name: c.name,
                  owner: c.ownerName,
                  detail: c.from !== null && c.to !== null && hasFromTo(k) ? `${display(k, c.from)} → ${display(k, c.to)}` : null,
                  pushes: c.pushCount,
                }))}
              />
              <ShowMore total={data.changes.byKind[k].length} what={CHANGE_LABELS[k].toLowerCase()} listKey={`changes-${k}`} expanded={show === `changes-${k}`} showHref={showHref} />
            </details>
          ))}
        {data.changes.truncated && <p className="text-xs text-slate-500">Only the first 5,000 changes are counted.</p>}
      </div>
    </Card>
  );
}
