// An inspection decision, written in one transaction: the deal changes as decided (under its version lock, with a
// DealChange row per field, through lib/data/deals-write.ts), the disposition is recorded, an optional action item
// is added, and the inspection's events are emitted (the deal's own events come from deals-write). Completing an inspection records what stayed undecided.
import type { Tx } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import type { OrganisationSettings } from "@/lib/data/organisation";
import { applyDealPatch, loadDealState } from "@/lib/data/deals-write";
import { requireDealInSession, requireTeamPerson, type SessionObject } from "@/lib/data/inspection-write";
import { toDbDate, type IsoDate } from "@/lib/domain/calendar";
import { planDecision, type DecisionInput, type UndecidedOutcome } from "@/lib/domain/inspection-decisions";
import { emitEvent, type DomainEventInput } from "@/lib/events/emit";
import { AppError, invalid } from "@/lib/errors";

export interface ActionItemInput {
  description: string;
  ownerId: string;
  dueDate: IsoDate;
}

export interface RecordDecisionInput extends DecisionInput {
  dealId: string;
  expectedVersion: number;
  flags: string[];
  actionItem: ActionItemInput | null;
}

/** Records a decision and applies it to the deal. Returns the deal's new version and what changed. */
export async function recordDecision(
  tx: Tx,
  actor: SessionUser,
  session: SessionObject,
  input: RecordDecisionInput,
  org: Pick<OrganisationSettings, "fiscalYearStartMonth">,
  today: IsoDate,
  now: Date,
) {
  // A deal outside the session's team is answered like a missing one.
  await requireDealInSession(tx, session, input.dealId);
  const current = await loadDealState(tx, input.dealId);
  if (!current) throw invalid("dealId", "Choose a deal of this inspection's team.");
  const owner = await tx.user.findUnique({ where: { id: current.ownerId ?? "" }, select: { teamId: true } });
  const teamId = owner?.teamId ?? session.teamId ?? null;

  const plan = planDecision(input, { status: current.status ?? "OPEN", closeDate: current.closeDate, ownerId: current.ownerId ?? "" }, today);
  const errors: Record<string, string[]> = Object.fromEntries(Object.entries(plan.errors).map(([k, v]) => [k, [v]]));
  if (input.kind === "REASSIGN" && input.newOwnerId && !errors.newOwnerId) {
    // Another active rep of the deal's team only.
    const rep = await tx.user.findFirst({
      where: { id: input.newOwnerId, active: true, role: "REP", teamId: teamId ?? "__none__" },
      select: { id: true },
    });
    if (!rep) errors.newOwnerId = ["Choose an active rep of this team."];
  }
  if (input.actionItem) {
    if (input.actionItem.dueDate < today) errors.actionDueDate = ["The due date cannot be in the past."];
    if (session.teamId) {
      try {
        await requireTeamPerson(tx, session.teamId, input.actionItem.ownerId, "actionOwnerId");
      } catch (e) {
        if (e instanceof AppError && e.fieldErrors) Object.assign(errors, e.fieldErrors);
        else throw e;
      }
    }
  }
  if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);

  // The version check runs for every decision, keep and commit included: a decision taken on a deal the rep changed
  // meanwhile is refused with what changed, and the form keeps what was typed.
  const result = await applyDealPatch(tx, current, {
    actor,
    expectedVersion: input.expectedVersion,
    patch: plan.patch,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    pushReason: plan.pushReason,
    reason: plan.reason,
    extra: plan.closes ? { closedAt: now, pausedUntil: null, pauseReason: null, pausedById: null } : plan.pauses ? { pausedById: actor.id } : undefined,
    now,
  });

  const disposition = await tx.inspectionDisposition.upsert({
    where: { sessionId_dealId: { sessionId: session.id, dealId: current.id } },
    create: { sessionId: session.id, dealId: current.id, disposition: input.kind, flags: input.flags, note: input.note },
    update: { disposition: input.kind, flags: input.flags, note: input.note },
    select: { id: true },
  });

  const events: DomainEventInput[] = [];
  const base = { occurredAt: now, actorId: actor.id, dealId: current.id, teamId, subjectUserId: current.ownerId };
  const dealRef = { id: current.id, name: current.name };
  events.push({
    ...base,
    type: "inspection.decision_recorded",
    payload: { sessionId: session.id, decision: input.kind, note: input.note, deal: dealRef, changed: result.changed },
  });
  // The deal's own events (deal.updated, deal.pushed, deal.won, deal.lost) are emitted by applyDealPatch itself.

  let actionItemId: string | null = null;
  if (input.actionItem) {
    const item = await tx.actionItem.create({
      data: {
        inspectionSessionId: session.id,
        dealId: current.id,
        ownerId: input.actionItem.ownerId,
        createdById: actor.id,
        description: input.actionItem.description,
        dueDate: toDbDate(input.actionItem.dueDate),
      },
      select: { id: true },
    });
    actionItemId = item.id;
    events.push({
      ...base,
      type: "action_item.created",
      subjectUserId: input.actionItem.ownerId,
      payload: { actionItemId: item.id, description: input.actionItem.description, dueDate: input.actionItem.dueDate, deal: dealRef, sessionId: session.id },
    });
  }
  for (const event of events) await emitEvent(tx, event);
  return { id: disposition.id, dealId: current.id, version: result.version, changed: result.changed, actionItemId };
}

/**
 * Completes an inspection. The flagged deals still undecided (`undecidedIds`, computed by the caller from the current
 * flags) are recorded as not discussed or skipped; without that choice, completion is refused with their count.
 */
export async function completeSession(
  tx: Tx,
  actor: SessionUser,
  session: SessionObject,
  opts: { notes: string | null; rest: UndecidedOutcome | null; undecidedIds: string[]; flagsById: Map<string, string[]>; now: Date },
) {
  if (opts.undecidedIds.length > 0 && !opts.rest) {
    const n = opts.undecidedIds.length;
    throw new AppError("INVALID", `${n} flagged ${n === 1 ? "deal is" : "deals are"} still undecided. Decide ${n === 1 ? "it" : "them"}, or record the rest as not discussed or skipped.`, undefined, { undecided: n });
  }
  if (opts.rest && opts.undecidedIds.length > 0) {
    await tx.inspectionDisposition.createMany({
      data: opts.undecidedIds.map((dealId) => ({ sessionId: session.id, dealId, disposition: opts.rest!, flags: opts.flagsById.get(dealId) ?? [] })),
      skipDuplicates: true,
    });
  }
  const counts = await tx.inspectionDisposition.groupBy({ by: ["disposition"], where: { sessionId: session.id }, _count: { _all: true } });
  const count = (k: string) => counts.find((c) => c.disposition === k)?._count._all ?? 0;
  const total = counts.reduce((s, c) => s + c._count._all, 0);
  await tx.inspectionSession.update({ where: { id: session.id }, data: { completedAt: opts.now, notes: opts.notes }, select: { id: true } });
  await emitEvent(tx, {
    type: "inspection.completed",
    occurredAt: opts.now,
    actorId: actor.id,
    teamId: session.teamId,
    subjectUserId: session.repId,
    payload: {
      sessionId: session.id,
      decided: total - count("NOT_DISCUSSED") - count("SKIPPED"),
      notDiscussed: count("NOT_DISCUSSED"),
      skipped: count("SKIPPED"),
    },
  });
  return { id: session.id };
}
