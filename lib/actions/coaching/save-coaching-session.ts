"use server";
// Saves a whole monthly coaching session in one transaction: the review of the last plan, BAT ratings, call reviews,
// shared and manager-only notes, and the new 30-day development plan.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/safe-action";
import { canManage } from "@/lib/auth/permissions";
import { loadRepForCoaching } from "@/lib/data/coaching";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { addDays, toDbDate } from "@/lib/domain/calendar";
import { coachingSessionSchema, PLAN_DAYS } from "@/lib/domain/coaching";
import { AppError, invalid } from "@/lib/errors";
import { COACHING_MESSAGES } from "@/lib/domain/coaching-fields";

export const saveCoachingSession = defineAction(
  {
    name: "coaching.save-session",
    roles: ["MANAGER", "ADMIN"],
    schema: coachingSessionSchema,
    object: {
      key: "repId",
      label: "Rep",
      load: loadRepForCoaching,
      // Only a rep of a team the manager leads (admins: any rep) can be coached.
      can: (actor, rep) => rep.role === "REP" && rep.active && canManage(actor, rep),
    },
    handler: async ({ actor, input, object: rep, tx }) => {
      const org = await loadOrganisation(tx);
      if (input.heldOn > todayIn(org)) throw invalid("heldOn", COACHING_MESSAGES.heldOnFuture);

      const fieldErrors: Record<string, string[]> = {};
      input.objectives.forEach((o, i) =>
        o.actions.forEach((a, j) => {
          if (a.ownerId !== rep.id && a.ownerId !== actor.id) fieldErrors[`objectives.${i}.actions.${j}.ownerId`] = ["An action is owned by the rep or by you."];
        }),
      );
      const dealIds = [...new Set(input.callReviews.map((c) => c.dealId).filter((d): d is string => !!d))];
      if (dealIds.length) {
        const owned = new Set((await tx.deal.findMany({ where: { id: { in: dealIds }, ownerId: rep.id }, select: { id: true } })).map((d) => d.id));
        input.callReviews.forEach((c, i) => {
          if (c.dealId && !owned.has(c.dealId)) fieldErrors[`callReviews.${i}.dealId`] = ["Choose one of this rep's deals."];
        });
      }

      // The session opens with the previous plan: an unreviewed plan must get its verdict now.
      const open = await tx.developmentPlan.findFirst({
        where: { repId: rep.id, reviewedAt: null },
        orderBy: { startsOn: "desc" },
        select: { id: true, objectives: { select: { id: true } } },
      });
      if (open && (!input.review || input.review.planId !== open.id)) fieldErrors["review.verdict"] = ["Review the previous plan first: give it a verdict."];
      if (!open && input.review) fieldErrors["review.verdict"] = ["There is no open plan to review."];
      if (Object.keys(fieldErrors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", fieldErrors);

      const session = await tx.coachingSession.create({
        data: {
          managerId: actor.id,
          repId: rep.id,
          heldOn: toDbDate(input.heldOn),
          behaviorRating: input.behaviorRating,
          behaviorNotes: input.behaviorNotes,
          techniqueRating: input.techniqueRating,
          techniqueNotes: input.techniqueNotes,
          attitudeRating: input.attitudeRating,
          attitudeNotes: input.attitudeNotes,
          sharedNotes: input.sharedNotes,
          completedAt: new Date(),
          privateNotes: input.privateNote ? { create: { authorId: actor.id, body: input.privateNote } } : undefined,
          callReviews: {
            create: input.callReviews.map((c) => ({
              recordingRef: c.recordingRef,
              callDate: toDbDate(c.callDate),
              dealId: c.dealId,
              uncoveredPain: c.uncoveredPain,
              usedNegativeReverse: c.usedNegativeReverse,
              setUpFrontContract: c.setUpFrontContract,
              pitchedFeatures: c.pitchedFeatures,
              strengths: c.strengths,
              gaps: c.gaps,
            })),
          },
        },
        select: { id: true },
      });

      await tx.developmentPlan.create({
        data: {
          sessionId: session.id,
          repId: rep.id,
          startsOn: toDbDate(input.heldOn),
          endsOn: toDbDate(addDays(input.heldOn, PLAN_DAYS)),
          objectives: {
            create: input.objectives.map((o, position) => ({
              dimension: o.dimension,
              title: o.title,
              successCriterion: o.successCriterion,
              position,
              actions: { create: o.actions.map((a) => ({ description: a.description, ownerId: a.ownerId, dueDate: toDbDate(a.dueDate) })) },
            })),
          },
        },
      });

      if (open && input.review) {
        await tx.developmentPlan.update({
          where: { id: open.id },
          data: { verdict: input.review.verdict, verdictNotes: input.review.verdictNotes, reviewedInSessionId: session.id, reviewedAt: new Date() },
        });
        const objectiveIds = new Set(open.objectives.map((o) => o.id));
        for (const o of input.review.objectives) {
          if (!objectiveIds.has(o.id)) continue;
          await tx.planObjective.update({ where: { id: o.id }, data: { verdict: o.verdict ?? null } });
        }
      }
      return { id: session.id };
    },
  },
  async (data) => {
    revalidatePath("/coaching");
    redirect(`/coaching/sessions/${data.id}?saved=1`);
  },
);
