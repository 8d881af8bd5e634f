"use server";
// Edits a lead (name, company, e-mail, source, ICP fit, date) under its version; a converted lead lives on as its deal.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { leadFields, leadVersionField } from "@/lib/data/leads-schema";
import { canWrite } from "@/lib/auth/permissions";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { loadLeadOwnership, updateLead as writeLead } from "@/lib/data/leads-write";
import { idField } from "@/lib/data/deals-schema";
import { addDays } from "@/lib/domain/calendar";
import { invalid } from "@/lib/errors";

const schema = z.strictObject({ leadId: idField("lead"), expectedVersion: leadVersionField, ...leadFields });

export const updateLead = defineAction(
  {
    name: "leads.update",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "leadId", load: loadLeadOwnership, can: canWrite, label: "Lead" },
    handler: async ({ input, tx }) => {
      const today = todayIn(await loadOrganisation(tx));
      if (input.createdOn > today) throw invalid("createdOn", "The date cannot be in the future.");
      if (input.createdOn < addDays(today, -366 * 3)) throw invalid("createdOn", "A lead's date can go back three years at most.");
      return writeLead(tx, input.leadId, input.expectedVersion, {
        name: input.name,
        company: input.company ?? null,
        email: input.email || null,
        source: input.source ?? null,
        icpQualified: input.icpQualified ?? false,
        createdOn: input.createdOn,
      });
    },
  },
  () => revalidatePath("/leads"),
);
