// One-click unsubscribe (RFC 8058): POSTed by mail clients from the List-Unsubscribe header, or by the form on
// /unsubscribe/<token>. Public on purpose: the signed token (HMAC with NEXTAUTH_SECRET) is the credential.
import { NextResponse } from "next/server";
import { unsubscribeWithToken } from "@/lib/mail/preferences";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const done = await unsubscribeWithToken(token);
  if (!done) return new NextResponse("This unsubscribe link is not valid.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  // A browser form gets the confirmation page; a mail client's one-click POST only needs the status.
  if ((request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded") && request.headers.get("sec-fetch-mode") === "navigate") {
    return NextResponse.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}?done=1`, request.url), 303);
  }
  return new NextResponse(`Unsubscribed ${done.email}.`, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}
