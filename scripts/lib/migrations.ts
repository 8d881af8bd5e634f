// Applies the committed migrations: a quick check first, the Prisma CLI only when something is pending.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export function committedMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`);
    if (!exists.rows[0].t) return committedMigrations();
    const applied = await client.query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(applied.rows.map((r) => r.migration_name as string));
    return committedMigrations().filter((m) => !done.has(m));
  } finally {
    await client.end();
  }
}

/** `prisma migrate deploy` with the offline overrides (the same as `npm run db:migrate`). */
export function migrateDeploy(databaseUrl: string, quiet = true): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (c) => (output += c));
    child.stderr?.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed:\n${output}`))));
  });
}

export async function applyMigrations(databaseUrl: string): Promise<number> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length > 0) await migrateDeploy(databaseUrl);
  return pending.length;
}
