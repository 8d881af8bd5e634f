import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { oidcEnabled, SIGNIN_ERRORS } from "@/lib/auth/options";
import { homeFor } from "@/lib/navigation";
import { sameOriginPath } from "@/lib/http/safe-redirect";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  const { error, callbackUrl } = await searchParams;
  const message = error ? (SIGNIN_ERRORS[error] ?? SIGNIN_ERRORS.Default) : null;
  // Only a path on Cadence's own origin is followed after sign-in; anything else goes to the role's home ("/").
  const next = sameOriginPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-700">Cadence</p>
          <p className="mt-2 text-sm text-slate-600">Inspect the pipeline weekly, coach monthly, review quarterly.</p>
        </div>
        <SignInForm initialError={message} next={next} oidc={oidcEnabled()} errors={SIGNIN_ERRORS} />
      </div>
    </main>
  );
}
