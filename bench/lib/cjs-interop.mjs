// Node's ESM loader gives a CommonJS module's whole `exports` as its default import; bundlers (Next, vitest) give
// `exports.default` when the module says `__esModule`. next-auth's providers rely on the latter. This preload lets
// the in-process action benchmark import lib/auth under plain Node + tsx, as the app does under Next.
import { register } from "node:module";

register("./cjs-interop-hooks.mjs", import.meta.url);
