// CSV of the activities the user may read, for the filters in the query string (owner, team, from, to).
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse, toCsv } from "@/lib/csv";
import { badRequest } from "@/lib/http/search-params";
import { ACTIVITY_EXPORT_COLUMNS, exportActivities } from "@/lib/data/export";
import { readExportFilters } from "@/lib/data/export-filters";
import { readOnly } from "@/lib/data/read-replica";

export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Sign in to export." }, { status: 401 });
  const filters = readExportFilters(new URL(request.url).searchParams);
  if (!filters.ok) return badRequest(filters.message);
  const rows = await readOnly(actor, () => exportActivities(actor, filters.value));
  return csvResponse(toCsv(rows, ACTIVITY_EXPORT_COLUMNS), "cadence-activities.csv");
}
