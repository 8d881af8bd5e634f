// A request as it reaches next-auth behind server.ts: the test names the socket's address and the headers the client
// (or a proxy) sent, and server.ts's own stamping (lib/http/client-ip.ts) turns them into the headers Next sees.
import { parseTrustedProxies, stampClientIp } from "@/lib/http/client-ip";

export function fromClient(
  socketAddress: string,
  sent: Record<string, string> = {},
  trustedProxies: string | undefined = undefined,
): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = {};
  const rawHeaders: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    headers[name.toLowerCase()] = value;
    rawHeaders.push(name, value);
  }
  stampClientIp({ headers, rawHeaders, socket: { remoteAddress: socketAddress } }, parseTrustedProxies(trustedProxies));
  return headers;
}
