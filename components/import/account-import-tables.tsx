// The accounts of an import: the preview of the first rows as they will be stored, and the accounts written.
import { Badge } from "@/components/ui/badge";
import { SimpleTable, type Column } from "@/components/ui/simple-table";

export interface AccountPreviewRow {
  line: number;
  action: "create" | "update";
  externalId: string | null;
  name: string;
  domain: string | null;
  industry: string | null;
  ownerEmail: string | null;
}

const dash = (v: string | null | undefined) => v ?? "—";

const PREVIEW_COLUMNS: Column<AccountPreviewRow>[] = [
  { header: "Line", numeric: true, cell: (r) => r.line },
  { header: "Becomes", cell: (r) => (r.action === "create" ? <Badge tone="good">new account</Badge> : <Badge tone="info">update</Badge>) },
  { header: "External id", cell: (r) => dash(r.externalId) },
  { header: "Account", cell: (r) => r.name },
  { header: "Domain", cell: (r) => dash(r.domain) },
  { header: "Industry", cell: (r) => dash(r.industry) },
  { header: "Owner", cell: (r) => dash(r.ownerEmail) },
];

export function AccountPreviewTable({ rows }: { rows: AccountPreviewRow[] }) {
  return <SimpleTable label="Preview" columns={PREVIEW_COLUMNS} rows={rows} rowKey={(r) => r.line} />;
}

export interface ImportedAccount {
  id: string;
  externalId: string | null;
  name: string;
  domain: string | null;
  industry: string | null;
  owner: { name: string } | null;
}

const IMPORTED_COLUMNS: Column<ImportedAccount>[] = [
  { header: "External id", cell: (a) => dash(a.externalId) },
  { header: "Account", cell: (a) => a.name },
  { header: "Domain", cell: (a) => dash(a.domain) },
  { header: "Industry", cell: (a) => dash(a.industry) },
  { header: "Owner", cell: (a) => dash(a.owner?.name) },
];

export function ImportedAccountsTable({ accounts }: { accounts: ImportedAccount[] }) {
  return <SimpleTable label="Imported accounts" columns={IMPORTED_COLUMNS} rows={accounts} rowKey={(a) => a.id} />;
}
