"use server";
// Logs a call, meeting, email or note on a deal: it touches the deal (last-touch clock) but is not movement.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canWrite } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadDealOwnership } from "@/lib/data/deals-write";
import { MAX_NAME, MAX_NOTES, dateField, idField, optionalText, requiredText } from "@/lib/data/deals-schema";
import { toDbDate } from "@/lib/domain/calendar";
import { invalid } from "@/lib/errors";

const schema = z.strictObject({
  dealId: idField("deal"),
  type: z.enum(["CALL", "MEETING", "EMAIL", "NOTE"], { error: "Choose call, meeting, email or note." }),
  occurredOn: dateField("date"),
  subject: requiredText("subject", MAX_NAME),
  notes: optionalText("notes", MAX_NOTES).optional(),
});

export const logActivity = defineAction(
  {
    name: "deals.log-activity",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "dealId", label: "Deal", load: loadDealOwnership, can: canWrite },
    handler: async ({ actor, input, tx }) => {
      const org = await loadOrganisation(tx);
      if (input.occurredOn > todayIn(org)) throw invalid("occurredOn", "Log what has happened: the date cannot be in the future.");
      const activity = await tx.activity.create({
        data: {
          dealId: input.dealId,
          userId: actor.id,
          type: input.type,
          occurredOn: toDbDate(input.occurredOn),
          subject: input.subject,
          notes: input.notes ?? null,
        },
        select: { id: true },
      });
      await tx.deal.update({ where: { id: input.dealId }, data: { lastTouchedAt: new Date() }, select: { id: true } });
      return { id: activity.id, dealId: input.dealId };
    },
  },
  (data) => {
    revalidatePath(`/deals/${data.dealId}`);
    revalidatePath("/deals");
  },
);
