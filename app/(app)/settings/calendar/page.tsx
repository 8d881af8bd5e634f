// The user's private calendar feed: next steps, action items, plan actions, coaching sessions and the team's rituals.
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { activeFeed } from "@/lib/data/calendar-feed";
import { getOrganisation } from "@/lib/data/organisation";
import { localDate } from "@/lib/domain/calendar";
import { createCalendarFeed } from "@/lib/actions/calendar/create-feed";
import { revokeCalendarFeed } from "@/lib/actions/calendar/revoke-feed";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { FeedControls } from "@/components/calendar/feed-controls";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function CalendarFeedPage() {
  const user = await requireUser();
  const [org, feed] = await Promise.all([getOrganisation(), activeFeed(user.id)]);
  return (
    <>
      <PageHeader
        title="Calendar feed"
        description="Subscribe to your Cadence calendar from Google Calendar, Outlook or Apple Calendar: your deals' next steps, your action items and plan actions, your coaching sessions, and your team's rituals this week and next. Each is an all-day event on its date; changes in Cadence replace the event in your calendar."
      />
      <Card title="Your private feed" description={`Dates are ${org.timeZone} calendar dates. Calendars refresh a subscription every few hours.`}>
        <FeedControls create={createCalendarFeed} revoke={revokeCalendarFeed} activeSince={feed ? formatDate(localDate(feed.createdAt, org.timeZone)) : null} />
      </Card>
    </>
  );
}
