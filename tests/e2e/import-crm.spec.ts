import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

// The hand-written CRM exports of tests/fixtures/crm, imported through the page with their history. Their owners
// become Hannah Becker (a manager without a team of her own), so that the demo teams other specs read keep their figures,
// and their ids carry this run's tag.
const tag = `${Date.now()}`.slice(-8);
function fixture(name: string) {
  const text = readFileSync(`${import.meta.dirname}/../fixtures/crm/${name}`, "utf8")
    .replaceAll("Riley Rep", "Hannah Becker")
    .replaceAll("Sam Seller", "Hannah Becker")
    .replaceAll("0065g00000", `0065g${tag}`)
    .replace(/"(1500\d)"/g, `"${tag}$1"`);
  return Buffer.from(text, "utf8");
}

test("an admin imports a Salesforce opportunity report with its history, then a HubSpot deals export, through the preview", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "salesforce-opportunities.csv", mimeType: "text/csv", buffer: fixture("salesforce-opportunities.csv") });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  // The columns of a Salesforce report are recognised, dates included.
  await expect(page.getByRole("heading", { name: "1. Match the columns" })).toBeVisible();
  await expect(page.getByLabel("Owner (email or full name) (required)")).toHaveValue("0");
  await expect(page.getByLabel("Created date (first contact)")).toHaveValue("7");
  await expect(page.getByLabel("Stage change date")).toHaveValue("9");
  await page.getByLabel("History file (optional)").setInputFiles({ name: "opportunity-history.csv", mimeType: "text/csv", buffer: fixture("salesforce-opportunity-history.csv") });
  await page.getByRole("button", { name: "Add the history file" }).click();
  await expect(page.getByText("Using opportunity-history.csv.")).toBeVisible();
  await page.getByRole("button", { name: "Preview the import" }).click();

  // The summary: every row kept, the history's rows and range (New York time), where the last movement comes from.
  const summary = page.getByRole("list", { name: "Import summary" });
  await expect(summary).toContainText("9 deals to import; 0 rows refused");
  await expect(summary).toContainText("19 history rows from 3 Aug 2026, 10:00 to 25 Nov 2026, 15:45 (Salesforce Opportunity History)");
  await expect(summary).toContainText("take their last movement from the Stage Change Date column");
  // The history's "Last Modified By" names (rewritten to Hannah Becker above) are a Cadence user: the rows will be
  // hers, not the importing admin's.
  await expect(summary).toContainText("History authors: Hannah Becker (a Cadence user).");
  // Each column with what it became and its values as read: 9/2/2026 is 2 Sep (month first), because 12/18/2026 is in the file.
  const columns = page.getByRole("table", { name: "Columns" });
  await expect(columns.getByRole("row", { name: /^Close Date/ })).toContainText("12/18/2026 → 18 Dec 2026");
  await expect(columns.getByRole("row", { name: /^Created Date/ })).toContainText("9/2/2026 → 2 Sep 2026");
  await expect(columns.getByRole("row", { name: /^Amount/ })).toContainText("48,000.00 → $48,000.00");
  await expect(columns.getByRole("row", { name: /^Probability/ })).toContainText("not imported");
  // Salesforce's stages map by default; a choice made here stays chosen after "Apply".
  const stages = page.getByRole("list", { name: "Stages in the file" });
  await expect(stages).toContainText("Negotiation/Review (1) → Negotiation (Salesforce default)");
  await expect(stages).toContainText("Closed Won (2) → Won (a status)");
  await page.getByLabel('"Needs Analysis" (history only) becomes').selectOption({ label: "Discovery" });
  await page.getByRole("button", { name: "Apply stage mapping" }).click();
  await expect(stages).toContainText("Needs Analysis (0) → Discovery");
  await expect(page.getByLabel('"Needs Analysis" (history only) becomes').locator("option:checked")).toHaveText("Discovery");

  await page.getByRole("button", { name: "Import 9 valid rows" }).click();
  const result = page.getByLabel("Import result");
  await expect(result).toContainText("Created9");
  await expect(result).toContainText("Rejected0");
  await expect(page.getByRole("table", { name: "Imported deals" })).toContainText("Acme - Platform renewal");

  // HubSpot: the stage history is in the deal file's "Date entered" columns.
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "hubspot-deals.csv", mimeType: "text/csv", buffer: fixture("hubspot-deals.csv") });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByLabel("Created date (first contact)")).toHaveValue("5");
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(summary).toContainText("5 deals to import; 0 rows refused");
  await expect(summary).toContainText('19 history rows from 20 Jul 2026, 14:00 to 27 Nov 2026, 10:00 (from 7 "Date entered" columns)');
  await expect(columns.getByRole("row", { name: /^Date entered "Contract Sent/ })).toContainText('Stage history: entered "Contract Sent"');
  await expect(stages).toContainText("Contract Sent (1) → Negotiation (HubSpot default)");
  await page.getByRole("button", { name: "Import 5 valid rows" }).click();
  await expect(result).toContainText("Created5");
  await expect(page.getByRole("table", { name: "Imported deals" })).toContainText("Fabrikam - Suite");
});
