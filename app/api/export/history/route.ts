// CSV of the change history of the deals the user may read (owner, team, status; from/to on the change's day).
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse, toCsv } from "@/lib/csv";
import { badRequest } from "@/lib/http/search-params";
import { getOrganisation } from "@/lib/data/organisation";
import { HISTORY_EXPORT_COLUMNS, exportHistory } from "@/lib/data/export";
import { readExportFilters } from "@/lib/data/export-filters";
import { readOnly } from "@/lib/data/read-replica";

export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Sign in to export." }, { status: 401 });
  const filters = readExportFilters(new URL(request.url).searchParams);
  if (!filters.ok) return badRequest(filters.message);
  const org = await getOrganisation();
  const rows = await readOnly(actor, () => exportHistory(actor, filters.value, org.timeZone));
  return csvResponse(toCsv(rows, HISTORY_EXPORT_COLUMNS), "cadence-deal-history.csv");
}
