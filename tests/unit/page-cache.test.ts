import { describe, expect, it } from "vitest";
import {
  cacheKey,
  isCacheableRequest,
  isCacheableResponse,
  localDateIn,
  PageCache,
  sessionToken,
  type CachedPage,
  type DatabaseState,
} from "@/lib/http/page-cache";

const SESSION = "next-auth.session-token=abc.def.ghi";

function request(headers: Record<string, string>, url = "/inspection", method = "GET") {
  return { method, url, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), rawHeaders: Object.entries(headers).flat() };
}

function entry(snapshot: string, body = "<html>page</html>", overrides: Partial<CachedPage> = {}): CachedPage {
  return { snapshot, localDate: "2026-11-23", expiresAt: Date.parse("2026-11-23T15:01:00Z"), status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(body), ...overrides };
}

const NOON_NY = Date.parse("2026-11-23T15:00:00Z"); // 10:00 in New York
const state = (snapshot: string): DatabaseState => ({ snapshot, timeZone: "America/New_York" });

describe("which requests the page cache answers", () => {
  it("a signed-in GET of a page", () => {
    expect(isCacheableRequest(request({ cookie: SESSION }))).toBe(true);
    expect(isCacheableRequest(request({ cookie: `theme=dark; __Secure-${SESSION}` }))).toBe(true);
  });

  it("never a signed-out request, a server action, a route handler, an asset, sign-in or an import's progress", () => {
    expect(isCacheableRequest(request({}))).toBe(false);
    expect(isCacheableRequest(request({ cookie: "next-auth.csrf-token=x" }))).toBe(false);
    expect(isCacheableRequest(request({ cookie: SESSION }, "/inspection", "POST"))).toBe(false);
    expect(isCacheableRequest(request({ cookie: SESSION, "Next-Action": "7f00" }))).toBe(false);
    for (const url of ["/api/export/deals", "/_next/static/chunks/a.js", "/signin", "/import/job1"]) {
      expect(isCacheableRequest(request({ cookie: SESSION }, url))).toBe(false);
    }
  });

  it("not a forced reload (Cache-Control: no-cache)", () => {
    expect(isCacheableRequest(request({ cookie: SESSION, "Cache-Control": "no-cache" }))).toBe(false);
    expect(isCacheableRequest(request({ cookie: SESSION, Pragma: "no-cache" }))).toBe(false);
    expect(isCacheableRequest(request({ cookie: SESSION, "Cache-Control": "max-age=0" }))).toBe(true);
  });

  it("reads the session token out of the cookie header", () => {
    expect(sessionToken({ cookie: `a=1; ${SESSION}; b=2` })).toBe("abc.def.ghi");
    expect(sessionToken({ cookie: "a=1" })).toBeNull();
  });
});

describe("the cache key", () => {
  it("differs by session, URL, RSC navigation headers and encoding", () => {
    const base = cacheKey(request({ cookie: SESSION, accept: "text/html" }));
    expect(cacheKey(request({ cookie: "next-auth.session-token=other", accept: "text/html" }))).not.toBe(base);
    expect(cacheKey(request({ cookie: SESSION, accept: "text/html" }, "/inspection?show=stale"))).not.toBe(base);
    expect(cacheKey(request({ cookie: SESSION, accept: "text/html", RSC: "1" }))).not.toBe(base);
    expect(cacheKey(request({ cookie: SESSION, accept: "text/html", "Accept-Encoding": "gzip" }))).not.toBe(base);
  });

  it("ignores header order, case and per-connection headers", () => {
    const base = cacheKey(request({ cookie: SESSION, accept: "text/html" }));
    expect(cacheKey(request({ Accept: "text/html", Cookie: SESSION, Connection: "keep-alive", "X-Request-Id": "42" }))).toBe(base);
  });
});

describe("what the cache keeps and serves", () => {
  it("keeps only whole 200 HTML or RSC responses that set no cookie", () => {
    expect(isCacheableResponse(200, { "content-type": "text/html; charset=utf-8" }, 1000)).toBe(true);
    expect(isCacheableResponse(200, { "content-type": "text/x-component" }, 1000)).toBe(true);
    expect(isCacheableResponse(307, { "content-type": "text/html" }, 10)).toBe(false);
    expect(isCacheableResponse(403, { "content-type": "text/html" }, 10)).toBe(false);
    expect(isCacheableResponse(200, { "content-type": "text/html", "set-cookie": ["a=1"] }, 10)).toBe(false);
    expect(isCacheableResponse(200, { "content-type": "text/csv" }, 10)).toBe(false);
  });

  it("serves an entry only while the database snapshot is the one taken before its render", () => {
    const cache = new PageCache(1024 * 1024);
    cache.set("k", entry("100:105:100,102"));
    expect(cache.get("k", state("100:105:100,102"), NOON_NY)?.body.toString()).toBe("<html>page</html>");
    // A write committed (xmax moved, or an in-progress transaction finished): the page is rendered again.
    expect(cache.get("k", state("100:106:100,102"), NOON_NY)).toBeNull();
    expect(cache.get("k", state("100:105:100,102"), NOON_NY)).toBeNull(); // and the stale entry is gone
    cache.set("k", entry("100:105:100,102"));
    expect(cache.get("k", state("102:105:102"), NOON_NY)).toBeNull();
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(3);
  });

  it("ends at the organisation's midnight and at the entry's expiry", () => {
    const cache = new PageCache(1024 * 1024);
    const lateEvening = Date.parse("2026-11-24T04:59:30Z"); // 23:59:30 in New York
    cache.set("k", entry("1:2:", undefined, { localDate: localDateIn("America/New_York", lateEvening), expiresAt: lateEvening + 60_000 }));
    expect(cache.get("k", state("1:2:"), lateEvening + 20_000)).not.toBeNull();
    expect(cache.get("k", state("1:2:"), lateEvening + 40_000)).toBeNull(); // 00:00:10 the next day
    cache.set("k", entry("1:2:"));
    expect(cache.get("k", state("1:2:"), Date.parse("2026-11-23T15:01:00Z"))).toBeNull();
  });

  it("drops the least recently used pages beyond its size", () => {
    const cache = new PageCache(25);
    cache.set("a", entry("1:2:", "a".repeat(10)));
    cache.set("b", entry("1:2:", "b".repeat(10)));
    expect(cache.get("a", state("1:2:"), NOON_NY)).not.toBeNull(); // a is now the most recent
    cache.set("c", entry("1:2:", "c".repeat(10)));
    expect(cache.size).toBe(2);
    expect(cache.storedBytes).toBe(20);
    expect(cache.get("b", state("1:2:"), NOON_NY)).toBeNull();
    expect(cache.get("a", state("1:2:"), NOON_NY)).not.toBeNull();
    expect(cache.get("c", state("1:2:"), NOON_NY)).not.toBeNull();
  });
});
