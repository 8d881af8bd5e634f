import { describe, expect, it } from "vitest";
import { parseAmount, parseDate, parseStatus } from "@/lib/import/values";
import { guessMapping, headerSignature, missingRequired, IMPORT_FIELDS } from "@/lib/import/columns";
import { decodeCsv, parseCsvTable, MAX_IMPORT_BYTES } from "@/lib/import/csv-file";
import { validateDeals } from "@/lib/import/validate";

const enc = (s: string) => new TextEncoder().encode(s);
const amount = (s: string) => {
  const r = parseAmount(s);
  return r.ok ? r.value : r.reason;
};
const date = (s: string, order: "auto" | "MDY" | "DMY" = "auto") => {
  const r = parseDate(s, order);
  return r.ok ? r.value : `error: ${r.reason}`;
};

describe("amounts", () => {
  it("reads currency symbols and thousands separators in both conventions", () => {
    expect(amount("$12,500.00")).toBe(1_250_000n);
    expect(amount("12.500,00 €")).toBe(1_250_000n);
    expect(amount("£1,234,567.8")).toBe(123_456_780n);
    expect(amount("12 500")).toBe(1_250_000n);
    expect(amount("EUR 99")).toBe(9_900n);
    expect(amount("12,500")).toBe(1_250_000n);
    expect(amount("0.5")).toBe(50n);
    expect(amount("1234,56")).toBe(123_456n);
    expect(amount("(300)")).toBe(-30_000n);
  });
  it("refuses what it cannot read exactly", () => {
    expect(amount("")).toMatch(/empty/);
    expect(amount("twelve")).toMatch(/not an amount/);
    expect(amount("1.2345")).toMatch(/thousands|decimals/);
    expect(amount("12,50,0.00")).toMatch(/thousands/);
    expect(amount("1.234")).toBe(123_400n);
    expect(amount("1.23.4")).toMatch(/thousands/);
  });
});

describe("dates", () => {
  it("reads ISO, US, European and written formats", () => {
    expect(date("2026-01-05")).toBe("2026-01-05");
    expect(date("2026-01-05T10:00:00Z")).toBe("2026-01-05");
    expect(date("01/25/2026")).toBe("2026-01-25");
    expect(date("25/01/2026")).toBe("2026-01-25");
    expect(date("Jan 5, 2026")).toBe("2026-01-05");
    expect(date("5 January 2026")).toBe("2026-01-05");
    expect(date("05.01.2026")).toBe("2026-01-05");
  });
  it("asks for the order when a slashed date reads both ways, and follows the chosen order", () => {
    expect(date("03/04/2026")).toMatch(/month\/day or day\/month/);
    expect(date("03/04/2026", "MDY")).toBe("2026-03-04");
    expect(date("03/04/2026", "DMY")).toBe("2026-04-03");
    expect(date("04/04/2026")).toBe("2026-04-04");
  });
  it("refuses impossible dates", () => {
    expect(date("2026-02-30")).toMatch(/^error/);
    expect(date("31/31/2026")).toMatch(/^error/);
    expect(date("soon")).toMatch(/^error/);
  });
});

describe("status", () => {
  it("reads CRM closed stages as a status", () => {
    expect(parseStatus("Closed Won")).toBe("WON");
    expect(parseStatus("closed_lost")).toBe("LOST");
    expect(parseStatus("Open")).toBe("OPEN");
    expect(parseStatus("Proposal")).toBeNull();
  });
});

describe("column guessing", () => {
  it("maps a Salesforce-style export", () => {
    const headers = ["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage", "Owner Email", "Next Step"];
    const m = guessMapping("DEALS", headers);
    expect(m).toMatchObject({ externalId: 0, name: 1, accountName: 2, amount: 3, closeDate: 4, stage: 5, ownerEmail: 6, nextStep: 7 });
    expect(missingRequired("DEALS", m)).toEqual([]);
  });
  it("maps a HubSpot-style export", () => {
    const headers = ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Company"];
    const m = guessMapping("DEALS", headers);
    expect(m).toMatchObject({ externalId: 0, name: 1, stage: 2, closeDate: 3, ownerEmail: 4, amount: 5, accountName: 6 });
  });
  it("reports the required fields no column provides", () => {
    const m = guessMapping("DEALS", ["Deal Name", "Amount"]);
    // A file without an id column imports (deals are keyed by name + account + owner): the id is not required.
    expect(missingRequired("DEALS", m).map((f) => f.key)).toEqual(["closeDate", "stage", "ownerEmail"]);
  });
  it("recognises the same export whatever the order and case", () => {
    expect(headerSignature(["Amount", "Deal Name"])).toBe(headerSignature(["deal name", " AMOUNT "]));
    expect(IMPORT_FIELDS.USERS.some((f) => f.key === "email" && f.required)).toBe(true);
  });
});

