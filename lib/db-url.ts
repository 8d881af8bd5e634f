// Where the database is: DATABASE_URL when set (validated), otherwise Cadence's own embedded server.

export const EMBEDDED_DB = {
  host: "127.0.0.1",
  port: Number(process.env.CADENCE_DB_PORT ?? 54329),
  user: "postgres",
  password: "cadence-local",
  database: "cadence",
} as const;

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

export function embeddedDatabaseUrl(database: string = EMBEDDED_DB.database, port: number = EMBEDDED_DB.port): string {
  return `postgresql://${EMBEDDED_DB.user}:${EMBEDDED_DB.password}@${EMBEDDED_DB.host}:${port}/${database}`;
}

/** Checks that a DATABASE_URL is a usable postgres URL and says plainly what is wrong if not. */
export function validateDatabaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUrlError(
      `DATABASE_URL is not a valid URL ("${redact(raw)}"). Expected postgresql://user:password@host:5432/database`,
    );
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseUrlError(
      `DATABASE_URL must start with postgresql:// (got "${url.protocol}//"). Cadence only runs on PostgreSQL.`,
    );
  }
  if (!url.hostname) throw new DatabaseUrlError("DATABASE_URL has no host name.");
  if (url.pathname.replace(/^\//, "") === "") {
    throw new DatabaseUrlError("DATABASE_URL names no database (add /cadence, for example, after the host and port).");
  }
  return raw;
}

export function resolveDatabaseUrl(): string {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv && fromEnv.trim() !== "") return validateDatabaseUrl(fromEnv.trim());
  return embeddedDatabaseUrl();
}

/** A URL safe to print: the password is masked. */
export function redact(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "****";
    return url.toString();
  } catch {
    return raw.replace(/:\/\/([^:@/]+):([^@/]+)@/, "://$1:****@");
  }
}
