// CSV of the deals the user may read, for the filters in the query string (owner, team, status, from, to).
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse, toCsv } from "@/lib/csv";
import { DEAL_EXPORT_COLUMNS, exportDeals, parseExportFilters } from "@/lib/data/export";

export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Sign in to export." }, { status: 401 });
  const rows = await exportDeals(actor, parseExportFilters(new URL(request.url).searchParams));
  return csvResponse(toCsv(rows, DEAL_EXPORT_COLUMNS), "cadence-deals.csv");
}
