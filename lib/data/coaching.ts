// Coaching reads, scoped by the permission table: the manager's team overview, a rep's history and current plan, one
// session, and what a new session needs. Manager-only notes are read by their own function, never by a rep-facing one.
import "server-only";
import { prisma } from "@/lib/db";
import { canManage, canRead, type Actor } from "@/lib/auth/permissions";
import { dateOnly, toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { coachingDueState, type BatPoint, type CoachingDueState } from "@/lib/domain/coaching";
import { notFound } from "@/lib/errors";

type Db = typeof prisma;

/** The reps the actor may read, as a `where` over User (reps only). */
function repScope(actor: Actor): object {
  switch (actor.role) {
    case "ADMIN":
    case "EXECUTIVE":
      return { role: "REP" };
    case "MANAGER":
      return { role: "REP", teamId: { in: [...actor.managedTeamIds] } };
    case "REP":
      return { role: "REP", id: actor.id };
  }
}

/** For the action wrapper: a rep as the permission check needs it. */
export async function loadRepForCoaching(id: string, db: Db) {
  return db.user.findUnique({ where: { id }, select: { id: true, teamId: true, role: true, active: true } });
}

export interface RepOverviewRow {
  id: string;
  name: string;
  teamName: string | null;
  lastSessionOn: IsoDate | null;
  dueState: CoachingDueState;
  bat: BatPoint[];
}

export interface OverdueActionRow {
  id: string;
  description: string;
  dueDate: IsoDate;
  ownerName: string;
  repId: string;
  repName: string;
  sessionId: string;
}

/** The team overview: due/overdue sessions, overdue plan actions and BAT trends, in a fixed number of queries. */
export async function getCoachingOverview(actor: Actor, today: IsoDate, db: Db = prisma) {
  const reps = await db.user.findMany({
    where: { ...repScope(actor), active: true },
    select: { id: true, name: true, team: { select: { name: true } } },
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }],
  });
  const repIds = reps.map((r) => r.id);
  if (repIds.length === 0) return { reps: [] as RepOverviewRow[], overdueActions: [] as OverdueActionRow[] };

  // The last six completed sessions per rep, oldest first, in one window query; the overdue actions beside it.
  const [sessions, overdue] = await Promise.all([
    db.$queryRaw<{ repId: string; heldOn: Date; b: number | null; t: number | null; a: number | null }[]>`
      SELECT "repId", "heldOn", b, t, a FROM (
        SELECT "repId", "heldOn", "behaviorRating" AS b, "techniqueRating" AS t, "attitudeRating" AS a,
               row_number() OVER (PARTITION BY "repId" ORDER BY "heldOn" DESC, "createdAt" DESC) AS rn
        FROM "CoachingSession"
        WHERE "repId" = ANY(${repIds}) AND "completedAt" IS NOT NULL
      ) s WHERE rn <= 6 ORDER BY "repId", "heldOn" ASC`,
    db.planAction.findMany({
      // Only open plans: once a plan has been reviewed its leftovers are part of the verdict, not a to-do.
      where: { status: { not: "DONE" }, dueDate: { lt: toDbDate(today) }, objective: { plan: { repId: { in: repIds }, reviewedAt: null } } },
      select: {
        id: true,
        description: true,
        dueDate: true,
        owner: { select: { name: true } },
        objective: { select: { plan: { select: { repId: true, sessionId: true } } } },
      },
      orderBy: { dueDate: "asc" },
      take: 200,
    }),
  ]);
  const batByRep = new Map<string, BatPoint[]>();
  for (const s of sessions) {
    const list = batByRep.get(s.repId) ?? [];
    list.push({ heldOn: dateOnly(s.heldOn), behavior: s.b, technique: s.t, attitude: s.a });
    batByRep.set(s.repId, list);
  }
  const nameById = new Map(reps.map((r) => [r.id, r.name]));

  return {
    reps: reps.map((r): RepOverviewRow => {
      const bat = batByRep.get(r.id) ?? [];
      const lastSessionOn = bat.length ? bat[bat.length - 1].heldOn : null;
      return { id: r.id, name: r.name, teamName: r.team?.name ?? null, lastSessionOn, dueState: coachingDueState(lastSessionOn, today), bat };
    }),
    overdueActions: overdue.map(
      (a): OverdueActionRow => ({
        id: a.id,
        description: a.description,
        dueDate: dateOnly(a.dueDate),
        ownerName: a.owner.name,
        repId: a.objective.plan.repId,
        repName: nameById.get(a.objective.plan.repId) ?? "",
        sessionId: a.objective.plan.sessionId,
      }),
    ),
  };
}

