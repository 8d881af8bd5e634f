// Calls /api/v1 route files in-process, as Next would: finds the route file for a URL path (dynamic segments in
// brackets), builds a real Request and passes the params. Tests use it to exercise the real routes on real PostgreSQL.
import path from "node:path";
import { routeHandlerFiles } from "@/tests/support/discover";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface ApiRoute {
  file: string;
  /** "/deals/{id}" */
  docPath: string;
  pattern: RegExp;
  paramNames: string[];
}

/** Every route file under app/api/v1 with its documented path. */
export function apiRoutes(): ApiRoute[] {
  return routeHandlerFiles()
    .filter((f) => f.startsWith(`app${path.sep}api${path.sep}v1${path.sep}`))
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).slice(3);
      const paramNames: string[] = [];
      const docPath = `/${segments.map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s)).join("/")}`;
      const pattern = new RegExp(
        `^/${segments
          .map((s) => {
            if (!s.startsWith("[")) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            paramNames.push(s.slice(1, -1));
            return "([^/]+)";
          })
          .join("/")}$`,
      );
      return { file, docPath, pattern, paramNames };
    });
}

export interface ApiCall {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Static segments win over dynamic ones, as in Next's router. */
function resolve(pathname: string): { route: ApiRoute; params: Record<string, string> } | null {
  const routes = apiRoutes().sort((a, b) => a.paramNames.length - b.paramNames.length);
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, params: Object.fromEntries(route.paramNames.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

export async function api(method: string, url: string, call: ApiCall = {}): Promise<ApiAnswer> {
  const full = new URL(url, "http://cadence.test/api/v1/");
  const pathname = full.pathname.replace(/^\/api\/v1/, "");
  const found = resolve(pathname);
  if (!found) return { status: 404, headers: new Headers(), body: null };
  const mod = (await import(path.join(ROOT, found.route.file))) as Record<string, unknown>;
  const handler = mod[method] as ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
  if (!handler) return { status: 405, headers: new Headers(), body: null };
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.rawBody !== undefined) body = call.rawBody;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(full, { method, headers, body }), { params: Promise.resolve(found.params) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