describe("reading files", () => {
  it("strips a BOM and keeps quoted newlines inside one cell, with line numbers that count them", () => {
    const text = decodeCsv(enc('\uFEFFDeal Name,Next Step\r\n"Acme","Call\r\nthen demo"\r\nBeta,Email\r\n'));
    expect(text.ok).toBe(true);
    const table = parseCsvTable((text as { value: string }).value);
    expect(table.ok).toBe(true);
    const t = (table as { value: { headers: string[]; rows: { line: number; cells: string[] }[] } }).value;
    expect(t.headers).toEqual(["Deal Name", "Next Step"]);
    expect(t.rows[0].cells[1]).toBe("Call\r\nthen demo");
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
  });
  it("detects semicolons and tabs", () => {
    const t = parseCsvTable("Deal Name;Amount\nAcme;12.500,00\n");
    expect(t.ok && t.value.delimiter).toBe(";");
    const tab = parseCsvTable("Deal Name\tAmount\nAcme\t5\n");
    expect(tab.ok && tab.value.rows[0].cells).toEqual(["Acme", "5"]);
  });
  it("refuses invalid UTF-8, UTF-16, an empty file and one over the size limit", () => {
    const latin1 = new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x2c, 0x41, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x31, 0x0a]);
    expect(decodeCsv(latin1)).toMatchObject({ ok: false, message: expect.stringMatching(/not UTF-8/) });
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, message: expect.stringMatching(/UTF-16/) });
    expect(decodeCsv(new Uint8Array())).toMatchObject({ ok: false, message: "The file is empty." });
    expect(decodeCsv(new Uint8Array(MAX_IMPORT_BYTES + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/20 MB/) });
  });
  it("refuses one-column files and duplicate headers", () => {
    expect(parseCsvTable("Deal Name\nAcme\n")).toMatchObject({ ok: false, message: expect.stringMatching(/one column/) });
    expect(parseCsvTable("Amount,Deal Name,amount\n1,a,2\n")).toMatchObject({ ok: false, message: expect.stringMatching(/repeats "amount"/) });
  });
});

