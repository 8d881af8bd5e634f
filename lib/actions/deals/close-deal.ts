"use server";
// Closes an open deal won or lost (lost needs a reason): a movement, recorded in the history under the version lock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canWrite } from "@/lib/auth/permissions";
import { loadOrganisation } from "@/lib/data/organisation";
import { applyDealPatch, loadDealOwnership, loadDealState } from "@/lib/data/deals-write";
import { expectedVersionField, idField, optionalText } from "@/lib/data/deals-schema";
import { AppError, invalid, notFound } from "@/lib/errors";

const schema = z.strictObject({
  dealId: idField("deal"),
  expectedVersion: expectedVersionField,
  outcome: z.enum(["WON", "LOST"], { error: "Choose won or lost." }),
  lostReason: optionalText("lost reason").optional(),
});

export const closeDeal = defineAction(
  {
    name: "deals.close",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "dealId", label: "Deal", load: loadDealOwnership, can: canWrite },
    handler: async ({ actor, input, tx }) => {
      const current = await loadDealState(tx, input.dealId);
      if (!current) throw notFound("Deal");
      if (input.outcome === "LOST" && !input.lostReason) throw invalid("lostReason", "Say why the deal was lost.");
      if (current.status !== "OPEN") {
        throw new AppError("INVALID", "This deal is already closed.", { outcome: [`The deal is already ${current.status === "WON" ? "won" : "lost"}.`] });
      }
      const org = await loadOrganisation(tx);
      const now = new Date();
      const result = await applyDealPatch(tx, current, {
        actor,
        expectedVersion: input.expectedVersion,
        patch: { status: input.outcome, ...(input.outcome === "LOST" ? { lostReason: input.lostReason ?? null } : {}) },
        fiscalYearStartMonth: org.fiscalYearStartMonth,
        reason: input.outcome === "LOST" ? input.lostReason : null,
        extra: { closedAt: now, pausedUntil: null, pauseReason: null, pausedById: null },
        now,
      });
      return { id: current.id, version: result.version };
    },
  },
  (data) => {
    revalidatePath("/deals");
    revalidatePath(`/deals/${data.id}`);
    revalidatePath("/inspection", "layout");
  },
);
