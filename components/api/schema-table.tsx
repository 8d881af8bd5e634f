// A JSON Schema object rendered as a table of its properties (type, required, description), $refs linked to their section.
type Json = Record<string, unknown>;

export function typeLabel(schema: Json | undefined): string {
  if (!schema) return "any";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop() ?? "object";
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeLabel).join(" | ");
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Json[]).map(typeLabel).join(" | ");
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeLabel(schema.items as Json)}[]`;
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  if (typeof schema.type === "string") return `${schema.type}${schema.format ? ` (${schema.format})` : ""}`;
  return "any";
}

export function SchemaTable({ schema }: { schema: Json }) {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const names = Object.keys(props);
  if (names.length === 0) return <p className="text-sm text-slate-600">{typeLabel(schema)}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-3">Field</th>
          <th scope="col" className="py-1 pr-3">Type</th>
          <th scope="col" className="py-1">Notes</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const p = props[name];
          const ref = typeof p.$ref === "string" ? p.$ref.split("/").pop() : typeof (p.items as Json | undefined)?.$ref === "string" ? String((p.items as Json).$ref).split("/").pop() : null;
          return (
            <tr key={name} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3 font-mono text-xs">
                {name}
                {required.has(name) && <span className="text-red-700"> *</span>}
              </td>
              <td className="py-1 pr-3 font-mono text-xs">{ref ? <a href={`#schema-${ref}`} className="text-brand-700 underline">{typeLabel(p)}</a> : typeLabel(p)}</td>
              <td className="py-1 text-slate-700">{typeof p.description === "string" ? p.description : ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
