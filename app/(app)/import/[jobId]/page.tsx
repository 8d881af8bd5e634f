import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { ownerScope, ROLE_LABELS, userScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getOrganisation, type OrganisationSettings } from "@/lib/data/organisation";
import { formatDate, formatMoney } from "@/lib/format";
import { IMPORT_FIELDS } from "@/lib/import/columns";
import { getImportJob, jobDetails, previewImport, readPendingJob, type ImportPreview, type JobSettings } from "@/lib/import/jobs";
import { dateOnly } from "@/lib/domain/calendar";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { SimpleTable, type Column } from "@/components/ui/simple-table";
import { MappingForm } from "@/components/import/mapping-form";
import { StageMapForm } from "@/components/import/stage-map-form";
import { StartImportButton } from "@/components/import/start-import-button";
import { ImportProgress } from "@/components/import/import-progress";
import { RejectedRows } from "@/components/import/rejected-rows";
import { AccountPreviewTable, ImportedAccountsTable } from "@/components/import/account-import-tables";
import { ImportedUsersTable, UserPreviewTable } from "@/components/import/user-import-tables";

export const metadata: Metadata = { title: "Import" };

const PREVIEW_ROWS = 10;
const WHAT: Record<JobSettings["kind"], string> = { DEALS: "deals", ACCOUNTS: "accounts", USERS: "users" };

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
            <ImportedRecords user={user} kind={job.kind} details={details} written={job.created + job.updated} org={org} />
            <Card title="Rejected rows">
              <RejectedRows rows={details.rejected} total={job.rejected} />
            </Card>
          </div>
        )}
      </>
    );
  }

  const pending = await readPendingJob(job.id);
  if (!pending) {
    return (
      <>
        {header}
        <Card title="The file is no longer available">
          <p className="text-sm text-slate-700">Upload it again to continue.</p>
        </Card>
      </>
    );
  }
  const { settings, table } = pending;
  if (!settings.mapped) {
    const fields = IMPORT_FIELDS[settings.kind].map(({ key, label, required, satisfiedBy }) => ({
      key,
      // "Full name (required)" would be wrong when first and last name columns stand in for it.
      label: satisfiedBy ? `${label} (or first and last name)` : label,
      required: required && !satisfiedBy,
    }));
    return (
      <>
        {header}
        <Card title="1. Match the columns" description="Cadence guessed the columns from their names. Check them; the mapping is remembered for the next file with the same headers.">
          <MappingForm jobId={job.id} headers={table.headers} fields={fields} mapping={settings.mapping} dateOrder={settings.dateOrder} samples={table.rows.slice(0, 1).map((r) => r.cells)} showDateOrder={settings.kind === "DEALS"} />
        </Card>
      </>
    );
  }

  const preview = await previewImport(user, table, settings);
  const { valid, errors } = preview.validation;
  return (
    <>
      {header}
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3" aria-label="Preview summary">
          <Stat label="Valid rows" value={valid.length.toLocaleString("en-US")} tone="good" />
          <Stat label="Invalid rows" value={errors.length.toLocaleString("en-US")} tone={errors.length ? "bad" : "neutral"} />
          {settings.kind === "DEALS" ? (
            <Stat label="Date order" value={settings.dateOrder === "auto" ? "Per date" : settings.dateOrder === "MDY" ? "MM/DD" : "DD/MM"} />
          ) : (
            <Stat label="File contains" value={WHAT[settings.kind]} />
          )}
        </div>
        <Card title="2. Preview: the first rows as they will be stored">
          {valid.length === 0 ? (
            <p className="text-sm text-slate-600">No valid rows yet: check the mapping and the invalid rows below.</p>
          ) : (
            <PreviewTable preview={preview} org={org} />
          )}
        </Card>
        <PreviewMatches jobId={job.id} preview={preview} settings={settings} />
        <Card title="Invalid rows" description="These rows are left out; everything else is imported together or not at all.">
          <RejectedRows rows={errors} total={errors.length} />
        </Card>
        <Card title="3. Import">
          {settings.kind === "USERS" && (
            <p className="mb-3 text-sm text-slate-600">
              New users are created without a password: they cannot sign in until a password is set for them (or through single sign-on).
            </p>
          )}
          <StartImportButton jobId={job.id} valid={valid.length} />
        </Card>
      </div>
    </>
  );
}

