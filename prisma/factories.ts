// Factories shared by the demo seed and the tests: each builds one valid row (and its history) with sensible defaults.
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import type { Role, DealStatus } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { toDbDate } from "@/lib/domain/calendar";

type Db = PrismaClient | Prisma.TransactionClient;

let counter = 0;
const uid = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const DEFAULT_STAGES = [
  { name: "Prospecting", order: 1, probability: 5, isLateStage: false, isQualified: false, staleThresholdDays: null },
  { name: "Discovery", order: 2, probability: 10, isLateStage: false, isQualified: true, staleThresholdDays: null },
  { name: "Qualification", order: 3, probability: 25, isLateStage: false, isQualified: true, staleThresholdDays: null },
  { name: "Solution", order: 4, probability: 40, isLateStage: false, isQualified: true, staleThresholdDays: null },
  { name: "Proposal", order: 5, probability: 60, isLateStage: true, isQualified: true, staleThresholdDays: null },
  { name: "Negotiation", order: 6, probability: 80, isLateStage: true, isQualified: true, staleThresholdDays: 10 },
] as const;

export async function createOrganisation(db: Db, data: Partial<Prisma.OrganisationCreateInput> = {}) {
  return db.organisation.create({
    data: { name: "Test Organisation", timeZone: "America/New_York", currency: "USD", ...data },
  });
}

export async function createStages(db: Db) {
  await db.pipelineStage.createMany({ data: DEFAULT_STAGES.map((s) => ({ ...s })), skipDuplicates: true });
  return db.pipelineStage.findMany({ orderBy: { order: "asc" } });
}

export async function createTeam(db: Db, data: { name?: string; managerIds?: string[] } = {}) {
  return db.team.create({
    data: {
      name: data.name ?? `Team ${uid()}`,
      managers: data.managerIds ? { create: data.managerIds.map((userId) => ({ userId })) } : undefined,
    },
  });
}

// Hashing is deliberately slow; tests share one hash per password.
const hashCache = new Map<string, Promise<string>>();
export function cachedHash(password: string): Promise<string> {
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password));
  return hashCache.get(password)!;
}

export async function createUser(
  db: Db,
  data: { role?: Role; email?: string; name?: string; teamId?: string | null; password?: string; active?: boolean; startDate?: string } = {},
) {
  const id = uid();
  return db.user.create({
    data: {
      email: data.email ?? `user-${id}@example.test`,
      name: data.name ?? `User ${id}`,
      role: data.role ?? "REP",
      teamId: data.teamId ?? null,
      active: data.active ?? true,
      passwordHash: await cachedHash(data.password ?? "password-123"),
      startDate: data.startDate ? toDbDate(data.startDate) : null,
    },
  });
}

/** A manager with a team of reps. */
export async function createTeamWithReps(db: Db, reps = 2, opts: { name?: string; password?: string } = {}) {
  const manager = await createUser(db, { role: "MANAGER", password: opts.password });
  const team = await createTeam(db, { name: opts.name, managerIds: [manager.id] });
  const members = [];
  for (let i = 0; i < reps; i++) members.push(await createUser(db, { role: "REP", teamId: team.id, password: opts.password }));
  return { manager, team, reps: members };
}

export interface DealFactoryInput {
  ownerId: string;
  stageId: string;
  name?: string;
  accountId?: string | null;
  amountMinor?: bigint | number;
  closeDate?: string;
  nextStep?: string | null;
  nextStepDate?: string | null;
  status?: DealStatus;
  createdAt?: Date;
  lastMovedAt?: Date;
  lastTouchedAt?: Date;
  closedAt?: Date | null;
  firstContactDate?: string | null;
  pausedUntil?: string | null;
  pauseReason?: string | null;
  lostReason?: string | null;
  pushCount?: number;
  qualified?: boolean;
  externalId?: string | null;
}

/** A deal with its creation history, so history and state agree from the start. */
export async function createDeal(db: Db, input: DealFactoryInput) {
  const createdAt = input.createdAt ?? new Date();
  const deal = await db.deal.create({
    data: {
      name: input.name ?? `Deal ${uid()}`,
      ownerId: input.ownerId,
      stageId: input.stageId,
      accountId: input.accountId ?? null,
      amountMinor: BigInt(input.amountMinor ?? 1_000_000),
      closeDate: toDbDate(input.closeDate ?? "2099-12-31"),
      nextStep: input.nextStep === undefined ? "Follow-up call" : input.nextStep,
      nextStepDate: input.nextStepDate === undefined ? toDbDate("2099-12-01") : input.nextStepDate ? toDbDate(input.nextStepDate) : null,
      status: input.status ?? "OPEN",
      createdAt,
      lastMovedAt: input.lastMovedAt ?? createdAt,
      lastTouchedAt: input.lastTouchedAt ?? input.lastMovedAt ?? createdAt,
      closedAt: input.closedAt ?? null,
      firstContactDate: input.firstContactDate ? toDbDate(input.firstContactDate) : null,
      pausedUntil: input.pausedUntil ? toDbDate(input.pausedUntil) : null,
      pauseReason: input.pauseReason ?? null,
      lostReason: input.lostReason ?? null,
      pushCount: input.pushCount ?? 0,
      qualified: input.qualified ?? true,
      externalId: input.externalId ?? null,
    },
  });
  await db.dealChange.createMany({
    data: creationHistory(deal, input.ownerId, createdAt),
  });
  return deal;
}

/** The history rows that record a deal's creation: one per tracked field. */
export function creationHistory(
  deal: { id: string; stageId: string; amountMinor: bigint; closeDate: Date; status: DealStatus },
  actorId: string | null,
  at: Date,
  source: "USER" | "IMPORT" | "SEED" = "USER",
) {
  return [
    { dealId: deal.id, actorId, at, field: "created", oldValue: null, newValue: null, source },
    { dealId: deal.id, actorId, at, field: "stageId", oldValue: null, newValue: deal.stageId, source },
    { dealId: deal.id, actorId, at, field: "amountMinor", oldValue: null, newValue: deal.amountMinor.toString(), source },
    { dealId: deal.id, actorId, at, field: "closeDate", oldValue: null, newValue: deal.closeDate.toISOString().slice(0, 10), source },
  ];
}
