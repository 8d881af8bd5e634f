// next-auth configuration: email + password (scrypt), optional OIDC, JWT sessions re-checked against the database.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { audit } from "@/lib/audit";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/revoke";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt";
import { hit, peek, signInDelayMs, SIGNIN_LIMITS } from "@/lib/http/rate-limit";
import { clientIp } from "@/lib/http/client-ip";
import { sameOriginPath } from "@/lib/http/safe-redirect";
import { isDatabaseUnavailable } from "@/lib/errors";

/** Messages the sign-in page shows for each error code next-auth hands back. */
export const SIGNIN_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match. Check both and try again.",
  AccountDisabled: "This account has been deactivated. Ask your administrator to reactivate it.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  DatabaseUnavailable: "Cadence cannot reach its database right now. Try again in a moment.",
  OidcNoAccount: "There is no active Cadence account for that identity. Ask your administrator.",
  Default: "Sign-in failed. Try again.",
};

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function authorizeCredentials(
  raw: Record<string, string> | undefined,
  headers: Record<string, unknown> | undefined,
  // Tests pass their own, to see the slow-down without waiting for it.
  wait: (ms: number) => Promise<void> = sleep,
) {
  // The address server.ts vouches for (lib/http/client-ip.ts), never a forwarding header the client wrote.
  const ip = clientIp(headers);
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    await audit({ action: "auth.signin.failure", actorEmail: raw?.email?.slice(0, 254) ?? null, ip, details: { reason: "malformed" } });
    return null;
  }
  const { email, password } = parsed.data;
  const pairLimit = SIGNIN_LIMITS.perAccountAndClient(email, ip);
  const ceiling = SIGNIN_LIMITS.accountCeiling(email);
  try {
    const [byIp, pairFailures, accountFailures] = await Promise.all([hit(SIGNIN_LIMITS.perIp(ip)), peek(pairLimit), peek(ceiling)]);
    // Refused: this address, or this address on this account. Failures from elsewhere never refuse this client.
    if (!byIp.allowed || pairFailures >= pairLimit.max) {
      await audit({ action: "auth.signin.rate_limited", actorEmail: email, ip, details: { by: byIp.allowed ? "account_and_client" : "ip" } });
      throw new Error("RateLimited");
    }
    // Slowed, not refused: past the account's ceiling every attempt on it waits, the owner's too, and still gets in.
    const delayMs = signInDelayMs(accountFailures, ceiling.max);
    if (delayMs > 0) {
      await audit({ action: "auth.signin.slowed", actorEmail: email, ip, details: { accountFailures, delayMs } });
      await wait(delayMs);
    }
    const user = await prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
    });
    // A user without a password (imported, or single sign-on only) is verified against the dummy hash for equal
    // timing, and refused whatever the result: the dummy's password must never sign anyone in.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !user.passwordHash || !ok) {
      await Promise.all([hit(pairLimit), hit(ceiling)]);
      await audit({ action: "auth.signin.failure", actorId: user?.id ?? null, actorEmail: email, ip, details: { reason: "bad_credentials" } });
      return null;
    }
    if (!user.active) {
      await audit({ action: "auth.signin.failure", actorId: user.id, actorEmail: email, ip, details: { reason: "deactivated" } });
      throw new Error("AccountDisabled");
    }
    await audit({ action: "auth.signin.success", actorId: user.id, actorEmail: email, ip });
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    if (error instanceof Error && (error.message === "RateLimited" || error.message === "AccountDisabled")) throw error;
    if (isDatabaseUnavailable(error)) throw new Error("DatabaseUnavailable");
    throw error;
  }
}

function oidcProvider(): NextAuthOptions["providers"] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: process.env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
      },
    },
  ];
}

export function oidcEnabled(): boolean {
  return oidcProvider().length > 0;
}

const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // next-auth's token format, with the key derived once per secret instead of on every call (lib/auth/jwt.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/signin", error: "/signin" },
  useSecureCookies: secure,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers as Record<string, unknown>),
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    // OIDC identities sign in only when an active Cadence user has that email; the Cadence id goes in the token.
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      const found = email ? await prisma.user.findUnique({ where: { email }, select: { id: true, active: true } }) : null;
      if (!found || !found.active) {
        await audit({ action: "auth.signin.failure", actorEmail: email ?? null, details: { reason: "oidc_no_account" } });
        return "/signin?error=OidcNoAccount";
      }
      await audit({ action: "auth.signin.success", actorId: found.id, actorEmail: email, details: { provider: "oidc" } });
      user.id = found.id;
      return true;
    },
    async jwt({ token, user }) {
      // At sign-in the token takes the user's session version; a later bump (sign-out, password set, deactivation,
      // role change) makes lib/auth/session.ts refuse it. See docs/decisions/0014-session-revocation.md.
      if (user?.id) {
        const found = await prisma.user.findUnique({ where: { id: user.id }, select: { sessionVersion: true } });
        token.uid = user.id;
        token.sv = found?.sessionVersion ?? -1;
      }
      return token;
    },
    async session({ session, token }) {
      // Only the id and the session version travel in the token; role and active flag are read on every request.
      return { ...session, user: { ...session.user, id: token.uid as string, sv: token.sv as number } };
    },
    // Every redirect next-auth makes (after sign-in or sign-out) stays on Cadence's own origin.
    async redirect({ url, baseUrl }) {
      const origin = new URL(baseUrl).origin;
      const path = sameOriginPath(url, origin);
      return path ? `${origin}${path}` : baseUrl;
    },
  },
  events: {
    // Sign-out ends this session on every instance at once, and every other session the user opened before it.
    async signOut({ token }) {
      const uid = token?.uid;
      const sv = token?.sv;
      if (typeof uid !== "string" || typeof sv !== "number") return;
      await endSessions(prisma, uid, sv);
      await audit({ action: "auth.signout", actorId: uid });
    },
  },
};
