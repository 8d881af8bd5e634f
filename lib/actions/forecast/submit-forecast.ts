"use server";
// Records a forecast (commit and best case) for the current quarter: a rep for themselves, a manager for a team.
// Append-only: every submission is kept, because accuracy scores the one standing at the scoring week.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManageTeam } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { periodContaining, toDbDate } from "@/lib/domain/calendar";
import { parseForecastAmount } from "@/lib/domain/forecast";
import { AppError } from "@/lib/errors";

const money = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const parsed = parseForecastAmount(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.minor;
});

const schema = z
  .strictObject({
    scope: z.enum(["REP", "TEAM"], { message: "Choose whose forecast this is." }),
    teamId: z.string().trim().max(64).optional().default(""),
    commit: money,
    bestCase: money,
    notes: z.string().trim().max(2000, "Keep the notes under 2,000 characters.").optional().default(""),
  })
  .refine((v) => v.bestCase >= v.commit, { path: ["bestCase"], message: "The best case cannot be below the commit." });

export const submitForecast = defineAction(
  {
    name: "forecast.submit",
    roles: ["REP", "MANAGER"],
    schema,
    handler: async ({ actor, input, tx }) => {
      const org = await loadOrganisation(tx);
      const period = periodContaining(todayIn(org), "QUARTER", org.fiscalYearStartMonth);
      let teamId: string | null;
      if (input.scope === "TEAM") {
        if (!input.teamId || !canManageTeam(actor, input.teamId) || actor.role !== "MANAGER") {
          throw new AppError("FORBIDDEN", "You can only forecast for the teams you manage.");
        }
        teamId = input.teamId;
      } else {
        if (actor.role !== "REP") throw new AppError("FORBIDDEN", "Managers forecast for their teams.");
        teamId = actor.teamId;
      }
      const row = await tx.forecastSubmission.create({
        data: {
          userId: actor.id,
          scope: input.scope,
          teamId,
          periodType: "QUARTER",
          periodStart: toDbDate(period.start),
          periodEnd: toDbDate(period.end),
          commitMinor: input.commit,
          bestCaseMinor: input.bestCase,
          notes: input.notes || null,
        },
        select: { id: true },
      });
      return { id: row.id };
    },
  },
  () => revalidatePath("/forecast"),
);
