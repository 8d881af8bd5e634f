// The first leads of a leads import as they will be stored.
import { SimpleTable, type Column } from "@/components/ui/simple-table";

export interface LeadPreviewRow {
  line: number;
  action: "create" | "update";
  name: string;
  company: string | null;
  email: string | null;
  source: string | null;
  status: string;
  createdOn: string;
  owner: string;
}

const dash = (v: string | null) => v ?? "—";
const columns: Column<LeadPreviewRow>[] = [
  { header: "Line", numeric: true, cell: (r) => r.line },
  { header: "Action", cell: (r) => r.action },
  { header: "Lead", cell: (r) => r.name },
  { header: "Company", cell: (r) => dash(r.company) },
  { header: "Email", cell: (r) => dash(r.email) },
  { header: "Source", cell: (r) => dash(r.source) },
  { header: "Status", cell: (r) => r.status },
  { header: "Created", cell: (r) => r.createdOn },
  { header: "Owner", cell: (r) => r.owner },
];

export function LeadPreviewTable({ rows }: { rows: LeadPreviewRow[] }) {
  return <SimpleTable label="Preview" columns={columns} rows={rows} rowKey={(r) => r.line} />;
}
