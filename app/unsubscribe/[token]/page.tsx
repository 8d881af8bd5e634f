// The unsubscribe link of every e-mail: works without signing in (the signed token names the user and the kind of
// e-mail). Opening it changes nothing (mail scanners follow links); the button does.
import type { Metadata } from "next";
import { verifyUnsubscribeToken } from "@/lib/mail/links";
import { MAIL_CATEGORY_LABELS } from "@/lib/mail/messages";

export const metadata: Metadata = { title: "Unsubscribe" };

export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const { done } = await searchParams;
  const verified = verifyUnsubscribeToken(token);
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">Unsubscribe</h1>
      {!verified ? (
        <p className="mt-4 text-sm text-slate-700">This unsubscribe link is not valid. Sign in and choose your e-mails under Settings → E-mail notifications.</p>
      ) : done ? (
        <p role="status" className="mt-4 text-sm text-slate-700">
          Done: you will no longer receive “{MAIL_CATEGORY_LABELS[verified.category].label}” e-mails. You can turn them back on under Settings → E-mail notifications.
        </p>
      ) : (
        <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`} className="mt-4 space-y-4">
          <p className="text-sm text-slate-700">Stop receiving “{MAIL_CATEGORY_LABELS[verified.category].label}” e-mails from Cadence?</p>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
            Unsubscribe
          </button>
        </form>
      )}
    </main>
  );
}
