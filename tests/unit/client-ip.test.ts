import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, normaliseIp, parseTrustedProxies, resolveClientIp, stampClientIp } from "@/lib/http/client-ip";
import { signInDelayMs, MAX_SIGNIN_DELAY_MS } from "@/lib/http/rate-limit";

const none = parseTrustedProxies(undefined);

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever the headers say", () => {
    const headers = { "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" };
    expect(resolveClientIp("198.51.100.1", headers, none)).toBe("198.51.100.1");
    expect(resolveClientIp("::ffff:127.0.0.1", headers, parseTrustedProxies("0"))).toBe("127.0.0.1");
    expect(resolveClientIp(undefined, headers, none)).toBe("local");
  });

  it("with a hop count, is the address the outermost trusted proxy saw", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" };
    expect(resolveClientIp("10.0.0.1", headers, parseTrustedProxies("1"))).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.1", headers, parseTrustedProxies("2"))).toBe("203.0.113.7");
    // More hops configured than the request went through: the leftmost, never beyond.
    expect(resolveClientIp("10.0.0.1", headers, parseTrustedProxies("9"))).toBe("6.6.6.6");
    expect(resolveClientIp("10.0.0.1", { "x-real-ip": "203.0.113.9" }, parseTrustedProxies("1"))).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.1", {}, parseTrustedProxies("1"))).toBe("10.0.0.1");
  });

  it("with a list, skips the trusted proxies from the right and stops at the first address they vouch for", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, 2001:db8::/32");
    expect(resolveClientIp("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 192.168.1.10" }, trust)).toBe("203.0.113.7");
    expect(resolveClientIp("2001:db8::1", { "x-forwarded-for": "203.0.113.7" }, trust)).toBe("203.0.113.7");
    // The socket is not a trusted proxy: its headers are the client's own words.
    expect(resolveClientIp("198.51.100.1", { "x-forwarded-for": "203.0.113.7" }, trust)).toBe("198.51.100.1");
    expect(resolveClientIp("198.51.100.1", { "x-real-ip": "203.0.113.7" }, trust)).toBe("198.51.100.1");
    // Garbage in the chain: the last address a trusted proxy vouched for.
    expect(resolveClientIp("10.0.0.1", { "x-forwarded-for": "<script>, 10.0.0.3" }, trust)).toBe("10.0.0.3");
    // Every hop trusted: the leftmost.
    expect(resolveClientIp("10.0.0.1", { "x-forwarded-for": "10.0.0.9, 10.0.0.3" }, trust)).toBe("10.0.0.9");
  });

  it("reads addresses with ports, brackets and IPv4-mapped forms", () => {
    expect(normaliseIp("203.0.113.7:5123")).toBe("203.0.113.7");
    expect(normaliseIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseIp("unknown")).toBeNull();
    expect(normaliseIp("")).toBeNull();
  });

  it("refuses a setting it cannot read rather than guess", () => {
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.1/8/2", "fe80::/129", "proxy.internal"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/CADENCE_TRUSTED_PROXIES/);
    }
    expect(parseTrustedProxies(" ").kind).toBe("none");
  });

  it("passes on only what server.ts stamped: a client's copy of the header is replaced, an unsigned one is not believed", () => {
    const req = { headers: { [CLIENT_IP_HEADER]: "203.0.113.99 x" } as Record<string, string | string[] | undefined>, rawHeaders: [CLIENT_IP_HEADER, "203.0.113.99 x", "X-Cadence-Client-IP", "1.1.1.1 y"], socket: { remoteAddress: "198.51.100.4" } };
    expect(stampClientIp(req, none)).toBe("198.51.100.4");
    expect(req.rawHeaders.filter((h) => h.toLowerCase() === CLIENT_IP_HEADER)).toHaveLength(1);
    expect(clientIp(req.headers)).toBe("198.51.100.4");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: String(req.headers[CLIENT_IP_HEADER]) }))).toBe("198.51.100.4");
    const signature = String(req.headers[CLIENT_IP_HEADER]).split(" ")[1];
    expect(clientIp({ [CLIENT_IP_HEADER]: `203.0.113.99 ${signature}` })).toBe("local");
    expect(clientIp({ [CLIENT_IP_HEADER]: "203.0.113.99" })).toBe("local");
    expect(clientIp({ "x-forwarded-for": "203.0.113.99" })).toBe("local");
    expect(clientIp(undefined)).toBe("local");
  });
});

describe("slowing down sign-ins past an account's ceiling", () => {
  it("waits nothing below it, then doubles up to a bound", () => {
    expect(signInDelayMs(0, 100)).toBe(0);
    expect(signInDelayMs(99, 100)).toBe(0);
    expect(signInDelayMs(100, 100)).toBe(250);
    expect(signInDelayMs(101, 100)).toBe(500);
    expect(signInDelayMs(104, 100)).toBe(4000);
    expect(signInDelayMs(105, 100)).toBe(MAX_SIGNIN_DELAY_MS);
    expect(signInDelayMs(100_000, 100)).toBe(MAX_SIGNIN_DELAY_MS);
  });
});
