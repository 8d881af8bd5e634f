// The deals behind one bar of the flow, each with the change that put it there: amount, from → to, and when.
import Link from "next/link";
import { formatDate, formatInstant, formatMoney } from "@/lib/format";
import type { FlowDeal } from "@/lib/data/flow";
import { EmptyState } from "@/components/ui/empty-state";

const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
const td = "px-2 py-1.5 text-sm";

export function FlowDeals({ deals, total, bar, label, currency, timeZone, limit }: { deals: FlowDeal[]; total: number; bar: string; label: string; currency: string; timeZone: string; limit: number }) {
  const money = (v: bigint | null) => (v === null ? "—" : formatMoney(v, currency, { cents: true }));
  if (deals.length === 0) return <EmptyState title={`No deals in “${label}” for this window.`} />;
  const sign = ["new", "reopened", "increased"].includes(bar) ? "+" : ["won", "lost", "decreased"].includes(bar) ? "−" : "";
  const showDates = bar === "pushed" || bar === "pulled_in";
  return (
    <div className="overflow-x-auto">
      <table className="w-full divide-y divide-slate-200" aria-label={`Deals: ${label}`} data-testid="flow-deals">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Deal
            </th>
            <th scope="col" className={th}>
              Owner
            </th>
            <th scope="col" className={`${th} text-right`}>
              Amount
            </th>
            <th scope="col" className={th}>
              {showDates ? "Close date" : "Change"}
            </th>
            <th scope="col" className={th}>
              When
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deals.map((d) => (
            <tr key={d.id} data-testid="flow-deal">
              <td className={`${td} min-w-48 wrap-anywhere`}>
                <Link href={`/deals/${d.id}`} className="text-blue-700 underline">
                  {d.name}
                </Link>
              </td>
              <td className={td}>{d.owner}</td>
              <td className={`${td} text-right tabular-nums`} data-minor={d.amountMinor.toString()}>
                {sign}
                {money(d.amountMinor)}
              </td>
              <td className={`${td} text-slate-600`}>
                {showDates
                  ? `${formatDate(d.startCloseDate)} → ${formatDate(d.endCloseDate)}`
                  : d.startAmountMinor !== null && d.endAmountMinor !== null && d.startAmountMinor !== d.endAmountMinor
                    ? `${money(d.startAmountMinor)} → ${money(d.endAmountMinor)}`
                    : ""}
              </td>
              <td className={`${td} text-slate-600`}>{d.at ? formatInstant(d.at, timeZone) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > deals.length && (
        <p className="mt-2 text-xs text-slate-600">
          The {limit} largest of {total} deals are shown.
        </p>
      )}
    </div>
  );
}
