// CSV of the audit log for the admin's filters. Only admins; a refusal is itself audited.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { canAdminister } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit";
import { csvResponse, toCsv } from "@/lib/csv";
import { badRequest } from "@/lib/http/search-params";
import { getOrganisation } from "@/lib/data/organisation";
import { exportAuditEntries, parseAuditFilters } from "@/lib/data/audit-log";

export async function GET(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ message: "Sign in to export." }, { status: 401 });
  if (!canAdminister(actor)) {
    await audit({ action: "authz.denied", actorId: actor.id, details: { action: "export.audit", reason: "role" } });
    return NextResponse.json({ message: "Only administrators can export the audit log." }, { status: 403 });
  }
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  if (!filters.ok) return badRequest(filters.message);
  const org = await getOrganisation();
  const rows = await exportAuditEntries(filters.value, org.timeZone);
  return csvResponse(
    toCsv(rows, [
      { header: "At", value: (e) => e.at.toISOString() },
      { header: "Action", value: (e) => e.action },
      { header: "Actor Email", value: (e) => e.actor?.email ?? e.actorEmail ?? "" },
      { header: "Actor Name", value: (e) => e.actor?.name ?? "" },
      { header: "Target Type", value: (e) => e.targetType ?? "" },
      { header: "Target Id", value: (e) => e.targetId ?? "" },
      { header: "IP", value: (e) => e.ip ?? "" },
      { header: "Details", value: (e) => (e.details ? JSON.stringify(e.details) : "") },
    ]),
    "cadence-audit-log.csv",
  );
}
