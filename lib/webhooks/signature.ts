// Standard Webhooks signing: `webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">` with the
// subscription's secret ("whsec_" + base64 key). Any receiver library that speaks the spec verifies it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** Receivers should refuse a timestamp further than this from their clock (replays). */
export const TOLERANCE_SECONDS = 5 * 60;

export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac("sha256", key(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** What a receiver does: true when one of the signatures matches and the timestamp is fresh. */
export function verify(secret: string, headers: { id: string; timestamp: string; signature: string }, body: string, now: Date): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(now.getTime() / 1000 - ts) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, headers.id, ts, body).slice(3));
  return headers.signature.split(" ").some((part) => {
    const [version, sig] = part.split(",", 2);
    if (version !== "v1" || !sig) return false;
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
