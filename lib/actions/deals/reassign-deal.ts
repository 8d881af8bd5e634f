"use server";
// A manager hands an open deal to another active rep of the same team; the history keeps who owned it before.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManage } from "@/lib/auth/permissions";
import { loadOrganisation } from "@/lib/data/organisation";
import { applyDealPatch, loadDealOwnership, loadDealState } from "@/lib/data/deals-write";
import { expectedVersionField, idField, optionalText } from "@/lib/data/deals-schema";
import { invalid, notFound } from "@/lib/errors";

const schema = z.strictObject({
  dealId: idField("deal"),
  expectedVersion: expectedVersionField,
  newOwnerId: idField("new owner"),
  reason: optionalText("reason").optional(),
});

export const reassignDeal = defineAction(
  {
    name: "deals.reassign",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "dealId", label: "Deal", load: loadDealOwnership, can: (actor, d) => canManage(actor, { id: d.ownerId, teamId: d.ownerTeamId }) },
    handler: async ({ actor, input, tx, object }) => {
      const current = await loadDealState(tx, input.dealId);
      if (!current) throw notFound("Deal");
      // Within the team: the new owner must be an active member of the deal owner's team.
      const owner = await tx.user.findFirst({
        where: { id: input.newOwnerId, active: true, teamId: object.ownerTeamId ?? "__none__", role: { in: ["REP", "MANAGER"] } },
        select: { id: true },
      });
      if (!owner) throw invalid("newOwnerId", "Choose an active member of the deal owner's team.");
      const org = await loadOrganisation(tx);
      const result = await applyDealPatch(tx, current, {
        actor,
        expectedVersion: input.expectedVersion,
        patch: { ownerId: owner.id },
        fiscalYearStartMonth: org.fiscalYearStartMonth,
        reason: input.reason ?? null,
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
