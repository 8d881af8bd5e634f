// Stands in for "server-only" under vitest: tests run server code directly.
export {};
