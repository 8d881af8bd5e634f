import { defineConfig } from "@playwright/test";

const port = Number(process.env.CADENCE_E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const results = process.env.CADENCE_TEST_RESULTS ?? "test-results";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `${results}/e2e-artifacts`,
  reporter: [["list"], ["json", { outputFile: `${results}/e2e.json` }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1280, height: 800 } } }],
  // Two stateless instances on one database: the second (port + 1) proves sessions and version checks work across them.
  webServer: [0, 1].map((i) => ({
    command: `node --import tsx server.ts -p ${port + i}`,
    url: `http://localhost:${port + i}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Sign-in limits stay on, but high enough for a suite that signs in many times from one address.
      CADENCE_SIGNIN_IP_LIMIT: "1000",
      CADENCE_SIGNIN_ACCOUNT_LIMIT: "40",
      CADENCE_MUTATION_LIMIT: "5000",
      // The job worker's timekeeping writes end cached pages (any commit moves the snapshot), which would make the
      // page-cache specs depend on timing. The worker itself is tested in tests/integration/jobs-worker.test.ts.
      CADENCE_WORKER: "off",
    },
  })),
});