/** The first valid rows of the preview, in each kind's own table. */
async function PreviewTable({ preview, org }: { preview: ImportPreview; org: OrganisationSettings }) {
  if (preview.kind === "ACCOUNTS") {
    return (
      <AccountPreviewTable
        rows={preview.validation.valid.slice(0, PREVIEW_ROWS).map((r) => ({
          line: r.line,
          action: r.id ? "update" : "create",
          externalId: r.externalId,
          name: r.name,
          domain: r.domain,
          industry: r.industry,
          ownerEmail: r.ownerEmail,
        }))}
      />
    );
  }
  if (preview.kind === "USERS") {
    const first = preview.validation.valid.slice(0, PREVIEW_ROWS);
    const teamIds = [...new Set(first.flatMap((r) => [r.teamId, r.before?.teamId ?? null]).filter((t): t is string => !!t))];
    const teams = new Map((await prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]));
    const teamName = (id: string | null) => (id ? (teams.get(id) ?? "?") : "no team");
    return (
      <UserPreviewTable
        rows={first.map((r) => {
          const changes: string[] = [];
          if (r.before) {
            if (r.before.name !== r.name) changes.push(`name ${r.before.name} → ${r.name}`);
            if (r.before.role !== r.role) changes.push(`role ${ROLE_LABELS[r.before.role]} → ${ROLE_LABELS[r.role]}`);
            if (r.before.teamId !== r.teamId) changes.push(`team ${teamName(r.before.teamId)} → ${teamName(r.teamId)}`);
          }
          return { line: r.line, email: r.email, name: r.name, role: r.role, team: r.teamId ? teamName(r.teamId) : null, changes: r.before ? changes : null };
        })}
      />
    );
  }
  const first = preview.validation.valid.slice(0, PREVIEW_ROWS);
  const [stages, owners] = await Promise.all([
    prisma.pipelineStage.findMany({ where: { id: { in: [...new Set(first.map((r) => r.stageId))] } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: [...new Set(first.map((r) => r.ownerId))] } }, select: { id: true, email: true } }),
  ]);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const emailOf = new Map(owners.map((u) => [u.id, u.email]));
  type DealRow = (typeof first)[number];
  const columns: Column<DealRow>[] = [
    { header: "Line", numeric: true, cell: (r) => r.line },
    { header: "External id", cell: (r) => r.externalId },
    { header: "Deal", cell: (r) => r.name },
    { header: "Account", cell: (r) => r.accountName ?? "—" },
    { header: "Owner", cell: (r) => emailOf.get(r.ownerId) },
    { header: "Stage", cell: (r) => stageName.get(r.stageId) },
    { header: "Status", cell: (r) => r.status.toLowerCase() },
    { header: "Amount", numeric: true, cell: (r) => formatMoney(r.amountMinor, org.currency, { cents: true }) },
    { header: "Close date", cell: (r) => formatDate(r.closeDate) },
    { header: "Next step", className: "whitespace-pre-line", cell: (r) => `${r.nextStep ?? "—"}${r.nextStepDate ? ` (${formatDate(r.nextStepDate)})` : ""}` },
  ];
  return <SimpleTable label="Preview" columns={columns} rows={first} rowKey={(r) => r.line} />;
}

