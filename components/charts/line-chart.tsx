"use client";
// A recharts line chart for trends (BAT ratings, KPIs). Loaded lazily through ./lazy-line-chart so recharts stays out of
// the first page load. Data arrive as plain numbers (never bigint) from the server.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

export interface TrendChartProps {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: TrendSeries[];
  yDomain?: [number | "auto", number | "auto"];
  unit?: string;
  height?: number;
}

export default function TrendLineChart({ data, xKey, series, yDomain, unit, height = 220 }: TrendChartProps) {
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={200} minHeight={120}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
          <YAxis domain={yDomain ?? ["auto", "auto"]} tick={{ fontSize: 12 }} unit={unit} allowDecimals width={56} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
