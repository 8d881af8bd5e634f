// Reading an uploaded CSV: size limit, encoding (UTF-8 only, BOM stripped), delimiter detection, headers checked.
import Papa from "papaparse";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_LABEL = "20 MB";
export const MAX_IMPORT_ROWS = 100_000;

export type FileResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Bytes to text. Invalid UTF-8 is refused (a Windows-1252 or Latin-1 export would otherwise import accented names
 * as garbage); the message says how to fix it. A UTF-8 BOM is dropped.
 */
export function decodeCsv(bytes: Uint8Array): FileResult<string> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return { ok: false, message: `The file is larger than the ${MAX_IMPORT_LABEL} limit. Split it into smaller files.` };
  }
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: "The file is encoded as UTF-16. Save it as CSV UTF-8 and upload it again." };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, value: text.replace(/^\uFEFF/, "") };
  } catch {
    return {
      ok: false,
      message: "The file is not UTF-8 text (it may be a Windows or Excel \"CSV\" in another encoding). Save it as \"CSV UTF-8\" and upload it again.",
    };
  }
}

export interface CsvTable {
  headers: string[];
  /** Data rows, each with its line number in the file (the header is line 1; quoted newlines count). */
  rows: { line: number; cells: string[] }[];
  delimiter: string;
}

/** Text to a table. Quoted fields may hold newlines, commas and quotes. */
export function parseCsvTable(text: string): FileResult<CsvTable> {
  // Guess the delimiter on the first rows without blank lines (they confuse the guess), then parse everything
  // keeping blank lines so that line numbers match the file.
  const sample = Papa.parse<string[]>(text.slice(0, 65_536), { delimitersToGuess: [",", ";", "\t", "|"], skipEmptyLines: "greedy", preview: 50 });
  const result = Papa.parse<string[]>(text, { delimiter: sample.meta.delimiter, skipEmptyLines: false });
  const data = result.data;
  const fatal = result.errors.find((e) => e.code === "MissingQuotes" || e.code === "InvalidQuotes");
  if (fatal) return { ok: false, message: `The file has an unclosed quote near data row ${(fatal.row ?? 0) + 1}. Check the file and upload it again.` };
  if (data.length === 0 || data[0].every((h) => h.trim() === "")) return { ok: false, message: "The file has no header row." };
  const headers = data[0].map((h) => h.trim());
  if (headers.length < 2) {
    return { ok: false, message: "Only one column was found: the file is not comma, semicolon or tab separated. Export it as CSV and upload it again." };
  }
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  headers.forEach((h) => {
    const key = h.toLowerCase();
    if (seen.has(key)) duplicates.push(h);
    seen.set(key, 1);
  });
  if (duplicates.length) return { ok: false, message: `The header row repeats ${duplicates.map((d) => `"${d}"`).join(", ")}. Rename or remove the duplicate columns.` };
  if (headers.some((h) => h === "")) return { ok: false, message: "A column in the header row has no name." };

  // Line numbers: count the newlines each row spans so errors point at the line a spreadsheet shows.
  const rows: CsvTable["rows"] = [];
  let line = 1 + newlines(data[0]);
  for (let i = 1; i < data.length; i++) {
    line += 1;
    const cells = data[i];
    const start = line;
    line += newlines(cells);
    if (cells.length === 1 && cells[0].trim() === "") continue;
    rows.push({ line: start, cells });
  }
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, message: `The file has ${rows.length} rows; the limit is ${MAX_IMPORT_ROWS}. Split it into smaller files.` };
  return { ok: true, value: { headers, rows, delimiter: result.meta.delimiter } };
}

function newlines(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf("\n"); i >= 0; i = c.indexOf("\n", i + 1)) n++;
  return n;
}
