// The proxy's checks on every mutating request: it must come from Cadence's own origin, and its user must be under
// the per-user mutation limit (answered 429 with Retry-After). Both refusals are audited. See docs/decisions/0008.
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { audit } from "@/lib/audit";
import { hit, MUTATION_LIMIT, peek, retryAfterSeconds } from "@/lib/http/rate-limit";
import { tooFastMessage } from "@/lib/http/rate-limit-message";
import { clientIp } from "@/lib/http/client-ip";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** "action": a server action (every non-GET request to a page); "route": a route handler under /api. */
export type MutationKind = "action" | "route";

/**
 * Which kind of mutation a request is, or null when it is not one. next-auth's own endpoints are left to next-auth:
 * they carry its CSRF token, and sign-in has its own limits (app/api/auth/[...nextauth]/route.ts).
 */
export function mutationKind(method: string, pathname: string): MutationKind | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (pathname === "/api/auth" || pathname.startsWith("/api/auth/")) return null;
  return pathname === "/api" || pathname.startsWith("/api/") ? "route" : "action";
}

/**
 * Why a mutating request looks cross-site, or null when it does not. Mirrors Next's own server-action check (the
 * Origin's host must equal x-forwarded-host, else Host) and extends it to route handlers, which Next does not check.
 * A request without Origin is let through unless the browser marked it cross-site: browsers send Origin on every
 * POST, so only non-browser clients omit it, and those cannot carry a victim's cookies.
 */
export function crossSiteReason(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site" ? `sec-fetch-site: ${site}` : null;
  }
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host.toLowerCase();
  } catch {
    return "malformed origin";
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = (forwarded || headers.get("host") || "").toLowerCase();
  if (!host) return "no host header";
  return originHost === host ? null : `origin ${originHost.slice(0, 100)} is not ${host.slice(0, 100)}`;
}

/** The user id in a valid next-auth session cookie, or null. Role and deactivation are the action's business. */
async function sessionUserId(request: NextRequest): Promise<string | null> {
  try {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
    return typeof token?.uid === "string" ? token.uid : null;
  } catch {
    return null;
  }
}

function refusal(kind: MutationKind, status: number, message: string, headers: Record<string, string> = {}): Response {
  if (kind === "route") return Response.json({ ok: false, message }, { status, headers });
  // Exactly "text/plain": Next's client then rejects the action's promise with this text as the error message,
  // which app/error.tsx recognises (any other content type becomes a generic "unexpected response" error).
  return new Response(message, { status, headers: { "content-type": "text/plain", "cache-control": "no-store", ...headers } });
}

/** Answers a refused mutation (403 cross-site, 429 over the limit), or null to let the request through. */
export async function guardMutation(request: NextRequest): Promise<Response | null> {
  const kind = mutationKind(request.method, request.nextUrl.pathname);
  if (!kind) return null;
  const userId = await sessionUserId(request);
  const where = {
    method: request.method,
    path: request.nextUrl.pathname.slice(0, 200),
    kind,
    actionId: request.headers.get("next-action")?.slice(0, 100) ?? null,
  };

  const crossSite = crossSiteReason(request.headers);
  if (crossSite) {
    await audit({ action: "csrf.refused", actorId: userId, ip: clientIp(request.headers), details: { ...where, reason: crossSite, status: 403 } });
    return refusal(kind, 403, "This request did not come from a Cadence page and was refused. Nothing was saved.");
  }
  // Without a valid session there is nothing to count: the action or route answers "sign in again" itself.
  if (!userId) return null;

  try {
    const limit = MUTATION_LIMIT(userId);
    let allowed: boolean;
    let retryAfter: number;
    if (kind === "route") {
      // Route handlers do not count themselves: this is their one count.
      ({ allowed, retryAfterSeconds: retryAfter } = await hit(limit));
    } else {
      // The action wrapper counts server actions (it also serves callers without a proxy); here we only look.
      allowed = (await peek(limit)) < limit.max;
      retryAfter = retryAfterSeconds(limit);
    }
    if (allowed) return null;
    await audit({ action: "ratelimit.mutation", actorId: userId, ip: clientIp(request.headers), details: { ...where, status: 429 } });
    return refusal(kind, 429, tooFastMessage(retryAfter), { "retry-after": String(retryAfter) });
  } catch (error) {
    // The database is unreachable: let the request through; the action or route answers with its own retryable message.
    console.warn(`[mutation-guard] rate limit not checked: ${(error as Error).message}`);
    return null;
  }
}
