// Fixed-window rate limits kept in PostgreSQL, so every app instance shares the same counters.
import { prisma } from "@/lib/db";

export interface Limit {
  /** What is counted, e.g. "signin:ip:127.0.0.1". */
  key: string;
  max: number;
  windowSeconds: number;
}

function windowOf(limit: Limit, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { windowStart, retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000) };
}

/** Seconds until the current window ends and the count starts again (for Retry-After). */
export function retryAfterSeconds(limit: Limit, now: Date = new Date()): number {
  return windowOf(limit, now).retryAfterSeconds;
}

/** Counts one hit and says whether it is still within the limit. */
export async function hit(limit: Limit, now: Date = new Date()): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { windowStart, retryAfterSeconds } = windowOf(limit, now);
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${limit.key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  return { allowed: count <= limit.max, retryAfterSeconds };
}

/** Reads the count without adding to it. */
export async function peek(limit: Limit, now: Date = new Date()): Promise<number> {
  const { windowStart } = windowOf(limit, now);
  const row = await prisma.rateLimitBucket.findUnique({
    where: { key_windowStart: { key: limit.key, windowStart } },
    select: { count: true },
  });
  return row?.count ?? 0;
}

/**
 * Sign-in limits (docs/decisions/0013-client-ip-and-sign-in-limits.md). Per client address: every attempt counts and
 * the address is refused past the limit. Per account *and* client: failures count, and that client is refused for
 * that account past the limit, so a guesser cannot lock the owner out from elsewhere. Per account from anywhere:
 * failures count, and past a much higher ceiling every attempt on the account is slowed down (`signInDelayMs`),
 * never refused.
 */
export const SIGNIN_LIMITS = {
  perIp: (ip: string): Limit => ({ key: `signin:ip:${ip}`, max: Number(process.env.CADENCE_SIGNIN_IP_LIMIT ?? 30), windowSeconds: 600 }),
  perAccountAndClient: (email: string, ip: string): Limit => ({
    key: `signin:account-client:${email.toLowerCase()}|${ip}`,
    max: Number(process.env.CADENCE_SIGNIN_ACCOUNT_LIMIT ?? 8),
    windowSeconds: 600,
  }),
  accountCeiling: (email: string): Limit => ({
    key: `signin:account:${email.toLowerCase()}`,
    max: Number(process.env.CADENCE_SIGNIN_ACCOUNT_CEILING ?? 100),
    windowSeconds: 600,
  }),
};

/** The longest an attempt on an account past its ceiling is held back. */
export const MAX_SIGNIN_DELAY_MS = 8_000;

/**
 * How long an attempt on an account is held back, given its failures from anywhere in the window: nothing below the
 * ceiling, then 250 ms doubling with every further failure up to MAX_SIGNIN_DELAY_MS.
 */
export function signInDelayMs(accountFailures: number, ceiling: number): number {
  if (accountFailures < ceiling) return 0;
  return Math.min(MAX_SIGNIN_DELAY_MS, 250 * 2 ** Math.min(accountFailures - ceiling, 10));
}

/**
 * Per-user mutations. Each mutation is counted once: server actions by the action wrapper (the proxy only peeks and
 * answers 429 once the count is reached), route handlers by the proxy. See docs/decisions/0008-mutation-rate-limit.md.
 */
export const MUTATION_LIMIT = (userId: string): Limit => ({
  key: `mutation:user:${userId}`,
  max: Number(process.env.CADENCE_MUTATION_LIMIT ?? 300),
  windowSeconds: 60,
});
