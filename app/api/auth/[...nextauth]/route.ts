// next-auth's own endpoints (sign-in, sign-out, session, CSRF). Credential sign-ins over the limit are answered
// 429 here, before next-auth runs; the attempts themselves are counted (and audited) in lib/auth/options.ts.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { audit } from "@/lib/audit";
import { peek, SIGNIN_LIMITS } from "@/lib/http/rate-limit";

const handler = NextAuth(authOptions);

function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || request.headers.get("x-real-ip") || "local";
}

async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
    const ip = clientIp(request);
    const ipLimit = SIGNIN_LIMITS.perIp(ip);
    const accountLimit = SIGNIN_LIMITS.perAccount(email);
    const [byIp, byAccount] = await Promise.all([peek(ipLimit), email ? peek(accountLimit) : Promise.resolve(0)]).catch(() => [0, 0]);
    if (byIp >= ipLimit.max || byAccount >= accountLimit.max) {
      await audit({ action: "auth.signin.rate_limited", actorEmail: email || null, ip, details: { by: byIp >= ipLimit.max ? "ip" : "account", status: 429 } });
      return Response.json(
        { url: `${new URL(request.url).origin}/signin?error=RateLimited`, error: "RateLimited" },
        { status: 429, headers: { "Retry-After": "600" } },
      );
    }
  }
  return handler(request, context);
}

export { handler as GET, POST };
