// URLs of the quarterly review (dashboard, drill-down, export) carrying the same quarter and team filters.

export interface QuarterlyFilters {
  /** The quarter's label, e.g. "FY2026 Q3". */
  q: string;
  /** The team id, or null for the organisation. */
  team: string | null;
}

function query(filters: QuarterlyFilters, extra: Record<string, string | null | undefined> = {}) {
  const p = new URLSearchParams();
  p.set("q", filters.q);
  if (filters.team) p.set("team", filters.team);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p.toString();
}

export const dashboardHref = (f: QuarterlyFilters, show?: string | null) => `/quarterly?${query(f, { show })}${show ? `#${show}` : ""}`;
export const drillHref = (f: QuarterlyFilters, metric: string, extra: Record<string, string | null | undefined> = {}) =>
  `/quarterly/drill?${query(f, { metric, ...extra })}`;
export const exportHref = (f: QuarterlyFilters, table: string) => `/api/export/quarterly/${table}?${query(f)}`;
export const packHref = (f: QuarterlyFilters) => `/quarterly/pack?${query(f)}`;
