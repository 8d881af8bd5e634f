"use client";
// A recharts line chart for trends (BAT ratings, KPIs). Loaded lazily through ./lazy-line-chart so recharts stays out of
// the first page load. Data arrive as plain numbers (never bigint) from the server.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
  /** A period in progress (docs/decisions/0024): a dashed segment, or its figures so far as hollow points, kept out of the legend. */
  dashed?: boolean;
  pointsOnly?: boolean;
  hideInLegend?: boolean;
}

export interface TrendChartProps {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: TrendSeries[];
  yDomain?: [number | "auto", number | "auto"];
  unit?: string;
  height?: number;
}

// Props that never change are module constants: recharts 3 copies props into its store, and a new object on every
// render makes it recompute the chart again.
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
const TICK = { fontSize: 12 };
const AUTO_DOMAIN: [number | "auto", number | "auto"] = ["auto", "auto"];
const LEGEND_STYLE = { fontSize: 12 };
const DOT = { r: 3 };
const HOLLOW_DOT = { r: 4, fill: "#ffffff", strokeWidth: 2 };

export default function TrendLineChart({ data, xKey, series, yDomain, unit, height = 220 }: TrendChartProps) {
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={200} minHeight={120}>
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tick={TICK} />
          <YAxis domain={yDomain ?? AUTO_DOMAIN} tick={TICK} unit={unit} allowDecimals width={56} />
          <Tooltip />
          <Legend wrapperStyle={LEGEND_STYLE} />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={s.pointsOnly ? 0 : 2}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={s.pointsOnly ? HOLLOW_DOT : s.dashed ? false : DOT}
              legendType={s.hideInLegend ? "none" : "line"}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
