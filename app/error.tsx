"use client";

// Unexpected failures land here. Only a generic message and the digest are shown, never a stack trace. One expected
// failure lands here too: a form submitted over the mutation limit, which proxy.ts answers 429 (the action rejects).
import { isTooFastError } from "@/lib/http/rate-limit-message";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const tooFast = isTooFastError(error);
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center" role="alert">
        <h1 className="text-2xl font-semibold">{tooFast ? "You are making changes too fast" : "Something went wrong"}</h1>
        <p className="mt-2 text-slate-600">
          {tooFast
            ? "Nothing was saved. Wait a few seconds, then try again."
            : "Cadence could not load this page. If the database was restarting, it will be back in a moment."}
        </p>
        {error.digest && <p className="mt-2 text-xs text-slate-400">Reference: {error.digest}</p>}
        <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          Try again
        </button>
      </div>
    </main>
  );
}
