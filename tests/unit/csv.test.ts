import { describe, expect, it } from "vitest";
import { csvCell, minorToDecimal, toCsv } from "@/lib/csv";

describe("CSV export", () => {
  it("neutralises formula-looking text cells", () => {
    for (const payload of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")"]) expect(csvCell(payload).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-5)).toBe("-5");
  });

  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('Acme, "Inc"\nline')).toBe('"Acme, ""Inc""\nline"');
  });

  it("writes a BOM, a header and CRLF rows", () => {
    const csv = toCsv([{ a: "x", b: 1n }], [{ header: "A", value: (r) => r.a }, { header: "B", value: (r) => r.b }]);
    expect(csv).toBe("\uFEFFA,B\r\nx,1\r\n");
  });

  it("writes money exactly", () => {
    expect(minorToDecimal(1234567n)).toBe("12345.67");
    expect(minorToDecimal(-5n)).toBe("-0.05");
    expect(minorToDecimal(900719925474099312n)).toBe("9007199254740993.12");
  });
});
