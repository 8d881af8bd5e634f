// Refuses cross-site and over-the-limit mutations (lib/http/mutation-guard.ts), and redirects signed-out visitors to
// sign-in for convenience. Not the access guard: pages, actions and route handlers check the session themselves.
import { NextResponse, type NextRequest } from "next/server";
import { guardMutation } from "@/lib/http/mutation-guard";

// /api/v1 authenticates by bearer token in its own wrapper (lib/api/handler.ts); /api/docs is the public reference.
const PUBLIC = [/^\/signin/, /^\/api\/auth/, /^\/api\/health/, /^\/unsubscribe\//, /^\/api\/unsubscribe\//, /^\/api\/calendar\//, /^\/api\/v1(\/|$)/, /^\/api\/docs(\/|$)/, /^\/_next/, /^\/favicon/];

// A control character (a NUL reaches PostgreSQL as an error) or broken percent-encoding in the path is refused here
// for every page and route, before any of them reads a path segment as an id.
const CONTROL = /[\u0000-\u001f\u007f]/;

function badPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "The address is not valid percent-encoding.";
  }
  return CONTROL.test(pathname) || CONTROL.test(decoded) ? "The address contains a control character." : null;
}

export async function proxy(request: NextRequest) {
  const pathProblem = badPath(request.nextUrl.pathname);
  if (pathProblem) {
    const api = request.nextUrl.pathname.startsWith("/api/v1");
    return new NextResponse(api ? JSON.stringify({ type: "about:blank", title: "Bad Request", status: 400, detail: pathProblem }) : pathProblem, {
      status: 400,
      headers: { "content-type": api ? "application/problem+json" : "text/plain; charset=utf-8" },
    });
  }
  const refused = await guardMutation(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (!hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
