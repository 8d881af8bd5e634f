// The one Prisma client: the JS engine over the pg driver adapter, for the embedded server and any external PostgreSQL alike.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseUrl } from "@/lib/db-url";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: resolveDatabaseUrl(),
      max: Number(process.env.CADENCE_DB_POOL ?? 10),
      // Fail fast when the database is down instead of hanging a request.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    },
    {
      // A connection dropped by a database restart is discarded by the pool; the next query opens a new one.
      onPoolError: (error) => console.warn(`[db] idle connection lost: ${error.message}`),
    },
  );
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { cadencePrisma?: PrismaClient };

/** Shared across hot reloads in development so we do not open a new pool per edit. */
export const prisma: PrismaClient = globalForPrisma.cadencePrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.cadencePrisma = prisma;
