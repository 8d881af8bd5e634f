// Scoped lead writes for the lead actions, inside the caller's transaction: edits under the lead's version,
// disqualification with a reason, and conversion into one deal (with its creation history) that keeps the lead's
// source and first-contact date. docs/decisions/0023-lead-lifecycle.md.
import type { Tx, prisma } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";

/** The permission loader of every lead action: owner and owner's team, unscoped (the wrapper decides). */
export async function loadLeadOwnership(id: string, db: typeof prisma) {
  const l = await db.lead.findUnique({ where: { id }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } });
  return l ? { id: l.id, ownerId: l.ownerId, ownerTeamId: l.owner.teamId } : null;
}

const LEAD_SELECT = { id: true, ownerId: true, name: true, company: true, source: true, status: true, version: true, createdOn: true, owner: { select: { teamId: true } } } as const;

/** The lead as the transaction sees it, locked against a concurrent edit or conversion (FOR UPDATE). */
async function lockLead(tx: Tx, leadId: string, expectedVersion: number) {
  await tx.$executeRaw`SELECT 1 FROM "Lead" WHERE id = ${leadId} FOR UPDATE`;
  const lead = await tx.lead.findUnique({ where: { id: leadId }, select: LEAD_SELECT });
  if (!lead) throw new AppError("NOT_FOUND", "Lead was not found.");
  if (lead.version !== expectedVersion) {
    throw new AppError("CONFLICT", "Someone changed this lead after you opened it. Your changes were not saved; reload the lead and try again.");
  }
  return lead;
}

function refuseUnlessOpen(status: string) {
  if (status === "CONVERTED") throw new AppError("CONFLICT", "This lead was already converted to a deal; edit the deal instead.");
  if (status === "DISQUALIFIED") throw new AppError("CONFLICT", "This lead is disqualified.");
}

export interface LeadEdit {
  name: string;
  company: string | null;
  email: string | null;
  source: string | null;
  icpQualified: boolean;
  createdOn: IsoDate;
}

/** Edits an open or disqualified lead; a converted one lives on as its deal. */
export async function updateLead(tx: Tx, leadId: string, expectedVersion: number, edit: LeadEdit): Promise<{ id: string; version: number }> {
  const lead = await lockLead(tx, leadId, expectedVersion);
  if (lead.status === "CONVERTED") throw new AppError("CONFLICT", "This lead was already converted to a deal; edit the deal instead.");
  const updated = await tx.lead.update({
    where: { id: lead.id },
    data: { ...edit, createdOn: toDbDate(edit.createdOn), version: { increment: 1 } },
    select: { id: true, version: true },
  });
  return updated;
}

/** Disqualifies an open lead with the reason (kept on the lead). */
export async function disqualifyLead(tx: Tx, leadId: string, expectedVersion: number, reason: string, now: Date): Promise<{ id: string }> {
  const lead = await lockLead(tx, leadId, expectedVersion);
  refuseUnlessOpen(lead.status);
  await tx.lead.update({
    where: { id: lead.id },
    data: { status: "DISQUALIFIED", disqualifiedReason: reason, disqualifiedAt: now, version: { increment: 1 } },
  });
  return { id: lead.id };
}

export interface Conversion {
  dealName: string;
  amountMinor: bigint;
  closeDate: IsoDate;
  stageId: string;
  accountId: string | null;
  newAccountName: string | null;
  qualified: boolean;
  nextStep: string | null;
  nextStepDate: IsoDate | null;
}

/**
 * Converts an open lead into a deal owned by the lead's owner, in the caller's transaction: the deal (with the lead's
 * source, and the lead's creation day as its first contact so the sales cycle counts from it), its creation history,
 * the lead marked converted and linked to the deal, and the deal.created event. All or nothing.
 */
export async function convertLead(tx: Tx, actor: SessionUser, leadId: string, expectedVersion: number, c: Conversion, now: Date): Promise<{ id: string; dealId: string }> {
  const lead = await lockLead(tx, leadId, expectedVersion);
  refuseUnlessOpen(lead.status);
  let accountId = c.accountId;
  if (!accountId && c.newAccountName) {
    accountId = (await tx.account.create({ data: { name: c.newAccountName, ownerId: lead.ownerId }, select: { id: true } })).id;
  }
  const deal = await tx.deal.create({
    data: {
      name: c.dealName,
      ownerId: lead.ownerId,
      stageId: c.stageId,
      accountId,
      amountMinor: c.amountMinor,
      closeDate: toDbDate(c.closeDate),
      qualified: c.qualified,
      nextStep: c.nextStep,
      nextStepDate: c.nextStepDate ? toDbDate(c.nextStepDate) : null,
      firstContactDate: lead.createdOn,
      source: lead.source,
      createdAt: now,
      lastMovedAt: now,
      lastTouchedAt: now,
    },
    select: { id: true },
  });
  const reason = `Converted from lead “${lead.name}”${lead.source ? ` (source: ${lead.source})` : ""}`;
  const row = (field: string, newValue: string | null, why: string | null = null) => ({ dealId: deal.id, actorId: actor.id, at: now, field, oldValue: null, newValue, reason: why, source: "USER" as const });
  await tx.dealChange.createMany({
    data: [
      row("created", null, reason),
      row("stageId", c.stageId),
      row("amountMinor", c.amountMinor.toString()),
      row("closeDate", c.closeDate),
      ...(accountId ? [row("accountId", accountId)] : []),
      ...(c.nextStep ? [row("nextStep", c.nextStep)] : []),
      ...(c.nextStepDate ? [row("nextStepDate", c.nextStepDate)] : []),
    ],
  });
  // The version check above holds the row lock: no second conversion of the same lead can get here.
  await tx.lead.update({ where: { id: lead.id }, data: { status: "CONVERTED", convertedAt: now, convertedDealId: deal.id, version: { increment: 1 } } });
  await emitEvent(tx, {
    type: "deal.created",
    occurredAt: now,
    actorId: actor.id,
    dealId: deal.id,
    teamId: lead.owner.teamId,
    subjectUserId: lead.ownerId,
    payload: { dealId: deal.id, name: c.dealName, amountMinor: c.amountMinor.toString(), closeDate: c.closeDate, stageId: c.stageId, fromLeadId: lead.id, source: lead.source },
  });
  return { id: lead.id, dealId: deal.id };
}