describe("validating deal rows", () => {
  const stages = [
    { id: "s1", name: "Discovery", order: 1 },
    { id: "s2", name: "Proposal", order: 2 },
  ];
  const owners = [
    { id: "u1", email: "riley@x.test", teamId: "east", active: true },
    { id: "u2", email: "west@x.test", teamId: "west", active: true },
    { id: "u3", email: "gone@x.test", teamId: "east", active: false },
  ];
  const csv = [
    "Opportunity ID,Opportunity Name,Amount,Close Date,Stage,Owner Email",
    "A1,Acme,\"$1,000.00\",2026-03-01,Discovery,riley@x.test",
    "A2,Beta,abc,2026-03-01,Discovery,riley@x.test",
    "A3,Gamma,5,2026-03-01,Demo Scheduled,riley@x.test",
    "A4,Delta,5,2026-03-01,Closed Won,RILEY@x.test",
    "A5,Eps,5,2026-03-01,Proposal,west@x.test",
    "A1,Dup,5,2026-03-01,Proposal,riley@x.test",
    "A6,Zeta,5,2026-03-01,Proposal,gone@x.test",
  ].join("\n");
  const table = (parseCsvTable(csv) as { ok: true; value: Parameters<typeof validateDeals>[0] }).value;
  const mapping = guessMapping("DEALS", table.headers);

  it("keeps valid rows as they will be stored and lists every invalid row with its line and reason", () => {
    const v = validateDeals(table, mapping, { stages, owners, stageMap: {}, dateOrder: "auto", allowedTeamIds: null });
    expect(v.valid.map((r) => r.externalId)).toEqual(["A1", "A4", "A5"]);
    expect(v.valid[0]).toMatchObject({ amountMinor: 100_000n, closeDate: "2026-03-01", stageId: "s1", ownerId: "u1", status: "OPEN" });
    expect(v.valid[1]).toMatchObject({ status: "WON", stageId: "s2" });
    expect(v.errors).toEqual([
      { line: 3, reason: '"abc" is not an amount.' },
      { line: 4, reason: 'The stage "Demo Scheduled" is not a Cadence stage: map it to one.' },
      { line: 7, reason: 'The external id "A1" repeats line 2.' },
      { line: 8, reason: "gone@x.test is deactivated." },
    ]);
    expect(v.stages.find((s) => s.value === "Demo Scheduled")).toEqual({ value: "Demo Scheduled", rows: 1, matchedTo: null });
  });

  it("uses the user's mapping for an unknown stage", () => {
    const v = validateDeals(table, mapping, { stages, owners, stageMap: { "demo scheduled": "s2" }, dateOrder: "auto", allowedTeamIds: null });
    expect(v.valid.find((r) => r.externalId === "A3")?.stageId).toBe("s2");
  });

  it("refuses owners outside a manager's teams", () => {
    const v = validateDeals(table, mapping, { stages, owners, stageMap: {}, dateOrder: "auto", allowedTeamIds: ["east"] });
    expect(v.refusedLines).toEqual([6]);
    expect(v.errors.find((e) => e.line === 6)?.reason).toBe("No Cadence user in your teams has the email west@x.test.");
  });
});

describe("a deal's pause in a deal file (Cadence's export: Paused Until, Pause Reason)", () => {
  const stages = [{ id: "s1", name: "Discovery", order: 1 }];
  const owners = [{ id: "u1", email: "riley@x.test", teamId: "east", active: true }];
  const read = (lines: string[]) => {
    const table = (parseCsvTable(["Opportunity ID,Opportunity Name,Amount,Close Date,Stage,Status,Owner Email,Paused Until,Pause Reason", ...lines].join("\n")) as { ok: true; value: Parameters<typeof validateDeals>[0] }).value;
    return validateDeals(table, guessMapping("DEALS", table.headers), { stages, owners, stageMap: {}, dateOrder: "auto", allowedTeamIds: null });
  };

  it("keeps the resume date and reason, an empty pause as none, and refuses a reason without a date or a closed deal paused", () => {
    const v = read([
      "P1,Paused,5,2026-12-20,Discovery,Open,riley@x.test,2026-12-20,Budget freeze",
      "P2,Not paused,5,2026-12-20,Discovery,Open,riley@x.test,,",
      "P3,Reason only,5,2026-12-20,Discovery,Open,riley@x.test,,Budget freeze",
      "P4,Won,5,2026-12-20,Discovery,Won,riley@x.test,2026-12-20,Budget freeze",
      "P5,Bad date,5,2026-12-20,Discovery,Open,riley@x.test,someday,x",
    ]);
    expect(v.valid.map((r) => [r.externalId, r.pause])).toEqual([
      ["P1", { until: "2026-12-20", reason: "Budget freeze" }],
      ["P2", { until: null, reason: null }],
    ]);
    expect(v.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(v.errors[0].reason).toBe("A pause reason needs its resume date (Paused Until).");
    expect(v.errors[1].reason).toBe("A won or lost deal is not paused: leave Paused Until empty.");
    expect(v.errors[2].reason).toMatch(/^Paused until: /);
  });

  it("without a Paused Until column the stored pause is left as it is", () => {
    const table = (parseCsvTable("Opportunity ID,Opportunity Name,Amount,Close Date,Stage,Owner Email\nP1,A,5,2026-12-20,Discovery,riley@x.test") as { ok: true; value: Parameters<typeof validateDeals>[0] }).value;
    expect(validateDeals(table, guessMapping("DEALS", table.headers), { stages, owners, stageMap: {}, dateOrder: "auto", allowedTeamIds: null }).valid[0].pause).toBeNull();
  });
});
