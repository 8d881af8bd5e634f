import { describe, expect, it } from "vitest";
import { guessMapping, missingRequired } from "@/lib/import/columns";
import { parseCsvTable, type CsvTable } from "@/lib/import/csv-file";
import { normaliseDomain, validateAccounts } from "@/lib/import/validate-accounts";
import { parseRole, validateUsers } from "@/lib/import/validate-users";

const table = (csv: string): CsvTable => {
  const t = parseCsvTable(csv);
  if (!t.ok) throw new Error(t.message);
  return t.value;
};

describe("column guessing for accounts and users", () => {
  it("maps a Salesforce account export, preferring the owner's email over the owner's name", () => {
    const headers = ["Account ID", "Account Name", "Website", "Industry", "Account Owner", "Owner Email", "Billing City"];
    const m = guessMapping("ACCOUNTS", headers);
    expect(m).toEqual({ externalId: 0, name: 1, domain: 2, industry: 3, ownerEmail: 5 });
    expect(missingRequired("ACCOUNTS", m)).toEqual([]);
  });

  it("maps a HubSpot company export", () => {
    const headers = ["Record ID", "Company name", "Company Domain Name", "Website URL", "Industry", "Company owner", "Create Date"];
    const m = guessMapping("ACCOUNTS", headers);
    expect(m).toEqual({ externalId: 0, name: 1, domain: 2, industry: 4, ownerEmail: 5 });
  });

  it("needs only the account name: without an external id re-import matches by name", () => {
    expect(missingRequired("ACCOUNTS", guessMapping("ACCOUNTS", ["Company name", "Industry"]))).toEqual([]);
    expect(missingRequired("ACCOUNTS", guessMapping("ACCOUNTS", ["Record ID", "Industry"])).map((f) => f.key)).toEqual(["name"]);
  });

  it("maps a users file with a full name, or with first and last names standing in for it", () => {
    const full = guessMapping("USERS", ["Email", "Full Name", "Role", "Team", "Manager Email"]);
    expect(full).toMatchObject({ email: 0, name: 1, role: 2, team: 3, managerEmail: 4, firstName: null, lastName: null });
    expect(missingRequired("USERS", full)).toEqual([]);
    const split = guessMapping("USERS", ["First Name", "Last Name", "Email Address", "Manager", "Profile"]);
    expect(split).toMatchObject({ email: 2, firstName: 0, lastName: 1, managerEmail: 3, role: 4, name: null });
    expect(missingRequired("USERS", split)).toEqual([]);
    expect(missingRequired("USERS", guessMapping("USERS", ["Email", "Role"])).map((f) => f.key)).toEqual(["name"]);
  });

  it("never maps a password column", () => {
    const m = guessMapping("USERS", ["Email", "Name", "Password"]);
    expect(Object.values(m)).not.toContain(2);
  });
});

describe("validating account rows", () => {
  const owners = [
    { id: "u1", email: "riley@x.test", teamId: "east", active: true },
    { id: "u2", email: "west@x.test", teamId: "west", active: true },
    { id: "u3", email: "gone@x.test", teamId: "east", active: false },
  ];
  const existing = [
    { id: "a1", name: "Acme", externalId: "SF-1", ownerTeamId: "east" },
    { id: "a2", name: "Beta Corp", externalId: null, ownerTeamId: "west" },
    { id: "a3", name: "Twin", externalId: null, ownerTeamId: "east" },
    { id: "a4", name: "twin", externalId: null, ownerTeamId: "east" },
  ];
  const csv = [
    "Account ID,Account Name,Website,Industry,Owner Email",
    "SF-1,Acme Inc,https://www.Acme.com/about,Software,riley@x.test",
    ",beta corp,,Retail,",
    "SF-9,New Co,newco.io,,RILEY@x.test",
    ",Twin,,,riley@x.test",
    ",Solo,,,nobody@x.test",
    "SF-1,Acme again,,,riley@x.test",
    ",,,,riley@x.test",
    ",Gone Ltd,,,gone@x.test",
    ",West Only,,,west@x.test",
  ].join("\n");
  const t = table(csv);
  const mapping = guessMapping("ACCOUNTS", t.headers);

  it("updates by external id, else by a unique name, creates the rest, and gives each bad row its line and reason", () => {
    const v = validateAccounts(t, mapping, { owners, existing, allowedTeamIds: null });
    expect(v.valid.map((r) => [r.line, r.id, r.name])).toEqual([
      [2, "a1", "Acme Inc"],
      [3, "a2", "beta corp"],
      [4, null, "New Co"],
      [10, null, "West Only"],
    ]);
    expect(v.valid[0]).toMatchObject({ domain: "acme.com", industry: "Software", ownerId: "u1" });
    expect(v.valid[1]).toMatchObject({ ownerId: null, domain: null });
    expect(v.errors).toEqual([
      { line: 5, reason: '2 accounts are named "Twin": add an external id column to say which one this row is.' },
      { line: 6, reason: "No Cadence user has the email nobody@x.test." },
      { line: 7, reason: 'The external id "SF-1" repeats line 2.' },
      { line: 8, reason: "The account name is empty." },
      { line: 9, reason: "gone@x.test is deactivated." },
    ]);
    expect(v.owners.find((o) => o.value === "nobody@x.test")).toEqual({ value: "nobody@x.test", rows: 1, matchedTo: null });
  });

  it("lets a new external id adopt the one same-named account that has none (one a deal import created)", () => {
    const v = validateAccounts(table("Record ID,Company name\nHS-7,Beta Corp\nHS-8,Beta Corp\n"), guessMapping("ACCOUNTS", ["Record ID", "Company name"]), {
      owners,
      existing,
      allowedTeamIds: null,
    });
    expect(v.valid.map((r) => [r.externalId, r.id])).toEqual([
      ["HS-7", "a2"],
      ["HS-8", null],
    ]);
  });

  it("refuses a manager's rows whose owner or existing account is outside their teams, and unowned rows", () => {
    const v = validateAccounts(t, mapping, { owners, existing, allowedTeamIds: ["east"] });
    expect(v.valid.map((r) => r.line)).toEqual([2, 4]);
    expect(v.refusedLines).toEqual([3, 10]);
    expect(v.errors.find((e) => e.line === 3)?.reason).toBe("You cannot import this row.");
    expect(v.errors.find((e) => e.line === 10)?.reason).toBe("No Cadence user in your teams has the email west@x.test.");
  });

  it("keeps the company part of a website", () => {
    expect(normaliseDomain(" HTTP://www.Example.co.uk/contact?x=1 ")).toBe("example.co.uk");
    expect(normaliseDomain("acme.com")).toBe("acme.com");
  });
});

