// The client's IP address, for the per-IP sign-in limit and the audit log. Forwarding headers (X-Forwarded-For,
// X-Real-IP) are believed only when CADENCE_TRUSTED_PROXIES says a proxy is in front; otherwise the socket's address
// counts. server.ts sees the socket, resolves the address once and hands it to Next in a header of its own, signed
// with a key that only this process knows: a copy sent by a client is dropped, and one that slips through (no
// server.ts in front, e.g. `next dev`) does not verify. See docs/decisions/0013-client-ip-and-sign-in-limits.md.
import { BlockList, isIP } from "node:net";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CLIENT_IP_HEADER = "x-cadence-client-ip";
/** What an address is recorded as when nobody vouched for one (no server.ts in front). */
export const UNKNOWN_CLIENT = "local";
const KEY_ENV = "CADENCE_CLIENT_IP_KEY";

export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList; text: string };

/**
 * CADENCE_TRUSTED_PROXIES: unset, empty or 0 trusts no proxy; a number is how many proxies stand in front (each
 * appends the address it saw to X-Forwarded-For); otherwise a comma list of proxy addresses or CIDR ranges.
 * Throws on an entry it cannot read, so a typo stops the server instead of silently trusting nothing (or everything).
 */
export function parseTrustedProxies(setting: string | undefined): ProxyTrust {
  const text = (setting ?? "").trim();
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 20) };
  const list = new BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? null : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || extra !== undefined || Number.isNaN(bits) || (bits !== null && bits > (family === 4 ? 32 : 128))) {
      throw new Error(`CADENCE_TRUSTED_PROXIES: "${entry.slice(0, 60)}" is not an IP address, a CIDR range or a number of proxies`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { kind: "list", list, text };
}

/** The address in a canonical form (IPv4-mapped IPv6 as plain IPv4, ports and brackets removed), or null. */
export function normaliseIp(value: string | undefined | null): string | null {
  if (!value) return null;
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(v)) v = v.slice(7);
  return isIP(v) ? v.toLowerCase() : null;
}

function isTrusted(trust: ProxyTrust, address: string): boolean {
  if (trust.kind !== "list") return false;
  return trust.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/**
 * Who the client is, from the socket's address and (only when `trust` allows) the forwarding headers. Walks the
 * X-Forwarded-For chain from the right: every hop a trusted proxy added is skipped, the first one it vouches for is
 * the client. Anything a client wrote further left is never read.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  headers: { [name: string]: string | string[] | undefined },
  trust: ProxyTrust,
): string {
  const socket = normaliseIp(socketAddress) ?? UNKNOWN_CLIENT;
  if (trust.kind === "none" || socket === UNKNOWN_CLIENT) return socket;
  const forwarded = headerText(headers["x-forwarded-for"])
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length === 0) {
    const real = normaliseIp(headerText(headers["x-real-ip"]));
    const socketIsProxy = trust.kind === "hops" || isTrusted(trust, socket);
    return socketIsProxy && real ? real : socket;
  }
  const chain = [...forwarded.map((entry) => normaliseIp(entry)), socket];
  if (trust.kind === "hops") {
    // The outermost trusted proxy's peer; if that entry is garbage, the nearest readable hop to its right.
    for (let i = Math.max(0, chain.length - 1 - trust.hops); i < chain.length; i++) {
      const address = chain[i];
      if (address) return address;
    }
    return socket;
  }
  let client = socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = chain[i];
    if (!address) return client; // an unreadable hop: keep the last address a trusted proxy vouched for
    client = address;
    if (!isTrusted(trust, address)) return client;
  }
  return client;
}

/** This process's key for the header (server.ts creates it at start; tests get one on first use). */
export function clientIpKey(): string {
  return (process.env[KEY_ENV] ??= randomBytes(32).toString("base64url"));
}

/** server.ts, at start: a fresh key, whatever the environment held, so no one outside this process knows it. */
export function newClientIpKey(): void {
  process.env[KEY_ENV] = randomBytes(32).toString("base64url");
}

function sign(ip: string, key: string): string {
  return createHmac("sha256", key).update(ip).digest("base64url");
}

interface IncomingLike {
  headers: { [name: string]: string | string[] | undefined };
  rawHeaders: string[];
  socket: { remoteAddress?: string };
}

/** server.ts: drops any client-sent copy of the header and sets the resolved, signed address in its place. */
export function stampClientIp(req: IncomingLike, trust: ProxyTrust): string {
  const ip = resolveClientIp(req.socket.remoteAddress, req.headers, trust);
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === CLIENT_IP_HEADER) req.rawHeaders.splice(i, 2);
  }
  const value = `${ip} ${sign(ip, clientIpKey())}`;
  req.headers[CLIENT_IP_HEADER] = value;
  req.rawHeaders.push(CLIENT_IP_HEADER, value);
  return ip;
}

/**
 * The client's address as server.ts resolved it, from a Fetch `Headers` or a plain header object (next-auth's
 * `req.headers`). A missing, forged or unsigned value gives UNKNOWN_CLIENT, never what the client wrote.
 */
export function clientIp(headers: Headers | { [name: string]: unknown } | undefined | null): string {
  const raw = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers?.[CLIENT_IP_HEADER];
  const key = process.env[KEY_ENV];
  if (typeof raw !== "string" || !key) return UNKNOWN_CLIENT;
  const [ip, signature, extra] = raw.split(" ");
  if (!ip || !signature || extra !== undefined) return UNKNOWN_CLIENT;
  const expected = Buffer.from(sign(ip, key));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ip : UNKNOWN_CLIENT;
}
