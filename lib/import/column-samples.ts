// The preview's column list: each column of the file, the field it was mapped to, and its first values as Cadence
// reads them (dates in the organisation's zone with the file's day/month order, amounts in its currency). Pure.
import { IMPORT_FIELDS } from "@/lib/import/columns";
import type { CsvTable } from "@/lib/import/csv-file";
import { inferDateOrder, parseDateValue } from "@/lib/import/dates";
import { dateEnteredStage } from "@/lib/import/history";
import type { JobSettings } from "@/lib/import/jobs";
import { unneutralise } from "@/lib/import/validate";
import { parseAmount, type DateOrder } from "@/lib/import/values";
import { formatDate, formatInstant, formatMoney } from "@/lib/format";

const DATE_KEYS = new Set(["closeDate", "nextStepDate", "createdDate", "firstContactDate", "closedDate", "lastModified", "lastStageChange"]);
const SAMPLES = 3;

export function describeColumns(table: CsvTable, settings: Pick<JobSettings, "kind" | "mapping" | "dateOrder">, timeZone: string, currency: string) {
  const fields = IMPORT_FIELDS[settings.kind];
  const dateCols = fields.filter((f) => DATE_KEYS.has(f.key)).map((f) => settings.mapping[f.key]).filter((i): i is number => typeof i === "number");
  const evidence = inferDateOrder(table.rows.flatMap((r) => dateCols.map((i) => r.cells[i] ?? "")));
  const order: DateOrder = settings.dateOrder !== "auto" ? settings.dateOrder : evidence === "MDY" || evidence === "DMY" ? evidence : "auto";
  return table.headers.map((header, index) => {
    const field = fields.find((f) => settings.mapping[f.key] === index);
    const entered = settings.kind === "DEALS" ? dateEnteredStage(header) : null;
    const raws: string[] = [];
    for (const r of table.rows) {
      const v = unneutralise((r.cells[index] ?? "").trim());
      if (v) raws.push(v);
      if (raws.length === SAMPLES) break;
    }
    const isDate = (field && DATE_KEYS.has(field.key)) || entered !== null;
    const read = (raw: string): string => {
      if (isDate) {
        const v = parseDateValue(raw, order, timeZone);
        if (!v.ok) return `unreadable: ${v.reason}`;
        return v.value.instant ? formatInstant(v.value.instant, timeZone) : formatDate(v.value.date);
      }
      if (field?.key === "amount") {
        const a = parseAmount(raw);
        return a.ok ? formatMoney(a.value, currency, { cents: true }) : `unreadable: ${a.reason}`;
      }
      return raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
    };
    return {
      header,
      mappedTo: field ? field.label : entered !== null ? `Stage history: entered "${entered}"` : null,
      samples: raws.map((raw) => ({ raw: raw.length > 60 ? `${raw.slice(0, 60)}…` : raw, parsed: read(raw) })),
    };
  });
}
