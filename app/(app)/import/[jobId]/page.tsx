import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import { ownerScope, ROLE_LABELS, userScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getOrganisation, type OrganisationSettings } from "@/lib/data/organisation";
import { formatDate, formatMoney } from "@/lib/format";
import { IMPORT_FIELDS } from "@/lib/import/columns";
import { columnOptions } from "@/lib/import/column-options";
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
import { HistoryUploadForm } from "@/components/import/history-upload-form";
import { ColumnPreview } from "@/components/import/column-preview";
import { LeadPreviewTable } from "@/components/import/lead-preview-table";
import { DateOrderForm } from "@/components/import/date-order-form";
import { describeColumns } from "@/lib/import/column-samples";
import { formatInstant } from "@/lib/format";

export const metadata: Metadata = { title: "Import" };

const PREVIEW_ROWS = 10;
const WHAT: Record<JobSettings["kind"], string> = { DEALS: "deals", ACCOUNTS: "accounts", USERS: "users", LEADS: "leads" };

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
  const { settings, table, history } = pending;
  const historyCard =
    settings.kind === "DEALS" ? (
      <Card title="History (optional)" description="A second file with the deals' stage, amount and close-date history gives them their real dates: stale days, pushes, cycle length and conversion hold from the first day.">
        <HistoryUploadForm jobId={job.id} current={history?.fileName ?? null} />
      </Card>
    ) : null;
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
          <MappingForm jobId={job.id} columns={columnOptions(table.headers, table.rows[0]?.cells)} fields={fields} mapping={settings.mapping} dateOrder={settings.dateOrder} showDateOrder={settings.kind === "DEALS" || settings.kind === "LEADS"} />
        </Card>
        {historyCard && <div className="mt-6">{historyCard}</div>}
      </>
    );
  }

  const preview = await previewImport(user, table, settings, history);
  const { valid, errors } = preview.validation;
  const columnRows = describeColumns(table, settings, org.timeZone, org.currency);
  const evidence = preview.kind === "DEALS" ? preview.validation.dateEvidence : null;
  return (
    <>
      {header}
      <div className="space-y-6">
        {preview.kind === "DEALS" && <DealSummary jobId={job.id} validation={preview.validation} settings={settings} org={org} fileName={job.fileName} />}
        <div className="grid gap-4 sm:grid-cols-3" aria-label="Preview summary">
          <Stat label="Valid rows" value={valid.length.toLocaleString("en-US")} tone="good" />
          <Stat label="Invalid rows" value={errors.length.toLocaleString("en-US")} tone={errors.length ? "bad" : "neutral"} />
          {settings.kind === "DEALS" ? (
            <Stat
              label="Date order"
              value={settings.dateOrder === "MDY" || (settings.dateOrder === "auto" && evidence === "MDY") ? "MM/DD" : settings.dateOrder === "DMY" || (settings.dateOrder === "auto" && evidence === "DMY") ? "DD/MM" : "Per date"}
              detail={settings.dateOrder === "auto" && (evidence === "MDY" || evidence === "DMY") ? "read from the file's dates" : undefined}
            />
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
        <Card title="Columns" description="What each column of the file becomes, with a few of its values as Cadence reads them.">
          <ColumnPreview rows={columnRows} />
        </Card>
        {historyCard}
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
  if (preview.kind === "LEADS") {
    const first = preview.validation.valid.slice(0, PREVIEW_ROWS);
    const owners = new Map((await prisma.user.findMany({ where: { id: { in: [...new Set(first.map((r) => r.ownerId))] } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
    return (
      <LeadPreviewTable
        rows={first.map((r) => ({
          line: r.line,
          action: r.id ? "update" : "create",
          name: r.name,
          company: r.company,
          email: r.email,
          source: r.source,
          status: r.status === "DISQUALIFIED" && r.disqualifiedReason ? `disqualified (${r.disqualifiedReason})` : r.status.toLowerCase(),
          createdOn: formatDate(r.createdOn),
          owner: owners.get(r.ownerId) ?? "",
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
    prisma.pipelineStage.findMany({ where: { id: { in: [...new Set(first.flatMap((r) => [r.stageId, r.rebuilt.stageId]))] } }, select: { id: true, name: true } }),
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
    { header: "Stage", cell: (r) => stageName.get(r.rebuilt.stageId) ?? stageName.get(r.stageId) },
    { header: "Status", cell: (r) => r.status.toLowerCase() },
    { header: "Created", cell: (r) => (r.rebuilt.createdAt ? formatInstant(r.rebuilt.createdAt, org.timeZone) : "import day") },
    { header: "Last moved", cell: (r) => (r.rebuilt.lastMovedAt ? formatInstant(r.rebuilt.lastMovedAt, org.timeZone) : "import day") },
    { header: "History rows", numeric: true, cell: (r) => r.rebuilt.changes.length },
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
  if (preview.kind === "LEADS") {
    return (
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Lead statuses" description="Status values from the file and what each becomes: open, disqualified (the status is kept as the reason) or converted.">
          <ValueList label="Lead statuses in the file" items={preview.validation.statuses} matched={(m) => m} unmatched="unknown" />
        </Card>
        <Card title="Owners" description="Lead owners from the file and whether a Cadence user has that email or name.">
          <ValueList label="Owners in the file" items={preview.validation.owners} matched={() => "matched"} unmatched="no user" />
        </Card>
      </div>
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
  const key = (v: string) => v.trim().toLowerCase().replace(/\s+/g, " ");
  // Every stage of the file is listed, with what it maps to now (a name, a CRM default, or the user's choice), so that
  // a default can be overridden and a choice stays chosen after "Apply".
  const unknownStages = preview.validation.stages.map((s) => ({ value: s.value, rows: s.rows, mappedTo: settings.stageMap[key(s.value)] ?? null, current: s.matchedTo }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Stages" description="Stage names from the file and the Cadence stage each becomes. Closed won/lost become a status.">
        <div className="mb-4">
          <ValueList label="Stages in the file" items={preview.validation.stages} matched={(m) => m} unmatched="no match" />
        </div>
        {unknownStages.length > 0 && <StageMapForm key={JSON.stringify(settings.stageMap)} jobId={jobId} unknown={unknownStages} stages={stages} />}
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

const MOVED_FROM: Record<string, string> = {
  history: "the history",
  "stage change date": "the Stage Change Date column",
  "last modified": "the Last Modified column (the file has no stage change date)",
  "created date": "the Created Date column (the file has no stage change or last modified date)",
  "import day": "the import day (the file has no date to take it from)",
};

/** The deal preview's summary: deals, history rows and their range, refused rows, and what the dates were read from. */
function DealSummary({ jobId, validation, settings, org, fileName }: { jobId: string; validation: Extract<ImportPreview, { kind: "DEALS" }>["validation"]; settings: JobSettings; org: OrganisationSettings; fileName: string }) {
  const h = validation.history;
  const range = validation.historyRange;
  const n = (v: number) => v.toLocaleString("en-US");
  return (
    <Card title="Summary" description={`${fileName}${h.fileName ? ` with its history ${h.fileName}` : ""}`}>
      <ul className="space-y-1 text-sm text-slate-800" aria-label="Import summary">
        <li>
          <strong>{n(validation.valid.length)}</strong> deals to import; <strong>{n(validation.errors.length)}</strong> rows refused (the reasons are listed below).
        </li>
        <li>
          <strong>{n(h.rows)}</strong> history rows
          {range ? ` from ${formatInstant(range.from, org.timeZone)} to ${formatInstant(range.to, org.timeZone)}` : ""}
          {h.label ? ` (${h.label})` : h.dateEnteredColumns ? ` (from ${h.dateEnteredColumns} "Date entered" columns)` : ""}
          {h.unmatched ? `; ${n(h.unmatched)} rows name deals that are not in the file and are left out` : ""}
          {h.ignored ? `; ${n(h.ignored)} rows about other fields are not kept` : ""}
          {h.errors.length + validation.historySkipped.length ? `; ${n(h.errors.length + validation.historySkipped.length)} history rows could not be read (listed below)` : ""}.
        </li>
        {validation.historyAuthors.length > 0 && (
          <li>
            History authors:{" "}
            {validation.historyAuthors
              .map((a) => (a.matchedTo ? `${a.value} (a Cadence user)` : `${a.value} (no Cadence user: kept as written)`))
              .join("; ")}
            .
          </li>
        )}
        <li>Deals without a dated stage move take their last movement from {MOVED_FROM[validation.movedFrom]}.</li>
        <li>
          {validation.keyedBy === "natural"
            ? "The file has no id column: each deal is known by its name, account and owner. Re-importing the same file updates these deals instead of adding them again; a deal renamed or given to another owner in the CRM comes in as a new deal."
            : "Deals are matched by their id: re-importing the file updates the deals it created, and their history is kept (new history rows are added only for new deals)."}
        </li>
      </ul>
      {validation.dateEvidence === "ambiguous" && settings.dateOrder === "auto" && (
        <div className="mt-4">
          <DateOrderForm jobId={jobId} example={null} />
        </div>
      )}
      {validation.dateEvidence === "conflict" && settings.dateOrder === "auto" && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          Some dates of this file are day-first and others month-first: choose the order on the column step, and the rows that do not fit are listed below.
        </p>
      )}
      {h.errors.length + validation.historySkipped.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-medium">History rows left out</h3>
          <RejectedRows rows={[...h.errors, ...validation.historySkipped]} total={h.errors.length + validation.historySkipped.length} />
        </div>
      )}
    </Card>
  );
}
