"use client";
// Closed-won revenue and win rate over five quarters (recharts). Loaded lazily: see lazy-charts.tsx. A quarter in
// progress is drawn as partial: a pale "so far" bar with the rest at its pace dashed on top, and a dashed win rate.
import { useMemo } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  label: string;
  /** Closed-won revenue of a complete quarter in whole currency units; null for the quarter in progress. */
  won: number | null;
  /** The quarter in progress: closed-won so far (a pale bar) and the rest projected at its pace (dashed outline). */
  wonToDate?: number | null;
  projectedRest?: number | null;
  /** Win rate by count in percent; null with no closed deals. */
  winRate: number | null;
  /** The win rate line's dashed last segment: the last complete quarter and the quarter in progress (after a week). */
  winRateToDate?: number | null;
}

// Props that never change are module constants, and the formatters are memoised: recharts 3 copies props into its
// store, so a new object or function on every render makes it recompute the chart again.
const MARGIN = { top: 8, right: 16, bottom: 0, left: 8 };
const TICK = { fontSize: 12 };
const RATE_DOMAIN: [number, number] = [0, 100];
const formatRate = (v: number) => `${v}%`;

export default function TrendChart({ data, currency }: { data: TrendPoint[]; currency: string }) {
  const { formatMoney, formatTooltip } = useMemo(() => {
    const money = new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
    return {
      formatMoney: (v: number) => money.format(v),
      formatTooltip: (value: unknown, name: unknown): [string, string] =>
        name === "Win rate"
          ? [value === null || value === undefined ? "no data" : `${Number(value).toFixed(0)}%`, String(name)]
          : [money.format(Number(value)), String(name)],
    };
  }, [currency]);
  return (
    <div className="h-64 w-full" role="img" aria-label="Closed-won revenue and win rate over the last five quarters">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={TICK} />
          <YAxis yAxisId="money" tickFormatter={formatMoney} tick={TICK} width={70} />
          <YAxis yAxisId="rate" orientation="right" domain={RATE_DOMAIN} tickFormatter={formatRate} tick={TICK} />
          <Tooltip formatter={formatTooltip} />
          <Legend />
          <Bar yAxisId="money" dataKey="won" name="Closed-won revenue" fill="#2563eb" stackId="won" isAnimationActive={false} />
          <Bar yAxisId="money" dataKey="wonToDate" name="Closed-won so far (quarter in progress)" fill="#93c5fd" stackId="won" isAnimationActive={false} />
          <Bar yAxisId="money" dataKey="projectedRest" name="Rest of the quarter at this pace" fill="#ffffff" stroke="#2563eb" strokeDasharray="4 3" stackId="won" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="winRate" name="Win rate" stroke="#059669" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="winRateToDate" name="Win rate so far" stroke="#059669" strokeWidth={2} strokeDasharray="4 3" connectNulls isAnimationActive={false} legendType="none" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
