// Absolute links for e-mail (a message is read outside the app) and the signed one-click unsubscribe token.
import { createHmac, timingSafeEqual } from "node:crypto";
import { MAIL_CATEGORIES, type MailCategory } from "@/lib/mail/messages";

export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function absoluteUrl(path: string, base = appBaseUrl()): string {
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: unsubscribe links cannot be signed.");
  return value;
}

function mac(body: string): string {
  return createHmac("sha256", secret()).update(`unsubscribe:${body}`).digest("base64url");
}

/** A token naming one user and one category, signed with NEXTAUTH_SECRET: it works without signing in. */
export function unsubscribeToken(userId: string, category: MailCategory): string {
  const body = Buffer.from(`${userId}.${category}`).toString("base64url");
  return `${body}.${mac(body)}`;
}

/** The user and category of a genuine token, or null (forged, altered or malformed). */
export function verifyUnsubscribeToken(token: string): { userId: string; category: MailCategory } | null {
  if (typeof token !== "string" || token.length > 512) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, category] = Buffer.from(body, "base64url").toString("utf8").split(".");
  if (!userId || !(MAIL_CATEGORIES as readonly string[]).includes(category)) return null;
  return { userId, category: category as MailCategory };
}

export function unsubscribeUrl(userId: string, category: MailCategory, base = appBaseUrl()): string {
  return absoluteUrl(`/unsubscribe/${unsubscribeToken(userId, category)}`, base);
}
