// Issue 18 items 2 and 7: the upload route (app/api/import) refuses a file over any size limit — columns, header
// length, value length, rows — and a file with a NUL character, with a message naming what was wrong and no job
// written; the mapping step stays small for the largest file it accepts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { loadActor } from "@/lib/auth/session";
import { POST } from "@/app/api/import/route";
import { MAX_CELL_LENGTH, MAX_HEADER_LENGTH, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from "@/lib/import/csv-file";
import { readPendingJob } from "@/lib/import/jobs";
import { columnOptions } from "@/lib/import/column-options";
import { createOrganisation, createStages, createTeamWithReps } from "@/prisma/factories";
import { signInAs } from "@/tests/support/route-session";

vi.mock("@/lib/auth/session", async (original) => (await import("@/tests/support/route-session")).sessionMock(original));

async function upload(csv: string | Uint8Array, kind = "DEALS") {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([csv as BlobPart], "upload.csv", { type: "text/csv" }));
  const response = await POST(new Request("http://localhost/api/import", { method: "POST", body: form }));
  return { status: response.status, body: (await response.json()) as { ok: boolean; message?: string; jobId?: string } };
}

/** A CSV of `columns` columns and `rows` data rows; the header and value of each column are built by the callbacks. */
function csvOf(columns: number, rows: number, header = (i: number) => `Column ${i}`, value = (i: number) => `v${i}`) {
  const head = Array.from({ length: columns }, (_, i) => header(i)).join(",");
  const row = Array.from({ length: columns }, (_, i) => value(i)).join(",");
  return `${head}\n${`${row}\n`.repeat(rows)}`;
}

describe("uploading an import file over a limit", () => {
  beforeAll(async () => {
    await createOrganisation(prisma);
    await createStages(prisma);
    const east = await createTeamWithReps(prisma, 1);
    signInAs(await loadActor(east.manager.id));
  });

  const refusals: [string, () => string | Uint8Array, RegExp][] = [
    ["400,000 columns (the column bomb)", () => csvOf(400_000, 1, (i) => `c${i}`, () => "1"), /400,000 columns; the limit is 500/],
    [`${MAX_IMPORT_COLUMNS + 1} columns`, () => csvOf(MAX_IMPORT_COLUMNS + 1, 1), /501 columns; the limit is 500/],
    ["a header of 201 characters", () => csvOf(3, 1, (i) => (i === 1 ? "H".repeat(MAX_HEADER_LENGTH + 1) : `c${i}`)), /header of column 2 is 201 characters long; the limit for a header is 200/],
    ["a value of 10,001 characters", () => csvOf(3, 2, undefined, (i) => (i === 2 ? "x".repeat(MAX_CELL_LENGTH + 1) : "1")), /10,001 characters in column 3; the limit for a value is 10,000/],
    ["100,001 rows", () => csvOf(2, MAX_IMPORT_ROWS + 1, undefined, () => "1"), /100,001 rows; the limit is 100,000/],
    ["a NUL character", () => "Deal Name,Amount\nAcme\u0000,100\n", /NUL character \(line 2\)/],
  ];

  for (const [what, file, message] of refusals) {
    it(`refuses ${what} with a message naming the limit, and stores nothing`, async () => {
      const jobsBefore = await prisma.importJob.count();
      const { status, body } = await upload(file());
      expect(status).toBe(400);
      expect(body).toMatchObject({ ok: false, message: expect.stringMatching(message) });
      expect(await prisma.importJob.count()).toBe(jobsBefore);
    });
  }

  it("accepts the largest file within every limit, and its mapping step stays small", async () => {
    // 500 columns with 200-character headers and a first row of 10,000-character values: 5 MB, all within limits.
    const csv = csvOf(MAX_IMPORT_COLUMNS, 1, (i) => `${i}`.padEnd(MAX_HEADER_LENGTH, "h"), () => "v".repeat(MAX_CELL_LENGTH));
    const { status, body } = await upload(csv);
    expect(status).toBe(200);
    const pending = await readPendingJob(body.jobId!);
    expect(pending!.table.headers).toHaveLength(MAX_IMPORT_COLUMNS);

    // The mapping step repeats the column list in every field's select: each option is bounded (a shortened header
    // and sample), so the page grows with columns × fields, not with the file's bytes (the 400,000-column file
    // rendered 197 MB in 16 s). 500 options of at most ~80 characters: about 40 KB per select.
    const options = columnOptions(pending!.table.headers, pending!.table.rows[0]?.cells);
    expect(options).toHaveLength(MAX_IMPORT_COLUMNS);
    const perSelect = options.reduce((sum, o) => sum + o.label.length + o.value.length, 0);
    expect(perSelect).toBeLessThan(50_000);
  });
});
