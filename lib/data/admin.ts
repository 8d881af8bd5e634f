// Administration reads and the checks every admin write repeats: users, teams, stages with their deal and stale counts.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { canAdminister, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { todayIn, type OrganisationSettings } from "@/lib/data/organisation";
import { addDays } from "@/lib/domain/calendar";

/** Every admin action checks this itself, beside the wrapper's role check: the permission module has the last word. */
export function assertAdministrator(actor: Actor): void {
  if (!canAdminister(actor)) throw new AppError("FORBIDDEN", "Only administrators can change the organisation.");
}

/** A password shown once to the admin who created the user: 16 characters, no look-alike letters. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** A password an admin types for someone (create user, set password): at least 10 characters, or empty to generate. */
export const typedOrGeneratedPassword = z
  .string()
  .max(200)
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || v.length >= 10, "Use at least 10 characters, or leave it empty to generate one.");

export async function listUsersForAdmin() {
  return prisma.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      teamId: true,
      team: { select: { name: true } },
      managedTeams: { select: { team: { select: { name: true } } } },
    },
  });
}

export async function listTeamsForAdmin() {
  const [teams, members] = await Promise.all([
    prisma.team.findMany({
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
      select: { id: true, name: true, archivedAt: true, managers: { select: { userId: true, manager: { select: { name: true } } } } },
    }),
    prisma.user.groupBy({ by: ["teamId"], where: { active: true, teamId: { not: null } }, _count: { _all: true } }),
  ]);
  const count = new Map(members.map((m) => [m.teamId, m._count._all]));
  return teams.map((t) => ({ ...t, memberCount: count.get(t.id) ?? 0 }));
}

export interface StageRow {
  id: string;
  name: string;
  order: number;
  probability: number;
  staleThresholdDays: number | null;
  isLateStage: boolean;
  isQualified: boolean;
  deals: number;
  openDeals: number;
  staleDeals: number;
}

/**
 * Stages with how many deals each holds and how many open deals are stale today under the 14-day rule, computed in
 * SQL from the organisation's current time zone and thresholds (so a settings change shows at the next request).
 */
export async function listStagesForAdmin(org: OrganisationSettings): Promise<StageRow[]> {
  const today = todayIn(org);
  const rows = await prisma.$queryRaw<{ stageId: string; deals: bigint; open: bigint; stale: bigint }[]>`
    SELECT d."stageId",
           count(*) AS deals,
           count(*) FILTER (WHERE d.status = 'OPEN') AS open,
           count(*) FILTER (
             WHERE d.status = 'OPEN'
               AND (d."pausedUntil" IS NULL OR d."pausedUntil" <= ${today}::date)
               AND (d."lastMovedAt" AT TIME ZONE ${org.timeZone})::date
                   <= ${today}::date - COALESCE(s."staleThresholdDays", ${org.staleThresholdDays}::int)
           ) AS stale
    FROM "Deal" d JOIN "PipelineStage" s ON s.id = d."stageId"
    GROUP BY d."stageId"`;
  const byStage = new Map(rows.map((r) => [r.stageId, r]));
  const stages = await prisma.pipelineStage.findMany({
    orderBy: { order: "asc" },
    select: { id: true, name: true, order: true, probability: true, staleThresholdDays: true, isLateStage: true, isQualified: true },
  });
  return stages.map((s) => {
    const r = byStage.get(s.id);
    return { ...s, deals: Number(r?.deals ?? 0), openDeals: Number(r?.open ?? 0), staleDeals: Number(r?.stale ?? 0) };
  });
}

/** The last day a deal may have moved and still be fresh, for the page's explanation of the rule. */
export function staleCutoff(today: string, threshold: number): string {
  return addDays(today, -threshold);
}

/** ISO 4217 codes the runtime knows; a three-letter code outside it is refused. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("currency");
  if (supported) return supported.includes(code);
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
}
