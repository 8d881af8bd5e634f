// The audit log: sign-ins, refusals, role changes. Writing it never breaks the request that triggered it.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Prisma.InputJsonValue;
}

export async function audit(entry: AuditEntry, db: Pick<typeof prisma, "auditLog"> = prisma): Promise<void> {
  try {
    await db.auditLog.create({
      data: {
        action: entry.action,
        actorId: entry.actorId ?? null,
        actorEmail: entry.actorEmail ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: entry.ip ?? null,
        details: entry.details,
      },
    });
  } catch (error) {
    console.warn(`[audit] could not record ${entry.action}: ${(error as Error).message}`);
  }
}
