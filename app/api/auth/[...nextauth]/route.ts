// next-auth's own endpoints (sign-in, sign-out, session, CSRF). Credential sign-ins over the limit are answered
// 429 here, before next-auth runs (per client address, and per account from that client); the attempts themselves
// are counted (and audited) in lib/auth/options.ts.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { audit } from "@/lib/audit";
import { peek, SIGNIN_LIMITS } from "@/lib/http/rate-limit";
import { clientIp } from "@/lib/http/client-ip";

const handler = NextAuth(authOptions);

async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
    const ip = clientIp(request.headers);
    const ipLimit = SIGNIN_LIMITS.perIp(ip);
    // Failures on this account from this client only: a guesser elsewhere cannot lock the owner out.
    const pairLimit = SIGNIN_LIMITS.perAccountAndClient(email, ip);
    const [byIp, byPair] = await Promise.all([peek(ipLimit), email ? peek(pairLimit) : Promise.resolve(0)]).catch(() => [0, 0]);
    if (byIp >= ipLimit.max || byPair >= pairLimit.max) {
      await audit({ action: "auth.signin.rate_limited", actorEmail: email || null, ip, details: { by: byIp >= ipLimit.max ? "ip" : "account_and_client", status: 429 } });
      return Response.json(
        { url: `${new URL(request.url).origin}/signin?error=RateLimited`, error: "RateLimited" },
        { status: 429, headers: { "Retry-After": "600" } },
      );
    }
  }
  return handler(request, context);
}

export { handler as GET, POST };
