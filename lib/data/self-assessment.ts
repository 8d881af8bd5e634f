// The leadership self-assessment's data: a leader's own answers per quarter, the answers of the leaders in a quarterly
// review's scope over several quarters (one query), and the "targets set" fact. Wording: lib/domain/self-assessment-vocabulary.ts.
import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { canReadOrganisation } from "@/lib/auth/permissions";
import { dateOnly, shiftPeriod, toDbDate, type IsoDate, type Period } from "@/lib/domain/calendar";
import { isSelfAssessmentQuestion, type SelfAssessmentQuestion } from "@/lib/domain/self-assessment-vocabulary";
import type { QuarterlyScope } from "@/lib/data/quarterly";

type Db = typeof prisma;

export interface SelfAssessmentAnswerRow {
  question: SelfAssessmentQuestion;
  score: number;
  notes: string | null;
  answeredAt: Date;
}

/** Who may answer: active managers and executives. */
export const LEADER_ROLES = ["MANAGER", "EXECUTIVE"] as const;

/** A leader's answers for one quarter (their own: the page passes the session's user). */
export async function loadAnswers(userId: string, quarterStart: IsoDate, db: Db = prisma): Promise<SelfAssessmentAnswerRow[]> {
  const rows = await db.selfAssessmentAnswer.findMany({
    where: { userId, quarterStart: toDbDate(quarterStart) },
    select: { question: true, score: true, notes: true, answeredAt: true },
  });
  return rows.filter((r): r is SelfAssessmentAnswerRow => isSelfAssessmentQuestion(r.question));
}

/** The quarters a leader has answered, newest first, with how many questions each. */
export async function loadAnsweredQuarters(userId: string, db: Db = prisma): Promise<{ quarterStart: IsoDate; answers: number; lastAnsweredAt: Date }[]> {
  const rows = await db.selfAssessmentAnswer.groupBy({
    by: ["quarterStart"],
    where: { userId },
    _count: { _all: true },
    _max: { answeredAt: true },
    orderBy: { quarterStart: "desc" },
  });
  return rows.map((r) => ({ quarterStart: dateOnly(r.quarterStart), answers: r._count._all, lastAnsweredAt: r._max.answeredAt ?? new Date(0) }));
}

/** The leader an answer is written for (the action's object): null unless an active manager or executive. */
export async function loadLeaderForAnswer(id: string, db: Db = prisma): Promise<{ id: string; role: string } | null> {
  return db.user.findFirst({ where: { id, active: true, role: { in: [...LEADER_ROLES] } }, select: { id: true, role: true } });
}

/** Writes a leader's answers for a quarter in one statement (insert or update each question). */
export async function saveAnswers(
  tx: Tx,
  userId: string,
  quarterStart: IsoDate,
  answers: { question: SelfAssessmentQuestion; score: number; notes: string | null }[],
  answeredAt: Date,
): Promise<number> {
  if (answers.length === 0) return 0;
  const values = Prisma.join(
    answers.map((a) => Prisma.sql`(${crypto.randomUUID()}, ${userId}, ${quarterStart}::date, ${a.question}, ${a.score}::int, ${a.notes}, ${answeredAt})`),
  );
  return tx.$executeRaw`
    INSERT INTO "SelfAssessmentAnswer" (id, "userId", "quarterStart", question, score, notes, "answeredAt")
    VALUES ${values}
    ON CONFLICT ("userId", "quarterStart", question) DO UPDATE
      SET score = EXCLUDED.score, notes = EXCLUDED.notes, "answeredAt" = EXCLUDED."answeredAt"
      WHERE "SelfAssessmentAnswer".score IS DISTINCT FROM EXCLUDED.score OR "SelfAssessmentAnswer".notes IS DISTINCT FROM EXCLUDED.notes`;
}

export interface Leader {
  id: string;
  name: string;
  role: string;
}

/**
 * The leaders whose self-assessment a quarterly review shows, as far as the actor may read them: executives and admins
 * see every manager of the scope (and, for the organisation, the executives); a manager sees only their own answers.
 */
