// RFC 9457 problem details: the one shape of every refusal the API gives, with field errors where a field is wrong.
import type { AppErrorCode } from "@/lib/errors";

export const PROBLEM_TYPES = {
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Not allowed" },
  "read-only-token": { status: 403, title: "This token is read-only" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  "precondition-failed": { status: 412, title: "The resource changed" },
  "payload-too-large": { status: 413, title: "Request body too large" },
  "unsupported-media-type": { status: 415, title: "Send JSON" },
  "invalid-request": { status: 400, title: "Invalid request" },
  "idempotency-key-reused": { status: 422, title: "Idempotency key reused with a different request" },
  "rate-limited": { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Temporarily unavailable" },
  "server-error": { status: 500, title: "Server error" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field path ("closeDate", "items.3.amount") to messages. */
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

export function problemBody(kind: ProblemType, detail: string, extra: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[kind];
  return { type: `/api/docs#problem-${kind}`, title, status, detail, ...extra };
}

export function problem(kind: ProblemType, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const body = problemBody(kind, detail, extra);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

/** An action's error code to the problem it becomes over HTTP. */
export function problemKindOf(code: AppErrorCode | "ERROR" | "UNAVAILABLE"): ProblemType {
  switch (code) {
    case "UNAUTHENTICATED":
      return "unauthenticated";
    case "NOT_FOUND":
      return "not-found";
    case "FORBIDDEN":
      return "forbidden";
    case "INVALID":
      return "invalid-request";
    case "CONFLICT":
      return "conflict";
    case "RATE_LIMITED":
      return "rate-limited";
    case "UNAVAILABLE":
      return "unavailable";
    default:
      return "server-error";
  }
}

/** Thrown inside handlers to answer with a given problem. */
export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemType,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
