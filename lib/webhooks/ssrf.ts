// SSRF guard for webhook URLs: https only, or http to hosts an admin allows; private, loopback, link-local and other
// special addresses are refused unless the host is allowed. The allow-list is the organisation's setting
// (/admin/settings, audited) plus CADENCE_WEBHOOK_ALLOW_HOSTS for operators. Delivery re-reads it, re-resolves the
// name and connects to the very address it checked, so DNS rebinding between check and connect cannot redirect it.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { prisma } from "@/lib/db";

/** The hosts the environment allows (CADENCE_WEBHOOK_ALLOW_HOSTS, a comma list), lower case. */
export function allowedHosts(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env.CADENCE_WEBHOOK_ALLOW_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** What the organisation's setting and the environment allow together, read now (at subscription and at delivery). */
export async function loadAllowedHosts(db: Pick<typeof prisma, "organisation">): Promise<Set<string>> {
  const org = await db.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { webhookAllowedHosts: true } });
  const allow = allowedHosts();
  for (const h of org?.webhookAllowedHosts ?? []) allow.add(h.toLowerCase());
  return allow;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * One entry of the admin's allow-list: an exact host name (no wildcard, port, scheme or path) or a single IP address
 * (no range). Returns the canonical form, or why it is refused.
 */
export function parseAllowedHost(raw: string): { ok: true; host: string } | { ok: false; message: string } {
  const entry = raw.trim().toLowerCase();
  const shown = raw.trim().slice(0, 60);
  if (!entry) return { ok: false, message: "An entry is empty." };
  const bare = entry.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) {
    if (bare === "0.0.0.0" || bare === "::") return { ok: false, message: `"${shown}" is not an address a webhook can reach.` };
    return { ok: true, host: isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare };
  }
  if (entry.length > 253 || /[/:@*?#\s]/.test(entry)) {
    return { ok: false, message: `"${shown}" is not a host name or an IP address: give the host alone, e.g. hooks.internal or 10.0.0.5 (no scheme, port, path or wildcard).` };
  }
  const labels = entry.replace(/\.$/, "").split(".");
  if (!labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    return { ok: false, message: `"${shown}" is not a host name or an IP address: give the host alone, e.g. hooks.internal or 10.0.0.5 (no scheme, port, path or wildcard).` };
  }
  return { ok: true, host: labels.join(".") };
}

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

/** True for any address a webhook must not reach by default (private, loopback, link-local, multicast, reserved). */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return ipv4Private(ip);
  if (family !== 6) return true;
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return ipv4Private(mapped[1]);
  return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6) || v6.startsWith("64:ff9b:") || v6.startsWith("2001:db8");
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The URL's form: scheme, no credentials, host allowed for http. */
export function checkUrlForm(raw: string, allow = allowedHosts()): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "Enter a full URL, e.g. https://example.com/hooks/cadence." };
  }
  if (url.username || url.password) return { ok: false, message: "The URL may not contain a user name or password." };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (url.protocol === "http:" && !allow.has(host)) return { ok: false, message: "Use https (plain http only to hosts an administrator allows)." };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Use an https URL." };
  return { ok: true, url };
}

export type Resolved = { ok: true; address: string; family: 4 | 6 } | { ok: false; message: string };

/** Resolves the host now and checks every address it has; the first allowed one is the one to connect to. */
export async function resolveTarget(url: URL, allow = allowedHosts()): Promise<Resolved> {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, message: `The host ${host} could not be resolved.` };
  }
  if (addresses.length === 0) return { ok: false, message: `The host ${host} has no address.` };
  const hostAllowed = allow.has(host);
  // Any private address among them refuses the host (an attacker could otherwise pick the private one later).
  const blocked = addresses.find((a) => isPrivateAddress(a.address) && !hostAllowed && !allow.has(a.address));
  if (blocked) return { ok: false, message: `The host ${host} resolves to a private or local address (${blocked.address}); an administrator must allow it.` };
  const first = addresses[0];
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}
