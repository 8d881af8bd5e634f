// The flow's figures as a table (start, every in and out, end, and the close-date moves beside them): each amount
// opens the deals behind it, and the last row shows that start + ins − outs = end.
import Link from "next/link";
import { formatMoney } from "@/lib/format";
import { FLOW_IN, FLOW_LABELS, FLOW_OUT, totalIn, totalOut, type FlowTotals } from "@/lib/domain/flow";
import { flowHref, type FlowFilters } from "./links";

const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
const td = "px-2 py-1.5 text-sm tabular-nums";

export function FlowTable({ flow, currency, filters, selected }: { flow: FlowTotals; currency: string; filters: FlowFilters; selected: string | null }) {
  const money = (v: bigint) => formatMoney(v, currency, { cents: true });
  const row = (key: string, label: string, deals: number, amount: bigint, sign: "" | "+" | "−", tone: string) => (
    <tr key={key} data-testid={`flow-row-${key}`} className={selected === key ? "bg-blue-50" : undefined}>
      <th scope="row" className={`${td} text-left font-medium`}>
        {label}
      </th>
      <td className={`${td} text-right`}>{deals}</td>
      <td className={`${td} text-right ${tone}`}>
        <Link href={flowHref(filters, { bar: key })} className="underline decoration-dotted underline-offset-2 focus-visible:outline-2" data-testid={`flow-amount-${key}`} data-minor={amount.toString()} data-sign={sign}>
          {sign}
          {money(amount)}
        </Link>
      </td>
    </tr>
  );
  const ins = totalIn(flow);
  const outs = totalOut(flow);
  return (
    <div className="min-w-0">
      <table className="w-full divide-y divide-slate-200" aria-label="Pipeline flow">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Bar
            </th>
            <th scope="col" className={`${th} text-right`}>
              Deals
            </th>
            <th scope="col" className={`${th} text-right`}>
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {row("start", "Start: open pipeline", flow.start.deals, flow.start.amountMinor, "", "font-semibold")}
          {FLOW_IN.map((c) => row(c, FLOW_LABELS[c], flow.ins[c].deals, flow.ins[c].amountMinor, "+", "text-emerald-700"))}
          {FLOW_OUT.map((c) => row(c, FLOW_LABELS[c], flow.outs[c].deals, flow.outs[c].amountMinor, "−", "text-red-700"))}
          {row("end", "End: open pipeline", flow.end.deals, flow.end.amountMinor, "", "font-semibold")}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600" data-testid="flow-check">
        {money(flow.start.amountMinor)} + {money(ins)} − {money(outs)} = {money(flow.start.amountMinor + ins - outs)}
      </p>
      <h3 className="mt-4 text-sm font-semibold">Close dates moved (no change to the total)</h3>
      <table className="mt-1 w-full divide-y divide-slate-200" aria-label="Close dates moved">
        <tbody className="divide-y divide-slate-100">
          {(["pushed", "pulled_in"] as const).map((c) => row(c, FLOW_LABELS[c], flow.shifts[c].deals, flow.shifts[c].amountMinor, "", "text-slate-700"))}
        </tbody>
      </table>
    </div>
  );
}
