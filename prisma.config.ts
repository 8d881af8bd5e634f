// Prisma CLI configuration: the JS engine through the pg driver adapter, fully offline.
// See docs/decisions/0002-prisma-offline.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabaseUrl } from "./lib/db-url";

// The schema's datasource still reads env("DATABASE_URL") in 6.19, so make sure it is set.
const connectionString = resolveDatabaseUrl();
process.env.DATABASE_URL = connectionString;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 200 }),
});
