// Finds every server action module and route handler in the app, so guard tests cover what exists now and later.
import fs from "node:fs";
import path from "node:path";
import type { GuardedAction } from "@/lib/actions/safe-action";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function walk(dir: string, match: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out.sort();
}

/** Every module that declares 'use server' under app/ and lib/. */
export function serverActionFiles(): string[] {
  return [...walk(path.join(ROOT, "lib"), (f) => /\.tsx?$/.test(f)), ...walk(path.join(ROOT, "app"), (f) => /\.tsx?$/.test(f))]
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`))
    .filter((f) => /^\s*(["'])use server\1/m.test(fs.readFileSync(f, "utf8").split("\n").slice(0, 5).join("\n")));
}

export interface DiscoveredAction {
  file: string;
  exportName: string;
  action: GuardedAction<unknown> | unknown;
}

export async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of serverActionFiles()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [exportName, action] of Object.entries(mod)) found.push({ file: path.relative(ROOT, file), exportName, action });
  }
  return found;
}

export function isGuarded(action: unknown): action is GuardedAction<unknown> {
  return typeof action === "function" && typeof (action as { definition?: unknown }).definition === "object";
}

/** Every route handler file (route.ts anywhere under app). */
export function routeHandlerFiles(): string[] {
  return walk(path.join(ROOT, "app"), (f) => /[\\/]route\.tsx?$/.test(f)).map((f) => path.relative(ROOT, f));
}

export function readSource(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), "utf8");
}
