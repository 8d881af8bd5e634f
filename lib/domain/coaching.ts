// Coaching rules: who is due for this month's session, overdue plan actions, BAT trends, and the strict schema of a
// whole coaching session (ratings, call reviews, notes, the review of the last plan and the new 30-day plan).
import { z } from "zod";
import { addDays, isSaneIsoDate, isValidIsoDate, type IsoDate } from "@/lib/domain/calendar";
import { BAT_DIMENSIONS, MAX_OBJECTIVES, VERDICTS } from "@/lib/domain/coaching-vocabulary";
import { atMost } from "@/lib/domain/text-limits";
import { COACHING_LIMITS as L, COACHING_MESSAGES as M, ratingMessage } from "@/lib/domain/coaching-fields";

// The vocabulary lives in its own zod-free module for client components; re-exported so callers keep one import.
export * from "@/lib/domain/coaching-vocabulary";

/** "done" this month, "due" (none yet this month), or "overdue" (none last month either, or never coached). */
export type CoachingDueState = "done" | "due" | "overdue";

export function coachingDueState(lastCompletedOn: IsoDate | null, today: IsoDate): CoachingDueState {
  const thisMonth = today.slice(0, 7);
  if (!lastCompletedOn) return "overdue";
  const lastMonth = lastCompletedOn.slice(0, 7);
  if (lastMonth >= thisMonth) return "done";
  const previousMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
  return lastMonth >= previousMonth ? "due" : "overdue";
}

/** An action is overdue when it is not done and its due date is before today. */
export function isActionOverdue(action: { status: string; dueDate: IsoDate }, today: IsoDate): boolean {
  return action.status !== "DONE" && action.dueDate < today;
}

export interface BatPoint {
  heldOn: IsoDate;
  behavior: number | null;
  technique: number | null;
  attitude: number | null;
}

/** Mean rating per session slot across reps: the team's BAT trend over each rep's last sessions (oldest first). */
export function teamBatTrend(perRep: readonly (readonly BatPoint[])[], sessions = 6): { label: string; behavior: number | null; technique: number | null; attitude: number | null }[] {
  const out = [];
  for (let i = 0; i < sessions; i++) {
    const slot = perRep.map((points) => points[points.length - sessions + i]).filter((p): p is BatPoint => !!p);
    const mean = (key: "behavior" | "technique" | "attitude") => {
      const values = slot.map((p) => p[key]).filter((v): v is number => v !== null);
      return values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10 : null;
    };
    out.push({ label: i === sessions - 1 ? "Latest" : `${sessions - 1 - i} before`, behavior: mean("behavior"), technique: mean("technique"), attitude: mean("attitude") });
  }
  return out;
}

// ---- the session form ----

const text = (what: string, max: number) => z.string().trim().max(max, atMost(what, max));
const optionalText = (what: string, max: number) =>
  text(what, max)
    .optional()
    .transform((v) => (v ? v : null));
// The range every date input shares (calendar.ts isSaneIsoDate): a year 0100 or 9999 is refused, not stored.
const isoDate = (message: string) => z.string().refine(isSaneIsoDate, message);
const rating = (label: string) =>
  z.coerce
    .number({ message: ratingMessage(label) })
    .int(ratingMessage(label))
    .min(1, ratingMessage(label))
    .max(5, ratingMessage(label));
const flag = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional().transform((v) => v === true || v === "on" || v === "true");

export const callReviewSchema = z.strictObject({
  recordingRef: text("recording link", L.recordingRef).min(1, M.recordingRef),
  callDate: isoDate(M.callDate),
  dealId: optionalText("deal", 64),
  uncoveredPain: flag,
  usedNegativeReverse: flag,
  setUpFrontContract: flag,
  pitchedFeatures: flag,
  strengths: optionalText("strengths", L.callNotes),
  gaps: optionalText("gaps", L.callNotes),
});

export const planActionSchema = z.strictObject({
  description: text("action", L.actionDescription).min(1, M.description),
  ownerId: z.string().min(1, M.ownerId).max(64),
  dueDate: isoDate(M.dueDate),
});

export const objectiveSchema = z.strictObject({
  dimension: z.enum(BAT_DIMENSIONS, { message: M.dimension }),
  title: text("objective", L.objectiveTitle).min(1, M.title),
  successCriterion: text("success criterion", L.successCriterion).min(1, M.successCriterion),
  actions: z.array(planActionSchema).min(1, "Add at least one action with an owner and a due date.").max(10, "Keep it to ten actions or fewer."),
});

export const planReviewSchema = z.strictObject({
  planId: z.string().min(1).max(64),
  verdict: z.enum(VERDICTS, { message: M.verdict }),
  verdictNotes: optionalText("verdict notes", L.verdictNotes),
  objectives: z
    .array(z.strictObject({ id: z.string().min(1).max(64), verdict: z.enum(VERDICTS).optional().nullable() }))
    .max(MAX_OBJECTIVES)
    .default([]),
});

export const coachingSessionSchema = z
  .strictObject({
    repId: z.string().min(1).max(64),
    heldOn: isoDate(M.heldOn),
    behaviorRating: rating("Behavior"),
    behaviorNotes: optionalText("Behavior notes", L.ratingNotes),
    techniqueRating: rating("Technique"),
    techniqueNotes: optionalText("Technique notes", L.ratingNotes),
    attitudeRating: rating("Attitude"),
    attitudeNotes: optionalText("Attitude notes", L.ratingNotes),
    sharedNotes: optionalText("shared notes", L.sharedNotes),
    privateNote: optionalText("private note", L.privateNote),
    review: planReviewSchema.optional().nullable(),
    callReviews: z.array(callReviewSchema).max(10, "Keep it to ten call reviews or fewer.").default([]),
    objectives: z
      .array(objectiveSchema)
      .min(1, "The 30-day plan needs at least one objective.")
      .max(MAX_OBJECTIVES, `The 30-day plan takes at most ${MAX_OBJECTIVES} objectives: focus on the few that matter.`),
  })
  .superRefine((value, ctx) => {
    value.objectives.forEach((objective, i) =>
      objective.actions.forEach((action, j) => {
        if (isValidIsoDate(action.dueDate) && isValidIsoDate(value.heldOn) && action.dueDate < value.heldOn) {
          ctx.addIssue({ code: "custom", path: ["objectives", i, "actions", j, "dueDate"], message: M.dueBeforeSession });
        }
      }),
    );
  });

export type CoachingSessionInput = z.output<typeof coachingSessionSchema>;
