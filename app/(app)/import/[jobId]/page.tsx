import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { ownerScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getOrganisation } from "@/lib/data/organisation";
import { formatDate, formatMoney } from "@/lib/format";
import { IMPORT_FIELDS } from "@/lib/import/columns";
import { getImportJob, jobDetails, previewDealImport, readSettings, readTable } from "@/lib/import/jobs";
import { dateOnly } from "@/lib/domain/calendar";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { MappingForm } from "@/components/import/mapping-form";
import { StageMapForm } from "@/components/import/stage-map-form";
import { StartImportButton } from "@/components/import/start-import-button";
import { ImportProgress } from "@/components/import/import-progress";

export const metadata: Metadata = { title: "Import" };

const PREVIEW_ROWS = 10;
const ERROR_ROWS = 200;

function RejectedRows({ rows, total }: { rows: { line: number; reason: string }[]; total: number }) {
  if (total === 0) return <p className="text-sm text-slate-600">Every row is valid.</p>;
  return (
    <>
      <table className="w-full text-left text-sm" aria-label="Invalid rows">
        <thead>
          <tr className="text-slate-500">
            <th className="py-1 pr-4 font-medium">Line</th>
            <th className="py-1 font-medium">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ERROR_ROWS).map((e) => (
            <tr key={e.line} className="border-t border-slate-100">
              <td className="py-1 pr-4 tabular-nums">{e.line}</td>
              <td className="py-1">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > ERROR_ROWS && <p className="mt-2 text-sm text-slate-600">…and {total - ERROR_ROWS} more.</p>}
    </>
  );
}

