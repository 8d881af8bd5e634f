// A deal's full change history: who changed which field when, from what to what, in people's words.
import type { ChangeView } from "@/lib/data/deals-history";
import { formatInstant } from "@/lib/format";

export function DealHistory({ history, timeZone }: { history: ChangeView[]; timeZone: string }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">No changes recorded yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" aria-label="Change history">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">When</th>
            <th scope="col" className="py-1 pr-3">Who</th>
            <th scope="col" className="py-1 pr-3">Field</th>
            <th scope="col" className="py-1 pr-3">From</th>
            <th scope="col" className="py-1 pr-3">To</th>
            <th scope="col" className="py-1">Reason</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {history.map((h, i) => (
            <tr key={i} data-testid="history-row">
              <td className="py-1 pr-3 whitespace-nowrap text-slate-600">{formatInstant(h.at, timeZone)}</td>
              <td className="py-1 pr-3">{h.by}</td>
              <td className="py-1 pr-3 font-medium">{h.fieldLabel}</td>
              <td className="min-w-32 py-1 pr-3 wrap-anywhere">{h.from}</td>
              <td className="min-w-32 py-1 pr-3 wrap-anywhere">{h.to}</td>
              <td className="min-w-32 py-1 text-slate-600 wrap-anywhere">{h.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
