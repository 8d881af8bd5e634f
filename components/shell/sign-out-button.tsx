"use client";
// The shell's sign-out button. It speaks next-auth's sign-out protocol itself (csrf token, then POST /api/auth/signout)
// instead of importing next-auth/react: that module weighs 12 KB gzip and the shell is on every page's first load.
import { useState } from "react";

async function signOut(callbackUrl: string): Promise<string> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  return url ?? callbackUrl;
}

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A full navigation, as next-auth's own signOut does, so nothing of the signed-in shell survives. If the
        // request failed, next-auth's own confirmation page signs out without script.
        signOut("/signin")
          .catch(() => "/api/auth/signout")
          .then((url) => window.location.assign(url));
      }}
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      Sign out
    </button>
  );
}
