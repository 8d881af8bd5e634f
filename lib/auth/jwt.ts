// next-auth 4's session token (a JWE: "dir" + A256GCM, under a key derived from NEXTAUTH_SECRET with HKDF-SHA256),
// read and written with node:crypto and the derived key kept per secret. next-auth's own encode/decode derive the key
// again on every call (`@panva/hkdf` in next-auth/jwt): a CPU cost paid by every rendered request. Same format both
// ways: a token from next-auth/jwt decodes here and the reverse (tests/unit/session-jwt.test.ts).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const HEADER = { alg: "dir", enc: "A256GCM" } as const;
const HEADER_B64 = Buffer.from(JSON.stringify(HEADER)).toString("base64url");
/** next-auth's default, and jose's clock tolerance in next-auth's decode. */
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const CLOCK_TOLERANCE_S = 15;

const keys = new Map<string, Buffer>();

/** next-auth's getDerivedEncryptionKey, once per (secret, salt). */
function derivedKey(secret: string | Buffer, salt: string): Buffer {
  const id = `${typeof secret === "string" ? secret : secret.toString("hex")}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32));
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...token, iat: now, exp: now + maxAge, jti: randomUUID() };
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(secret, salt), iv);
  cipher.setAAD(Buffer.from(HEADER_B64, "ascii"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  return `${HEADER_B64}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

/**
 * The token's claims, or null when it is absent. Throws, as next-auth's decode does, when it is not a token under
 * this secret, uses another algorithm, or has expired (15 s of clock tolerance, as next-auth).
 */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") throw new Error("session token: not a compact JWE with a direct key");
  const [protectedHeader, , ivB64, ciphertextB64, tagB64] = parts;
  const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as Record<string, unknown>;
  if (header.alg !== HEADER.alg || header.enc !== HEADER.enc || Object.keys(header).some((k) => k !== "alg" && k !== "enc")) {
    throw new Error("session token: unexpected header");
  }
  const iv = Buffer.from(ivB64, "base64url");
  const tag = Buffer.from(tagB64, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new Error("session token: bad iv or tag");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(secret, salt), iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(protectedHeader, "ascii"));
  decipher.setAuthTag(tag);
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertextB64, "base64url")), decipher.final()]);
  const payload = JSON.parse(plaintext.toString("utf8")) as unknown;
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw new Error("session token: payload is not an object");
  const claims = payload as JWT & { exp?: unknown; nbf?: unknown; iat?: unknown };
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp !== undefined && (typeof claims.exp !== "number" || claims.exp <= now - CLOCK_TOLERANCE_S)) throw new Error("session token: expired");
  if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf > now + CLOCK_TOLERANCE_S)) throw new Error("session token: not yet valid");
  if (claims.iat !== undefined && typeof claims.iat !== "number") throw new Error("session token: bad iat");
  return claims;
}

/** The session cookie's names (plain and, over https, __Secure-); a token over 4 KB is split in `.0`, `.1`… chunks. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session token from a cookie reader (next/headers' cookies()), chunks joined as next-auth's SessionStore does. */
export function sessionTokenFrom(get: (name: string) => string | undefined, all: () => { name: string; value: string }[], secure: boolean): string | undefined {
  const name = sessionCookieName(secure);
  const whole = get(name);
  if (whole) return whole;
  const chunks = all()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}