function ValueList({ label, items, matched, unmatched }: { label: string; items: { value: string; rows: number; matchedTo: string | null }[]; matched: (m: string) => string; unmatched: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">The file names none.</p>;
  return (
    <ul className="space-y-1 text-sm" aria-label={label}>
      {items.map((o) => (
        <li key={o.value}>
          {o.value} ({o.rows}) → {o.matchedTo ? <Badge tone="good">{matched(o.matchedTo)}</Badge> : <Badge tone="bad">{unmatched}</Badge>}
        </li>
      ))}
    </ul>
  );
}

/** What the file's values match in Cadence: stages and owners for deals, owners for accounts, teams for users. */
async function PreviewMatches({ jobId, preview, settings }: { jobId: string; preview: ImportPreview; settings: JobSettings }) {
  if (preview.kind === "ACCOUNTS") {
    return (
      <Card title="Owners" description="Owner emails from the file and whether a Cadence user has them.">
        <ValueList label="Owners in the file" items={preview.validation.owners} matched={() => "matched"} unmatched="no user" />
      </Card>
    );
  }
  if (preview.kind === "USERS") {
    return (
      <Card title="Teams" description="Team names from the file and the Cadence team each joins. Teams are created on the Teams page, not by an import.">
        <ValueList label="Teams in the file" items={preview.validation.teams} matched={(m) => m} unmatched="no team" />
      </Card>
    );
  }
  const stages = await prisma.pipelineStage.findMany({ orderBy: { order: "asc" }, select: { id: true, name: true } });
  const mappedStages = new Set(Object.keys(settings.stageMap));
  const key = (v: string) => v.trim().toLowerCase().replace(/\s+/g, " ");
  const unknownStages = preview.validation.stages
    .filter((s) => !s.matchedTo || mappedStages.has(key(s.value)))
    .map((s) => ({ value: s.value, rows: s.rows, mappedTo: settings.stageMap[key(s.value)] ?? null }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Stages" description="Stage names from the file and the Cadence stage each becomes. Closed won/lost become a status.">
        <div className="mb-4">
          <ValueList label="Stages in the file" items={preview.validation.stages} matched={(m) => m} unmatched="no match" />
        </div>
        {unknownStages.length > 0 && <StageMapForm jobId={jobId} unknown={unknownStages} stages={stages} />}
      </Card>
      <Card title="Owners" description="Owner emails from the file and whether a Cadence user has them.">
        <ValueList label="Owners in the file" items={preview.validation.owners} matched={() => "matched"} unmatched="no user" />
      </Card>
    </div>
  );
}

/** The records a committed import wrote (the first 50 the reader may see). */
async function ImportedRecords({ user, kind, details, written, org }: { user: SessionUser; kind: JobSettings["kind"]; details: ReturnType<typeof jobDetails>; written: number; org: OrganisationSettings }) {
  const firstOf = (n: number) => (n < written ? `The first ${n}.` : undefined);
  if (kind === "ACCOUNTS") {
    const accounts = details.ids.length
      ? await prisma.account.findMany({
          where: { id: { in: details.ids }, ...ownerScope(user) },
          orderBy: { name: "asc" },
          take: 50,
          select: { id: true, externalId: true, name: true, domain: true, industry: true, owner: { select: { name: true } } },
        })
      : [];
    return (
      <Card title="Imported accounts" description={firstOf(accounts.length)}>
        <ImportedAccountsTable accounts={accounts} />
      </Card>
    );
  }
  if (kind === "USERS") {
    const users = details.ids.length
      ? await prisma.user.findMany({
          where: { AND: [{ id: { in: details.ids } }, userScope(user)] },
          orderBy: { email: "asc" },
          take: 50,
          select: { id: true, email: true, name: true, role: true, team: { select: { name: true } } },
        })
      : [];
    return (
      <Card title="Imported users" description={firstOf(users.length)}>
        <ImportedUsersTable users={users} />
      </Card>
    );
  }
  const deals = details.externalIds.length
    ? await prisma.deal.findMany({
        where: { externalId: { in: details.externalIds }, ...ownerScope(user) },
        orderBy: { externalId: "asc" },
        take: 50,
        select: { id: true, externalId: true, name: true, amountMinor: true, closeDate: true, status: true, stage: { select: { name: true } }, owner: { select: { name: true } } },
      })
    : [];
  return (
    <Card title="Imported deals" description={deals.length < written ? `The first ${deals.length} by external id.` : undefined}>
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
  );
}
