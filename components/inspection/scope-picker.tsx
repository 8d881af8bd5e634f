// Picks the team (and optionally one rep) to inspect: a GET form, so the view is a shareable URL.
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function ScopePicker({ teams, teamId, reps, repId, allTeams }: { teams: { id: string; name: string }[]; teamId: string; reps: { id: string; name: string }[]; repId: string | null; allTeams?: string }) {
  return (
    <form method="get" action="/inspection" className="flex flex-wrap items-end gap-3" aria-label="Choose what to inspect">
      <div>
        <label htmlFor="scope-team" className="block text-xs font-medium text-slate-600">Team</label>
        <select id="scope-team" name="team" defaultValue={teamId} className={inputClass}>
          {allTeams && <option value={allTeams}>All teams</option>}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="scope-rep" className="block text-xs font-medium text-slate-600">Rep</label>
        <select id="scope-rep" name="rep" defaultValue={repId ?? ""} className={inputClass}>
          <option value="">{teamId === allTeams ? "Every rep" : "Whole team"}</option>
          {reps.map((r) => (
            <option key={r.id} value={r.id}>{r.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>Show</button>
    </form>
  );
}
