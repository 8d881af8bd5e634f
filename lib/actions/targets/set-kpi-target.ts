"use server";
// Sets a KPI target (creating it, or changing the value of the same metric/period/scope): managers for their teams and
// reps, executives and admins organisation-wide and anywhere.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { loadOrganisation } from "@/lib/data/organisation";
import { periodContaining, toDbDate } from "@/lib/domain/calendar";
import { optionalDateField } from "@/lib/data/deals-schema";
import { METRIC_BY_KEY, TARGETABLE_METRICS } from "@/lib/domain/kpi";
import { canSetTarget } from "@/lib/domain/targets";
import { AppError, invalid } from "@/lib/errors";

const metricKeys = TARGETABLE_METRICS.map((m) => m.key) as [string, ...string[]];

const schema = z
  .strictObject({
    metric: z.enum(metricKeys, { message: "Choose a metric." }),
    periodType: z.enum(["MONTH", "QUARTER", "YEAR"], { message: "Choose month, quarter or year." }),
    // Empty: the target holds for every period.
    periodStart: optionalDateField("period start").optional().transform((v) => v ?? null),
    scope: z.enum(["ORGANISATION", "TEAM", "REP"], { message: "Choose who the target is for." }),
    teamId: z.string().max(64).optional().transform((v) => (v ? v : null)),
    userId: z.string().max(64).optional().transform((v) => (v ? v : null)),
    direction: z.enum(["AT_LEAST", "AT_MOST"], { message: "Choose at least or at most." }),
    value: z.coerce.number({ message: "Give the target as a number." }).refine(Number.isFinite, "Give the target as a number.").refine((v) => Math.abs(v) < 1e12, "That number is too large."),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "TEAM" && !v.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose the team." });
    if (v.scope === "REP" && !v.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: "Choose the rep." });
  });

export const setKpiTarget = defineAction(
  {
    name: "targets.set-kpi-target",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema,
    handler: async ({ actor, input, tx }) => {
      const def = METRIC_BY_KEY.get(input.metric as never)!;
      const teamId = input.scope === "TEAM" ? input.teamId : null;
      const userId = input.scope === "REP" ? input.userId : null;
      let repTeamId: string | null = null;
      if (userId) {
        const rep = await tx.user.findUnique({ where: { id: userId }, select: { teamId: true, role: true } });
        if (!rep || rep.role !== "REP") throw invalid("userId", "Choose one of your reps.");
        repTeamId = rep.teamId;
      }
      if (teamId && !(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw invalid("teamId", "Choose one of your teams.");
      if (!canSetTarget(actor, { scope: input.scope, teamId, repTeamId })) {
        await audit({ action: "authz.denied", actorId: actor.id, targetType: "KpiTarget", details: { action: "targets.set-kpi-target", scope: input.scope } });
        throw new AppError(
          "FORBIDDEN",
          input.scope === "ORGANISATION" ? "Only executives and admins set organisation-wide targets." : "You can set targets only for your own teams and their reps.",
        );
      }
      let periodStart = input.periodStart;
      if (periodStart) {
        const org = await loadOrganisation(tx);
        const start = periodContaining(periodStart, input.periodType, org.fiscalYearStartMonth).start;
        if (start !== periodStart) throw invalid("periodStart", `That is not the first day of a ${input.periodType.toLowerCase()}: did you mean ${start}?`);
        periodStart = start;
      }
      const key = { metric: input.metric, periodType: input.periodType, periodStart: periodStart ? toDbDate(periodStart) : null, scope: input.scope, teamId, userId };
      const data = { direction: input.direction, value: input.value, category: def.category, isRelative: def.relative, setById: actor.id };
      const existing = await tx.kpiTarget.findFirst({ where: key, select: { id: true } });
      const saved = existing
        ? await tx.kpiTarget.update({ where: { id: existing.id }, data, select: { id: true } })
        : await tx.kpiTarget.create({ data: { ...key, ...data }, select: { id: true } });
      return { id: saved.id };
    },
  },
  () => revalidatePath("/targets"),
);
