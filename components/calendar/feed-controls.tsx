"use client";
// Creates, regenerates and revokes the user's calendar feed. The new URL is shown once, with a copy button: Cadence
// keeps only a fingerprint of its token, so it cannot show it again (regenerate for a new one).
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

interface Props {
  create: Action;
  revoke: Action;
  /** When the active feed was created (formatted), or null without one. */
  activeSince: string | null;
}

const button = "inline-flex items-center rounded-md px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60";

export function FeedControls({ create, revoke, activeSince }: Props) {
  const [created, createAction, creating] = useActionState<FormState, FormData>(create, null);
  const [revoked, revokeAction, revoking] = useActionState<FormState, FormData>(revoke, null);
  const [copied, setCopied] = useState(false);
  // Which form was sent last: a URL from an earlier "create" is not shown once the feed has been turned off.
  const [last, setLast] = useState<"create" | "revoke" | null>(null);
  const url = last === "create" && created?.ok ? (created.data as { url?: string }).url : undefined;
  const active = activeSince !== null || !!url;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="calendar-feed-state">
        {activeSince ? `Your feed is on (URL created ${activeSince}).` : url ? "Your feed is on." : "You have no calendar feed."}
      </p>
      <div className="flex flex-wrap gap-3">
        <form action={createAction} onSubmit={() => {
            setCopied(false);
            setLast("create");
          }}
        >
          <button type="submit" disabled={creating} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
            {creating ? "Creating…" : active ? "Regenerate feed URL" : "Create feed URL"}
          </button>
        </form>
        {active && (
          <form action={revokeAction} onSubmit={() => setLast("revoke")}>
            <button type="submit" disabled={revoking} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
              {revoking ? "Turning off…" : "Turn off the feed"}
            </button>
          </form>
        )}
      </div>
      {active && <p className="text-xs text-slate-600">Regenerating gives a new URL and stops the old one at once; turning off stops it without a new one.</p>}
      {last === "create" && created && !created.ok && <FormMessage state={created} />}
      {last === "revoke" && revoked && !revoked.ok && <FormMessage state={revoked} />}
      {last === "revoke" && revoked?.ok && (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          The feed is off: calendars subscribed to it stop updating.
        </p>
      )}
      {url && (
        <div role="status" className="space-y-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Feed URL created. Copy it now into your calendar (“subscribe from URL”): it is shown only once, and anyone with it can read this calendar.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="calendar-feed-url">
              {url}
            </code>
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
              onClick={() => navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
