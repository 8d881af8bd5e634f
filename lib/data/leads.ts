// Scoped reads of leads: the caller's (or their teams') recent leads with their status, and this month's ICP-qualified
// count (converted and disqualified leads included: docs/decisions/0023-lead-lifecycle.md).
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerScope, type Actor } from "@/lib/auth/permissions";
import { dateOnly, periodContaining, toDbDate, type IsoDate } from "@/lib/domain/calendar";

export async function listLeads(actor: Actor, today: IsoDate, db = prisma) {
  const month = periodContaining(today, "MONTH");
  const scope = ownerScope(actor) as Prisma.LeadWhereInput;
  const [rows, qualifiedThisMonth, totalThisMonth] = await Promise.all([
    db.lead.findMany({
      where: scope,
      orderBy: [{ createdOn: "desc" }, { createdAt: "desc" }],
      take: 200,
      select: {
        id: true,
        name: true,
        company: true,
        email: true,
        source: true,
        icpQualified: true,
        createdOn: true,
        status: true,
        version: true,
        disqualifiedReason: true,
        convertedDealId: true,
        owner: { select: { name: true } },
      },
    }),
    db.lead.count({ where: { AND: [scope, { icpQualified: true, createdOn: { gte: toDbDate(month.start), lte: toDbDate(month.end) } }] } }),
    db.lead.count({ where: { AND: [scope, { createdOn: { gte: toDbDate(month.start), lte: toDbDate(month.end) } }] } }),
  ]);
  return {
    month,
    qualifiedThisMonth,
    totalThisMonth,
    rows: rows.map((l) => ({
      id: l.id,
      name: l.name,
      company: l.company,
      email: l.email,
      source: l.source,
      icpQualified: l.icpQualified,
      createdOn: dateOnly(l.createdOn),
      ownerName: l.owner.name,
      status: l.status,
      version: l.version,
      disqualifiedReason: l.disqualifiedReason,
      convertedDealId: l.convertedDealId,
    })),
  };
}
