import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/http/safe-redirect";

const ORIGIN = "http://localhost:3000";

describe("the target followed after sign-in", () => {
  it("keeps a path on the app's own origin, normalised", () => {
    expect(sameOriginPath("/deals", ORIGIN)).toBe("/deals");
    expect(sameOriginPath("/deals?owner=me&q=acme#top", ORIGIN)).toBe("/deals?owner=me&q=acme#top");
    expect(sameOriginPath("/deals/../inspection", ORIGIN)).toBe("/inspection");
    expect(sameOriginPath("http://localhost:3000/quarterly?q=2026-10-01", ORIGIN)).toBe("/quarterly?q=2026-10-01");
  });

  it("refuses every spelling a browser reads as another host", () => {
    // What the query string decodes to for /%5C127.0.0.1:9/pwned, /%09/…, /%5C/… and friends.
    const hostile = [
      "/\\127.0.0.1:9/pwned",
      "/\t/127.0.0.1:9/pwned",
      "/\\/127.0.0.1:9/pwned",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "//evil.example/x",
      "\\\\evil.example",
      "/.//evil.example",
      "/deals/../..//evil.example",
      "https://evil.example/deals",
      "http://localhost:3001/deals",
      "https://localhost:3000/deals",
      "javascript:alert(1)",
      "data:text/html,hi",
      " //evil.example",
    ];
    for (const target of hostile) expect(sameOriginPath(target, ORIGIN), JSON.stringify(target)).toBeNull();
  });

  it("refuses what is not a usable string", () => {
    for (const target of [undefined, null, "", 42, ["/deals"], `/${"a".repeat(3000)}`]) expect(sameOriginPath(target, ORIGIN)).toBeNull();
  });

  it("without a configured origin, keeps only paths", () => {
    expect(sameOriginPath("/deals", "http://cadence.invalid")).toBe("/deals");
    expect(sameOriginPath("http://localhost:3000/deals", "http://cadence.invalid")).toBeNull();
  });
});
