"use client";
// The lazily loaded trend chart: recharts is fetched only when a chart is on the page. Others may import it read-only.
import dynamic from "next/dynamic";
import type { TrendChartProps } from "@/components/charts/line-chart";

const Chart = dynamic(() => import("@/components/charts/line-chart"), {
  ssr: false,
  loading: () => <div className="h-[220px] animate-pulse rounded bg-slate-100" aria-hidden="true" />,
});

/** A trend chart with an accessible name; the same figures are always shown in a table beside it. */
export function LazyTrendChart({ label, ...props }: TrendChartProps & { label: string }) {
  return (
    <figure aria-label={label} className="min-w-0">
      <Chart {...props} />
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

export type { TrendChartProps, TrendSeries } from "@/components/charts/line-chart";
