// Reading the audit log for admins: filters (action, actor, date range in the organisation's time zone) and pages.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, startOfLocalDay } from "@/lib/domain/calendar";
import { parseSearchParams, queryDate, queryPage, queryText, type SearchParamsInput, type SearchParamsResult } from "@/lib/http/search-params";
import { z } from "zod";

export interface AuditFilters {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

const auditFilterParams = z.object({
  action: queryText("action"),
  actor: queryText("actor"),
  from: queryDate("from"),
  to: queryDate("to"),
  page: queryPage(),
});

/** The audit log's query string (page and export); a bad value is refused with its message. */
export function parseAuditFilters(params: SearchParamsInput): SearchParamsResult<AuditFilters> {
  return parseSearchParams(auditFilterParams, params);
}

export function auditWhere(filters: AuditFilters, timeZone: string): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (filters.action) where.action = { startsWith: filters.action };
  if (filters.actor) {
    where.OR = [
      { actorEmail: { contains: filters.actor, mode: "insensitive" } },
      { actor: { is: { email: { contains: filters.actor, mode: "insensitive" } } } },
      { actor: { is: { name: { contains: filters.actor, mode: "insensitive" } } } },
    ];
  }
  if (filters.from || filters.to) {
    where.at = {
      ...(filters.from ? { gte: startOfLocalDay(filters.from, timeZone) } : {}),
      ...(filters.to ? { lt: startOfLocalDay(addDays(filters.to, 1), timeZone) } : {}),
    };
  }
  return where;
}

const SELECT = {
  id: true,
  at: true,
  action: true,
  actorEmail: true,
  targetType: true,
  targetId: true,
  ip: true,
  details: true,
  actor: { select: { name: true, email: true } },
} as const;

export async function listAuditEntries(filters: AuditFilters, timeZone: string) {
  const where = auditWhere(filters, timeZone);
  const [entries, total, actions] = await Promise.all([
    prisma.auditLog.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (filters.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select: SELECT }),
    prisma.auditLog.count({ where }),
    prisma.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  return { entries, total, actions: actions.map((a) => a.action) };
}

/** Every matching entry, newest first, for the CSV export (bounded so one request cannot exhaust memory). */
export async function exportAuditEntries(filters: AuditFilters, timeZone: string, limit = 100_000) {
  return prisma.auditLog.findMany({ where: auditWhere(filters, timeZone), orderBy: [{ at: "desc" }, { id: "desc" }], take: limit, select: SELECT });
}
