// Expected failures as typed errors: the action wrapper turns them into results, never stack traces.
export type AppErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "INVALID" | "CONFLICT" | "RATE_LIMITED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
export const invalid = (field: string, message: string) =>
  new AppError("INVALID", "Please correct the highlighted fields.", { [field]: [message] });
export const conflict = (message: string, details?: unknown) => new AppError("CONFLICT", message, undefined, details);

/** True for errors that mean the database could not be reached (down, restarting, refused). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P02|57P03|08006|08001|08003|Connection terminated|connect ECONN|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Server has closed the connection|connection error and is not queryable|Can't reach database server|DatabaseNotReachable|P1001|P1017/i.test(
    text,
  );
}
