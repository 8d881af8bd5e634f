"use server";
// Sets a rep's quota for a month or fiscal quarter: managers for their reps, executives and admins for all.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canManage } from "@/lib/auth/permissions";
import { loadQuotaRep } from "@/lib/data/targets";
import { loadOrganisation } from "@/lib/data/organisation";
import { periodContaining, toDbDate } from "@/lib/domain/calendar";
import { dateField } from "@/lib/data/deals-schema";
import { parseMoneyInput } from "@/lib/format";
import { invalid } from "@/lib/errors";

export const setQuota = defineAction(
  {
    name: "targets.set-quota",
    roles: ["MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({
      userId: z.string().min(1).max(64),
      periodType: z.enum(["MONTH", "QUARTER"], { message: "Choose month or quarter." }),
      periodStart: dateField("first day of the period"),
      amount: z.string().trim().min(1, "Give the quota amount.").max(30),
    }),
    object: {
      key: "userId",
      label: "Rep",
      load: loadQuotaRep,
      can: (actor, rep) => rep.role === "REP" && (actor.role === "EXECUTIVE" || canManage(actor, rep)),
    },
    handler: async ({ input, tx }) => {
      const amountMinor = parseMoneyInput(input.amount);
      if (amountMinor === null || amountMinor < 0n) throw invalid("amount", "Give the quota as an amount such as 250000 or 250,000.00.");
      const org = await loadOrganisation(tx);
      const period = periodContaining(input.periodStart, input.periodType, org.fiscalYearStartMonth);
      if (period.start !== input.periodStart) throw invalid("periodStart", `That is not the first day of a ${input.periodType.toLowerCase()}: did you mean ${period.start}?`);
      const saved = await tx.quota.upsert({
        where: { userId_periodType_periodStart: { userId: input.userId, periodType: input.periodType, periodStart: toDbDate(period.start) } },
        create: { userId: input.userId, periodType: input.periodType, periodStart: toDbDate(period.start), periodEnd: toDbDate(period.end), amountMinor },
        update: { amountMinor, periodEnd: toDbDate(period.end) },
        select: { id: true },
      });
      return { id: saved.id };
    },
  },
  () => revalidatePath("/targets"),
);
