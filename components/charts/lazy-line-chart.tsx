"use client";
// The lazily loaded trend chart: recharts is fetched only when a chart reaches the viewport (or on the first scroll), see
// lazy-chart.tsx. Others may import it read-only.
import type { TrendChartProps } from "@/components/charts/line-chart";
import { LazyChart } from "@/components/charts/lazy-chart";

// line-chart.tsx's own default; repeated here because importing a value from it would pull recharts into this chunk.
const DEFAULT_HEIGHT = 220;

const loadLineChart = () => import("@/components/charts/line-chart");

/** A trend chart with an accessible name; the same figures are always shown in a table beside it. */
export function LazyTrendChart({ label, height = DEFAULT_HEIGHT, ...props }: TrendChartProps & { label: string }) {
  return (
    <figure aria-label={label} className="min-w-0">
      <LazyChart load={loadLineChart} height={height} props={{ ...props, height }} />
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

export type { TrendChartProps, TrendSeries } from "@/components/charts/line-chart";
