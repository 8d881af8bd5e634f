"use client";
// The waterfall, fetched only when it reaches the viewport (components/charts/lazy-chart.tsx): recharts is large.
import type { ComponentProps } from "react";
import { LazyChart } from "@/components/charts/lazy-chart";
import type WaterfallChart from "./waterfall-chart";

const loadWaterfall = () => import("./waterfall-chart");

export function LazyWaterfall(props: ComponentProps<typeof WaterfallChart>) {
  return <LazyChart load={loadWaterfall} height={props.height ?? 288} props={props} />;
}
