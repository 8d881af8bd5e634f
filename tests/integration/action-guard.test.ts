// Every server action and route handler goes through the shared guard: this test finds them all, including ones
// added later, and fails on any that does not.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { discoverActions, isGuarded, readSource, routeHandlerFiles, serverActionFiles } from "@/tests/support/discover";

// Route handlers that are public on purpose: next-auth's own endpoints and the health probe.
// The OpenAPI document holds no data. Unsubscribe links authenticate by their signed token (lib/mail/links.ts), a
// calendar feed by its revocable secret token (lib/calendar/feed.ts: calendar apps subscribe without a session).
// /api/v1 routes authenticate by token through apiHandler (lib/api/handler.ts).
const PUBLIC_ROUTES = new Set([
  "app/api/auth/[...nextauth]/route.ts",
  "app/api/health/route.ts",
  "app/api/v1/openapi.json/route.ts",
  "app/api/unsubscribe/[token]/route.ts",
  "app/api/calendar/[token]/route.ts",
]);

describe("server actions", () => {
  it("are found (the discovery itself works)", async () => {
    expect(serverActionFiles().length).toBeGreaterThanOrEqual(0);
    const actions = await discoverActions();
    for (const a of actions) expect(typeof a.action, `${a.file} ${a.exportName}`).toBe("function");
  });

  it("all go through defineAction: session, role, object permission, strict schema", async () => {
    const actions = await discoverActions();
    const unguarded = actions.filter((a) => !isGuarded(a.action)).map((a) => `${a.file}#${a.exportName}`);
    expect(unguarded).toEqual([]);
    const names = new Set<string>();
    for (const { file, exportName, action } of actions) {
      if (!isGuarded(action)) continue;
      const def = action.definition;
      const where = `${file}#${exportName}`;
      expect(def.name, where).toMatch(/^[a-z][a-z-]*(\.[a-z-]+)+$/);
      expect(names.has(def.name), `duplicate action name ${def.name}`).toBe(false);
      names.add(def.name);
      expect(def.roles.length, where).toBeGreaterThan(0);
      // Strict: an unknown key is refused as such, not silently dropped.
      const probe = def.schema.safeParse({ zzUnexpectedField: "x" });
      expect(probe.success, where).toBe(false);
      if (!probe.success) expect(probe.error.issues.map((i) => i.code), where).toContain("unrecognized_keys");
    }
  });

  it("are the only exports of their 'use server' modules", async () => {
    for (const file of serverActionFiles()) {
      const source = fs.readFileSync(file, "utf8");
      // No exported helpers that would become callable endpoints without the guard.
      expect(source, file).not.toMatch(/export\s+async\s+function\s+\w+/);
    }
  });
});

describe("route handlers", () => {
  it("check the session themselves (or are deliberately public)", () => {
    for (const file of routeHandlerFiles()) {
      if (PUBLIC_ROUTES.has(file)) continue;
      const source = readSource(file);
      expect(source, `${file} must check the session itself`).toMatch(/getCurrentUser\(|requireApiUser\(|requireUser\(|\bapiHandler\(endpoint\(/);
    }
  });
});
