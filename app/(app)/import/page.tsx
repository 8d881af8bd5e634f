import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { formatInstant } from "@/lib/format";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/import/csv-file";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { UploadForm } from "@/components/import/upload-form";

export const metadata: Metadata = { title: "Import" };

const TONE = { PENDING: "neutral", RUNNING: "info", COMMITTED: "good", FAILED: "bad" } as const;

export default async function ImportPage() {
  const user = await requireRole("ADMIN", "MANAGER");
  const org = await getOrganisation();
  const jobs = await prisma.importJob.findMany({
    where: user.role === "ADMIN" ? {} : { createdById: user.id },
    orderBy: { startedAt: "desc" },
    take: 20,
    select: { id: true, kind: true, fileName: true, status: true, created: true, updated: true, rejected: true, startedAt: true, createdBy: { select: { name: true } } },
  });
  return (
    <>
      <PageHeader
        title="Import"
        description={
          user.role === "ADMIN"
            ? "Bring deals, accounts or users in from a CRM export. Re-importing the same file updates what it created."
            : "Bring deals and accounts of your teams, or reps into your teams, in from a CRM export. Rows outside your teams are rejected."
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Upload a file">
          <UploadForm maxBytes={MAX_IMPORT_BYTES} maxLabel={MAX_IMPORT_LABEL} />
        </Card>
        <Card title="Recent imports">
          {jobs.length === 0 ? (
            <p className="text-sm text-slate-600">No imports yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {jobs.map((j) => (
                <li key={j.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/import/${j.id}`} className="font-medium text-brand-700 hover:underline">
                    {j.fileName}
                  </Link>
                  <span className="text-slate-600">{j.kind.toLowerCase()}</span>
                  <span className="text-slate-600">
                    {formatInstant(j.startedAt, org.timeZone)} · {j.createdBy.name}
                  </span>
                  <Badge tone={TONE[j.status]}>{j.status.toLowerCase()}</Badge>
                  {j.status === "COMMITTED" && (
                    <span className="text-slate-600">
                      {j.created} created, {j.updated} updated, {j.rejected} rejected
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
