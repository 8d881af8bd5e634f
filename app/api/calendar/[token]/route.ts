// A user's private calendar feed: GET /api/calendar/<token>.ics (lib/calendar/feed.ts). Public on purpose (proxy.ts):
// the token in the URL is the credential, as calendar apps subscribe without a session.
import { calendarFeedResponse } from "@/lib/calendar/feed";
import { clientIp } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return calendarFeedResponse(token, clientIp(request.headers));
}
