// BAT trend charts (lazy recharts) with the same figures in a table, for one rep or the team.
import { LazyTrendChart } from "@/components/charts/lazy-line-chart";
import type { BatPoint } from "@/lib/domain/coaching";
import { formatDate } from "@/lib/format";
import { BAT_DIMENSIONS, BAT_KEYS, BAT_LABELS, type BatDimensionKind } from "@/lib/domain/coaching-vocabulary";

const BAT_COLORS: Record<BatDimensionKind, string> = { BEHAVIOR: "#2563eb", TECHNIQUE: "#d97706", ATTITUDE: "#16a34a" };
/** The chart's series and its table's columns, in the vocabulary's one B/T/A order. */
export const BAT_SERIES = BAT_DIMENSIONS.map((d) => ({ key: BAT_KEYS[d], label: BAT_LABELS[d], color: BAT_COLORS[d] }));

export function BatTrend({ label, points }: { label: string; points: { label: string; behavior: number | null; technique: number | null; attitude: number | null }[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No rated sessions yet.</p>;
  return <LazyTrendChart label={label} data={points} xKey="label" series={BAT_SERIES} yDomain={[0, 5]} height={200} />;
}

export function repBatPoints(points: readonly BatPoint[]) {
  return points.map((p) => ({ label: formatDate(p.heldOn), behavior: p.behavior, technique: p.technique, attitude: p.attitude }));
}
