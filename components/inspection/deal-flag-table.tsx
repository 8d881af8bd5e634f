"use client";
// A list of flagged deals on the inspection page with both clocks and the push count. A client component on purpose:
// its props are one compact, pre-formatted row per deal, so the page's RSC payload carries the data once instead of
// a serialized element tree per cell (a 12-rep team's page was over 1 MB). Styling is `.data-table` in globals.css.
import Link from "next/link";
import { FlagBadges } from "@/components/deals/flag-badges";

/** One row as shown, formatted on the server (money in the organisation's currency, dates as people read them). */
export interface FlagRow {
  id: string;
  name: string;
  account: string | null;
  owner: string;
  stage: string;
  amount: string;
  close: string;
  nextStep: string | null;
  nextStepDate: string | null;
  moved: number;
  threshold: number;
  touched: number;
  pushes: number;
  flags: string[];
  /** "until 1 Dec 2026 — reason", for the paused list. */
  pause: string | null;
}

export function DealFlagTable({ rows, label, showPause = false, empty }: { rows: FlagRow[]; label: string; showPause?: boolean; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Owner</th>
            <th scope="col">Stage</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Close</th>
            <th scope="col">Next step</th>
            <th scope="col" className="num">Days since movement</th>
            <th scope="col" className="num">Days since touch</th>
            <th scope="col" className="num">Pushes</th>
            <th scope="col">{showPause ? "Paused" : "Flags"}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-testid="inspected-deal">
              <td>
                <Link href={`/deals/${d.id}`} prefetch={false} className="link font-medium">{d.name}</Link>
                {d.account && <span className="sub">{d.account}</span>}
              </td>
              <td>{d.owner}</td>
              <td>{d.stage}</td>
              <td className="num">{d.amount}</td>
              <td className="whitespace-nowrap">{d.close}</td>
              <td>
                {d.nextStep ?? <span className="muted">None</span>}
                {d.nextStepDate && <span className="sub">{d.nextStepDate}</span>}
              </td>
              <td className="num" data-testid="days-since-movement">
                {d.moved} <span className="muted text-xs">/ {d.threshold}</span>
              </td>
              <td className="num">{d.touched}</td>
              <td className="num">{d.pushes}</td>
              <td>{showPause ? d.pause : <FlagBadges flags={d.flags} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
