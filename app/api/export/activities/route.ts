// CSV of the activities the user may read, for the filters in the query string (owner, team, from, to).
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse, toCsv } from "@/lib/csv";
import { ACTIVITY_EXPORT_COLUMNS, exportActivities, parseExportFilters } from "@/lib/data/export";

export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Sign in to export." }, { status: 401 });
  const rows = await exportActivities(actor, parseExportFilters(new URL(request.url).searchParams));
  return csvResponse(toCsv(rows, ACTIVITY_EXPORT_COLUMNS), "cadence-activities.csv");
}
