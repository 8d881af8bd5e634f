// This week's rituals per team: each one's day and state (done, due, missed, planned, open) and the link that does it.
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RhythmTeamWeek } from "@/lib/data/rhythm";
import { RITUAL_VOCABULARY, WEEKDAYS, type RitualState } from "@/lib/domain/rhythm";
import { formatDate } from "@/lib/format";

const STATE: Record<RitualState, { label: string; tone: BadgeTone }> = {
  done: { label: "Done", tone: "good" },
  due: { label: "Due today", tone: "warn" },
  missed: { label: "Missed", tone: "bad" },
  planned: { label: "Planned", tone: "neutral" },
  open: { label: "Open", tone: "info" },
};

function actionLabel(ritual: keyof typeof RITUAL_VOCABULARY, done: boolean): string {
  if (ritual === "align") return done ? "Open the inspection" : "Run the inspection";
  if (ritual === "coach") return done ? "Open the session" : "Coach a rep";
  return `Go to ${RITUAL_VOCABULARY[ritual].path.slice(1)}`;
}

export function ThisWeek({ teams, compact = false }: { teams: RhythmTeamWeek[]; compact?: boolean }) {
  return (
    <div className="space-y-4">
      {teams.map((team) => (
        <div key={team.teamId} className="min-w-0">
          {teams.length > 1 || !compact ? <h3 className="mb-1 text-sm font-semibold text-slate-700">{team.teamName}</h3> : null}
          {team.rituals.length === 0 ? (
            <p className="text-sm text-slate-600">No ritual planned for this team.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label={`This week — ${team.teamName}`}>
              {team.rituals.map((r) => (
                <li key={r.id} className="flex min-w-0 flex-wrap items-center justify-between gap-2 py-2" data-testid="this-week-ritual" data-ritual={r.ritual} data-state={r.state}>
                  <span className="min-w-0 break-words">
                    <span className="font-medium">{RITUAL_VOCABULARY[r.ritual].label}</span>
                    <span className="text-slate-600"> · {WEEKDAYS[r.weekday - 1]} {formatDate(r.day)}</span>
                    {r.doneOn && <span className="text-slate-600"> · done {formatDate(r.doneOn)}</span>}
                  </span>
                  <span className="flex items-center gap-2">
                    <Badge tone={STATE[r.state].tone}>{STATE[r.state].label}</Badge>
                    <Link href={r.href} className="link">{actionLabel(r.ritual, r.state === "done")}</Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
