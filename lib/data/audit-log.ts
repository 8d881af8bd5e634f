// Reading the audit log for admins: filters (action, actor, date range in the organisation's time zone) and pages.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, isValidIsoDate, startOfLocalDay } from "@/lib/domain/calendar";

export interface AuditFilters {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** Query-string values to filters; anything malformed is ignored rather than failing the page. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (k: string) => {
    const v = params[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s.slice(0, 200) : undefined;
  };
  const date = (k: string) => {
    const v = one(k);
    return v && isValidIsoDate(v) ? v : undefined;
  };
  const page = Number(one("page") ?? "1");
  return { action: one("action"), actor: one("actor"), from: date("from"), to: date("to"), page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1 };
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
