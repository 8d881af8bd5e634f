// The deal list's query string (status, owner, stage, flag, search, sort, order) read through the shared parser: a
// NUL, an overlong search or an unknown sort is refused with its message and the page says the filter is invalid.
import { z } from "zod";
import { SORTS, type DealFilters } from "@/lib/data/deals";
import { parseSearchParams, queryChoice, queryText, type SearchParamsInput, type SearchParamsResult } from "@/lib/http/search-params";

const dealFilterParams = z
  .object({
    status: queryChoice("status", ["OPEN", "WON", "LOST"], "OPEN"),
    owner: queryText("owner", 64),
    stage: queryText("stage", 64),
    flag: queryChoice("flag", ["stale", "no_next_step", "overdue", "paused"]),
    q: queryText("search", 100),
    sort: queryChoice("sort", SORTS),
    dir: queryChoice("order", ["asc", "desc"]),
  })
  .transform(
    (p): DealFilters => ({
      status: p.status ?? "OPEN",
      ownerId: p.owner,
      stageId: p.stage,
      flag: p.flag,
      q: p.q,
      sort: p.sort ?? "moved",
      // Without a choice, the clocks sort most days first (the deals that need attention), other columns ascending.
      dir: p.dir ?? (!p.sort || p.sort === "moved" || p.sort === "touched" ? "desc" : "asc"),
    }),
  );

export function readDealFilters(sp: SearchParamsInput): SearchParamsResult<DealFilters> {
  return parseSearchParams(dealFilterParams, sp);
}
