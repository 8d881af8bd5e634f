// A manager's weekly rhythm for one team: each ritual on its day, moved or removed in place, and the rituals to add.
import { AdminForm } from "@/components/admin/admin-form";
import { addRitual } from "@/lib/actions/rhythm/add-ritual";
import { moveRitual } from "@/lib/actions/rhythm/move-ritual";
import { removeRitual } from "@/lib/actions/rhythm/remove-ritual";
import type { RhythmTeamWeek } from "@/lib/data/rhythm";
import { RITUAL_VOCABULARY, RITUALS, WEEKDAYS } from "@/lib/domain/rhythm";

const DAY_OPTIONS = WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }));

export function RhythmEditor({ team, managerId, editable }: { team: RhythmTeamWeek; managerId: string; editable: boolean }) {
  const missing = RITUALS.filter((r) => !team.rituals.some((x) => x.ritual === r));
  const prefix = `rhythm-${team.teamId}`;
  return (
    <div className="space-y-3">
      {team.rituals.length === 0 ? (
        <p className="text-sm text-slate-600">No ritual yet for {team.teamName}.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={`Weekly rhythm — ${team.teamName}`}>
          {team.rituals.map((r) => (
            <li key={`${r.id}-${r.weekday}`} className="flex min-w-0 flex-wrap items-end justify-between gap-3 py-3" data-testid="rhythm-ritual" data-ritual={r.ritual}>
              <div className="min-w-0 max-w-md">
                <p className="font-medium">
                  {WEEKDAYS[r.weekday - 1]}: {RITUAL_VOCABULARY[r.ritual].label}
                </p>
                <p className="text-sm text-slate-600">{RITUAL_VOCABULARY[r.ritual].description}</p>
              </div>
              {editable && (
                <div className="flex flex-wrap items-end gap-3">
                  <AdminForm
                    action={moveRitual}
                    idPrefix={`${prefix}-${r.ritual}-move`}
                    layout="inline"
                    variant="secondary"
                    submitLabel="Move"
                    pendingLabel="Moving…"
                    fields={[
                      { type: "hidden", name: "ritualId", value: r.id },
                      { type: "hidden", name: "fromWeekday", value: String(r.weekday) },
                      { type: "select", name: "weekday", label: `Day for ${RITUAL_VOCABULARY[r.ritual].label}`, defaultValue: String(r.weekday), options: DAY_OPTIONS },
                    ]}
                  />
                  <AdminForm action={removeRitual} idPrefix={`${prefix}-${r.ritual}-remove`} layout="inline" variant="danger" submitLabel={`Remove ${RITUAL_VOCABULARY[r.ritual].label}`} pendingLabel="Removing…" fields={[{ type: "hidden", name: "ritualId", value: r.id }]} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && missing.length > 0 && (
        <div className="rounded-md bg-slate-50 p-3">
          <AdminForm
            key={missing.join()}
            action={addRitual}
            idPrefix={`${prefix}-add`}
            layout="inline"
            submitLabel="Add to the rhythm"
            pendingLabel="Adding…"
            fields={[
              { type: "hidden", name: "managerId", value: managerId },
              { type: "hidden", name: "teamId", value: team.teamId },
              { type: "select", name: "ritual", label: "Ritual to add", defaultValue: missing[0], options: missing.map((m) => ({ value: m, label: RITUAL_VOCABULARY[m].label })) },
              { type: "select", name: "weekday", label: "On", defaultValue: String(RITUAL_VOCABULARY[missing[0]].defaultWeekday), options: DAY_OPTIONS },
            ]}
          />
        </div>
      )}
    </div>
  );
}
