import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listTeamsForAdmin, listUsersForAdmin } from "@/lib/data/admin";
import { createUser } from "@/lib/actions/admin/create-user";
import { updateUser } from "@/lib/actions/admin/update-user";
import { setUserActive } from "@/lib/actions/admin/set-user-active";
import { setUserPassword } from "@/lib/actions/admin/set-user-password";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminForm } from "@/components/admin/admin-form";

export const metadata: Metadata = { title: "Users" };

const ROLES = (["REP", "MANAGER", "EXECUTIVE", "ADMIN"] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export default async function UsersPage() {
  const me = await requireRole("ADMIN");
  const [users, teams] = await Promise.all([listUsersForAdmin(), listTeamsForAdmin()]);
  const teamOptions = [{ value: "", label: "No team" }, ...teams.filter((t) => !t.archivedAt).map((t) => ({ value: t.id, label: t.name }))];
  return (
    <>
      <PageHeader title="Users" description="Deactivated users cannot sign in and are signed out at their next request; their deals and history stay." />
      <AdminTabs current="/admin/users" />
      <div className="space-y-6">
        <Card title="Create a user">
          <AdminForm
            action={createUser}
            idPrefix="new-user"
            submitLabel="Create user"
            successMessage="User created."
            showGeneratedPassword
            fields={[
              { type: "text", name: "name", label: "Name", required: true },
              { type: "email", name: "email", label: "Email", required: true },
              { type: "select", name: "role", label: "Role", options: ROLES, defaultValue: "REP" },
              { type: "select", name: "teamId", label: "Team", options: teamOptions, defaultValue: "" },
              { type: "password", name: "password", label: "Initial password", hint: "Leave empty to generate one (shown once)." },
            ]}
          />
        </Card>
        <Card title={`People (${users.length})`}>
          <ul className="divide-y divide-slate-100" aria-label="Users">
            {users.map((u) => (
              <li key={u.id} className="py-3" data-testid={`user-${u.email}`}>
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <span className="font-medium">{u.name}</span>
                  <span className="text-sm text-slate-600">{u.email}</span>
                  {!u.active && <Badge tone="bad">deactivated</Badge>}
                  {u.managedTeams.length > 0 && <span className="text-xs text-slate-500">manages {u.managedTeams.map((m) => m.team.name).join(", ")}</span>}
                </div>
                <div className="flex flex-wrap items-end gap-4">
                  <AdminForm
                    action={updateUser}
                    idPrefix={`user-${u.id}`}
                    layout="inline"
                    variant="secondary"
                    submitLabel="Save"
                    successMessage="Saved."
                    fields={[
                      { type: "hidden", name: "userId", value: u.id },
                      { type: "select", name: "role", label: "Role", options: ROLES, defaultValue: u.role },
                      { type: "select", name: "teamId", label: "Team", options: teamOptions, defaultValue: u.teamId ?? "" },
                    ]}
                  />
                  <AdminForm
                    action={setUserPassword}
                    idPrefix={`password-${u.id}`}
                    layout="inline"
                    variant="secondary"
                    submitLabel={`Set password for ${u.name}`}
                    successMessage="Password set."
                    showGeneratedPassword
                    fields={[
                      { type: "hidden", name: "userId", value: u.id },
                      { type: "password", name: "password", label: "New password", hint: "Empty: generate one (shown once)." },
                    ]}
                  />
                  {u.id !== me.id && (
                    <AdminForm
                      action={setUserActive}
                      idPrefix={`active-${u.id}`}
                      layout="inline"
                      variant={u.active ? "danger" : "secondary"}
                      submitLabel={u.active ? `Deactivate ${u.name}` : `Reactivate ${u.name}`}
                      fields={[
                        { type: "hidden", name: "userId", value: u.id },
                        { type: "hidden", name: "active", value: u.active ? "false" : "true" },
                      ]}
                    />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
