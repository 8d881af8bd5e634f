'use server';
// Creates a team.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { assertAdministrator } from "@/lib/data/admin";
import { invalid } from "@/lib/errors";
import { atMost } from "@/lib/domain/text-limits";

export const createTeam = defineAction(
  {
    name: "admin.create-team",
    roles: ["ADMIN"],
    schema: z.strictObject({ name: z.string().trim().min(1, "Give the team a name.").max(80, atMost("team name", 80)) }),
    handler: async ({ actor, input, tx }) => {
      assertAdministrator(actor);
      if (await tx.team.findUnique({ where: { name: input.name }, select: { id: true } })) throw invalid("name", "A team with this name already exists.");
      const team = await tx.team.create({ data: { name: input.name }, select: { id: true } });
      await audit({ action: "team.created", actorId: actor.id, targetType: "Team", targetId: team.id, details: { name: input.name } }, tx);
      return team;
    },
  },
  () => revalidatePath("/admin/teams"),
);
