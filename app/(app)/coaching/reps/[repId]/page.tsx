import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { canManage } from "@/lib/auth/permissions";
import { getOrganisation, todayIn } from "@/lib/data/organisation";
import { getCoachingHistory } from "@/lib/data/coaching";
import { AppError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { SessionHistory } from "@/components/coaching/session-history";
import { BatTrend } from "@/components/coaching/bat-trend";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Coaching history" };

export default async function Page({ params }: { params: Promise<{ repId: string }> }) {
  const user = await requireRole("REP", "MANAGER", "EXECUTIVE", "ADMIN");
  const { repId } = await params;
  const org = await getOrganisation();
  const today = todayIn(org);
  const history = await getCoachingHistory(user, repId).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const mayCoach = canManage(user, { id: history.rep.id, teamId: history.rep.teamId });
  const points = [...history.sessions]
    .slice(0, 6)
    .reverse()
    .map((s) => ({ label: formatDate(s.heldOn), behavior: s.behavior, technique: s.technique, attitude: s.attitude }));
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Coaching: ${history.rep.name}`}
        description={history.rep.teamName ? `Team ${history.rep.teamName}` : undefined}
        actions={
          <>
            <Link href={`/coaching/scorecard/${history.rep.id}`} className={buttonClass("secondary")}>
              Scorecard
            </Link>
            {mayCoach && (
              <Link href={`/coaching/sessions/new?rep=${history.rep.id}`} className={buttonClass("primary")}>
                Start session
              </Link>
            )}
          </>
        }
      />
      <Card title="BAT trend" description="The last six sessions.">
        <BatTrend label={`BAT trend of ${history.rep.name}`} points={points} />
      </Card>
      <Card title="Sessions and plans">
        <SessionHistory sessions={history.sessions} today={today} />
      </Card>
    </div>
  );
}
