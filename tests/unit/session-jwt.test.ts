// The session token read and written by lib/auth/jwt.ts (the derived key kept per secret) is next-auth's own format:
// each side decodes the other's tokens, a wrong secret, a tampered token and an expired one are refused.
import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken, sessionTokenFrom } from "@/lib/auth/jwt";

const secret = "unit-test-secret-0123456789abcdef";

describe("session token", () => {
  it("decodes next-auth's tokens and next-auth decodes ours", async () => {
    const theirs = await encode({ token: { uid: "u1", sv: 3 }, secret, maxAge: 60 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject({ uid: "u1", sv: 3 });
    const ours = await encodeSessionToken({ token: { uid: "u2", sv: 0 }, secret, maxAge: 60 });
    const back = await decode({ token: ours, secret });
    expect(back).toMatchObject({ uid: "u2", sv: 0 });
    expect(typeof back?.exp).toBe("number");
    expect(typeof back?.jti).toBe("string");
  });

  it("refuses another secret, a tampered token and an expired one", async () => {
    const token = await encodeSessionToken({ token: { uid: "u1", sv: 1 }, secret, maxAge: 60 });
    await expect(decodeSessionToken({ token, secret: `${secret}x` })).rejects.toThrow();
    const parts = token.split(".");
    parts[3] = `${parts[3].slice(0, -2)}${parts[3].endsWith("AA") ? "AB" : "AA"}`;
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    const expired = await encode({ token: { uid: "u1", sv: 1 }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/expired/);
    expect(await decodeSessionToken({ token: "", secret })).toBeNull();
  });

  it("joins a chunked cookie in order", () => {
    const jar = [
      { name: "next-auth.session-token.1", value: "B" },
      { name: "next-auth.session-token.0", value: "A" },
      { name: "other", value: "x" },
    ];
    expect(sessionTokenFrom((n) => jar.find((c) => c.name === n)?.value, () => jar, false)).toBe("AB");
    expect(sessionTokenFrom(() => "whole", () => jar, false)).toBe("whole");
    expect(sessionTokenFrom(() => undefined, () => [], true)).toBeUndefined();
  });
});
