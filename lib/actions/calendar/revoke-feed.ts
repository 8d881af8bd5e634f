"use server";
// Revokes the signed-in user's calendar feed: the next fetch of its URL answers 404. Audited.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { revokeFeeds } from "@/lib/data/calendar-feed";

export const revokeCalendarFeed = defineAction(
  {
    name: "calendar.revoke-feed",
    roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({}),
    handler: async ({ actor, tx }) => {
      const revoked = await revokeFeeds(actor.id, new Date(), tx);
      if (revoked > 0) await audit({ action: "calendar.feed.revoked", actorId: actor.id, targetType: "User", targetId: actor.id, details: { revoked } }, tx);
      return { id: actor.id, revoked };
    },
  },
  () => revalidatePath("/settings/calendar"),
);
