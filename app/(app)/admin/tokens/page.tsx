// Service tokens: an admin creates a token acting as a chosen role over the organisation or one team, and revokes any token.
import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { createServiceToken } from "@/lib/actions/tokens/create-service-token";
import { revokeToken } from "@/lib/actions/tokens/revoke-token";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { TokenCreateForm } from "@/components/api/token-create-form";
import { TokenTable } from "@/components/api/token-table";

export const metadata: Metadata = { title: "Service tokens" };

export default async function ServiceTokensPage() {
  await requireRole("ADMIN");
  const [org, teams, tokens] = await Promise.all([
    getOrganisation(),
    prisma.team.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.apiToken.findMany({
      where: { kind: "SERVICE" },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, name: true, prefix: true, readOnly: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true, userId: true, scopeTeamId: true },
    }),
  ]);
  const users = await prisma.user.findMany({ where: { id: { in: tokens.map((t) => t.userId) } }, select: { id: true, role: true } });
  const roleOf = new Map(users.map((u) => [u.id, u.role]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return (
    <>
      <PageHeader title="Service tokens" description="A service token lets another system use the API as a chosen role over the whole organisation or one team. It is not a person: it cannot sign in." />
      <AdminTabs current="/admin/tokens" />
      <div className="space-y-6">
        <Card title="Create a service token">
          <TokenCreateForm action={createServiceToken} idPrefix="new-service-token" service={{ teams: teams.map((t) => ({ value: t.id, label: t.name })) }} />
        </Card>
        <Card title="Service tokens" description="Revoking is immediate.">
          <TokenTable
            tokens={tokens.map((t) => {
              const role = roleOf.get(t.userId);
              return { ...t, actsAs: `${role ? ROLE_LABELS[role] : "—"}${t.scopeTeamId ? ` of ${teamName.get(t.scopeTeamId) ?? "an archived team"}` : ", whole organisation"}` };
            })}
            timeZone={org.timeZone}
            now={new Date()}
            revoke={revokeToken}
          />
        </Card>
      </div>
    </>
  );
}
