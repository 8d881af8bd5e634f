// Read-only pages (dashboards, reports, exports) read through `readOnly`: on a PostgreSQL streaming replica when
// DATABASE_REPLICA_URL names one that has replayed everything this user may expect to see, otherwise on the primary.
// See lib/db.ts (the routing) and docs/decisions/0031-read-replicas.md.
import { cookies, headers } from "next/headers";
import { lastWriteOf, readFromReplica, replicasConfigured, WRITE_MEMORY_MS } from "@/lib/db";
import { SNAPSHOT_LSN_HEADER, WRITE_LSN_COOKIE } from "@/lib/http/replica-floor";

/** Runs a read-only `load` for `actor` on a replica when one may answer it (read-your-own-writes), else the primary. */
export async function readOnly<T>(actor: { id: string }, load: () => Promise<T>): Promise<T> {
  if (!replicasConfigured()) return load();
  const lsns: (string | null | undefined)[] = [];
  try {
    lsns.push((await cookies()).get(WRITE_LSN_COOKIE)?.value, (await headers()).get(SNAPSHOT_LSN_HEADER));
  } catch {
    // Outside a request (tests, scripts): the floor is what this process remembers of the user's writes.
  }
  return readFromReplica({ userId: actor.id, lsns }, load);
}

/** After a user's write committed (server actions): tells the other app instances where it is in the WAL. */
export async function rememberWriteInCookie(userId: string): Promise<void> {
  const lsn = lastWriteOf(userId);
  if (!lsn) return;
  try {
    (await cookies()).set(WRITE_LSN_COOKIE, lsn, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: Math.ceil(WRITE_MEMORY_MS / 1000),
      secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https:"),
    });
  } catch {
    // Outside a request: nothing to set.
  }
}
