// Reading an uploaded CSV: size limit, encoding (UTF-8 only, BOM stripped), delimiter detection, headers checked.
import Papa from "papaparse";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_LABEL = "20 MB";
export const MAX_IMPORT_ROWS = 100_000;
/**
 * A CRM export has at most a few hundred columns and short headers. Without these caps a 4 MB file of 400,000
 * columns was accepted and its mapping page rendered 197 MB of HTML (issue 18).
 */
export const MAX_IMPORT_COLUMNS = 500;
export const MAX_HEADER_LENGTH = 200;
export const MAX_CELL_LENGTH = 10_000;

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
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      message: "The file is not UTF-8 text (it may be a Windows or Excel \"CSV\" in another encoding). Save it as \"CSV UTF-8\" and upload it again.",
    };
  }
  // PostgreSQL text cannot hold NUL, and no CSV export writes one: a file with it is binary or corrupt.
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    return { ok: false, message: `The file contains a NUL character (line ${line}), so it is not a CSV text file. Export it again as "CSV UTF-8" and upload it again.` };
  }
  return { ok: true, value: text.replace(/^\uFEFF/, "") };
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
  const limit = checkLimits(data);
  if (limit) return { ok: false, message: limit };
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
  return { ok: true, value: { headers, rows, delimiter: result.meta.delimiter } };
}

/** The first limit the parsed file breaks, as the message the uploader reads; null when it keeps to all of them. */
function checkLimits(data: string[][]): string | null {
  const n = (v: number) => v.toLocaleString("en-US");
  const widest = data.reduce((max, cells) => Math.max(max, cells.length), 0);
  if (widest > MAX_IMPORT_COLUMNS) {
    return `The file has ${n(widest)} columns; the limit is ${n(MAX_IMPORT_COLUMNS)}. Export only the columns you import and upload it again.`;
  }
  // Data rows, as parseCsvTable counts them: blank lines are not rows.
  const rows = data.slice(1).filter((cells) => !(cells.length === 1 && cells[0].trim() === "")).length;
  if (rows > MAX_IMPORT_ROWS) return `The file has ${n(rows)} rows; the limit is ${n(MAX_IMPORT_ROWS)}. Split it into smaller files.`;
  const longHeader = data[0].findIndex((h) => h.trim().length > MAX_HEADER_LENGTH);
  if (longHeader >= 0) {
    return `The header of column ${n(longHeader + 1)} is ${n(data[0][longHeader].trim().length)} characters long; the limit for a header is ${n(MAX_HEADER_LENGTH)}. Shorten it and upload the file again.`;
  }
  for (let i = 1; i < data.length; i++) {
    const column = data[i].findIndex((c) => c.length > MAX_CELL_LENGTH);
    if (column >= 0) {
      return `Data row ${n(i)} has a value of ${n(data[i][column].length)} characters in column ${n(column + 1)}; the limit for a value is ${n(MAX_CELL_LENGTH)}. Shorten it and upload the file again.`;
    }
  }
  return null;
}

function newlines(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf("\n"); i >= 0; i = c.indexOf("\n", i + 1)) n++;
  return n;
}
