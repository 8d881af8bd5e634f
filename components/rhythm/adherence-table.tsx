// Rhythm adherence per manager over a quarter; each figure links to the weeks or months behind it.
import Link from "next/link";
import type { RhythmAdherence } from "@/lib/data/rhythm";
import { formatPercent } from "@/lib/format";

export function AdherenceTable({ rows, quarter, label }: { rows: RhythmAdherence[]; quarter: string; label: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No manager leads a team yet.</p>;
  const href = (managerId: string, anchor: string) => `/rhythm?manager=${encodeURIComponent(managerId)}&q=${encodeURIComponent(quarter)}#${anchor}`;
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label={`Rhythm adherence, ${label}`}>
        <thead>
          <tr>
            <th scope="col">Manager</th>
            <th scope="col" className="num">Inspections on time</th>
            <th scope="col" className="num">Coaching held</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.managerId} data-testid="adherence-row">
              <td className="break-words">
                <Link href={href(r.managerId, "this-week")} className="link font-medium">{r.managerName}</Link>
              </td>
              <td className="num">
                <Link href={href(r.managerId, "inspection-weeks")} className="link" data-testid="adherence-inspections">
                  {r.weeksDue === 0 ? "no week due yet" : `${formatPercent(r.inspectionShare)} · ${r.inspectionsOnTime} of ${r.weeksDue} weeks`}
                </Link>
              </td>
              <td className="num">
                <Link href={href(r.managerId, "coaching-months")} className="link" data-testid="adherence-coaching">
                  {r.coachingDue === 0 ? "none due yet" : `${formatPercent(r.coachingShare)} · ${r.coachingHeld} of ${r.coachingDue}`}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
