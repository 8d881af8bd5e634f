// The users of an import: the preview of the first rows as they will be stored, and the users written.
import { Badge } from "@/components/ui/badge";
import { SimpleTable, type Column } from "@/components/ui/simple-table";
import { ROLE_LABELS } from "@/lib/auth/permissions";

const ROLE: Record<string, string> = ROLE_LABELS;

export interface UserPreviewRow {
  line: number;
  email: string;
  name: string;
  role: string;
  team: string | null;
  /** For an existing user: what the row changes ("role Sales rep → Sales manager"); empty when nothing. */
  changes: string[] | null;
}

function Becomes({ changes }: { changes: string[] | null }) {
  if (changes === null) return <Badge tone="good">new user</Badge>;
  if (changes.length === 0) return <Badge tone="neutral">no change</Badge>;
  return (
    <>
      <Badge tone="info">update</Badge> <span className="text-slate-600">{changes.join("; ")}</span>
    </>
  );
}

const PREVIEW_COLUMNS: Column<UserPreviewRow>[] = [
  { header: "Line", numeric: true, cell: (r) => r.line },
  { header: "Becomes", cell: (r) => <Becomes changes={r.changes} /> },
  { header: "Email", cell: (r) => r.email },
  { header: "Name", cell: (r) => r.name },
  { header: "Role", cell: (r) => ROLE[r.role] ?? r.role },
  { header: "Team", cell: (r) => r.team ?? "—" },
];

export function UserPreviewTable({ rows }: { rows: UserPreviewRow[] }) {
  return <SimpleTable label="Preview" columns={PREVIEW_COLUMNS} rows={rows} rowKey={(r) => r.line} />;
}

export interface ImportedUser {
  id: string;
  email: string;
  name: string;
  role: string;
  team: { name: string } | null;
}

const IMPORTED_COLUMNS: Column<ImportedUser>[] = [
  { header: "Email", cell: (u) => u.email },
  { header: "Name", cell: (u) => u.name },
  { header: "Role", cell: (u) => ROLE[u.role] ?? u.role },
  { header: "Team", cell: (u) => u.team?.name ?? "—" },
];

export function ImportedUsersTable({ users }: { users: ImportedUser[] }) {
  return <SimpleTable label="Imported users" columns={IMPORTED_COLUMNS} rows={users} rowKey={(u) => u.id} />;
}
