// The one set of zod rules for a lead's fields: create, edit and convert derive their strict schemas from these.
import { z } from "zod";
import { MAX_NAME, booleanField, dateField, optionalText, requiredText } from "@/lib/data/deals-schema";

export const leadFields = {
  name: requiredText("lead's name", MAX_NAME),
  company: optionalText("company", MAX_NAME).optional(),
  email: z.union([z.literal(""), z.email("Enter a valid email address.").max(254, "That email address is too long.")]).optional(),
  source: optionalText("source", MAX_NAME).optional(),
  icpQualified: booleanField.optional(),
  createdOn: dateField("date"),
};

/** The version of the lead the user opened: the optimistic lock. */
export const leadVersionField = z.coerce.number({ error: "Reload the lead." }).int("Reload the lead.").positive("Reload the lead.").max(2_147_483_647, "Reload the lead.");
