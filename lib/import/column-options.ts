// The file's columns as the mapping step offers them: each header once, shortened, with a short sample value.
// Every field's select repeats these options, so their size bounds the mapping page (issue 18: a 400,000-column
// file once rendered 197 MB of HTML).
const HEADER_SHOWN = 48;
const SAMPLE_SHOWN = 20;

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ColumnOption {
  value: string;
  label: string;
}

export function columnOptions(headers: readonly string[], firstRow: readonly string[] | undefined): ColumnOption[] {
  return headers.map((header, i) => {
    const sample = (firstRow?.[i] ?? "").trim();
    return { value: String(i), label: `${shorten(header, HEADER_SHOWN)}${sample ? ` (e.g. ${shorten(sample, SAMPLE_SHOWN)})` : ""}` };
  });
}
