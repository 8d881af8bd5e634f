"use client";
// Stage-to-stage conversion as bars, the constraint in red (recharts). Loaded lazily: see lazy-charts.tsx.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ConversionPoint {
  name: string;
  /** Conversion to the next step in percent; null when no deal reached the stage. */
  rate: number | null;
  constraint: boolean;
}

// Props that never change are module constants: recharts 3 copies props into its store, and a new object or function
// on every render makes it recompute the chart again.
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
const TICK = { fontSize: 12 };
const RATE_DOMAIN: [number, number] = [0, 100];
const formatRate = (v: number) => `${v}%`;
const formatTooltip = (v: unknown) => (v === null || v === undefined ? "no data" : `${Number(v).toFixed(0)}%`);

export default function ConversionChart({ data }: { data: ConversionPoint[] }) {
  return (
    <div className="h-56 w-full" role="img" aria-label="Conversion from each stage to the next">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="name" tick={TICK} />
          <YAxis domain={RATE_DOMAIN} tickFormatter={formatRate} tick={TICK} />
          <Tooltip formatter={formatTooltip} />
          <Bar dataKey="rate" name="Conversion" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.constraint ? "#dc2626" : "#2563eb"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
