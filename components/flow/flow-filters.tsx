// The window and scope picker of /flow: a plain GET form (works without JavaScript, keeps the URL shareable).
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export function FlowFiltersForm({
  preset,
  from,
  to,
  teams,
  selectedTeam,
  canSeeOrganisation,
  showTeams,
}: {
  preset: string;
  from: string;
  to: string;
  teams: { id: string; name: string }[];
  selectedTeam: string | null;
  canSeeOrganisation: boolean;
  showTeams: boolean;
}) {
  return (
    <form method="get" action="/flow" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Window and team">
      <div>
        <label htmlFor="flow-preset" className="block text-sm font-medium text-slate-700">
          Window
        </label>
        <select id="flow-preset" name="preset" defaultValue={preset} className={inputClass}>
          <option value="week">This week</option>
          <option value="month">This month</option>
          <option value="quarter">This quarter</option>
          <option value="custom">Custom dates</option>
        </select>
      </div>
      <div>
        <label htmlFor="flow-from" className="block text-sm font-medium text-slate-700">
          From (custom)
        </label>
        <input id="flow-from" name="from" type="date" defaultValue={from} min="1900-01-01" max="2200-12-31" className={inputClass} />
      </div>
      <div>
        <label htmlFor="flow-to" className="block text-sm font-medium text-slate-700">
          To (custom)
        </label>
        <input id="flow-to" name="to" type="date" defaultValue={to} min="1900-01-01" max="2200-12-31" className={inputClass} />
      </div>
      {showTeams && (
        <div>
          <label htmlFor="flow-team" className="block text-sm font-medium text-slate-700">
            Team
          </label>
          <select id="flow-team" name="team" defaultValue={selectedTeam ?? ""} className={inputClass}>
            {canSeeOrganisation && <option value="">Whole organisation</option>}
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className={buttonClass("secondary")}>
        Show
      </button>
    </form>
  );
}
