// Issue 18 item 8: a manager's import preview must not tell whether a deal, an account or a user exists outside
// their teams. Such a row says only that this user cannot import it, and an owner in another team reads exactly
// like an owner who does not exist.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor, type SessionUser } from "@/lib/auth/session";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { createImportJob, previewImport, readPendingJob, readSettings, writeSettings } from "@/lib/import/jobs";
import { createDeal, createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";

const enc = (s: string) => new TextEncoder().encode(s);

/** Upload and confirm the guessed mapping, then read the preview's invalid rows and owner matches as the page shows them. */
async function preview(actor: SessionUser, kind: ImportKind, csv: string) {
  const job = await createImportJob(actor, kind, "file.csv", enc(csv));
  if (!job.ok) throw new Error(job.message);
  await writeSettings(job.jobId, { ...(await readSettings(job.jobId))!, mapped: true });
  const pending = await readPendingJob(job.jobId);
  const result = await previewImport(actor, pending!.table, pending!.settings);
  const reasons = new Map(result.validation.errors.map((e) => [e.line, e.reason]));
  const owners = "owners" in result.validation ? result.validation.owners : [];
  return { reasons, owners, text: JSON.stringify(result.validation) };
}

describe("a manager's import preview and records outside their teams", () => {
  let manager: SessionUser;
  let eastRep = "";
  let westRep = "";

  beforeAll(async () => {
    await createOrganisation(prisma);
    const stages = await createStages(prisma);
    const east = await createTeamWithReps(prisma, 1, { name: "East" });
    const west = await createTeamWithReps(prisma, 1, { name: "West" });
    manager = (await loadActor(east.manager.id))!;
    eastRep = east.reps[0].email;
    westRep = west.reps[0].email;
    await createDeal(prisma, { ownerId: west.reps[0].id, stageId: stages[0].id, externalId: "WEST-1" });
    await prisma.account.create({ data: { name: "West Corp", externalId: "WA-1", ownerId: west.reps[0].id } });
  });

  it("deals: another team's external id says only that the row cannot be imported; another team's owner reads like an unknown one", async () => {
    const { reasons, owners, text } = await preview(
      manager,
      "DEALS",
      [
        "External Id,Deal Name,Amount,Close Date,Stage,Owner Email",
        `WEST-1,Taken over,100,2027-01-15,Discovery,${eastRep}`,
        `NEW-1,Theirs,100,2027-01-15,Discovery,${westRep}`,
        "NEW-2,Nobody's,100,2027-01-15,Discovery,ghost@x.test",
      ].join("\n"),
    );
    expect(reasons.get(2)).toBe("You cannot import this row.");
    expect(reasons.get(3)!.replace(westRep, "EMAIL")).toBe(reasons.get(4)!.replace("ghost@x.test", "EMAIL"));
    expect(owners.find((o) => o.value === westRep)?.matchedTo).toBeNull();
    expect(text).not.toMatch(/exist|outside|West/i);
  });

  it("accounts: another team's account, by external id or by name, says only that the row cannot be imported", async () => {
    const byId = await preview(manager, "ACCOUNTS", ["Account ID,Account Name,Owner Email", `WA-1,Renamed,${eastRep}`, `NEW-A,Theirs,${westRep}`, "NEW-B,Ghost's,ghost@x.test"].join("\n"));
    expect(byId.reasons.get(2)).toBe("You cannot import this row.");
    expect(byId.reasons.get(3)!.replace(westRep, "EMAIL")).toBe(byId.reasons.get(4)!.replace("ghost@x.test", "EMAIL"));
    expect(byId.text).not.toMatch(/exist|outside|West Corp/i);

    const byName = await preview(manager, "ACCOUNTS", ["Account Name,Owner Email", `West Corp,${eastRep}`].join("\n"));
    expect(byName.reasons.get(2)).toBe("You cannot import this row.");
    expect(byName.text).not.toMatch(/exist|outside/i);
  });

  it("users: another team's email says only that the row cannot be imported, and nothing of that user's team", async () => {
    const { reasons, text } = await preview(manager, "USERS", ["Email,Full Name", `${westRep},Someone`].join("\n"));
    expect(reasons.get(2)).toBe("You cannot import this row.");
    expect(text).not.toMatch(/exist|outside|West/i);
  });
});
