// The scan-friendly deal list: one row per deal with its clocks and flags, sortable by column headers (links).
import Link from "next/link";
import type { DealListRow, DealSort } from "@/lib/data/deals";
import { formatDate, formatMoney } from "@/lib/format";
import { FlagBadges } from "@/components/deals/flag-badges";
import { NextStepInline } from "@/components/deals/next-step-inline";

interface Props {
  rows: DealListRow[];
  currency: string;
  today: string;
  showOwner: boolean;
  canEdit: boolean;
  sort: DealSort;
  dir: "asc" | "desc";
  /** The current query string without sort/dir, for the header links. */
  baseQuery: string;
}

function SortHeader({ label, col, sort, dir, baseQuery, numeric }: { label: string; col: DealSort; sort: DealSort; dir: "asc" | "desc"; baseQuery: string; numeric?: boolean }) {
  const active = sort === col;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  const href = `/deals?${baseQuery ? `${baseQuery}&` : ""}sort=${col}&dir=${nextDir}`;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined} className={`px-3 py-2 font-medium ${numeric ? "text-right" : "text-left"}`}>
      <Link href={href} className="hover:underline">
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export function DealTable({ rows, currency, today, showOwner, canEdit, sort, dir, baseQuery }: Props) {
  const h = { sort, dir, baseQuery };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <SortHeader label="Deal" col="name" {...h} />
            {showOwner && <th scope="col" className="px-3 py-2 text-left font-medium">Owner</th>}
            <SortHeader label="Stage" col="stage" {...h} />
            <SortHeader label="Amount" col="amount" numeric {...h} />
            <SortHeader label="Close date" col="closeDate" {...h} />
            <SortHeader label="Next step" col="nextStepDate" {...h} />
            <SortHeader label="Days since movement" col="moved" numeric {...h} />
            <SortHeader label="Days since touch" col="touched" numeric {...h} />
            <th scope="col" className="px-3 py-2 text-left font-medium">Flags</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((d) => (
            <tr key={d.id} data-testid="deal-row" data-deal-id={d.id} className="align-top">
              <td className="min-w-48 px-3 py-2 wrap-anywhere">
                <Link href={`/deals/${d.id}`} className="font-medium text-brand-700 hover:underline">
                  {d.name}
                </Link>
                {d.accountName && <div className="text-xs text-slate-500">{d.accountName}</div>}
              </td>
              {showOwner && <td className="px-3 py-2">{d.ownerName}</td>}
              <td className="px-3 py-2">{d.stageName}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(BigInt(d.amountMinor), currency)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDate(d.closeDate)}</td>
              <td className="px-3 py-2 max-w-xs">
                {d.nextStep ? <div>{d.nextStep}</div> : <div className="text-slate-400">None</div>}
                <div className="text-xs text-slate-500">{d.nextStepDate ? formatDate(d.nextStepDate) : "no date"}</div>
                {canEdit && <NextStepInline dealId={d.id} dealName={d.name} version={d.version} nextStep={d.nextStep} nextStepDate={d.nextStepDate} today={today} />}
              </td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="days-since-movement">{d.daysSinceMovement}</td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="days-since-touch">{d.daysSinceTouch}</td>
              <td className="px-3 py-2" data-testid="deal-flags">
                <FlagBadges flags={d.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
