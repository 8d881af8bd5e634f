// Every /api/v1 answer a test receives is checked against the OpenAPI document's schemas: a success against its
// endpoint's response schema, a refusal against the problem-details schema.
import { expect } from "vitest";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { problemSchema } from "@/lib/api/openapi";
import type { ApiAnswer } from "@/tests/support/api-client";

/** Asserts the answer matches its documentation; true when a success was checked against its endpoint's schema. */
export function conform(method: string, docPath: string, answer: ApiAnswer): boolean {
  if (answer.status >= 400) {
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    const parsed = problemSchema.safeParse(answer.body);
    expect(parsed.success, JSON.stringify(answer.body)).toBe(true);
    return false;
  }
  const e = ENDPOINTS.find((x) => x.method === method && x.path === docPath)!;
  const parsed = e.response.safeParse(answer.body);
  expect(parsed.success, `${method} ${docPath}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
  return true;
}
