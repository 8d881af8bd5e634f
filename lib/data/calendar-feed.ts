// Calendar feeds: the private token (text shown once, only its SHA-256 kept), and the rows one user's feed shows.
// Every read is scoped to the feed's user: their own deals, action items and plan actions, the coaching sessions they
// ran or received, and the rituals of the teams they manage (managers) or belong to (reps). A fixed handful of
// queries per fetch, whatever the number of items.
import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dateOnly, toDbDate } from "@/lib/domain/calendar";
import { FEED_TOKEN_PREFIX, PER_KIND, type FeedRows, type FeedWindow } from "@/lib/domain/calendar-feed";

type Db = typeof prisma | Tx;

export function hashFeedToken(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function generateFeedToken(): { text: string; hash: string } {
  const text = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { text, hash: hashFeedToken(text) };
}

export interface FeedOwner {
  feedId: string;
  userId: string;
  name: string;
  role: "REP" | "MANAGER" | "EXECUTIVE" | "ADMIN";
  teamId: string | null;
}

/** The active user behind a feed token, or null: unknown, revoked, or a deactivated user (all answered alike). */
export async function feedOwner(token: string, db: Db = prisma): Promise<FeedOwner | null> {
  const rows = await db.$queryRaw<FeedOwner[]>`
    SELECT f."id" AS "feedId", u."id" AS "userId", u."name", u."role"::text AS "role", u."teamId"
    FROM "CalendarFeed" f JOIN "User" u ON u."id" = f."userId"
    WHERE f."tokenHash" = ${hashFeedToken(token)} AND f."revokedAt" IS NULL AND u."active"`;
  return rows[0] ?? null;
}

/** The user's active feed (at most one), for the settings page: never its token, which is not kept. */
export async function activeFeed(userId: string, db: Db = prisma) {
  return db.calendarFeed.findFirst({ where: { userId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true } });
}

/** Revokes the user's active feeds; returns how many. */
export async function revokeFeeds(userId: string, now: Date, db: Db): Promise<number> {
  const r = await db.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}

export async function feedRows(owner: Pick<FeedOwner, "userId" | "role" | "teamId">, window: FeedWindow, db: Db = prisma): Promise<FeedRows> {
  const from = toDbDate(window.from);
  const to = toDbDate(window.to);
  const ritualScope =
    owner.role === "REP" ? (owner.teamId ? Prisma.sql`r."teamId" = ${owner.teamId}` : Prisma.sql`FALSE`) : Prisma.sql`r."managerId" = ${owner.userId}`;
  const [deals, items, actions, coaching, rituals] = await Promise.all([
    db.deal.findMany({
      where: { ownerId: owner.userId, status: "OPEN", nextStepDate: { gte: from, lte: to } },
      orderBy: [{ nextStepDate: "asc" }, { id: "asc" }],
      take: PER_KIND,
      select: { id: true, name: true, nextStep: true, nextStepDate: true, version: true, updatedAt: true },
    }),
    db.actionItem.findMany({
      where: { ownerId: owner.userId, status: "OPEN", dueDate: { gte: from, lte: to } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: PER_KIND,
      select: { id: true, description: true, dueDate: true, dealId: true, createdAt: true, deal: { select: { name: true } } },
    }),
    db.planAction.findMany({
      where: { ownerId: owner.userId, status: { not: "DONE" }, dueDate: { gte: from, lte: to } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: PER_KIND,
      select: { id: true, description: true, dueDate: true, updatedAt: true, objective: { select: { plan: { select: { sessionId: true } } } } },
    }),
    db.coachingSession.findMany({
      where: { OR: [{ managerId: owner.userId }, { repId: owner.userId }], heldOn: { gte: toDbDate(window.coachingFrom), lte: to } },
      orderBy: [{ heldOn: "asc" }, { id: "asc" }],
      take: PER_KIND,
      select: { id: true, heldOn: true, managerId: true, completedAt: true, updatedAt: true, manager: { select: { name: true } }, rep: { select: { name: true } } },
    }),
    // A manager's own rituals for the teams they still manage; a rep's team's rituals, from its current managers.
    db.$queryRaw<FeedRows["rituals"]>`
      SELECT r."id", r."ritual", r."weekday", t."name" AS "teamName", m."name" AS "managerName", r."updatedAt"
      FROM "RhythmRitual" r
      JOIN "Team" t ON t."id" = r."teamId" AND t."archivedAt" IS NULL
      JOIN "TeamManager" tm ON tm."teamId" = r."teamId" AND tm."userId" = r."managerId"
      JOIN "User" m ON m."id" = r."managerId"
      WHERE ${ritualScope}
      ORDER BY r."weekday", t."name", r."id"
      LIMIT ${PER_KIND}`,
  ]);
  return {
    nextSteps: deals.map((d) => ({ id: d.id, name: d.name, nextStep: d.nextStep, nextStepDate: dateOnly(d.nextStepDate!), version: d.version, updatedAt: d.updatedAt })),
    actionItems: items.map((a) => ({ id: a.id, description: a.description, dueDate: dateOnly(a.dueDate), dealId: a.dealId, dealName: a.deal?.name ?? null, createdAt: a.createdAt })),
    planActions: actions.map((p) => ({ id: p.id, description: p.description, dueDate: dateOnly(p.dueDate), sessionId: p.objective.plan.sessionId, updatedAt: p.updatedAt })),
    coaching: coaching.map((c) => {
      const coach = c.managerId === owner.userId;
      return { id: c.id, heldOn: dateOnly(c.heldOn), role: coach ? ("coach" as const) : ("rep" as const), other: coach ? c.rep.name : c.manager.name, completed: c.completedAt !== null, updatedAt: c.updatedAt };
    }),
    rituals,
  };
}
