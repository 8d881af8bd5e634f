// Each column of the uploaded file: the Cadence field it was mapped to and a few of its values as Cadence reads them.
import { SimpleTable, type Column } from "@/components/ui/simple-table";

export interface ColumnPreviewRow {
  header: string;
  mappedTo: string | null;
  samples: { raw: string; parsed: string }[];
}

const columns: Column<ColumnPreviewRow>[] = [
  { header: "Column in the file", cell: (r) => r.header },
  { header: "Imported as", cell: (r) => r.mappedTo ?? <span className="text-slate-500">not imported</span> },
  {
    header: "Sample values → as read",
    className: "whitespace-pre-line",
    cell: (r) =>
      r.samples.length === 0 ? (
        <span className="text-slate-500">empty</span>
      ) : (
        r.samples.map((s) => (s.raw === s.parsed || !r.mappedTo ? s.raw : `${s.raw} → ${s.parsed}`)).join("\n")
      ),
  },
];

export function ColumnPreview({ rows }: { rows: ColumnPreviewRow[] }) {
  return <SimpleTable label="Columns" columns={columns} rows={rows} rowKey={(r) => r.header} />;
}