export default async function ImportJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requireRole("ADMIN", "MANAGER");
  const { jobId } = await params;
  const job = await getImportJob(user, jobId);
  if (!job) notFound();
  const org = await getOrganisation();
  const header = <PageHeader title={`Import: ${job.fileName}`} description={`${job.totalRows.toLocaleString("en-US")} rows`} actions={<Link href="/import" className="text-sm text-brand-700 hover:underline">All imports</Link>} />;

  if (job.status === "RUNNING") {
    return (
      <>
        {header}
        <Card title="Importing">
          <ImportProgress jobId={job.id} initial={{ status: job.status, totalRows: job.totalRows, processed: job.processed }} />
        </Card>
      </>
    );
  }

  if (job.status === "FAILED" || job.status === "COMMITTED") {
    const details = jobDetails(job.errors);
    const deals =
      job.status === "COMMITTED" && details.externalIds.length
        ? await prisma.deal.findMany({
            where: { externalId: { in: details.externalIds }, ...ownerScope(user) },
            orderBy: { externalId: "asc" },
            take: 50,
            select: { id: true, externalId: true, name: true, amountMinor: true, closeDate: true, status: true, stage: { select: { name: true } }, owner: { select: { name: true } } },
          })
        : [];
    return (
      <>
        {header}
        {job.status === "FAILED" ? (
          <Card title="The import did not complete">
            <p role="alert" className="text-sm text-red-700">
              The import stopped before it finished, so nothing was written: the data is exactly as it was before. Upload the file again to retry.
            </p>
          </Card>
        ) : (
          <div className="space-y-6">
            <div className="grid gap-4 sm:grid-cols-3" aria-label="Import result">
              <Stat label="Created" value={job.created.toLocaleString("en-US")} tone="good" />
              <Stat label="Updated" value={job.updated.toLocaleString("en-US")} />
              <Stat label="Rejected" value={job.rejected.toLocaleString("en-US")} tone={job.rejected ? "bad" : "neutral"} />
            </div>
            <Card title="Imported deals" description={deals.length < job.created + job.updated ? `The first ${deals.length} by external id.` : undefined}>
              <table className="w-full text-left text-sm" aria-label="Imported deals">
                <thead>
                  <tr className="text-slate-500">
                    <th className="py-1 pr-3 font-medium">External id</th>
                    <th className="py-1 pr-3 font-medium">Deal</th>
                    <th className="py-1 pr-3 font-medium">Owner</th>
                    <th className="py-1 pr-3 font-medium">Stage</th>
                    <th className="py-1 pr-3 text-right font-medium">Amount</th>
                    <th className="py-1 font-medium">Close date</th>
                  </tr>
                </thead>
                <tbody>
                  {deals.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100">
                      <td className="py-1 pr-3">{d.externalId}</td>
                      <td className="py-1 pr-3">{d.name}</td>
                      <td className="py-1 pr-3">{d.owner.name}</td>
                      <td className="py-1 pr-3">{d.status === "OPEN" ? d.stage.name : d.status === "WON" ? "Won" : "Lost"}</td>
                      <td className="py-1 pr-3 text-right tabular-nums">{formatMoney(d.amountMinor, org.currency)}</td>
                      <td className="py-1">{formatDate(dateOnly(d.closeDate))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
            <Card title="Rejected rows">
              <RejectedRows rows={details.rejected} total={job.rejected} />
            </Card>
          </div>
        )}
      </>
    );
  }

  const [settings, table] = await Promise.all([readSettings(job.id), readTable(job.id)]);
  if (!settings || !table) {
    return (
      <>
        {header}
        <Card title="The file is no longer available">
          <p className="text-sm text-slate-700">Upload it again to continue.</p>
        </Card>
      </>
    );
  }
  const fields = IMPORT_FIELDS[settings.kind].map(({ key, label, required }) => ({ key, label, required }));
  if (!settings.mapped) {
    return (
      <>
        {header}
        <Card title="1. Match the columns" description="Cadence guessed the columns from their names. Check them; the mapping is remembered for the next file with the same headers.">
          <MappingForm jobId={job.id} headers={table.headers} fields={fields} mapping={settings.mapping} dateOrder={settings.dateOrder} samples={table.rows.slice(0, 1).map((r) => r.cells)} />
        </Card>
      </>
    );
  }

  const [preview, stages] = await Promise.all([
    previewDealImport(user, table, settings),
    prisma.pipelineStage.findMany({ orderBy: { order: "asc" }, select: { id: true, name: true } }),
  ]);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const ownerEmail = new Map<string, string>();
  for (const o of preview.owners) if (o.matchedTo) ownerEmail.set(o.value, o.matchedTo);
  const mappedStages = new Set(Object.keys(settings.stageMap));
  const unknownStages = preview.stages
    .filter((s) => !s.matchedTo || mappedStages.has(s.value.trim().toLowerCase().replace(/\s+/g, " ")))
    .map((s) => ({ value: s.value, rows: s.rows, mappedTo: settings.stageMap[s.value.trim().toLowerCase().replace(/\s+/g, " ")] ?? null }));
  const emailById = await prisma.user.findMany({ where: { id: { in: [...new Set(preview.valid.slice(0, PREVIEW_ROWS).map((r) => r.ownerId))] } }, select: { id: true, email: true } });
  const emailOf = new Map(emailById.map((u) => [u.id, u.email]));

  return (
    <>
      {header}
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3" aria-label="Preview summary">
          <Stat label="Valid rows" value={preview.valid.length.toLocaleString("en-US")} tone="good" />
          <Stat label="Invalid rows" value={preview.errors.length.toLocaleString("en-US")} tone={preview.errors.length ? "bad" : "neutral"} />
          <Stat label="Date order" value={settings.dateOrder === "auto" ? "Per date" : settings.dateOrder === "MDY" ? "MM/DD" : "DD/MM"} />
        </div>
        <Card title="2. Preview: the first rows as they will be stored">
          {preview.valid.length === 0 ? (
            <p className="text-sm text-slate-600">No valid rows yet: check the mapping and the invalid rows below.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Preview">
                <thead>
                  <tr className="text-slate-500">
                    <th className="py-1 pr-3 font-medium">Line</th>
                    <th className="py-1 pr-3 font-medium">External id</th>
                    <th className="py-1 pr-3 font-medium">Deal</th>
                    <th className="py-1 pr-3 font-medium">Account</th>
                    <th className="py-1 pr-3 font-medium">Owner</th>
                    <th className="py-1 pr-3 font-medium">Stage</th>
                    <th className="py-1 pr-3 font-medium">Status</th>
                    <th className="py-1 pr-3 text-right font-medium">Amount</th>
                    <th className="py-1 pr-3 font-medium">Close date</th>
                    <th className="py-1 font-medium">Next step</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.valid.slice(0, PREVIEW_ROWS).map((r) => (
                    <tr key={r.line} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3 tabular-nums">{r.line}</td>
                      <td className="py-1 pr-3">{r.externalId}</td>
                      <td className="py-1 pr-3">{r.name}</td>
                      <td className="py-1 pr-3">{r.accountName ?? "—"}</td>
                      <td className="py-1 pr-3">{emailOf.get(r.ownerId)}</td>
                      <td className="py-1 pr-3">{stageName.get(r.stageId)}</td>
                      <td className="py-1 pr-3">{r.status.toLowerCase()}</td>
                      <td className="py-1 pr-3 text-right tabular-nums">{formatMoney(r.amountMinor, org.currency, { cents: true })}</td>
                      <td className="py-1 pr-3">{formatDate(r.closeDate)}</td>
                      <td className="whitespace-pre-line py-1">{r.nextStep ?? "—"}{r.nextStepDate ? ` (${formatDate(r.nextStepDate)})` : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Stages" description="Stage names from the file and the Cadence stage each becomes. Closed won/lost become a status.">
            <ul className="mb-4 space-y-1 text-sm" aria-label="Stages in the file">
              {preview.stages.map((s) => (
                <li key={s.value}>
                  {s.value} ({s.rows}) → {s.matchedTo ? <Badge tone="good">{s.matchedTo}</Badge> : <Badge tone="bad">no match</Badge>}
                </li>
              ))}
            </ul>
            {unknownStages.length > 0 && <StageMapForm jobId={job.id} unknown={unknownStages} stages={stages} />}
          </Card>
          <Card title="Owners" description="Owner emails from the file and whether a Cadence user has them.">
            <ul className="space-y-1 text-sm" aria-label="Owners in the file">
              {preview.owners.map((o) => (
                <li key={o.value}>
                  {o.value} ({o.rows}) → {o.matchedTo ? <Badge tone="good">matched</Badge> : <Badge tone="bad">no user</Badge>}
                </li>
              ))}
            </ul>
          </Card>
        </div>
        <Card title="Invalid rows" description="These rows are left out; everything else is imported together or not at all.">
          <RejectedRows rows={preview.errors} total={preview.errors.length} />
        </Card>
        <Card title="3. Import">
          <StartImportButton jobId={job.id} valid={preview.valid.length} />
        </Card>
      </div>
    </>
  );
}
