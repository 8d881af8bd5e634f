// A review's frozen figures, read from its JSON snapshot (never from live data).
import type { SnapshotView } from "@/lib/data/quarterly-reviews";
import { formatMoney, formatMultiple, formatNumber, formatPercent, NO_DATA } from "@/lib/format";

const money = (v: string | null | undefined, currency: string) => (v === null || v === undefined ? NO_DATA : formatMoney(BigInt(v), currency));
const signed = (r: number | null | undefined) => (r === null || r === undefined ? NO_DATA : `${r >= 0 ? "+" : ""}${(r * 100).toFixed(0)}%`);

/** The rows shown for one snapshot; the compare page puts two side by side. */
export function snapshotRows(s: SnapshotView): { label: string; value: string }[] {
  const c = s.currency ?? "USD";
  const cov = s.nextQuarter?.coverage;
  return [
    { label: "Closed-won revenue", value: money(s.current?.wonMinor, c) },
    { label: "Quota", value: money(s.quotaMinor, c) },
    { label: "Attainment", value: formatPercent(s.attainment) },
    { label: "Change vs prior quarter", value: signed(s.revenueChange) },
    { label: "Win rate (count)", value: formatPercent(s.current?.winRateByCount) },
    { label: "Win rate (value)", value: formatPercent(s.current?.winRateByValue) },
    { label: "Average deal size", value: money(s.current?.averageDealSizeMinor, c) },
    { label: "Sales cycle (days)", value: formatNumber(s.current?.cycleDays, 1) },
    { label: "Cycle vs same quarter last year", value: signed(s.cycleChange) },
    { label: "Coverage of next quarter", value: cov?.quotaMet ? "undefined (quota met)" : formatMultiple(cov?.ratio) },
    { label: "Coverage needed (1 ÷ win rate)", value: formatMultiple(cov?.neededRatio) },
    { label: "Pipeline velocity per day", value: formatMoney(s.current?.velocityPerDayMinor ?? null, c) },
    { label: "Forecast accuracy", value: formatPercent(s.forecast?.organisation?.accuracy ?? s.forecast?.teams?.[0]?.accuracy ?? null) },
    { label: "Methodology adoption", value: formatPercent(s.open?.adoption) },
    { label: "Revenue at risk (stale, weighted)", value: money(s.open?.staleWeightedMinor, c) },
    { label: "Constraint (dashboard)", value: s.constraint?.name ?? NO_DATA },
  ];
}

export function SnapshotTable({ snapshot }: { snapshot: SnapshotView }) {
  return (
    <table className="min-w-full divide-y divide-slate-200" data-testid="snapshot">
      <tbody className="divide-y divide-slate-100">
        {snapshotRows(snapshot).map((r) => (
          <tr key={r.label}>
            <th scope="row" className="px-3 py-2 text-left text-sm font-medium text-slate-700">
              {r.label}
            </th>
            <td className="px-3 py-2 text-sm tabular-nums">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
