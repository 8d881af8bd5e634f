"use client";
// The dashboard's charts, loaded only in the browser and only when the page needs them (recharts is large).
import dynamic from "next/dynamic";

const placeholder = () => <div className="h-56 w-full animate-pulse rounded bg-slate-100" aria-hidden="true" />;

export const LazyTrendChart = dynamic(() => import("./trend-chart"), { ssr: false, loading: placeholder });
export const LazyConversionChart = dynamic(() => import("./conversion-chart"), { ssr: false, loading: placeholder });
