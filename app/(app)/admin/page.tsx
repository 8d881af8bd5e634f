import type { Metadata } from "next";
import { plural } from "@/lib/format";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  await requireRole("ADMIN");
  const [org, users, teams, stages] = await Promise.all([
    getOrganisation(),
    prisma.user.count({ where: { active: true } }),
    prisma.team.count({ where: { archivedAt: null } }),
    prisma.pipelineStage.count(),
  ]);
  return (
    <>
      <PageHeader title="Administration" description={`${org.name}: users, teams, pipeline stages, settings and the audit log.`} />
      <AdminTabs current="/admin" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Link href="/admin/users"><Stat label="Active users" value={users} /></Link>
        <Link href="/admin/teams"><Stat label="Teams" value={teams} /></Link>
        <Link href="/admin/stages"><Stat label="Pipeline stages" value={stages} /></Link>
        <Link href="/admin/settings"><Stat label="Time zone" value={org.timeZone} detail={`${org.currency} · stale after ${plural(org.staleThresholdDays, "day")}`} /></Link>
      </div>
    </>
  );
}
