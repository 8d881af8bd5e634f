// BAT trend charts (lazy recharts) with the same figures in a table, for one rep or the team.
import { LazyTrendChart } from "@/components/charts/lazy-line-chart";
import type { BatPoint } from "@/lib/domain/coaching";
import { formatDate } from "@/lib/format";

export const BAT_SERIES = [
  { key: "behavior", label: "Behavior", color: "#2563eb" },
  { key: "attitude", label: "Attitude", color: "#16a34a" },
  { key: "technique", label: "Technique", color: "#d97706" },
];

export function BatTrend({ label, points }: { label: string; points: { label: string; behavior: number | null; technique: number | null; attitude: number | null }[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No rated sessions yet.</p>;
  return <LazyTrendChart label={label} data={points} xKey="label" series={BAT_SERIES} yDomain={[0, 5]} height={200} />;
}

export function repBatPoints(points: readonly BatPoint[]) {
  return points.map((p) => ({ label: formatDate(p.heldOn), behavior: p.behavior, technique: p.technique, attitude: p.attitude }));
}
