"use server";
// A user chooses which e-mails they get (digest, reminders, notifications): their own preferences only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { setMailPreferences } from "@/lib/mail/preferences";

const box = z.literal("on").optional();

export const setPreferences = defineAction(
  {
    name: "mail.set-preferences",
    roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
    // Unchecked boxes are absent from the form: absent means "off".
    schema: z.strictObject({ digest: box, reminder: box, event: box }),
    handler: async ({ actor, input, tx }) => {
      await setMailPreferences(actor.id, { digest: input.digest === "on", reminder: input.reminder === "on", event: input.event === "on" }, tx);
      return { id: actor.id };
    },
  },
  () => revalidatePath("/settings/notifications"),
);
