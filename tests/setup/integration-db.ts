// Integration tests run on a real PostgreSQL started by `npm test` (scripts/test.ts). Each test file gets a fresh
// database cloned from a template that was migrated once from the committed migrations.
import pg from "pg";
import { beforeAll } from "vitest";

const port = Number(process.env.CADENCE_TEST_PG_PORT);
if (!port) throw new Error("Integration tests need the database that `npm test` starts (CADENCE_TEST_PG_PORT is not set).");
const template = process.env.CADENCE_TEST_TEMPLATE ?? "cadence_template";
const database = `cadence_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const admin = { host: "127.0.0.1", port, user: "postgres", password: "cadence-local" };

// Set before any test module imports lib/db, which reads it when the client is created.
process.env.DATABASE_URL = `postgresql://${admin.user}:${admin.password}@${admin.host}:${port}/${database}`;

beforeAll(async () => {
  const client = new pg.Client({ ...admin, database: "postgres" });
  await client.connect();
  try {
    // Two files may clone the template at the same instant; PostgreSQL then asks one to wait and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await client.end();
  }
});
