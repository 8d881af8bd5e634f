// The one Prisma client: the JS engine over the pg driver adapter, for the embedded server and any external PostgreSQL alike.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { resolveDatabaseUrl } from "@/lib/db-url";

export type Db = PrismaClient;

/** A transaction's client: what data-layer writes take, so that a caller can make several of them one transaction. */
export type Tx = Prisma.TransactionClient;

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
  if (!process.env.CADENCE_QUERY_LOG) return new PrismaClient({ adapter });
  return withQueryEvents(adapter);
}

/** One SQL statement as Prisma ran it: the text with $n placeholders, the parameters as JSON, and the milliseconds. */
export interface QueryEventRecord {
  query: string;
  params: string;
  duration: number;
}

const queryListeners = new Set<(event: QueryEventRecord) => void>();

/**
 * Benchmarks and the query-count guard listen to every SQL statement. Works only when CADENCE_QUERY_LOG was set
 * before this module loaded ("1": in-process listeners; a file path: also appended there as JSON lines).
 * Returns the function that stops listening.
 */
export function onQuery(listener: (event: QueryEventRecord) => void): () => void {
  if (!process.env.CADENCE_QUERY_LOG) throw new Error("onQuery needs CADENCE_QUERY_LOG set before lib/db.ts is imported.");
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function withQueryEvents(adapter: PrismaPg): PrismaClient {
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const file = process.env.CADENCE_QUERY_LOG !== "1" ? process.env.CADENCE_QUERY_LOG : undefined;
  const fs = file ? process.getBuiltinModule("node:fs") : undefined;
  client.$on("query", (event) => {
    const record: QueryEventRecord = { query: event.query, params: event.params, duration: event.duration };
    for (const listener of queryListeners) listener(record);
    if (file && fs) fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  });
  return client as unknown as PrismaClient;
}

const globalForPrisma = globalThis as unknown as { cadencePrisma?: PrismaClient };

/**
 * One client (and one pool) per process: shared across hot reloads in development, and in production between the
 * proxy's bundle and the app's, which Next builds separately but runs in the same process.
 */
export const prisma: PrismaClient = globalForPrisma.cadencePrisma ?? createClient();
globalForPrisma.cadencePrisma = prisma;
