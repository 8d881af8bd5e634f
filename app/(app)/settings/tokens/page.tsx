// Personal API tokens: create (text shown once), see last use, revoke.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { createPersonalToken } from "@/lib/actions/tokens/create-personal-token";
import { revokeToken } from "@/lib/actions/tokens/revoke-token";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { TokenCreateForm } from "@/components/api/token-create-form";
import { TokenTable } from "@/components/api/token-table";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const [org, tokens] = await Promise.all([
    getOrganisation(),
    prisma.apiToken.findMany({
      where: { userId: user.id, kind: "PERSONAL" },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, name: true, prefix: true, readOnly: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
    }),
  ]);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="A personal token lets a script or another tool use Cadence's API as you: it sees and changes exactly what you can, no more. Read-only tokens cannot change anything."
      />
      <div className="space-y-6">
        <Card title="Create a token">
          <TokenCreateForm action={createPersonalToken} idPrefix="new-token" />
        </Card>
        <Card title="Your tokens" description="Revoking is immediate: the next request with the token is refused.">
          <TokenTable tokens={tokens} timeZone={org.timeZone} now={new Date()} revoke={revokeToken} />
        </Card>
        <p className="text-sm text-slate-600">
          How to call the API: <Link href="/api/docs" className="text-brand-700 underline">the API reference</Link>.
        </p>
      </div>
    </>
  );
}