const planSelect = {
  id: true,
  sessionId: true,
  startsOn: true,
  endsOn: true,
  acknowledgedAt: true,
  verdict: true,
  verdictNotes: true,
  reviewedAt: true,
  reviewedInSessionId: true,
  objectives: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      dimension: true,
      title: true,
      successCriterion: true,
      verdict: true,
      actions: { orderBy: { dueDate: "asc" }, select: { id: true, description: true, ownerId: true, owner: { select: { name: true } }, dueDate: true, status: true } },
    },
  },
} as const;

type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;
const findPlan = (db: Db, where: object) => db.developmentPlan.findFirst({ where, orderBy: { startsOn: "desc" }, select: planSelect });

export interface PlanView {
  id: string;
  sessionId: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  acknowledged: boolean;
  verdict: string | null;
  verdictNotes: string | null;
  reviewed: boolean;
  objectives: {
    id: string;
    dimension: string;
    title: string;
    successCriterion: string;
    verdict: string | null;
    actions: { id: string; description: string; ownerId: string; ownerName: string; dueDate: IsoDate; status: string }[];
  }[];
}

function toPlanView(p: PlanRow): PlanView {
  return {
    id: p.id,
    sessionId: p.sessionId,
    startsOn: dateOnly(p.startsOn),
    endsOn: dateOnly(p.endsOn),
    acknowledged: p.acknowledgedAt !== null,
    verdict: p.verdict,
    verdictNotes: p.verdictNotes,
    reviewed: p.reviewedAt !== null,
    objectives: p.objectives.map((o) => ({
      id: o.id,
      dimension: o.dimension,
      title: o.title,
      successCriterion: o.successCriterion,
      verdict: o.verdict,
      actions: o.actions.map((a) => ({ id: a.id, description: a.description, ownerId: a.ownerId, ownerName: a.owner.name, dueDate: dateOnly(a.dueDate), status: a.status })),
    })),
  };
}

/** A rep the actor may read, or a not-found error (same answer as a missing rep). */
export async function getReadableRep(actor: Actor, repId: string, db: Db = prisma) {
  const rep = await db.user.findFirst({
    where: { AND: [{ id: repId }, repScope(actor)] },
    select: { id: true, name: true, teamId: true, startDate: true, team: { select: { name: true } } },
  });
  if (!rep || !canRead(actor, { ownerId: rep.id, ownerTeamId: rep.teamId })) throw notFound("Rep");
  return rep;
}

/** A rep's coaching history: sessions with ratings and shared notes, call reviews, plans and verdicts. No private notes. */
export async function getCoachingHistory(actor: Actor, repId: string, db: Db = prisma) {
  const rep = await getReadableRep(actor, repId, db);
  const sessions = await db.coachingSession.findMany({
    where: { repId: rep.id, completedAt: { not: null } },
    orderBy: { heldOn: "desc" },
    take: 24,
    select: {
      id: true,
      heldOn: true,
      behaviorRating: true,
      techniqueRating: true,
      attitudeRating: true,
      sharedNotes: true,
      manager: { select: { name: true } },
      plan: { select: planSelect },
    },
  });
  return {
    rep: { id: rep.id, name: rep.name, teamId: rep.teamId, teamName: rep.team?.name ?? null },
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: dateOnly(s.heldOn),
      managerName: s.manager.name,
      behavior: s.behaviorRating,
      technique: s.techniqueRating,
      attitude: s.attitudeRating,
      sharedNotes: s.sharedNotes,
      plan: s.plan ? toPlanView(s.plan) : null,
    })),
  };
}

/** The rep's current (latest) plan, for the rep's own page. */
export async function getCurrentPlan(actor: Actor, repId: string, db: Db = prisma): Promise<PlanView | null> {
  const rep = await getReadableRep(actor, repId, db);
  const plan = await findPlan(db, { repId: rep.id });
  return plan ? toPlanView(plan) : null;
}

