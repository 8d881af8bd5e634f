// Loader hooks for cjs-interop.mjs: next-auth's provider modules get their `default` export unwrapped.
const PREFIX = "cadence-interop:";
const WRAPPED = /\/node_modules\/next-auth\/providers\/[^/]+\.js$/;

export async function resolve(specifier, context, next) {
  // Next bundles "server-only" itself; outside Next (the API benchmark worker) it is an empty module.
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  const resolved = await next(specifier, context);
  if (WRAPPED.test(resolved.url)) return { url: PREFIX + resolved.url, format: "module", shortCircuit: true };
  return resolved;
}

export async function load(url, context, next) {
  if (!url.startsWith(PREFIX)) return next(url, context);
  const real = url.slice(PREFIX.length);
  return {
    format: "module",
    shortCircuit: true,
    source: `import { createRequire } from "node:module";\nconst m = createRequire(${JSON.stringify(real)})(${JSON.stringify(new URL(real).pathname)});\nexport default m.default ?? m;\n`,
  };
}
