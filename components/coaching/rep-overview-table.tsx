// The manager's list of reps: this month's session state, last BAT ratings, and links to history, scorecard, session.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { RepOverviewRow } from "@/lib/data/coaching";
import { formatDate } from "@/lib/format";
import { BAT_DIMENSIONS, BAT_INITIALS, BAT_KEYS } from "@/lib/domain/coaching-vocabulary";

const DUE = { done: ["good", "Done this month"], due: ["warn", "Due this month"], overdue: ["bad", "Overdue"] } as const;

export function RepOverviewTable({ reps, canCoach }: { reps: RepOverviewRow[]; canCoach: boolean }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Reps and their monthly coaching</caption>
        <thead>
          <tr className="text-left text-xs uppercase text-slate-500">
            <th className="py-2 pr-3 font-medium">Rep</th>
            <th className="py-2 pr-3 font-medium">Team</th>
            <th className="py-2 pr-3 font-medium">This month</th>
            <th className="py-2 pr-3 font-medium">Last session</th>
            <th className="py-2 pr-3 font-medium">Last {BAT_INITIALS}</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reps.map((r) => {
            const last = r.bat[r.bat.length - 1];
            const [tone, label] = DUE[r.dueState];
            return (
              <tr key={r.id} className="border-t border-slate-100" data-testid={`rep-row-${r.id}`}>
                <td className="py-2 pr-3 font-medium">
                  <Link href={`/coaching/reps/${r.id}`} className="text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td className="py-2 pr-3">{r.teamName ?? "—"}</td>
                <td className="py-2 pr-3">
                  <Badge tone={tone}>{label}</Badge>
                </td>
                <td className="py-2 pr-3">{formatDate(r.lastSessionOn)}</td>
                <td className="py-2 pr-3 tabular-nums">{last ? BAT_DIMENSIONS.map((d) => last[BAT_KEYS[d]] ?? "–").join(" / ") : "—"}</td>
                <td className="py-2">
                  <div className="flex flex-wrap justify-end gap-2">
                    <Link href={`/coaching/scorecard/${r.id}`} className={buttonClass("ghost", "sm")} aria-label={`Scorecard of ${r.name}`}>
                      Scorecard
                    </Link>
                    {canCoach && (
                      <Link href={`/coaching/sessions/new?rep=${r.id}`} className={buttonClass("secondary", "sm")} aria-label={`Start a session with ${r.name}`}>
                        Start session
                      </Link>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