export async function leadersInScope(actor: Actor, scope: QuarterlyScope, db: Db = prisma): Promise<Leader[]> {
  const teamManagers = scope.kind === "TEAM" ? { managedTeams: { some: { teamId: scope.teamId } } } : {};
  const roles = scope.kind === "TEAM" ? ["MANAGER" as const] : [...LEADER_ROLES];
  if (!canReadOrganisation(actor)) {
    if (actor.role !== "MANAGER") return [];
    return db.user.findMany({ where: { id: actor.id, active: true, role: "MANAGER", ...teamManagers }, select: { id: true, name: true, role: true } });
  }
  return db.user.findMany({
    where: { active: true, role: { in: roles }, ...teamManagers },
    select: { id: true, name: true, role: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
  });
}

export interface TrendAnswer {
  userId: string;
  quarterStart: IsoDate;
  question: SelfAssessmentQuestion;
  score: number;
}

/** Every answer of these leaders in these quarters: one query. */
export async function loadTrendAnswers(leaderIds: string[], quarters: Period[], db: Db = prisma): Promise<TrendAnswer[]> {
  if (leaderIds.length === 0 || quarters.length === 0) return [];
  const rows = await db.selfAssessmentAnswer.findMany({
    where: { userId: { in: leaderIds }, quarterStart: { in: quarters.map((q) => toDbDate(q.start)) } },
    select: { userId: true, quarterStart: true, question: true, score: true },
  });
  return rows
    .filter((r) => isSelfAssessmentQuestion(r.question))
    .map((r) => ({ userId: r.userId, quarterStart: dateOnly(r.quarterStart), question: r.question as SelfAssessmentQuestion, score: r.score }));
}

/**
 * "Targets communicated" measured: of the active reps in scope, how many have a quota for the quarter (a quarterly
 * quota, or a monthly one inside it). One aggregate.
 */
export async function loadTargetsSet(scope: QuarterlyScope, quarter: Period, db: Db = prisma): Promise<{ reps: number; withQuota: number }> {
  const team = scope.kind === "TEAM" ? Prisma.sql`AND u."teamId" = ${scope.teamId}` : Prisma.empty;
  const [row] = await db.$queryRaw<{ reps: number; withQuota: number }[]>`
    SELECT count(*)::int AS reps,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM "Quota" q WHERE q."userId" = u.id AND q."periodStart" BETWEEN ${quarter.start}::date AND ${quarter.end}::date
      ))::int AS "withQuota"
    FROM "User" u
    WHERE u.role = 'REP' AND u.active ${team}`;
  return row ?? { reps: 0, withQuota: 0 };
}

/** A leader's name, for another leader's read-only answers (the page checks the reader may see them). */
export async function loadLeaderName(id: string, db: Db = prisma): Promise<{ id: string; name: string } | null> {
  return db.user.findFirst({ where: { id, role: { in: [...LEADER_ROLES] } }, select: { id: true, name: true } });
}

export interface SelfAssessmentReview {
  /** Oldest first: the three quarters before the selected one and the selected one. */
  quarters: Period[];
  leaders: Leader[];
  answers: TrendAnswer[];
  targets: { reps: number; withQuota: number };
}

/** The quarterly review's self-assessment section: the leaders in scope, their answers over four quarters, and the targets fact. */
export async function loadSelfAssessmentReview(
  actor: Actor,
  input: { quarter: Period; scope: QuarterlyScope },
  fiscalYearStartMonth: number,
  db: Db = prisma,
): Promise<SelfAssessmentReview> {
  const quarters = [-3, -2, -1, 0].map((o) => shiftPeriod(input.quarter, o, fiscalYearStartMonth));
  const [leaders, targets] = await Promise.all([leadersInScope(actor, input.scope, db), loadTargetsSet(input.scope, input.quarter, db)]);
  const answers = await loadTrendAnswers(
    leaders.map((l) => l.id),
    quarters,
    db,
  );
  return { quarters, leaders, answers, targets };
}
