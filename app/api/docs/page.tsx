// The API reference at /api/docs: rendered on the server from the generated OpenAPI document (no CDN, no client script).
import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi";
import { PROBLEM_TYPES } from "@/lib/api/problem";
import { SchemaTable } from "@/components/api/schema-table";

export const metadata: Metadata = { title: "Cadence API reference" };

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: Json; description?: string }[];
  requestBody?: { content: { "application/json": { schema: Json } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-violet-100 text-violet-900",
  delete: "bg-red-100 text-red-900",
};

function resolve(schema: Json, components: Record<string, Json>): Json {
  if (typeof schema.$ref === "string") return components[schema.$ref.split("/").pop()!] ?? schema;
  return schema;
}

export default function ApiDocsPage() {
  const doc = openApiDocument() as { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>>; tags: { name: string }[]; components: { schemas: Record<string, Json> } };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const schemas = doc.components.schemas;
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{doc.info.title}</h1>
        <p className="text-slate-700">{doc.info.description}</p>
        <p className="text-sm text-slate-600">
          Base URL <code>/api/v1</code>. The machine-readable document: <a className="text-brand-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Create a token in{" "}
          <Link className="text-brand-700 underline" href="/settings/tokens">Settings → API tokens</Link>. Webhooks: see <code>docs/api/webhooks.md</code>.
        </p>
      </header>
      <nav aria-label="Endpoints" className="rounded-md border border-slate-200 p-4">
        <h2 className="mb-2 font-semibold">Endpoints</h2>
        {doc.tags.map((t) => (
          <div key={t.name} className="mb-2">
            <h3 className="text-sm font-medium text-slate-600">{t.name}</h3>
            <ul className="text-sm">
              {ops.filter((o) => o.op.tags.includes(t.name)).map((o) => (
                <li key={o.op.operationId}>
                  <a className="text-brand-700 underline" href={`#${o.op.operationId}`}>
                    <span className="font-mono text-xs uppercase">{o.method}</span> {o.path}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {ops.map(({ path, method, op }) => {
        const body = op.requestBody ? resolve(op.requestBody.content["application/json"].schema, schemas) : null;
        return (
          <section key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="space-y-3 rounded-md border border-slate-200 p-4">
            <h2 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
              <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
              <span className="break-all">/api/v1{path}</span>
            </h2>
            <p className="text-sm text-slate-700">{op.summary}</p>
            {op.parameters.length > 0 && (
              <div>
                <h3 className="text-sm font-semibold">Parameters</h3>
                <table className="w-full text-left text-sm">
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                        <td className="py-1 pr-3 font-mono text-xs">
                          {p.name}
                          {p.required && <span className="text-red-700"> *</span>}
                        </td>
                        <td className="py-1 pr-3 text-xs text-slate-500">{p.in}</td>
                        <td className="py-1 text-slate-700">{p.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {body && (
              <div>
                <h3 className="text-sm font-semibold">Request body (JSON; unknown fields are refused)</h3>
                <SchemaTable schema={body} />
              </div>
            )}
            <div>
              <h3 className="text-sm font-semibold">Responses</h3>
              <ul className="text-sm">
                {Object.entries(op.responses).map(([code, r]) => (
                  <li key={code}>
                    <span className="font-mono">{code}</span> {r.description}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        );
      })}
      <section aria-labelledby="schemas-title" className="space-y-4">
        <h2 id="schemas-title" className="text-xl font-semibold">Objects</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="rounded-md border border-slate-200 p-4">
            <h3 className="mb-2 font-mono text-sm font-semibold">{name}</h3>
            <SchemaTable schema={schema} />
          </div>
        ))}
      </section>
      <section aria-labelledby="problems-title" className="space-y-2">
        <h2 id="problems-title" className="text-xl font-semibold">Problems (RFC 9457)</h2>
        <p className="text-sm text-slate-700">Every refusal is <code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and, for invalid fields, <code>errors</code> (field path → messages). A refusal of an object you may not see is the same 404 as a missing one.</p>
        <ul className="text-sm">
          {Object.entries(PROBLEM_TYPES).map(([kind, p]) => (
            <li key={kind} id={`problem-${kind}`}>
              <span className="font-mono">{p.status}</span> <span className="font-mono text-xs">{kind}</span>: {p.title}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
