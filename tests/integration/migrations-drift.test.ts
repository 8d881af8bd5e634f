// The committed migrations and prisma/schema.prisma describe the same database: a model added to the schema
// without its migration (or a hand-written migration that differs from the schema) fails here, not in production.
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("migrations", () => {
  it("leave nothing between the migrated database and the schema", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        path.join("node_modules", "prisma", "build", "index.js"),
        "migrate",
        "diff",
        // Replayed into a shadow database that the pg adapter creates beside this file's database and drops after.
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" }, timeout: 60_000 },
    );
    const statements = stdout
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("--"))
      .join("\n");
    expect(statements).toBe("");
  });
});
