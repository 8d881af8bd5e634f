import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getNewSessionContext } from "@/lib/data/coaching";
import { addDays } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { PageHeader } from "@/components/ui/page-header";
import { SessionForm } from "@/components/coaching/session-form";
import { batNames } from "@/lib/domain/coaching-vocabulary";

export const metadata: Metadata = { title: "New coaching session" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("MANAGER", "ADMIN");
  const query = parseSearchParams(PAGE_PARAMS.newCoachingSession, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="New coaching session" />
        <InvalidFilter message={query.message} clearHref="/coaching" />
      </>
    );
  }
  const rep = query.value.rep;
  if (!rep) notFound();
  const org = await getOrganisation();
  const today = todayIn(org);
  const context = await getNewSessionContext(user, rep).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Coaching session with ${context.rep.name}`}
        description={`Open with last month's plan, rate ${batNames()}, review a call, and agree the next 30-day plan.`}
        actions={
          <Link href={`/coaching/reps/${context.rep.id}`} className="text-sm text-brand-700 hover:underline">
            Coaching history
          </Link>
        }
      />
      <SessionForm
        rep={context.rep}
        manager={{ id: user.id, name: user.name }}
        today={today}
        defaultDueDate={addDays(today, 14)}
        lastSession={context.lastSession}
        planToReview={context.planToReview}
        deals={context.deals}
      />
    </div>
  );
}
