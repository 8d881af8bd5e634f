// A convenience redirect to sign-in for signed-out visitors. Not a guard: pages and actions check access themselves.
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC = [/^\/signin/, /^\/api\/auth/, /^\/api\/health/, /^\/_next/, /^\/favicon/];

export function proxy(request: NextRequest) {
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
