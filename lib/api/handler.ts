// The one wrapper of every /api/v1 route, doing what defineAction does for forms: bearer token → actor → per-token
// rate limit → read-only check → strict zod on path, query and body → (writes: one transaction, Idempotency-Key) →
// handler on the same data layer and permission module → JSON, or an RFC 9457 problem for every refusal.
import { createHash } from "node:crypto";
import { z } from "zod";
import { noteWrite, prisma, type Tx } from "@/lib/db";
import { audit } from "@/lib/audit";
import { zodFieldErrors } from "@/lib/actions/safe-action";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { API_RATE_LIMIT, API_REFUSED_LIMIT, countRequest } from "@/lib/api/rate-limit";
import { clientIp } from "@/lib/http/client-ip";
import { authenticateToken, type ApiPrincipal } from "@/lib/api/tokens";
import { ApiProblem, problem, problemKindOf, type ProblemType } from "@/lib/api/problem";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiContext<P, Q, B> {
  actor: SessionUser;
  principal: ApiPrincipal;
  params: P;
  query: Q;
  body: B;
  /** Writes run in one transaction (with the idempotency record); reads get the plain client. */
  tx: Tx;
  now: Date;
  request: Request;
}

export interface ApiReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiEndpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  /** Stable name ("deals.list"), used in audit entries and the OpenAPI operationId. */
  name: string;
  method: HttpMethod;
  /** The OpenAPI path under /api/v1, e.g. "/deals/{id}". */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body's schema: documented, and checked against real responses by the tests. */
  response: z.ZodType;
  /** Success status (200 unless said). */
  status?: number;
  /** The write transaction's time limit (default 2 minutes; the bulk upsert needs more). */
  transactionTimeoutMs?: number;
  /** Roles that may call it at all (checked before the body, as defineAction does); all when absent. */
  roles?: readonly Role[];
  handler: (ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Marks a handler's answer that is not a plain 200 body. */
export function reply(body: unknown, status = 200, headers: Record<string, string> = {}): ApiReply & { __reply: true } {
  return { body, status, headers, __reply: true };
}

function isReply(value: unknown): value is ApiReply {
  return !!value && typeof value === "object" && (value as { __reply?: boolean }).__reply === true;
}

/** JSON with BigInt as numbers (amounts fit: the cap is 10^12 minor units). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

function json(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(status === 204 ? null : toJson(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** Query string to a plain object; a parameter given twice is refused rather than silently merged. */
function queryObject(url: URL): { value: Record<string, string> } | { repeated: string } {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (Object.hasOwn(out, key)) return { repeated: key };
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out };
}

function invalid(detail: string, errors: Record<string, string[]>): ApiProblem {
  return new ApiProblem("invalid-request", detail, { errors });
}

