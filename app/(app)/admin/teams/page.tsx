import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listTeamsForAdmin } from "@/lib/data/admin";
import { createTeam } from "@/lib/actions/admin/create-team";
import { updateTeam } from "@/lib/actions/admin/update-team";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminForm } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requireRole("ADMIN");
  const [teams, managers] = await Promise.all([
    listTeamsForAdmin(),
    prisma.user.findMany({ where: { role: "MANAGER", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const managerOptions = managers.map((m) => ({ value: m.id, label: m.name }));
  return (
    <>
      <PageHeader title="Teams" description="A manager may lead several teams. Archived teams keep their history and take no new members." />
      <AdminTabs current="/admin/teams" />
      <div className="space-y-6">
        <Card title="Create a team">
          <AdminForm action={createTeam} idPrefix="new-team" layout="inline" submitLabel="Create team" successMessage="Team created." fields={[{ type: "text", name: "name", label: "Team name", required: true }]} />
        </Card>
        {teams.length === 0 && <p className="text-sm text-slate-600">No teams yet.</p>}
        {teams.map((t) => (
          <Card key={t.id} title={<span className="flex items-center gap-2">{t.name} {t.archivedAt && <Badge>archived</Badge>}</span>} description={`${t.memberCount} active member${t.memberCount === 1 ? "" : "s"}`}>
            <AdminForm
              action={updateTeam}
              idPrefix={`team-${t.id}`}
              submitLabel="Save team"
              successMessage="Saved."
              variant="secondary"
              fields={[
                { type: "hidden", name: "teamId", value: t.id },
                { type: "text", name: "name", label: "Name", defaultValue: t.name, required: true },
                { type: "checkboxes", name: "managerIds", label: "Managers", options: managerOptions, defaultValues: t.managers.map((m) => m.userId) },
                { type: "checkbox", name: "archived", label: "Archived", defaultChecked: !!t.archivedAt },
              ]}
            />
          </Card>
        ))}
      </div>
    </>
  );
}
