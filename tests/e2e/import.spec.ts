import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// A HubSpot-style export with a BOM, a quoted newline, an unknown stage and two bad rows. The deals are closed
// lost in 2020 so that the shared demo pipeline other specs look at stays as it was.
function crmFile(prefix: string) {
  const rows = [
    "Record ID,Deal Name,Deal Stage,Status,Close Date,Deal owner,Amount,Company,Next Step",
    `${prefix}-1,Harbor Freight expansion,Discovery,Lost,2020-03-15,${DEMO.rep},"$12,500.00",Harbor Freight,"Call CFO\nthen send proposal"`,
    `${prefix}-2,Lumen renewal,Demo Scheduled,Lost,03/20/2020,${DEMO.rep},"$4,000",Lumen,`,
    `${prefix}-3,Bad amount deal,Discovery,Lost,2020-03-15,${DEMO.rep},lots,Acme,`,
    `${prefix}-4,Bad date deal,Discovery,Lost,31/31/2020,${DEMO.rep},100,Acme,`,
    `${prefix}-5,Quill pilot,Proposal,Lost,"Mar 5, 2020",${DEMO.rep},"1.250,50 €",Quill,`,
  ];
  return Buffer.from("\uFEFF" + rows.join("\r\n") + "\r\n", "utf8");
}

test("a manager imports a CRM export: maps columns and an unknown stage, previews, watches the progress, finds the deals", async ({ page }) => {
  const prefix = `E2E${Date.now()}`;
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/import$/);
  await page.getByLabel("CSV file").setInputFiles({ name: "hubspot-deals.csv", mimeType: "text/csv", buffer: crmFile(prefix) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  await expect(page.getByRole("heading", { name: "1. Match the columns" })).toBeVisible();
  await expect(page.getByLabel("Stage (required)")).toHaveValue("2");
  await expect(page.getByLabel("Owner (email or full name) (required)")).toHaveValue("5");
  await page.getByRole("button", { name: "Preview the import" }).click();

  await expect(page.getByRole("heading", { name: "2. Preview: the first rows as they will be stored" })).toBeVisible();
  const invalid = page.getByRole("table", { name: "Invalid rows" });
  await expect(invalid).toContainText('The stage "Demo Scheduled" is not a Cadence stage');
  await expect(invalid).toContainText('"lots" is not an amount.');
  await expect(invalid.getByRole("row")).toHaveCount(4);

  await page.getByLabel('"Demo Scheduled" (1 row) becomes').selectOption({ label: "Discovery" });
  await page.getByRole("button", { name: "Apply stage mapping" }).click();
  await expect(invalid.getByRole("row")).toHaveCount(3);
  // Line numbers count the quoted newline of row 1: the bad rows are on lines 5 and 6.
  await expect(invalid.getByRole("row").nth(1)).toContainText("5");
  await expect(invalid.getByRole("row").nth(2)).toContainText("6");
  const preview = page.getByRole("table", { name: "Preview" });
  await expect(preview).toContainText("Harbor Freight expansion");
  await expect(preview).toContainText("$12,500.00");
  await expect(preview).toContainText("$1,250.50");

  await page.getByRole("button", { name: "Import 3 valid rows" }).click();
  // Three rows commit in milliseconds: the page shows the progress bar or, already, the result.
  await expect(page.getByRole("progressbar", { name: "Import progress" }).or(page.getByLabel("Import result"))).toBeVisible();
  const result = page.getByLabel("Import result");
  await expect(result).toContainText("Created3");
  await expect(result).toContainText("Rejected2");
  const deals = page.getByRole("table", { name: "Imported deals" });
  await expect(deals).toContainText("Harbor Freight expansion");
  await expect(deals).toContainText("Lumen renewal");
  await expect(deals).toContainText("Quill pilot");
});

test("a malformed file is refused with a clear message and nothing is written", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x2c, 0x41, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x31, 0x0a]) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not UTF-8" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "dup.csv", mimeType: "text/csv", buffer: Buffer.from("Amount,Deal Name,Amount\n1,a,2\n") });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'repeats "Amount"' })).toBeVisible();
  await expect(page).toHaveURL(/\/import$/);
});

test("a rep cannot import", async ({ page }) => {
  await signIn(page, DEMO.rep);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("a file over the 20 MB limit is refused, in the browser and by the server", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/import");
  const big = Buffer.alloc(21 * 1024 * 1024, "a");
  await page.getByLabel("CSV file").setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: big });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "larger than the 20 MB limit" })).toBeVisible();
  // A client that skips the browser check gets the same answer from the server, before the body is read.
  const response = await page.request.post("/api/import", { multipart: { kind: "DEALS", file: { name: "huge.csv", mimeType: "text/csv", buffer: big } } });
  expect(response.status()).toBe(413);
  expect((await response.json()).message).toContain("20 MB");
});

