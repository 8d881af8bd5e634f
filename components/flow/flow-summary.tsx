// The pipeline flow in four figures (start, in, out, end) for the home pages; every figure links to its bar on /flow.
// Server-renderable: no client code. Load the figures with loadFlowTotals (lib/data/flow.ts).
import Link from "next/link";
import { formatMoney } from "@/lib/format";
import { totalIn, totalOut, FLOW_IN, FLOW_OUT, type FlowTotals } from "@/lib/domain/flow";

export interface FlowSummaryProps {
  flow: FlowTotals;
  /** The /flow page for the same scope and window, e.g. "/flow?team=abc" (bars are appended as `bar=`). */
  href: string;
  /** The organisation's currency (ISO code). */
  currency: string;
  /** Heading; "Pipeline flow this week" by default. */
  title?: string;
}

function barHref(href: string, bar: string) {
  return `${href}${href.includes("?") ? "&" : "?"}bar=${bar}#deals`;
}

export function FlowSummary({ flow, href, currency, title = "Pipeline flow this week" }: FlowSummaryProps) {
  const ins = totalIn(flow);
  const outs = totalOut(flow);
  const inDeals = FLOW_IN.reduce((a, c) => a + flow.ins[c].deals, 0);
  const outDeals = FLOW_OUT.reduce((a, c) => a + flow.outs[c].deals, 0);
  const cells = [
    { key: "start", label: "Start", value: formatMoney(flow.start.amountMinor, currency), deals: flow.start.deals, href: barHref(href, "start") },
    { key: "in", label: "In", value: `+${formatMoney(ins, currency)}`, deals: inDeals, href: barHref(href, "new") },
    { key: "out", label: "Out", value: `−${formatMoney(outs, currency)}`, deals: outDeals, href: barHref(href, "won") },
    { key: "end", label: "End", value: formatMoney(flow.end.amountMinor, currency), deals: flow.end.deals, href: barHref(href, "end") },
  ];
  return (
    <section aria-labelledby="flow-summary-title" className="rounded border border-slate-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="flow-summary-title" className="text-base font-semibold">
          {title}
        </h2>
        <Link href={href} className="text-sm text-blue-700 underline focus-visible:outline-2">
          Open the flow
        </Link>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cells.map((c) => (
          <div key={c.key} data-testid={`flow-summary-${c.key}`}>
            <dt className="text-xs uppercase text-slate-500">{c.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              <Link href={c.href} className="hover:underline focus-visible:outline-2">
                {c.value}
              </Link>
            </dd>
            <dd className="text-xs text-slate-500">
              {c.deals} deal{c.deals === 1 ? "" : "s"}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
