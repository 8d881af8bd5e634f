'use server';
// The organisation's rhythm of e-mail: the weekday and local time of the Monday digest (in the organisation's time
// zone, read by lib/domain/rhythm.ts digestDueWeek at every run of the digest job) and the weekly reminder limit per
// person. Admins only; every change is audited with its old and new value.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { AppError } from "@/lib/errors";

const REMINDER_LIMIT_MAX = 100;

export const updateDigestSettings = defineAction(
  {
    name: "admin.update-digest-settings",
    roles: ["ADMIN"],
    schema: z.strictObject({
      digestWeekday: z.coerce
        .number({ message: "Choose a weekday." })
        .int("Choose a weekday.")
        .min(1, "Choose a weekday from Monday to Sunday.")
        .max(7, "Choose a weekday from Monday to Sunday."),
      digestTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give the time as HH:MM on a 24-hour clock, e.g. 07:00."),
      reminderWeeklyLimit: z.coerce
        .number({ message: "The weekly limit must be a whole number." })
        .int("The weekly limit must be a whole number.")
        .min(0, "The weekly limit is at least 0 (no reminders).")
        .max(REMINDER_LIMIT_MAX, `The weekly limit is at most ${REMINDER_LIMIT_MAX}.`),
    }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      const org = await tx.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, digestWeekday: true, digestTime: true, reminderWeeklyLimit: true } });
      if (!org) throw new AppError("NOT_FOUND", "The organisation was not found.");
      const changed = Object.fromEntries(
        (Object.keys(input) as (keyof typeof input)[]).filter((k) => org[k] !== input[k]).map((k) => [k, { from: org[k], to: input[k] }]),
      );
      if (Object.keys(changed).length) {
        await tx.organisation.update({ where: { id: org.id }, data: input, select: { id: true } });
        await audit({ action: "settings.digest.changed", actorId: actor.id, targetType: "Organisation", targetId: org.id, details: changed }, tx);
      }
      return { id: org.id };
    },
  },
  () => revalidatePath("/admin/settings"),
);
