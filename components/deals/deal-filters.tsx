// The deal list's filters as a plain GET form: shareable URLs, works without JavaScript.
import Link from "next/link";
import type { DealFilters as Filters } from "@/lib/data/deals";
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export function DealFilters({ filters, stages, owners }: { filters: Filters; stages: { id: string; name: string }[]; owners: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/deals" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" aria-label="Filter deals">
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <div>
        <label htmlFor="filter-q" className="block text-xs font-medium text-slate-600">Search</label>
        <input id="filter-q" name="q" defaultValue={filters.q ?? ""} placeholder="Deal or account" className={inputClass} maxLength={100} />
      </div>
      <div>
        <label htmlFor="filter-status" className="block text-xs font-medium text-slate-600">Status</label>
        <select id="filter-status" name="status" defaultValue={filters.status.toLowerCase()} className={inputClass}>
          <option value="open">Open</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-flag" className="block text-xs font-medium text-slate-600">Flag</label>
        <select id="filter-flag" name="flag" defaultValue={filters.flag ?? ""} className={inputClass}>
          <option value="">Any</option>
          <option value="stale">Stale</option>
          <option value="no_next_step">No next step</option>
          <option value="overdue">Overdue next step</option>
          <option value="paused">Paused</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-stage" className="block text-xs font-medium text-slate-600">Stage</label>
        <select id="filter-stage" name="stage" defaultValue={filters.stageId ?? ""} className={inputClass}>
          <option value="">Any</option>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </div>
      {owners.length > 0 && (
        <div>
          <label htmlFor="filter-owner" className="block text-xs font-medium text-slate-600">Owner</label>
          <select id="filter-owner" name="owner" defaultValue={filters.ownerId ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className={buttonClass("secondary")}>Apply</button>
      <Link href="/deals" className="text-sm text-slate-600 hover:underline">Clear</Link>
    </form>
  );
}
