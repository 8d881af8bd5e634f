// The query string of the CSV exports (deals, activities, history): owner, team, status, from, to. A bad value is
// refused with its message, which the route answers with 400 (lib/http/search-params.ts).
import { z } from "zod";
import type { ExportFilters } from "@/lib/data/export";
import { parseSearchParams, queryChoice, queryDate, queryText, type SearchParamsInput, type SearchParamsResult } from "@/lib/http/search-params";

const exportFilterParams = z
  .object({
    owner: queryText("owner", 64),
    team: queryText("team", 64),
    status: queryChoice("status", ["OPEN", "WON", "LOST"]),
    from: queryDate("from"),
    to: queryDate("to"),
  })
  .transform((p): ExportFilters => ({ ownerId: p.owner, teamId: p.team, status: p.status, from: p.from, to: p.to }));

export function readExportFilters(params: SearchParamsInput): SearchParamsResult<ExportFilters> {
  return parseSearchParams(exportFilterParams, params);
}
