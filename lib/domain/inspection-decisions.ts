// What an inspection decision does to its deal: the patch of tracked fields, the reasons kept in the history, and the
// field errors when the decision is incomplete. Pure: `today` comes in; the data layer applies the patch.
import type { IsoDate } from "@/lib/domain/calendar";
import { addDays } from "@/lib/domain/calendar";

/** The decisions a manager takes on a flagged deal (keys 1–7 in the triage). */
export const DECISION_KINDS = ["COMMIT", "KEEP", "PUSH", "CLOSE_OUT", "PAUSE", "NEXT_STEP", "REASSIGN"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What completing an inspection records for the flagged deals nobody decided. */
export const UNDECIDED_OUTCOMES = ["NOT_DISCUSSED", "SKIPPED"] as const;
export type UndecidedOutcome = (typeof UNDECIDED_OUTCOMES)[number];

export const DECISION_LABELS: Record<DecisionKind | UndecidedOutcome, string> = {
  COMMIT: "Commit",
  KEEP: "Keep",
  PUSH: "Push",
  CLOSE_OUT: "Close out",
  PAUSE: "Pause",
  NEXT_STEP: "Next step",
  REASSIGN: "Reassign",
  NOT_DISCUSSED: "Not discussed",
  SKIPPED: "Skipped",
};

export interface DecisionInput {
  kind: DecisionKind;
  /** Why it stays (keep/commit), the push reason, the pause reason or the reassignment's reason. */
  note: string | null;
  closeDate?: string | null;
  outcome?: string | null;
  lostReason?: string | null;
  resumeDate?: string | null;
  nextStep?: string | null;
  nextStepDate?: string | null;
  newOwnerId?: string | null;
}

export interface DealBefore {
  status: string;
  closeDate: IsoDate | null;
  ownerId: string;
}

export type DecisionPatch = Partial<Record<"status" | "lostReason" | "closeDate" | "pausedUntil" | "pauseReason" | "nextStep" | "nextStepDate" | "ownerId", string | null>>;

export interface DecisionPlan {
  patch: DecisionPatch;
  /** Kept on the closeDate history row. */
  pushReason: string | null;
  /** Kept on the status / pause / owner history rows. */
  reason: string | null;
  /** The deal closes (closedAt is set, a pause ends). */
  closes: boolean;
  /** The deal pauses (pausedById is set). */
  pauses: boolean;
  errors: Record<string, string>;
}

const blank = (v: string | null | undefined) => !v || !v.trim();

/** The deal change a decision asks for, or the fields it still needs. Keep and commit change nothing on the deal. */
export function planDecision(input: DecisionInput, deal: DealBefore, today: IsoDate): DecisionPlan {
  const errors: Record<string, string> = {};
  const plan: DecisionPlan = { patch: {}, pushReason: null, reason: null, closes: false, pauses: false, errors };
  if (input.kind !== "COMMIT" && input.kind !== "KEEP" && deal.status !== "OPEN") {
    errors._form = "This deal is already closed: only keep or commit can be recorded.";
    return plan;
  }
  switch (input.kind) {
    case "COMMIT":
    case "KEEP":
      if (blank(input.note)) errors.note = "Say why the deal stays.";
      break;
    case "PUSH":
      if (!input.closeDate) errors.closeDate = "Enter the new close date.";
      else if (input.closeDate < today) errors.closeDate = "The new close date cannot be in the past.";
      else if (deal.closeDate && input.closeDate <= deal.closeDate) errors.closeDate = "A push moves the close date later.";
      if (blank(input.note)) errors.note = "Say why the close date moves.";
      plan.patch = { closeDate: input.closeDate ?? null };
      plan.pushReason = input.note;
      break;
    case "CLOSE_OUT":
      // Never defaults to won: the outcome is a choice.
      if (input.outcome !== "WON" && input.outcome !== "LOST") errors.outcome = "Choose won or lost.";
      else if (input.outcome === "LOST" && blank(input.lostReason)) errors.lostReason = "Say why the deal was lost.";
      plan.patch = input.outcome === "LOST" ? { status: "LOST", lostReason: input.lostReason ?? null } : { status: input.outcome ?? null };
      plan.reason = input.outcome === "LOST" ? (input.lostReason ?? null) : (input.note ?? null);
      plan.closes = true;
      break;
    case "PAUSE":
      if (!input.resumeDate) errors.resumeDate = "Enter the resume date.";
      else if (input.resumeDate <= today) errors.resumeDate = "The resume date must be after today.";
      else if (input.resumeDate > addDays(today, 366)) errors.resumeDate = "Pause for a year at most.";
      if (blank(input.note)) errors.note = "Say why the deal is paused.";
      plan.patch = { pausedUntil: input.resumeDate ?? null, pauseReason: input.note };
      plan.reason = input.note;
      plan.pauses = true;
      break;
    case "NEXT_STEP":
      if (blank(input.nextStep)) errors.nextStep = "Enter the next step.";
      if (!input.nextStepDate) errors.nextStepDate = "Enter the next-step date.";
      else if (input.nextStepDate < today) errors.nextStepDate = "The next-step date cannot be in the past.";
      plan.patch = { nextStep: input.nextStep?.trim() ?? null, nextStepDate: input.nextStepDate ?? null };
      break;
    case "REASSIGN":
      if (!input.newOwnerId) errors.newOwnerId = "Choose the rep who takes the deal.";
      else if (input.newOwnerId === deal.ownerId) errors.newOwnerId = "Choose another rep than the current owner.";
      plan.patch = { ownerId: input.newOwnerId ?? null };
      plan.reason = input.note;
      break;
  }
  return plan;
}

/** The flags of the triage list, most urgent first: the order the list is sorted in and the chips are shown in. */
export const TRIAGE_FLAGS = ["close_date_passed", "overdue", "stale", "no_next_step", "late_stage", "paused"] as const;
export type TriageFlag = (typeof TRIAGE_FLAGS)[number];

/** One line that explains the default order of the triage list. */
export const TRIAGE_ORDER_EXPLAINED =
  "Most urgent first: close date passed, then next step overdue, then stale, then no next step, then late stage, then paused; within a group, the longest without movement first.";

/** Sorts flagged deals most urgent first: by their most urgent flag, then by days since movement (longest first). */
export function triageCompare(a: { flags: readonly string[]; daysSinceMovement: number; id: string }, b: { flags: readonly string[]; daysSinceMovement: number; id: string }): number {
  const rank = (flags: readonly string[]) => Math.min(...flags.map((f) => (TRIAGE_FLAGS as readonly string[]).indexOf(f)).filter((i) => i >= 0), TRIAGE_FLAGS.length);
  return rank(a.flags) - rank(b.flags) || b.daysSinceMovement - a.daysSinceMovement || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
