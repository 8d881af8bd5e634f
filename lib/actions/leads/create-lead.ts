"use server";
// Records a lead for the caller with its ICP-qualified flag and date (the leading KPI "qualified leads per rep").
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { loadOrganisation, todayIn } from "@/lib/data/organisation";
import { leadFields } from "@/lib/data/leads-schema";
import { addDays, toDbDate } from "@/lib/domain/calendar";
import { invalid } from "@/lib/errors";

const schema = z.strictObject(leadFields);

export const createLead = defineAction(
  {
    name: "leads.create",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    idempotent: true,
    handler: async ({ actor, input, tx }) => {
      const today = todayIn(await loadOrganisation(tx));
      if (input.createdOn > today) throw invalid("createdOn", "The date cannot be in the future.");
      if (input.createdOn < addDays(today, -366)) throw invalid("createdOn", "Record leads from the last year only.");
      const lead = await tx.lead.create({
        data: {
          ownerId: actor.id,
          name: input.name,
          company: input.company ?? null,
          email: input.email || null,
          source: input.source ?? null,
          icpQualified: input.icpQualified ?? false,
          createdOn: toDbDate(input.createdOn),
        },
        select: { id: true },
      });
      return { id: lead.id };
    },
  },
  () => revalidatePath("/leads"),
);
