// Where Cadence may send a browser after sign-in: only a path on its own origin. Every callback or redirect target
// taken from a request goes through `sameOriginPath` (the sign-in page, next-auth's `redirect` callback).
// Prefix checks ("starts with / but not //") are not enough: browsers read `/\host`, `/<tab>/host` and `/\/host` as
// `//host`, so the value is resolved exactly as a browser would and kept only when the origin did not change.

/** An origin that cannot be anyone's: a relative target resolved against it keeps it only if it is a path. */
const PLACEHOLDER_ORIGIN = "http://cadence.invalid";

/** The app's own origin (NEXTAUTH_URL), or a placeholder that only same-origin paths resolve to. */
export function appOrigin(): string {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? PLACEHOLDER_ORIGIN).origin;
  } catch {
    return PLACEHOLDER_ORIGIN;
  }
}

/**
 * The target as a path (`/deals?x=1#y`) when it stays on `origin`, else null. Accepts a path, or an absolute URL on
 * `origin` itself (next-auth hands those to its redirect callback). The path returned is the normalised one the
 * browser will request, never the raw input, so what was checked is what is followed.
 */
export function sameOriginPath(target: unknown, origin: string = appOrigin()): string | null {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return null;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(target, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base.origin || (resolved.protocol !== "http:" && resolved.protocol !== "https:")) return null;
  // "/.//evil.example" normalises to the path "//evil.example", which a browser would read as another host.
  if (resolved.pathname.startsWith("//")) return null;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith("/") ? path : null;
}