function fromError(error: unknown, name: string): Response {
  if (error instanceof ApiProblem) return problem(error.kind, error.message, error.extra);
  if (error instanceof AppError) {
    const extra: Record<string, unknown> = {};
    if (error.fieldErrors) extra.errors = error.fieldErrors;
    if (error.details !== undefined) extra.details = error.details;
    return problem(problemKindOf(error.code), error.message, extra);
  }
  const code = (error as { code?: string })?.code;
  if (code === "P2002") return problem("conflict", "That already exists.");
  if (code === "P2034" || /could not serialize|deadlock/i.test(String((error as Error)?.message))) {
    return problem("conflict", "Someone else saved at the same moment. Try again.");
  }
  if (isDatabaseUnavailable(error)) return problem("unavailable", "Cadence cannot reach its database right now. Nothing was saved; try again in a moment.", {}, { "retry-after": "5" });
  console.error(`[api ${name}] unexpected error`, error);
  return problem("server-error", "Something went wrong and nothing was saved. Try again.");
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

/** The route handler for one endpoint: `export const GET = apiHandler(endpoint)`. */
export function apiHandler(endpoint: ApiEndpoint): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const now = new Date();
    // 1. Who: a bearer token, nothing else (cookies are ignored here, so a forged cross-site request carries nothing).
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer\s+(\S{1,300})$/i.exec(header.trim());
    const challenge = { "www-authenticate": 'Bearer realm="cadence"' };
    if (!match) return problem("unauthenticated", "Send an API token as `Authorization: Bearer <token>`.", {}, challenge);
    let principal: ApiPrincipal | null;
    try {
      principal = await authenticateToken(match[1], now);
    } catch (error) {
      return fromError(error, endpoint.name);
    }
    if (!principal) {
      // The client is who server.ts vouched for (lib/http/client-ip), never what X-Forwarded-For claims: a guesser
      // cannot reset its budget of refused tokens by writing a new address in a header.
      const ip = clientIp(request.headers);
      await audit({ action: "api.token.refused", ip, details: { endpoint: endpoint.name } });
      try {
        const limit = API_REFUSED_LIMIT(ip);
        const counted = await countRequest(limit, now);
        if (!counted.allowed) {
          return problem("rate-limited", `Too many requests with unknown tokens from this address. Try again in ${counted.resetSeconds} seconds.`, {}, { "retry-after": String(counted.resetSeconds) });
        }
      } catch (error) {
        return fromError(error, endpoint.name);
      }
      return problem("unauthenticated", "This token is unknown, revoked or expired.", {}, { ...challenge, "www-authenticate": 'Bearer realm="cadence", error="invalid_token"' });
    }
    const actor = principal.actor;

    // 2. The per-token budget, reported on every answer.
    let rate: Record<string, string>;
    try {
      const limit = API_RATE_LIMIT(principal.tokenId);
      const counted = await countRequest(limit, now);
      rate = {
        "ratelimit-limit": String(limit.max),
        "ratelimit-remaining": String(counted.remaining),
        "ratelimit-reset": String(counted.resetSeconds),
        "ratelimit-policy": `${limit.max};w=${limit.windowSeconds}`,
      };
      if (!counted.allowed) {
        await audit({ action: "ratelimit.api", actorId: actor.id, details: { endpoint: endpoint.name, tokenId: principal.tokenId } });
        return problem("rate-limited", `This token made more than ${limit.max} requests in a minute. Try again in ${counted.resetSeconds} seconds.`, {}, {
          ...rate,
          "retry-after": String(counted.resetSeconds),
        });
      }
    } catch (error) {
      return fromError(error, endpoint.name);
    }
    const withRate = (response: Response) => {
      for (const [k, v] of Object.entries(rate)) response.headers.set(k, v);
      return response;
    };

    const write = endpoint.method !== "GET";
    if (write && principal.readOnly) return withRate(problem("read-only-token", "This token is read-only: it can read but not change anything."));

    if (endpoint.roles && !endpoint.roles.includes(actor.role)) {
      await audit({ action: "authz.denied", actorId: actor.id, details: { endpoint: endpoint.name, via: "api", reason: "role" } });
      return withRate(problem("forbidden", "You do not have permission to do this."));
    }

    try {
      // 3. Path, query and body, each strict: a malformed value is a 400 with its field, never a 500.
      const rawParams = (await context?.params) ?? {};
      let params: unknown = rawParams;
      if (endpoint.params) {
        const parsed = endpoint.params.safeParse(rawParams);
        // A malformed id cannot name anything: answered like a missing object.
        if (!parsed.success) throw new ApiProblem("not-found", "Not found.");
        params = parsed.data;
      }
      let query: unknown = {};
      const q = queryObject(new URL(request.url));
      if ("repeated" in q) throw invalid(`The parameter "${q.repeated.slice(0, 50)}" was given more than once.`, { [q.repeated.slice(0, 50)]: ["Give this parameter once."] });
      const querySchema = endpoint.query ?? z.strictObject({});
      const parsedQuery = querySchema.safeParse(q.value);
      if (!parsedQuery.success) throw invalid("Some query parameters are not valid.", zodFieldErrors(parsedQuery.error));
      query = parsedQuery.data;

      let body: unknown = undefined;
      let bodyText = "";
      if (endpoint.body) {
        const type = request.headers.get("content-type") ?? "";
        if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiProblem("unsupported-media-type", "Send the body as JSON with `Content-Type: application/json`.");
        const declared = Number(request.headers.get("content-length") ?? 0);
        if (declared > MAX_BODY_BYTES) throw new ApiProblem("payload-too-large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);
        bodyText = await request.text();
        if (Buffer.byteLength(bodyText) > MAX_BODY_BYTES) throw new ApiProblem("payload-too-large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);
        let raw: unknown;
        try {
          raw = JSON.parse(bodyText);
        } catch {
          throw invalid("The body is not valid JSON.", { _body: ["The body is not valid JSON."] });
        }
        const nul = findNul(raw);
        if (nul !== null) throw invalid("Some fields are not valid.", { [nul || "_body"]: ["This text contains a character that cannot be stored."] });
        const parsed = endpoint.body.safeParse(raw);
        if (!parsed.success) throw invalid("Some fields are not valid.", zodFieldErrors(parsed.error));
        body = parsed.data;
      }

      const ctxBase = { actor, principal, params, query, body, now, request };
      if (!write) {
        const result = await endpoint.handler({ ...ctxBase, tx: prisma as unknown as Tx } as never);
        return withRate(answer(result, endpoint.status ?? 200));
      }

      // 4. Writes: one transaction; with an Idempotency-Key (POST), the first answer is stored and replayed.
      let idemKey: string | null = null;
      const keyHeader = request.headers.get("idempotency-key");
      if (keyHeader !== null && endpoint.method === "POST") {
        if (!IDEMPOTENCY_KEY.test(keyHeader)) throw invalid("The Idempotency-Key header is not valid.", { "Idempotency-Key": ["Use 1 to 200 visible ASCII characters."] });
        idemKey = `api:${keyHeader}`;
      }
      const fingerprint = `${endpoint.name}:${createHash("sha256").update(`${request.method} ${new URL(request.url).pathname}\n${bodyText}`).digest("hex").slice(0, 32)}`;
      const outcome = await prisma.$transaction(
        async (tx) => {
          if (idemKey) {
            const seen = await tx.idempotencyKey.findUnique({ where: { userId_key: { userId: actor.id, key: idemKey } }, select: { action: true, resultId: true } });
            if (seen) {
              if (seen.action !== fingerprint) throw new ApiProblem("idempotency-key-reused", "This Idempotency-Key was used for a different request.");
              const stored = JSON.parse(seen.resultId) as { status: number; body: unknown };
              return { status: stored.status, body: stored.body, replayed: true };
            }
          }
          const result = await endpoint.handler({ ...ctxBase, tx } as never);
          const status = isReply(result) ? (result.status ?? 200) : (endpoint.status ?? 200);
          const resultBody = isReply(result) ? result.body : result;
          if (idemKey) {
            await tx.idempotencyKey.create({ data: { userId: actor.id, key: idemKey, action: fingerprint, resultId: toJson({ status, body: resultBody }) } });
          }
          return { status, body: resultBody, replayed: false, headers: isReply(result) ? result.headers : undefined };
        },
        { timeout: endpoint.transactionTimeoutMs ?? 120_000, maxWait: 10_000 },
      );
      // Read-your-own-writes on this instance: the user's read-only pages read the primary until a replica has
      // replayed this commit (a no-op without DATABASE_REPLICA_URL).
      if (!outcome.replayed) await noteWrite(actor.id);
      return withRate(json(outcome.body, outcome.status, { ...(outcome.headers ?? {}), ...(outcome.replayed ? { "idempotent-replayed": "true" } : {}) }));
    } catch (error) {
      if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
        await audit({ action: "authz.denied", actorId: actor.id, details: { endpoint: endpoint.name, via: "api", reason: error.code } });
      }
      return withRate(fromError(error, endpoint.name));
    }
  };
}

function answer(result: unknown, status: number): Response {
  if (isReply(result)) return json(result.body, result.status ?? status, result.headers ?? {});
  return json(result, status, {});
}

/** The path of the first string holding a NUL (PostgreSQL text cannot store it), "" for the root, or null. */
function findNul(value: unknown, path = "", depth = 0): string | null {
  if (depth > 6) return null;
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = findNul(v, path ? `${path}.${k}` : k, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A problem answer for a refusal a handler decides itself. */
export function refuse(kind: ProblemType, detail: string, extra: Record<string, unknown> = {}): never {
  throw new ApiProblem(kind, detail, extra);
}
