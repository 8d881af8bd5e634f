// The pure parts of importing CRM dates and history: the day/month order of a file, instants in the organisation's
// zone, the close instant, the CRM stage defaults, history files and the rebuilt history of one deal.
import { describe, expect, it } from "vitest";
import { closeInstant, inferDateOrder, parseDateValue } from "@/lib/import/dates";
import { resolveStage } from "@/lib/import/crm-stages";
import { dateEnteredEvents, dateEnteredStage, parseHistoryTable } from "@/lib/import/history";
import { rebuildDeal } from "@/lib/import/rebuild-history";
import { parseCsvTable } from "@/lib/import/csv-file";

const NY = "America/New_York";
const stages = [
  { id: "p", name: "Prospecting", order: 1, probability: 5 },
  { id: "d", name: "Discovery", order: 2, probability: 10 },
  { id: "q", name: "Qualification", order: 3, probability: 25 },
  { id: "s", name: "Solution", order: 4, probability: 40 },
  { id: "pr", name: "Proposal", order: 5, probability: 60 },
  { id: "n", name: "Negotiation", order: 6, probability: 80 },
];
const table = (csv: string) => {
  const t = parseCsvTable(csv);
  if (!t.ok) throw new Error(t.message);
  return t.value;
};

describe("dates of a CRM export", () => {
  it("reads the day/month order from the whole column", () => {
    expect(inferDateOrder(["11/10/2026", "12/18/2026"])).toBe("MDY");
    expect(inferDateOrder(["11/10/2026", "18/12/2026"])).toBe("DMY");
    expect(inferDateOrder(["11/10/2026", "3/4/2026 2:05 PM"])).toBe("ambiguous");
    expect(inferDateOrder(["13/10/2026", "10/13/2026"])).toBe("conflict");
    expect(inferDateOrder(["2026-11-10"])).toBe("none");
  });

  it("reads local times in the organisation's zone and instants with a zone as they are", () => {
    expect(parseDateValue("11/10/2026 3:30 PM", "MDY", NY)).toEqual({ ok: true, value: { date: "2026-11-10", instant: new Date("2026-11-10T20:30:00Z") } });
    expect(parseDateValue("2026-11-24 16:45", "auto", NY)).toEqual({ ok: true, value: { date: "2026-11-24", instant: new Date("2026-11-24T21:45:00Z") } });
    expect(parseDateValue("2026-07-01T02:00:00Z", "auto", NY)).toEqual({ ok: true, value: { date: "2026-06-30", instant: new Date("2026-07-01T02:00:00Z") } });
    expect(parseDateValue("12/18/2026", "MDY", NY)).toEqual({ ok: true, value: { date: "2026-12-18", instant: null } });
    expect(parseDateValue("11/10/2026 25:00", "MDY", NY).ok).toBe(false);
  });

  it("closes a deal on its close day in the organisation's zone, never the evening before", () => {
    // The old import stored midnight UTC: 19:00 on 4 Oct in New York.
    expect(closeInstant("2026-10-05", NY, null)).toEqual(new Date("2026-10-06T03:59:59.999Z"));
    expect(closeInstant("2026-11-10", NY, new Date("2026-11-10T20:30:00Z"))).toEqual(new Date("2026-11-10T20:30:00Z"));
    // A known instant on another local day does not move the close day.
    expect(closeInstant("2026-11-10", NY, new Date("2026-11-12T20:30:00Z"))).toEqual(new Date("2026-11-11T04:59:59.999Z"));
  });
});

describe("CRM stages", () => {
  it("maps Salesforce's and HubSpot's standard stages to Cadence's by default", () => {
    const to = (raw: string) => {
      const r = resolveStage(raw, stages, {});
      return r?.kind === "stage" ? r.stage.name : r?.kind === "status" ? r.status : null;
    };
    expect(["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"].map(to)).toEqual([
      "Prospecting", "Qualification", "Solution", "Solution", "Solution", "Proposal", "Proposal", "Negotiation", "WON", "LOST",
    ]);
    expect(["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"].map(to)).toEqual([
      "Discovery", "Qualification", "Solution", "Proposal", "Negotiation", "WON", "LOST",
    ]);
    expect(["Appointment Scheduled", "Decision Maker Bought-In", "Contract Sent (Sales Pipeline)"].map(to)).toEqual(["Discovery", "Proposal", "Negotiation"]);
    // The user's choice wins over the default, and an organisation without the default's name gets the nearest probability.
    expect(resolveStage("Needs Analysis", stages, { "needs analysis": "d" })).toMatchObject({ kind: "stage", stage: { id: "d" }, by: "mapping" });
    expect(resolveStage("Contract Sent", [{ id: "x", name: "Early", order: 1, probability: 10 }, { id: "y", name: "Late", order: 2, probability: 85 }], {})).toMatchObject({ stage: { id: "y" } });
  });
});