// A Salesforce-style accounts export: two accounts of the manager's team and one whose owner is not a Cadence user.
function accountsFile(prefix: string) {
  const rows = [
    "Account ID,Account Name,Website,Industry,Account Owner,Owner Email",
    `${prefix}-A,${prefix} Harbor Logistics,https://www.harbor-logistics.example/,Logistics,Riley Rep,${DEMO.rep}`,
    `${prefix}-B,"${prefix} Lumen, Ltd.",lumen.example,Energy,Riley Rep,${DEMO.rep}`,
    `${prefix}-C,${prefix} Nobody Inc,nobody.example,Retail,Nobody,nobody@${prefix.toLowerCase()}.example`,
  ];
  return Buffer.from(rows.join("\r\n") + "\r\n", "utf8");
}

test("a manager imports an accounts export: preview with the rejected row, commit, result counts; re-importing updates", async ({ page }) => {
  const prefix = `E2EACC${Date.now()}`;
  await signIn(page, DEMO.manager);
  for (const run of [1, 2]) {
    await page.goto("/import");
    await page.getByLabel("The file contains").selectOption({ label: "Accounts (companies)" });
    await page.getByLabel("CSV file").setInputFiles({ name: "salesforce-accounts.csv", mimeType: "text/csv", buffer: accountsFile(prefix) });
    await page.getByRole("button", { name: "Upload and map columns" }).click();

    await expect(page.getByRole("heading", { name: "1. Match the columns" })).toBeVisible();
    await expect(page.getByLabel("Account name (required)")).toHaveValue("1");
    // The owner's email, not the owner's name, is what matches a Cadence user.
    await expect(page.getByLabel("Owner email")).toHaveValue("5");
    await page.getByRole("button", { name: "Preview the import" }).click();

    await expect(page.getByRole("heading", { name: "2. Preview: the first rows as they will be stored" })).toBeVisible();
    const preview = page.getByRole("table", { name: "Preview" });
    await expect(preview).toContainText(`${prefix} Harbor Logistics`);
    await expect(preview).toContainText("harbor-logistics.example");
    await expect(preview).toContainText(`${prefix} Lumen, Ltd.`);
    await expect(preview.getByText(run === 1 ? "new account" : "update")).toHaveCount(2);
    const invalid = page.getByRole("table", { name: "Invalid rows" });
    await expect(invalid.getByRole("row")).toHaveCount(2);
    await expect(invalid.getByRole("row").nth(1)).toContainText("4");
    await expect(invalid).toContainText(`No Cadence user in your teams has the email nobody@${prefix.toLowerCase()}.example.`);

    await page.getByRole("button", { name: "Import 2 valid rows" }).click();
    const result = page.getByLabel("Import result");
    await expect(result).toBeVisible();
    await expect(result).toContainText(run === 1 ? "Created2" : "Created0");
    await expect(result).toContainText(run === 1 ? "Updated0" : "Updated2");
    await expect(result).toContainText("Rejected1");
    const accounts = page.getByRole("table", { name: "Imported accounts" });
    await expect(accounts).toContainText(`${prefix} Harbor Logistics`);
    await expect(accounts).toContainText(`${prefix} Lumen, Ltd.`);
  }
});

// The upload and its settings live in PostgreSQL: one instance receives the file, the other previews and commits it.
test("an admin imports a users file across both instances: new users, an unknown team rejected, no password asked", async ({ page, context }) => {
  const second = `http://localhost:${Number(process.env.CADENCE_E2E_PORT ?? 3100) + 1}`;
  const prefix = `e2eusr${Date.now()}`;
  const file = Buffer.from(
    [
      "Email,First Name,Last Name,Role,Team",
      // Executives without a team: the shared demo teams and their metrics stay as other specs expect them.
      `${prefix}.one@cadence.demo,Pat,Newcomer,Executive,`,
      `${prefix}.two@cadence.demo,Sam,Lead,VP Sales,`,
      `${prefix}.three@cadence.demo,Kim,Lost,Rep,Atlantis`,
    ].join("\n") + "\n",
    "utf8",
  );
  await signIn(page, DEMO.admin);
  await page.goto("/import");
  await page.getByLabel("The file contains").selectOption({ label: "Users (people and their teams)" });
  await page.getByLabel("CSV file").setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { name: "1. Match the columns" })).toBeVisible();
  const jobPath = new URL(page.url()).pathname;

  const other = await context.newPage();
  await other.goto(`${second}${jobPath}`);
  await expect(other.getByLabel("Email (required)")).toHaveValue("0");
  await expect(other.getByLabel("Full name (or first and last name)")).toHaveValue("");
  await other.getByRole("button", { name: "Preview the import" }).click();
  const preview = other.getByRole("table", { name: "Preview" });
  await expect(preview).toContainText("Pat Newcomer");
  await expect(preview).toContainText("Sam Lead");
  await expect(preview.getByText("Executive")).toHaveCount(2);
  await expect(preview.getByText("new user")).toHaveCount(2);
  await expect(other.getByRole("table", { name: "Invalid rows" })).toContainText('No active team is named "Atlantis".');
  await expect(other.getByText("cannot sign in until a password is set")).toBeVisible();
  await other.getByRole("button", { name: "Import 2 valid rows" }).click();
  await expect(other.getByLabel("Import result")).toContainText("Created2");

  await page.reload();
  await expect(page.getByLabel("Import result")).toContainText("Rejected1");
  await expect(page.getByRole("table", { name: "Imported users" })).toContainText(`${prefix}.two@cadence.demo`);
});
