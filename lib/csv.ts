// CSV writing for every export: RFC 4180 quoting, a UTF-8 BOM for spreadsheet apps, and formula-looking cells
// neutralised so a cell such as "=HYPERLINK(...)" is shown as text, never run, by Excel or Sheets.

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | bigint | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;
// A plain decimal number written as text (exports format ratios and money as "-0.3852", "-12.50"): it is data, and a
// spreadsheet reads it as a number, not a formula. Anything more ("-2+3", "-1e9", " -1") stays neutralised.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell: formula-looking text gets a leading apostrophe; quotes, commas and newlines are quoted. */
export function csvCell(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  // Numbers are data, not formulas: only text is neutralised (a negative amount stays a number).
  if (typeof value === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: Iterable<T>, columns: readonly CsvColumn<T>[], opts: { bom?: boolean } = {}): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  return `${opts.bom === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`;
}

/** A download response for a route handler. */
export function csvResponse(csv: string, fileName: string): Response {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Minor units to a plain decimal string for CSV ("12345.67"), exact for any bigint. */
export function minorToDecimal(minor: bigint | number): string {
  const m = BigInt(minor);
  const sign = m < 0n ? "-" : "";
  const abs = m < 0n ? -m : m;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