describe("history files", () => {
  it("reads Salesforce's Opportunity Field History report: stage, amount and close date changes, other fields counted and left", () => {
    const parsed = parseHistoryTable(
      table(
        [
          `"Opportunity ID","Opportunity Name","Field / Event","Old Value","New Value","Edit Date","Edited By"`,
          `"006A","Acme","Created.","","","9/2/2026 9:05 AM","Riley Rep"`,
          `"006A","Acme","Stage","Prospecting","Qualification","9/20/2026 2:40 PM","Riley Rep"`,
          `"006A","Acme","Amount","$40,000.00","$48,000.00","10/15/2026 11:00 AM","Riley Rep"`,
          `"006A","Acme","Close Date","11/30/2026","12/18/2026","11/20/2026 10:00 AM","Riley Rep"`,
          `"006A","Acme","Opportunity Owner","Riley Rep","Sam Seller","11/21/2026 10:00 AM","Admin"`,
        ].join("\r\n"),
      ),
      { order: "auto", timeZone: NY, matchBy: "id" },
    );
    expect(parsed.label).toBe("Salesforce Opportunity Field History");
    expect(parsed.ignored).toBe(1);
    expect(parsed.errors).toEqual([]);
    expect(parsed.events.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
      ["created", null, null],
      ["stage", "Prospecting", "Qualification"],
      ["amount", "4000000", "4800000"],
      ["closeDate", "2026-11-30", "2026-12-18"],
    ]);
    expect(parsed.events[1].at).toEqual(new Date("2026-09-20T18:40:00Z"));
  });

  it("reads HubSpot's date-entered columns as stage moves in time order", () => {
    expect(dateEnteredStage(`Date entered "Contract Sent (Sales Pipeline)"`)).toBe("Contract Sent");
    expect(dateEnteredStage("hs_v2_date_entered_qualifiedtobuy")).toBe("qualifiedtobuy");
    const { events } = dateEnteredEvents("1", 2, ["2026-10-20 15:00", "", "2026-10-01 09:00"], [{ index: 0, stage: "Qualified To Buy" }, { index: 1, stage: "Contract Sent" }, { index: 2, stage: "Appointment Scheduled" }], "auto", NY);
    expect(events.map((e) => [e.oldValue, e.newValue])).toEqual([
      [null, "Appointment Scheduled"],
      ["Appointment Scheduled", "Qualified To Buy"],
    ]);
  });
});

describe("rebuilding a deal's history", () => {
  const lookup = (raw: string) => {
    const r = resolveStage(raw, stages, {});
    return r === null ? null : r.kind === "stage" ? { stageId: r.stage.id } : { status: r.status };
  };
  const base = { status: "OPEN" as const, stageId: "n", stageFromStatus: false, amountMinor: 4_800_000n, closeDate: "2027-01-29", createdAt: new Date("2026-09-02T04:00:00Z"), closedDay: null, closedKnownAt: null, fallbackMovedAt: null, lastModifiedAt: null };
  const ev = (at: string, field: "stage" | "amount" | "closeDate" | "status", oldValue: string | null, newValue: string | null, line = 2) => ({ dealKey: "A", at: new Date(at), field, oldValue, newValue, line });

  it("dates creation, moves and changes, counts pushes into later fiscal quarters, and takes the last move as the last movement", () => {
    const r = rebuildDeal(
      base,
      [
        ev("2026-09-20T18:40:00Z", "stage", "Prospecting", "Qualification"),
        ev("2026-09-25T15:30:00Z", "closeDate", "2026-09-30", "2026-10-31"), // Q3 → Q4: a push
        ev("2026-10-15T15:00:00Z", "closeDate", "2026-10-31", "2026-12-18"), // inside Q4: not a push
        ev("2026-10-28T13:15:00Z", "closeDate", "2026-12-18", "2027-01-29"), // Q4 → Q1: a push
        ev("2026-11-11T21:20:00Z", "stage", "Qualification", "Negotiation/Review"),
        ev("2026-11-12T15:00:00Z", "amount", "4000000", "4800000"),
      ],
      { timeZone: NY, fiscalYearStartMonth: 1, lookup },
    );
    expect(r.pushCount).toBe(2);
    expect(r.lastMovedAt).toEqual(new Date("2026-11-11T21:20:00Z"));
    expect(r.createdAt).toEqual(base.createdAt);
    expect(r.changes.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ["created", null, null],
      ["stageId", null, "p"],
      ["amountMinor", null, "4000000"],
      ["closeDate", null, "2026-09-30"],
      ["stageId", "p", "q"],
      ["closeDate", "2026-09-30", "2026-10-31"],
      ["closeDate", "2026-10-31", "2026-12-18"],
      ["closeDate", "2026-12-18", "2027-01-29"],
      ["stageId", "q", "n"],
      ["amountMinor", "4000000", "4800000"],
    ]);
    expect(r.changes.every((c) => c.at !== null)).toBe(true);
  });

  it("without a dated move, takes the last movement from the file's best date", () => {
    const r = rebuildDeal({ ...base, fallbackMovedAt: new Date("2026-11-11T05:00:00Z") }, [], { timeZone: NY, fiscalYearStartMonth: 1, lookup });
    expect(r.lastMovedAt).toEqual(new Date("2026-11-11T05:00:00Z"));
    expect(r.changes.map((c) => c.field)).toEqual(["created", "stageId", "amountMinor", "closeDate"]);
  });
});
