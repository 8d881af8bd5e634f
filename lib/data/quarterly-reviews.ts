// Quarterly review records: who may record and edit them, their scoped lists and the frozen snapshot format.
import { prisma } from "@/lib/db";
import type { ActionObject } from "@/lib/actions/safe-action";
import { canReadOrganisation, canReadTeam, type Actor } from "@/lib/auth/permissions";
import { dateOnly } from "@/lib/domain/calendar";
import type { QuarterlyDashboard } from "@/lib/data/quarterly";
import { toJsonSafe } from "@/lib/data/quarterly";

/** Leadership records reviews: executives and admins for any scope, a manager for the teams they manage only. */
export function canEditReview(actor: Actor, review: { teamId: string | null }): boolean {
  if (actor.role === "REP") return false;
  if (review.teamId === null) return canReadOrganisation(actor);
  return canReadTeam(actor, review.teamId);
}

/** The same rule as a Prisma `where` over QuarterlyReview. */
/** The review an action edits, as the action wrapper loads and checks it: one definition for every review action. */
export const editableReview: ActionObject<{ id: string; teamId: string | null }> = {
  key: "reviewId",
  label: "Review",
  load: (id, db) => db.quarterlyReview.findUnique({ where: { id }, select: { id: true, teamId: true } }),
  can: (actor, review) => canEditReview(actor, review),
};

export function reviewScope(actor: Actor): object {
  if (canReadOrganisation(actor)) return {};
  if (actor.role === "MANAGER") return { teamId: { in: [...actor.managedTeamIds] } };
  return { id: "__none__" };
}

/** The snapshot frozen with a review: the dashboard as JSON (bigint → string, dates → ISO). */
export function snapshotOf(dashboard: QuarterlyDashboard) {
  return toJsonSafe(dashboard) as Record<string, unknown>;
}

export async function listReviews(actor: Actor) {
  const rows = await prisma.quarterlyReview.findMany({
    where: reviewScope(actor),
    select: {
      id: true,
      label: true,
      periodStart: true,
      constraintText: true,
      createdAt: true,
      team: { select: { name: true } },
      createdBy: { select: { name: true } },
      _count: { select: { decisions: true } },
    },
    orderBy: [{ periodStart: "desc" }, { createdAt: "desc" }],
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    periodStart: dateOnly(r.periodStart),
    constraintText: r.constraintText,
    createdAt: r.createdAt,
    teamName: r.team?.name ?? null,
    createdBy: r.createdBy.name,
    decisions: r._count.decisions,
  }));
}

export async function getReview(actor: Actor, id: string) {
  const r = await prisma.quarterlyReview.findFirst({
    where: { id, ...reviewScope(actor) },
    select: {
      id: true,
      label: true,
      teamId: true,
      periodStart: true,
      periodEnd: true,
      constraintText: true,
      notes: true,
      snapshot: true,
      createdAt: true,
      updatedAt: true,
      team: { select: { name: true } },
      createdBy: { select: { name: true } },
      decisions: {
        select: { id: true, description: true, dueDate: true, done: true, owner: { select: { name: true } } },
        orderBy: { dueDate: "asc" },
      },
    },
  });
  if (!r) return null;
  return {
    ...r,
    periodStart: dateOnly(r.periodStart),
    periodEnd: dateOnly(r.periodEnd),
    teamName: r.team?.name ?? null,
    createdByName: r.createdBy.name,
    snapshot: r.snapshot as SnapshotView,
    canEdit: canEditReview(actor, r),
    decisions: r.decisions.map((d) => ({ id: d.id, description: d.description, dueDate: d.dueDate ? dateOnly(d.dueDate) : null, done: d.done, owner: d.owner?.name ?? null })),
  };
}

/** The people a decision can be assigned to: leadership and managers the actor can see. */
export async function decisionOwners(actor: Actor) {
  const where = canReadOrganisation(actor)
    ? { active: true }
    : { active: true, OR: [{ id: actor.id }, { teamId: { in: [...actor.managedTeamIds] } }] };
  return prisma.user.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}

/** The frozen figures as the review pages read them (strings where the live dashboard has bigint). */
export interface SnapshotView {
  period?: { label: string; start: string; end: string };
  currency?: string;
  current?: { won: number; lost: number; wonMinor: string; winRateByCount: number | null; winRateByValue: number | null; averageDealSizeMinor: string | null; cycleDays: number | null; velocityPerDayMinor: number | null };
  quotaMinor?: string | null;
  attainment?: number | null;
  revenueChange?: number | null;
  cycleChange?: number | null;
  nextQuarter?: { pipelineMinor: string; coverage: { ratio: number | null; neededRatio: number | null; quotaMet: boolean } };
  constraint?: { name: string; explanation: string } | null;
  open?: { adoption: number | null; staleWeightedMinor: string; staleDeals: number };
  forecast?: { organisation: { accuracy: number | null } | null; teams: { name: string; accuracy: number | null }[] };
  stages?: { name: string; rate: number | null; medianDays: number | null }[];
}
