"use server";
// Records a quarterly review for the organisation or one team, freezing the quarter's metrics as its snapshot.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadQuarterlyDashboard } from "@/lib/data/quarterly";
import { canEditReview, snapshotOf } from "@/lib/data/quarterly-reviews";
import { parseQuarterParam } from "@/lib/domain/quarterly";
import { toDbDate } from "@/lib/domain/calendar";
import { AppError, invalid } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

const schema = z.strictObject({
  quarter: z.string().trim().min(1, "Choose the quarter under review.").max(40),
  teamId: z.string().trim().max(64).optional().default(""),
  constraintText: z.string().trim().max(2000, "Keep the constraint under 2,000 characters.").optional().default(""),
  notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters.").optional().default(""),
});

export const createReview = defineAction(
  {
    name: "quarterly.review.create",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema,
    idempotent: true,
    handler: async ({ actor, input, tx }) => {
      const org = await loadOrganisation(tx);
      const today = todayIn(org);
      const period = parseQuarterParam(input.quarter, today, org.fiscalYearStartMonth);
      if (!period) throw invalid("quarter", "That is not a quarter. Use a label such as “FY2026 Q3”.");
      const teamId = input.teamId || null;
      if (!canEditReview(actor, { teamId })) {
        throw new AppError("FORBIDDEN", teamId ? "You can only record reviews for the teams you manage." : "Only executives and admins record organisation-wide reviews.");
      }
      let teamName = "";
      if (teamId) {
        const team = await tx.team.findUnique({ where: { id: teamId }, select: { name: true } });
        if (!team) throw invalid("teamId", "Choose an existing team.");
        teamName = team.name;
      }
      const dashboard = await loadQuarterlyDashboard(
        actor,
        { quarter: period, scope: teamId ? { kind: "TEAM", teamId, teamName } : { kind: "ORGANISATION" } },
        org,
        today,
      );
      const review = await tx.quarterlyReview.create({
        data: {
          teamId,
          periodStart: toDbDate(period.start),
          periodEnd: toDbDate(period.end),
          label: teamId ? `${period.label} · ${teamName}` : period.label,
          constraintText: input.constraintText || dashboard.constraint?.name || null,
          notes: input.notes || null,
          snapshot: snapshotOf(dashboard) as Prisma.InputJsonValue,
          createdById: actor.id,
        },
        select: { id: true },
      });
      return { id: review.id };
    },
  },
  (data) => {
    revalidatePath("/quarterly/reviews");
    redirect(`/quarterly/reviews/${data.id}`);
  },
);
