"use client";
// The flow as a waterfall (recharts): start, each in and out floating from the running total, end. Loaded lazily
// (lazy-waterfall.tsx) so recharts stays out of the first page load; the table beside it holds the same figures.
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface WaterfallBar {
  key: string;
  label: string;
  /** Whole currency units (numbers for the chart only; the table shows the exact cents). */
  amount: number;
  kind: "total" | "in" | "out";
  href: string;
}

const MARGIN = { top: 8, right: 8, bottom: 0, left: 8 };
const TICK = { fontSize: 11 };
const COLORS = { total: "#334155", in: "#059669", out: "#dc2626" } as const;

/** Each bar floating from the running total: a total from zero, an in from the total before it, an out from after it. */
function floating(bars: WaterfallBar[]) {
  const rows: (WaterfallBar & { base: number; value: number })[] = [];
  let total = 0;
  for (const b of bars) {
    if (b.kind === "total") total = 0;
    if (b.kind === "out") total -= b.amount;
    rows.push({ ...b, base: total, value: b.amount });
    total = b.kind === "total" ? b.amount : b.kind === "in" ? total + b.amount : total;
  }
  return rows;
}

export default function WaterfallChart({ bars, currency, height = 288 }: { bars: WaterfallBar[]; currency: string; height?: number }) {
  const router = useRouter();
  const { data, formatMoney } = useMemo(() => {
    const money = new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
    return { data: floating(bars), formatMoney: (v: number) => money.format(v) };
  }, [bars, currency]);
  return (
    <div style={{ height }} className="w-full" role="img" aria-label="Waterfall of the pipeline from start to end: ins in green, outs in red">
      <ResponsiveContainer width="100%" height="100%" minWidth={200} minHeight={120}>
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          {/* Slanted labels: eight bars' names do not fit side by side in half a page. */}
          <XAxis dataKey="label" tick={TICK} interval={0} angle={-35} textAnchor="end" height={72} />
          <YAxis tickFormatter={formatMoney} tick={TICK} width={64} />
          <Tooltip formatter={(value: unknown, name: unknown) => (name === "base" ? ["", ""] : [formatMoney(Number(value)), "Amount"])} />
          <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} />
          <Bar
            dataKey="value"
            stackId="w"
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry: { payload?: { href?: string } }) => entry.payload?.href && router.push(entry.payload.href)}
          >
            {data.map((d) => (
              <Cell key={d.key} fill={COLORS[d.kind]} data-testid={`flow-bar-${d.key}`} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
