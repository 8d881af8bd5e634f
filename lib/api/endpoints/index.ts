// Every /api/v1 endpoint, in one list: the route files pick theirs from here, and the OpenAPI document is built from it.
import type { ApiEndpoint, HttpMethod } from "@/lib/api/handler";
import { DEAL_ENDPOINTS } from "@/lib/api/endpoints/deals";
import { RESOURCE_ENDPOINTS } from "@/lib/api/endpoints/resources";

export const ENDPOINTS: readonly ApiEndpoint[] = [...DEAL_ENDPOINTS, ...RESOURCE_ENDPOINTS];

/** The endpoint for a method and documented path; throws at import time when a route names one that does not exist. */
export function endpoint(method: HttpMethod, path: string): ApiEndpoint {
  const found = ENDPOINTS.find((e) => e.method === method && e.path === path);
  if (!found) throw new Error(`No API endpoint ${method} ${path}`);
  return found;
}
