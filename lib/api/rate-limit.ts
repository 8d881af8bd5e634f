// The per-token API budget, on the same PostgreSQL fixed-window counters as the sign-in and mutation limits
// (table RateLimitBucket), so every app instance shares it. Returns the count too, for the RateLimit headers.
import { prisma } from "@/lib/db";

export interface ApiLimit {
  key: string;
  max: number;
  windowSeconds: number;
}

export const API_RATE_LIMIT = (tokenId: string): ApiLimit => ({
  key: `api:token:${tokenId}`,
  max: Number(process.env.CADENCE_API_LIMIT ?? 600),
  windowSeconds: 60,
});

/** Per client address (lib/http/client-ip): requests with an unknown, revoked or expired token. */
export const API_REFUSED_LIMIT = (ip: string): ApiLimit => ({
  key: `api:refused:ip:${ip}`,
  max: Number(process.env.CADENCE_API_REFUSED_LIMIT ?? 60),
  windowSeconds: 60,
});

/** Counts one request: whether it is within the budget, how many remain, and seconds until the window resets. */
export async function countRequest(limit: ApiLimit, now: Date): Promise<{ allowed: boolean; remaining: number; resetSeconds: number }> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${limit.key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  return { allowed: count <= limit.max, remaining: Math.max(0, limit.max - count), resetSeconds };
}
