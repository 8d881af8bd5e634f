"use client";
// The dashboard's charts, loaded only in the browser and only when they reach the viewport (recharts is large). Each
// slot has its chart's height (trend h-64, conversion h-56) so the page does not move when a chart arrives.
import type { ComponentProps } from "react";
import { LazyChart } from "@/components/charts/lazy-chart";
import type TrendChart from "./trend-chart";
import type ConversionChart from "./conversion-chart";

const loadTrendChart = () => import("./trend-chart");
const loadConversionChart = () => import("./conversion-chart");

export function LazyTrendChart(props: ComponentProps<typeof TrendChart>) {
  return <LazyChart load={loadTrendChart} height={256} props={props} />;
}

export function LazyConversionChart(props: ComponentProps<typeof ConversionChart>) {
  return <LazyChart load={loadConversionChart} height={224} props={props} />;
}
