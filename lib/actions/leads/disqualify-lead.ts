"use server";
// Disqualifies an open lead with the reason; it stays in the list, marked, and no longer awaits work.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { leadVersionField } from "@/lib/data/leads-schema";
import { canWrite } from "@/lib/auth/permissions";
import { disqualifyLead as writeDisqualification, loadLeadOwnership } from "@/lib/data/leads-write";
import { idField, requiredText } from "@/lib/data/deals-schema";

const schema = z.strictObject({ leadId: idField("lead"), expectedVersion: leadVersionField, reason: requiredText("reason", 500) });

export const disqualifyLead = defineAction(
  {
    name: "leads.disqualify",
    roles: ["REP", "MANAGER", "ADMIN"],
    schema,
    object: { key: "leadId", load: loadLeadOwnership, can: canWrite, label: "Lead" },
    handler: async ({ input, tx }) => writeDisqualification(tx, input.leadId, input.expectedVersion, input.reason, new Date()),
  },
  () => revalidatePath("/leads"),
);
