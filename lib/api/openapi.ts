// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' zod schemas (zod 4's JSON Schema output):
// never written by hand, so it cannot drift from what the routes accept and answer.
import { z } from "zod";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { PROBLEM_TYPES } from "@/lib/api/problem";
import type { ApiEndpoint } from "@/lib/api/handler";

type Json = Record<string, unknown>;

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Field path to messages, e.g. \"closeDate\" or \"deals.3.amount\"." }),
    details: z.unknown().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

export { problemSchema };

/** JSON Schema of a zod schema, its named parts hoisted into `components.schemas`. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const defs = (raw.$defs ?? {}) as Record<string, Json>;
  delete raw.$defs;
  delete raw.$schema;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewrite(v);
      return out;
    }
    return value;
  };
  for (const [name, def] of Object.entries(defs)) if (!(name in components)) components[name] = rewrite(def);
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  const body = rewrite(raw) as Json;
  if (id) {
    if (!(id in components)) components[id] = body;
    return { $ref: `#/components/schemas/${id}` };
  }
  return body;
}

function parameters(endpoint: ApiEndpoint, components: Json): Json[] {
  const out: Json[] = [];
  const add = (schema: z.ZodType | undefined, where: "path" | "query") => {
    if (!schema) return;
    const js = schemaOf(schema, "input", {}) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: prop, ...(prop.description ? { description: prop.description } : {}) });
    }
  };
  add(endpoint.params, "path");
  add(endpoint.query, "query");
  if (endpoint.method === "POST") out.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "Makes the POST safe to retry: the first answer is replayed." });
  if (endpoint.method === "PATCH" || endpoint.method === "PUT") {
    out.push({ name: "If-Match", in: "header", required: endpoint.method === "PATCH", schema: { type: "string" }, description: "The version you read, e.g. \"3\". A stale version gets 412." });
  }
  void components;
  return out;
}

const RATE_HEADERS = {
  "RateLimit-Limit": { schema: { type: "integer" }, description: "Requests allowed per window for this token." },
  "RateLimit-Remaining": { schema: { type: "integer" }, description: "Requests left in this window." },
  "RateLimit-Reset": { schema: { type: "integer" }, description: "Seconds until the window resets." },
};

/** The refusals an endpoint can give. */
function problemResponses(endpoint: ApiEndpoint): string[] {
  const codes = ["400", "401", "429"];
  if (endpoint.params) codes.push("404");
  if (endpoint.method !== "GET") codes.push("403", "409");
  if (endpoint.body) codes.push("413", "415");
  if (endpoint.method === "POST") codes.push("422");
  if (endpoint.method === "PATCH" || endpoint.method === "PUT") codes.push("412");
  return [...new Set(codes)].sort();
}

export function buildOpenApiDocument(): Json {
  const components: Json = {};
  const paths: Record<string, Json> = {};
  const problemRef = schemaOf(problemSchema, "output", components);
  for (const e of ENDPOINTS) {
    const op: Json = {
      operationId: e.name,
      summary: e.summary,
      tags: [e.tag],
      parameters: parameters(e, components),
      responses: {
        [String(e.status ?? 200)]: {
          description: "Success.",
          headers: RATE_HEADERS,
          content: { "application/json": { schema: schemaOf(e.response, "output", components) } },
        },
        ...(e.name === "deals.upsert" ? { "200": { description: "Updated.", headers: RATE_HEADERS, content: { "application/json": { schema: schemaOf(e.response, "output", components) } } } } : {}),
        ...Object.fromEntries(
          problemResponses(e).map((code) => [
            code,
            {
              description: Object.values(PROBLEM_TYPES).find((p) => String(p.status) === code)?.title ?? "Refused.",
              content: { "application/problem+json": { schema: problemRef } },
            },
          ]),
        ),
      },
    };
    if (e.body) op.requestBody = { required: true, content: { "application/json": { schema: schemaOf(e.body, "input", components) } } };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Cadence API",
      version: "1",
      description:
        "Cadence's public API. Authenticate with a personal or service token (`Authorization: Bearer cad_…`). A token can do exactly what its user could do in the browser. Lists page with `limit` and `starting_after`; `fields` picks fields. Refusals are RFC 9457 problem details.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    tags: [...new Set(ENDPOINTS.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens." } } },
  };
}

let cached: Json | null = null;
export function openApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
