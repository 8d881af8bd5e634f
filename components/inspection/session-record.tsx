// A recorded inspection, read-only: decided, not discussed and skipped deals apart, and its action items.
import Link from "next/link";
import type { SessionRecord } from "@/lib/data/inspection-sessions";
import { formatDate } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TRIAGE_FLAG_LABELS } from "@/components/inspection/flag-chips";
import { DECISION_LABELS } from "@/lib/domain/inspection-decisions";

const STATUS_LABELS: Record<string, string> = { OPEN: "Open", DONE: "Done", CANCELLED: "Cancelled" };

type Row = SessionRecord["dispositions"][number];

function DispositionTable({ rows, label, testId }: { rows: Row[]; label: string; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Owner</th>
            <th scope="col">Flagged as</th>
            <th scope="col">Decision</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.dealId} data-testid={testId}>
              <td className="min-w-48 wrap-anywhere"><Link href={`/deals/${d.dealId}`} prefetch={false} className="link">{d.dealName}</Link></td>
              <td>{d.ownerName}</td>
              <td>{d.flags.map((f) => TRIAGE_FLAG_LABELS[f] ?? f).join(", ") || "—"}</td>
              <td><Badge tone="info">{DECISION_LABELS[d.disposition as keyof typeof DECISION_LABELS] ?? d.disposition}</Badge></td>
              <td className="min-w-48 wrap-anywhere">{d.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SessionRecordView({ session }: { session: SessionRecord }) {
  const notDiscussed = session.dispositions.filter((d) => d.disposition === "NOT_DISCUSSED");
  const skipped = session.dispositions.filter((d) => d.disposition === "SKIPPED");
  const decided = session.dispositions.filter((d) => d.disposition !== "NOT_DISCUSSED" && d.disposition !== "SKIPPED");
  return (
    <div className="space-y-6">
      <Card title={`Decided (${decided.length})`}>
        {decided.length === 0 ? <p className="text-sm text-slate-600">No decisions recorded.</p> : <DispositionTable rows={decided} label="Decisions" testId="disposition-row" />}
      </Card>
      {(notDiscussed.length > 0 || session.completedAt) && (
        <Card title={`Not discussed (${notDiscussed.length})`} description="The next inspection of this team opens with these.">
          {notDiscussed.length === 0 ? <p className="text-sm text-slate-600">None.</p> : <DispositionTable rows={notDiscussed} label="Not discussed" testId="not-discussed-row" />}
        </Card>
      )}
      {(skipped.length > 0 || session.completedAt) && (
        <Card title={`Skipped (${skipped.length})`}>
          {skipped.length === 0 ? <p className="text-sm text-slate-600">None.</p> : <DispositionTable rows={skipped} label="Skipped" testId="skipped-row" />}
        </Card>
      )}
      <Card title={`Action items (${session.actionItems.length})`}>
        {session.actionItems.length === 0 ? (
          <p className="text-sm text-slate-600">No action items.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Action items of this inspection">
            {session.actionItems.map((a) => (
              <li key={a.id} className="py-2 wrap-anywhere" data-testid="session-action-item">
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
