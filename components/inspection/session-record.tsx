// A recorded inspection, read-only: its dispositions and action items.
import Link from "next/link";
import type { SessionRecord } from "@/lib/data/inspection-sessions";
import { formatDate } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { FLAG_LABELS } from "@/components/deals/flag-badges";

const DISPOSITION_LABELS: Record<string, string> = { COMMIT: "Commit", KEEP: "Keep", PUSH: "Push", CLOSE_OUT: "Close out" };
const STATUS_LABELS: Record<string, string> = { OPEN: "Open", DONE: "Done", CANCELLED: "Cancelled" };

export function SessionRecordView({ session }: { session: SessionRecord }) {
  return (
    <div className="space-y-6">
      <Card title={`Dispositions (${session.dispositions.length})`}>
        {session.dispositions.length === 0 ? (
          <p className="text-sm text-slate-600">No dispositions recorded.</p>
        ) : (
          <table className="min-w-full text-sm" aria-label="Dispositions">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Deal</th>
                <th scope="col" className="py-1 pr-3">Owner</th>
                <th scope="col" className="py-1 pr-3">Flagged as</th>
                <th scope="col" className="py-1 pr-3">Disposition</th>
                <th scope="col" className="py-1">Note</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {session.dispositions.map((d) => (
                <tr key={d.dealId} data-testid="disposition-row">
                  <td className="py-1 pr-3"><Link href={`/deals/${d.dealId}`} className="text-brand-700 hover:underline">{d.dealName}</Link></td>
                  <td className="py-1 pr-3">{d.ownerName}</td>
                  <td className="py-1 pr-3">{d.flags.map((f) => FLAG_LABELS[f] ?? f).join(", ") || "—"}</td>
                  <td className="py-1 pr-3"><Badge tone="info">{DISPOSITION_LABELS[d.disposition] ?? d.disposition}</Badge></td>
                  <td className="py-1">{d.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={`Action items (${session.actionItems.length})`}>
        {session.actionItems.length === 0 ? (
          <p className="text-sm text-slate-600">No action items.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Action items of this inspection">
            {session.actionItems.map((a) => (
              <li key={a.id} className="py-2" data-testid="session-action-item">
                <span className="font-medium">{a.description}</span> — {a.ownerName}, due {formatDate(a.dueDate)}
                {a.dealId && <> · <Link href={`/deals/${a.dealId}`} className="text-brand-700 hover:underline">{a.dealName}</Link></>} <Badge tone={a.status === "OPEN" ? "warn" : "good"}>{STATUS_LABELS[a.status] ?? a.status}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {session.notes && (
        <Card title="Notes">
          <p className="whitespace-pre-wrap text-sm">{session.notes}</p>
        </Card>
      )}
    </div>
  );
}