describe("validating user rows", () => {
  const teams = [
    { id: "east", name: "East" },
    { id: "west", name: "West" },
  ];
  const existing = [
    { id: "admin", email: "admin@x.test", name: "Ada Admin", role: "ADMIN" as const, teamId: null },
    { id: "r1", email: "riley@x.test", name: "Riley", role: "REP" as const, teamId: "east" },
    { id: "w1", email: "wes@x.test", name: "Wes", role: "REP" as const, teamId: "west" },
  ];
  const managers = [
    { email: "maria@x.test", active: true, managedTeamIds: ["east"] },
    { email: "omar@x.test", active: true, managedTeamIds: ["east", "west"] },
  ];
  const csv = [
    "Email,First Name,Last Name,Role,Team,Manager Email",
    "NEW.REP@x.test,New,Rep,Sales Rep,east,",
    "riley@x.test,Riley,Rivers,Manager,,",
    "admin@x.test,Ada,Admin,Rep,,",
    "boss@x.test,Big,Boss,Executive,,",
    "maria.rep@x.test,Via,Manager,,,maria@x.test",
    "bad-email,No,Body,,East,",
    "new.rep@x.test,Twice,Again,,East,",
    "omar.rep@x.test,Two,Teams,,,omar@x.test",
    "who@x.test,Who,Knows,Wizard,Narnia,",
    "wes@x.test,Wes,West,,,",
  ].join("\n");
  const t = table(csv);
  const mapping = guessMapping("USERS", t.headers);

  it("reads CRM role names", () => {
    expect(["Sales Rep", "account executive", "Sales_Manager", "VP Sales", "System Administrator", "wizard"].map(parseRole)).toEqual([
      "REP",
      "REP",
      "MANAGER",
      "EXECUTIVE",
      "ADMIN",
      null,
    ]);
  });

  it("keys on the email, keeps what the file leaves out, and never changes the importing admin's own role", () => {
    const v = validateUsers(t, mapping, { actorId: "admin", allowedTeamIds: null, existing, teams, managers });
    expect(v.valid.map((r) => [r.line, r.id, r.email, r.name, r.role, r.teamId])).toEqual([
      [2, null, "new.rep@x.test", "New Rep", "REP", "east"],
      [3, "r1", "riley@x.test", "Riley Rivers", "MANAGER", "east"],
      [5, null, "boss@x.test", "Big Boss", "EXECUTIVE", null],
      [6, null, "maria.rep@x.test", "Via Manager", "REP", "east"],
      [11, "w1", "wes@x.test", "Wes West", "REP", "west"],
    ]);
    expect(v.valid[1].before).toEqual({ name: "Riley", role: "REP", teamId: "east" });
    expect(v.errors).toEqual([
      { line: 4, reason: "An import cannot change your own role." },
      { line: 7, reason: '"bad-email" is not an email address.' },
      { line: 8, reason: "The email new.rep@x.test repeats line 2." },
      { line: 9, reason: "omar@x.test leads several teams: add a team column." },
      { line: 10, reason: 'The role "Wizard" is not rep, manager, executive or admin. No active team is named "Narnia".' },
    ]);
    expect(v.refusedLines).toEqual([]);
  });

  it("lets a manager bring in only reps of their own teams; every other row is refused", () => {
    const v = validateUsers(t, mapping, { actorId: "maria", allowedTeamIds: ["east"], existing, teams, managers });
    expect(v.valid.map((r) => r.email)).toEqual(["new.rep@x.test", "maria.rep@x.test"]);
    expect(v.refusedLines).toEqual([3, 4, 5, 11]);
    expect(v.errors.find((e) => e.line === 3)?.reason).toBe("Only an administrator can import users with the manager role.");
    expect(v.errors.find((e) => e.line === 5)?.reason).toBe("Only an administrator can import users with the executive role. Give the user one of your teams.");
    expect(v.errors.find((e) => e.line === 11)?.reason).toBe("You cannot import this row.");
  });
});
