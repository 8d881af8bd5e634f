// A list of flagged deals on the inspection page with both clocks and the push count.
import Link from "next/link";
import type { InspectedDeal } from "@/lib/data/inspection";
import { formatDate, formatMoney } from "@/lib/format";
import { FlagBadges } from "@/components/deals/flag-badges";

export function DealFlagTable({ deals, currency, label, showPause = false, empty }: { deals: InspectedDeal[]; currency: string; label: string; showPause?: boolean; empty: string }) {
  if (deals.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" aria-label={label}>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Deal</th>
            <th scope="col" className="py-1 pr-3">Owner</th>
            <th scope="col" className="py-1 pr-3">Stage</th>
            <th scope="col" className="py-1 pr-3 text-right">Amount</th>
            <th scope="col" className="py-1 pr-3">Close</th>
            <th scope="col" className="py-1 pr-3">Next step</th>
            <th scope="col" className="py-1 pr-3 text-right">Days since movement</th>
            <th scope="col" className="py-1 pr-3 text-right">Days since touch</th>
            <th scope="col" className="py-1 pr-3 text-right">Pushes</th>
            {showPause ? <th scope="col" className="py-1">Paused</th> : <th scope="col" className="py-1">Flags</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deals.map((d) => (
            <tr key={d.id} data-testid="inspected-deal">
              <td className="py-1 pr-3">
                <Link href={`/deals/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
                {d.accountName && <span className="block text-xs text-slate-500">{d.accountName}</span>}
              </td>
              <td className="py-1 pr-3">{d.ownerName}</td>
              <td className="py-1 pr-3">{d.stageName}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatMoney(BigInt(d.amountMinor), currency)}</td>
              <td className="py-1 pr-3 whitespace-nowrap">{formatDate(d.closeDate)}</td>
              <td className="py-1 pr-3">{d.nextStep ?? <span className="text-slate-400">None</span>} <span className="text-xs text-slate-500">{d.nextStepDate ? formatDate(d.nextStepDate) : ""}</span></td>
              <td className="py-1 pr-3 text-right tabular-nums" data-testid="days-since-movement">{d.daysSinceMovement} <span className="text-xs text-slate-400">/ {d.staleThresholdDays}</span></td>
              <td className="py-1 pr-3 text-right tabular-nums">{d.daysSinceTouch}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{d.pushCount}</td>
              {showPause ? (
                <td className="py-1">until {formatDate(d.pausedUntil)} — {d.pauseReason ?? "no reason given"}</td>
              ) : (
                <td className="py-1"><FlagBadges flags={d.flags} /></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
