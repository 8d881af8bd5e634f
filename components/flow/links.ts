// The /flow URLs: the same window and scope with another bar, team or window.
export interface FlowFilters {
  preset: string;
  from: string | null;
  to: string | null;
  team: string | null;
}

export function flowHref(filters: FlowFilters, extra: { bar?: string; team?: string | null } = {}): string {
  const p = new URLSearchParams();
  p.set("preset", filters.preset);
  if (filters.preset === "custom") {
    if (filters.from) p.set("from", filters.from);
    if (filters.to) p.set("to", filters.to);
  }
  const team = extra.team !== undefined ? extra.team : filters.team;
  if (team) p.set("team", team);
  if (extra.bar) p.set("bar", extra.bar);
  return `/flow?${p.toString()}${extra.bar ? "#deals" : ""}`;
}
