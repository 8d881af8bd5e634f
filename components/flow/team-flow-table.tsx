// The flow with a row per team (executives and admins): start, in, out and end of each team's pipeline.
import Link from "next/link";
import { formatMoney } from "@/lib/format";
import { totalIn, totalOut } from "@/lib/domain/flow";
import type { TeamFlow } from "@/lib/data/flow";
import { flowHref, type FlowFilters } from "./links";

const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
const td = "px-2 py-1.5 text-sm tabular-nums text-right";

export function TeamFlowTable({ teams, currency, filters }: { teams: TeamFlow[]; currency: string; filters: FlowFilters }) {
  const money = (v: bigint) => formatMoney(v, currency, { cents: true });
  return (
    <div className="overflow-x-auto">
      <table className="w-full divide-y divide-slate-200" aria-label="Pipeline flow per team">
        <thead>
          <tr>
            <th scope="col" className={th}>
              Team
            </th>
            {["Start", "In", "Out", "End"].map((h) => (
              <th key={h} scope="col" className={`${th} text-right`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {teams.map((t) => {
            const team = t.teamId ?? undefined;
            return (
              <tr key={t.teamId ?? "none"} data-testid="flow-team-row">
                <th scope="row" className="px-2 py-1.5 text-left text-sm font-medium">
                  {t.teamId ? (
                    <Link href={flowHref(filters, { team: t.teamId })} className="underline decoration-dotted underline-offset-2">
                      {t.name}
                    </Link>
                  ) : (
                    t.name
                  )}
                </th>
                <td className={td}>{team ? <Link href={flowHref(filters, { team, bar: "start" })}>{money(t.flow.start.amountMinor)}</Link> : money(t.flow.start.amountMinor)}</td>
                <td className={`${td} text-emerald-700`}>+{money(totalIn(t.flow))}</td>
                <td className={`${td} text-red-700`}>−{money(totalOut(t.flow))}</td>
                <td className={td}>{team ? <Link href={flowHref(filters, { team, bar: "end" })}>{money(t.flow.end.amountMinor)}</Link> : money(t.flow.end.amountMinor)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
