import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisation";
import { navFor } from "@/lib/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";

// The signed-in shell. It is not a guard on its own: every page and action checks access again.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Every page reads the organisation's settings right after the session: start that read now, beside the session's
  // (React cache: the page's getOrganisation() gets this same read, and its failure).
  getOrganisation().catch(() => undefined);
  const user = await requireUser();
  const items = navFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="no-print border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:h-screen lg:w-56 lg:flex-none lg:border-b-0 lg:border-r">
        <div className="flex items-center justify-between px-4 py-3 lg:block lg:py-5">
          <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
            Cadence
          </Link>
          <div className="flex items-center gap-3 lg:hidden">
            <span className="text-sm text-slate-700">{user.name}</span>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Main" className="px-2 pb-2 lg:pb-0">
          <NavLinks items={items} />
        </nav>
        <div className="hidden border-t border-slate-200 px-4 py-4 lg:absolute lg:bottom-0 lg:block lg:w-56">
          <p className="text-sm font-medium" data-testid="user-name">
            {user.name}
          </p>
          <p className="text-xs text-slate-500" data-testid="user-role">
            {ROLE_LABELS[user.role]}
          </p>
          <div className="mt-2 -ml-2">
            <SignOutButton />
          </div>
          <div className="mt-1 flex gap-3 text-xs">
            <Link href="/settings/tokens" className="text-slate-600 underline hover:text-slate-900">
              API tokens
            </Link>
            <Link href="/settings/calendar" className="text-slate-600 underline hover:text-slate-900">
              Calendar
            </Link>
            {(user.role === "MANAGER" || user.role === "ADMIN") && (
              <Link href="/settings/webhooks" className="text-slate-600 underline hover:text-slate-900">
                Webhooks
              </Link>
            )}
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
