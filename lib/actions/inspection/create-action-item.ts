"use server";
// Adds an action item (owner, due date, optional deal) to an inspection: the next inspection opens with it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { dateField, idField, requiredText } from "@/lib/data/deals-schema";
import { canRunSession, loadInspectionSession, requireDealInSession, requireOpenSession, requireTeamPerson } from "@/lib/data/inspection-write";
import { toDbDate } from "@/lib/domain/calendar";
import { invalid } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";

const schema = z.strictObject({
  sessionId: idField("inspection"),
  description: requiredText("action", 500),
  ownerId: idField("owner"),
  dueDate: dateField("due date"),
  dealId: z.union([z.literal(""), idField("deal")]).optional(),
});

export const createActionItem = defineAction(
  {
    name: "inspection.create-action-item",
    roles: ["MANAGER", "ADMIN"],
    schema,
    object: { key: "sessionId", label: "Inspection", load: loadInspectionSession, can: canRunSession },
    handler: async ({ actor, input, tx, object }) => {
      requireOpenSession(object);
      const today = todayIn(await loadOrganisation(tx));
      if (input.dueDate < today) throw invalid("dueDate", "The due date cannot be in the past.");
      await requireTeamPerson(tx, object.teamId!, input.ownerId);
      if (input.dealId) await requireDealInSession(tx, object, input.dealId);
      const item = await tx.actionItem.create({
        data: {
          inspectionSessionId: object.id,
          dealId: input.dealId || null,
          ownerId: input.ownerId,
          createdById: actor.id,
          description: input.description,
          dueDate: toDbDate(input.dueDate),
        },
        select: { id: true },
      });
      await emitEvent(tx, {
        type: "action_item.created",
        occurredAt: new Date(),
        actorId: actor.id,
        dealId: input.dealId || null,
        teamId: object.teamId,
        subjectUserId: input.ownerId,
        payload: { actionItemId: item.id, description: input.description, dueDate: input.dueDate, sessionId: object.id },
      });
      return { id: item.id, sessionId: object.id };
    },
  },
  (data) => revalidatePath(`/inspection/${data.sessionId}`),
);
