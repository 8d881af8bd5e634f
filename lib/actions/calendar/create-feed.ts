"use server";
// Creates the signed-in user's private calendar feed, or regenerates it: the old URL stops working at once. The
// URL's token is returned once; only its SHA-256 is kept. Audited.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { audit } from "@/lib/audit";
import { generateFeedToken, revokeFeeds } from "@/lib/data/calendar-feed";
import { absoluteUrl } from "@/lib/mail/links";

export const createCalendarFeed = defineAction(
  {
    name: "calendar.create-feed",
    roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"],
    schema: z.strictObject({}),
    handler: async ({ actor, tx }) => {
      const now = new Date();
      const replaced = await revokeFeeds(actor.id, now, tx);
      const token = generateFeedToken();
      const feed = await tx.calendarFeed.create({ data: { userId: actor.id, tokenHash: token.hash, createdAt: now }, select: { id: true } });
      await audit({ action: replaced > 0 ? "calendar.feed.regenerated" : "calendar.feed.created", actorId: actor.id, targetType: "CalendarFeed", targetId: feed.id, details: { revoked: replaced } }, tx);
      return { id: feed.id, url: absoluteUrl(`/api/calendar/${token.text}.ics`) };
    },
  },
  () => revalidatePath("/settings/calendar"),
);
