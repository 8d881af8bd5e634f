'use server';
// The organisation's settings. Every view reads them per request, so a change applies at the next page load.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator, isKnownCurrency } from "@/lib/data/admin";
import { isValidTimeZone } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { atMost } from "@/lib/domain/text-limits";

const int = (label: string, min: number, max: number) =>
  z.coerce.number({ message: `${label} must be a whole number.` }).int(`${label} must be a whole number.`).min(min, `${label} is at least ${min}.`).max(max, `${label} is at most ${max}.`);

export const updateSettings = defineAction(
  {
    name: "admin.update-settings",
    roles: ["ADMIN"],
    schema: z.strictObject({
      name: z.string().trim().min(1, "Give the organisation a name.").max(120, atMost("organisation name", 120)),
      timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone such as America/New_York or Europe/London."),
      currency: z.string().trim().toUpperCase().refine(isKnownCurrency, "Use a three-letter ISO 4217 code such as USD, EUR or GBP."),
      fiscalYearStartMonth: int("The first month", 1, 12),
      staleThresholdDays: int("The stale threshold", 1, 365),
      forecastScoringWeek: int("The scoring week", 1, 13),
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const org = await tx.organisation.findFirst({ orderBy: { createdAt: "asc" } });
      if (!org) throw new AppError("NOT_FOUND", "The organisation was not found.");
      const changed = Object.fromEntries(
        (Object.keys(input) as (keyof typeof input)[]).filter((k) => org[k] !== input[k]).map((k) => [k, { from: org[k], to: input[k] }]),
      );
      await tx.organisation.update({ where: { id: org.id }, data: input });
      if (Object.keys(changed).length) await audit({ action: "settings.changed", actorId: actor.id, targetType: "Organisation", targetId: org.id, details: changed }, tx);
      return { id: org.id };
    },
  },
  () => revalidatePath("/", "layout"),
);
