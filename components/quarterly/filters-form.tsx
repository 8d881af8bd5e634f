// The quarter and team picker: a plain GET form, so it works without JavaScript and keeps the URL shareable.
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export function QuarterlyFiltersForm({
  action = "/quarterly",
  quarters,
  selectedQuarter,
  teams,
  selectedTeam,
  canSeeOrganisation,
}: {
  action?: string;
  quarters: string[];
  selectedQuarter: string;
  teams: { id: string; name: string }[];
  selectedTeam: string | null;
  canSeeOrganisation: boolean;
}) {
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-wrap items-end gap-3" aria-label="Quarter and team">
      <div>
        <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
          Quarter
        </label>
        <select id="filter-q" name="q" defaultValue={selectedQuarter} className={inputClass}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-team" className="block text-sm font-medium text-slate-700">
          Team
        </label>
        <select id="filter-team" name="team" defaultValue={selectedTeam ?? ""} className={inputClass}>
          {canSeeOrganisation && <option value="">Whole organisation</option>}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show
      </button>
    </form>
  );
}
