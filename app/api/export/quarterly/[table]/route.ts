// CSV export of one quarterly dashboard table, with the same quarter, team and permission checks as the page.
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadQuarterlyDashboard, resolveQuarterlyRequest } from "@/lib/data/quarterly";
import { isQuarterlyTable, quarterlyTableCsv } from "@/lib/data/quarterly-export";
import { readOnly } from "@/lib/data/read-replica";
import { audit } from "@/lib/audit";

export const dynamic = "force-dynamic";

const text = (status: number, message: string) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return text(401, "Sign in to export.");
  if (actor.role === "REP") {
    await audit({ action: "authz.denied", actorId: actor.id, details: { action: "quarterly.export", reason: "role" } });
    return text(403, "The quarterly review is for managers and executives.");
  }
  const { table } = await params;
  if (!isQuarterlyTable(table)) return text(404, "There is no such table on the quarterly dashboard.");
  const url = new URL(request.url);
  const org = await loadOrganisation();
  const today = todayIn(org);
  const resolved = await resolveQuarterlyRequest(actor, { q: url.searchParams.get("q"), team: url.searchParams.get("team") }, org, today);
  if (!resolved.ok) return text(400, resolved.message);
  const dashboard = await readOnly(actor, () => loadQuarterlyDashboard(actor, { quarter: resolved.period, scope: resolved.scope }, org, today));
  const scope = resolved.scope.kind === "TEAM" ? resolved.scope.teamName : "organisation";
  return csvResponse(quarterlyTableCsv(dashboard, table), `quarterly-${table}-${resolved.period.label}-${scope}.csv`);
}
