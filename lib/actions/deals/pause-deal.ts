"use server";
// A manager pauses an open deal (reason, resume date) or resumes it early; paused deals leave the stale lists until then.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManage } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { applyDealPatch, loadDealOwnership, loadDealState } from "@/lib/data/deals-write";
import { expectedVersionField, idField, optionalDateField, optionalText } from "@/lib/data/deals-schema";
import { addDays } from "@/lib/domain/calendar";
import { AppError, notFound } from "@/lib/errors";

const schema = z.strictObject({
  dealId: idField("deal"),
  expectedVersion: expectedVersionField,
  reason: optionalText("reason").optional(),
  /** Empty resumes the deal now. */
  resumeDate: optionalDateField("resume date"),
});

export const pauseDeal = defineAction(
  {
    name: "deals.pause",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "dealId", label: "Deal", load: loadDealOwnership, can: (actor, d) => canManage(actor, { id: d.ownerId, teamId: d.ownerTeamId }) },
    handler: async ({ actor, input, tx }) => {
      const current = await loadDealState(tx, input.dealId);
      if (!current) throw notFound("Deal");
      const org = await loadOrganisation(tx);
      const today = todayIn(org);
      const errors: Record<string, string[]> = {};
      if (current.status !== "OPEN") errors.resumeDate = ["Only open deals can be paused."];
      if (input.resumeDate) {
        if (input.resumeDate <= today) errors.resumeDate = ["The resume date must be after today."];
        else if (input.resumeDate > addDays(today, 366)) errors.resumeDate = ["Pause for a year at most."];
        if (!input.reason) errors.reason = ["Say why the deal is paused."];
      }
      if (Object.keys(errors).length) throw new AppError("INVALID", "Please correct the highlighted fields.", errors);
      const result = await applyDealPatch(tx, current, {
        actor,
        expectedVersion: input.expectedVersion,
        patch: input.resumeDate ? { pausedUntil: input.resumeDate, pauseReason: input.reason ?? null } : { pausedUntil: null, pauseReason: null },
        fiscalYearStartMonth: org.fiscalYearStartMonth,
        reason: input.resumeDate ? input.reason : "Resumed",
        extra: { pausedById: input.resumeDate ? actor.id : null },
      });
      return { id: current.id, version: result.version };
    },
  },
  (data) => {
    revalidatePath(`/deals/${data.id}`);
    revalidatePath("/deals");
    revalidatePath("/inspection", "layout");
  },
);