/** One session as the rep may see it (shared notes, ratings, call reviews, plan); private notes are separate. */
export async function getCoachingSession(actor: Actor, sessionId: string, db: Db = prisma) {
  const session = await db.coachingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      heldOn: true,
      repId: true,
      rep: { select: { name: true, teamId: true } },
      manager: { select: { name: true } },
      behaviorRating: true,
      behaviorNotes: true,
      techniqueRating: true,
      techniqueNotes: true,
      attitudeRating: true,
      attitudeNotes: true,
      sharedNotes: true,
      completedAt: true,
      callReviews: {
        orderBy: { callDate: "asc" },
        select: { id: true, recordingRef: true, callDate: true, deal: { select: { name: true } }, uncoveredPain: true, usedNegativeReverse: true, setUpFrontContract: true, pitchedFeatures: true, strengths: true, gaps: true },
      },
      plan: { select: planSelect },
      plansReviewed: { select: planSelect },
    },
  });
  if (!session || !canRead(actor, { ownerId: session.repId, ownerTeamId: session.rep.teamId })) throw notFound("Coaching session");
  return {
    id: session.id,
    heldOn: dateOnly(session.heldOn),
    repId: session.repId,
    repName: session.rep.name,
    managerName: session.manager.name,
    ratings: [
      { dimension: "BEHAVIOR", rating: session.behaviorRating, notes: session.behaviorNotes },
      { dimension: "TECHNIQUE", rating: session.techniqueRating, notes: session.techniqueNotes },
      { dimension: "ATTITUDE", rating: session.attitudeRating, notes: session.attitudeNotes },
    ],
    sharedNotes: session.sharedNotes,
    callReviews: session.callReviews.map((c) => ({ ...c, callDate: dateOnly(c.callDate), dealName: c.deal?.name ?? null })),
    plan: session.plan ? toPlanView(session.plan) : null,
    reviewedPlans: session.plansReviewed.map(toPlanView),
  };
}

/** Manager-only notes of a session: only for those who manage the rep, executives and admins. Never for a rep. */
export async function getPrivateNotes(actor: Actor, sessionId: string, db: Db = prisma) {
  if (actor.role === "REP") return [];
  const session = await db.coachingSession.findUnique({ where: { id: sessionId }, select: { rep: { select: { id: true, teamId: true } } } });
  if (!session) return [];
  const allowed = actor.role === "EXECUTIVE" || canManage(actor, session.rep);
  if (!allowed) return [];
  const notes = await db.coachingPrivateNote.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
  });
  return notes.map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt.toISOString(), authorName: n.author.name }));
}

/** What a new session needs: the rep, last session's ratings, the plan to review, the rep's deals for call reviews. */
export async function getNewSessionContext(actor: Actor, repId: string, db: Db = prisma) {
  const rep = await db.user.findUnique({ where: { id: repId }, select: { id: true, name: true, teamId: true, role: true, active: true } });
  if (!rep || rep.role !== "REP" || !canManage(actor, rep)) throw notFound("Rep");
  const [last, planToReview, deals] = await Promise.all([
    db.coachingSession.findFirst({
      where: { repId, completedAt: { not: null } },
      orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
      select: { id: true, heldOn: true, behaviorRating: true, techniqueRating: true, attitudeRating: true, behaviorNotes: true, techniqueNotes: true, attitudeNotes: true },
    }),
    findPlan(db, { repId, reviewedAt: null }),
    db.deal.findMany({ where: { ownerId: repId }, orderBy: [{ status: "asc" }, { updatedAt: "desc" }], take: 100, select: { id: true, name: true, status: true } }),
  ]);
  return {
    rep: { id: rep.id, name: rep.name },
    lastSession: last
      ? {
          id: last.id,
          heldOn: dateOnly(last.heldOn),
          behavior: last.behaviorRating,
          technique: last.techniqueRating,
          attitude: last.attitudeRating,
          behaviorNotes: last.behaviorNotes,
          techniqueNotes: last.techniqueNotes,
          attitudeNotes: last.attitudeNotes,
        }
      : null,
    planToReview: planToReview ? toPlanView(planToReview) : null,
    deals: deals.map((d) => ({ id: d.id, name: d.status === "OPEN" ? d.name : `${d.name} (${d.status.toLowerCase()})` })),
  };
}

/** For the action wrapper: a plan with its rep. */
export async function loadPlanForAction(id: string, db: Db) {
  const plan = await db.developmentPlan.findUnique({ where: { id }, select: { id: true, repId: true } });
  return plan;
}

/** For the action wrapper: a plan action with its owner and the plan's rep. */
export async function loadPlanActionForAction(id: string, db: Db) {
  const a = await db.planAction.findUnique({
    where: { id },
    select: { id: true, ownerId: true, objective: { select: { plan: { select: { repId: true, session: { select: { rep: { select: { teamId: true } } } } } } } } },
  });
  if (!a) return null;
  return { id: a.id, ownerId: a.ownerId, repId: a.objective.plan.repId, repTeamId: a.objective.plan.session.rep.teamId };
}
