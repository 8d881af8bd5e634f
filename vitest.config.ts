import { defineConfig } from "vitest/config";

const alias = { "@": import.meta.dirname, "server-only": `${import.meta.dirname}/tests/support/empty.ts` };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration-db.ts"],
          // Tests that exercise the mutation limit set it themselves; the others must not trip it.
          env: { CADENCE_MUTATION_LIMIT: "1000000" },
          // One database per worker; files in a worker run one after another on a clean database.
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "resilience",
          include: ["tests/resilience/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 2 },
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          pool: "forks",
          maxWorkers: 1,
          testTimeout: 240_000,
          hookTimeout: 240_000,
          env: { CADENCE_MUTATION_LIMIT: "1000000" },
        },
      },
    ],
  },
});
