"use client";
// Closed-won revenue and win rate over five quarters (recharts). Loaded lazily: see lazy-charts.tsx.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  label: string;
  /** Closed-won revenue in whole currency units. */
  won: number;
  /** Win rate by count in percent; null with no closed deals. */
  winRate: number | null;
}

export default function TrendChart({ data, currency }: { data: TrendPoint[]; currency: string }) {
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (
    <div className="h-64 w-full" role="img" aria-label="Closed-won revenue and win rate over the last five quarters">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="money" tickFormatter={(v: number) => money.format(v)} tick={{ fontSize: 12 }} width={70} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(value, name) =>
              name === "Win rate" ? [value === null || value === undefined ? "no data" : `${Number(value).toFixed(0)}%`, name] : [money.format(Number(value)), name]
            }
          />
          <Legend />
          <Bar yAxisId="money" dataKey="won" name="Closed-won revenue" fill="#2563eb" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="winRate" name="Win rate" stroke="#059669" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
