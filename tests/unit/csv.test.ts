import { describe, expect, it } from "vitest";
import { csvCell, minorToDecimal, toCsv } from "@/lib/csv";

describe("CSV export", () => {
  it("neutralises formula-looking text cells", () => {
    for (const payload of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")"]) expect(csvCell(payload).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-5)).toBe("-5");
  });

  it("keeps numeric cells numbers, negative ones included, whether they arrive as numbers or as formatted text", () => {
    // A quarter-over-quarter change of −38.52% exported as a ratio: a number in the spreadsheet, not the text '-0.3852.
    expect(csvCell("-0.3852")).toBe("-0.3852");
    expect(csvCell("-12.50")).toBe("-12.50");
    expect(csvCell("-7")).toBe("-7");
    expect(csvCell(-0.3852)).toBe("-0.3852");
    expect(csvCell(-12n)).toBe("-12");
    const csv = toCsv([{ change: (-0.38517).toFixed(4) }], [{ header: "Change", value: (r) => r.change }], { bom: false });
    expect(csv).toBe("Change\r\n-0.3852\r\n");
  });

  it("still neutralises text that only starts like a number", () => {
    for (const payload of ["-2+3", "-1e9", "-0.5+A1", "-", "-.5", "+1", "-1,000", "\t-1", "-1\r"]) {
      expect(csvCell(payload).replace(/^"/, "").startsWith("'"), payload).toBe(true);
    }
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
