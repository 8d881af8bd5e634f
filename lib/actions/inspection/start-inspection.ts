"use server";
// Starts (or resumes) the manager's inspection of a team or of one rep, as of today in the organisation's time zone.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManageTeam } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { idField } from "@/lib/data/deals-schema";
import { toDbDate } from "@/lib/domain/calendar";
import { invalid } from "@/lib/errors";

const schema = z.strictObject({
  teamId: idField("team"),
  repId: z.union([z.literal(""), idField("rep")]).optional(),
});

export const startInspection = defineAction(
  {
    name: "inspection.start",
    roles: ["MANAGER", "ADMIN"],
    schema,
    handler: async ({ actor, input, tx }) => {
      // Another team is answered like an unknown one.
      if (!canManageTeam(actor, input.teamId)) throw invalid("teamId", "Choose one of your teams.");
      const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
      if (!team) throw invalid("teamId", "Choose one of your teams.");
      const repId = input.repId || null;
      if (repId) {
        const rep = await tx.user.findFirst({ where: { id: repId, teamId: team.id }, select: { id: true } });
        if (!rep) throw invalid("repId", "Choose a rep of this team.");
      }
      const open = await tx.inspectionSession.findFirst({
        where: { teamId: team.id, repId, completedAt: null },
        orderBy: { startedAt: "desc" },
        select: { id: true },
      });
      if (open) return { id: open.id, resumed: true };
      const today = todayIn(await loadOrganisation(tx));
      const created = await tx.inspectionSession.create({
        data: { managerId: actor.id, teamId: team.id, repId, asOfDate: toDbDate(today) },
        select: { id: true },
      });
      return { id: created.id, resumed: false };
    },
  },
  (data) => redirect(`/inspection/${data.id}`),
);
