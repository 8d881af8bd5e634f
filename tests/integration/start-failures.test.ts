// `npm start` explains what is wrong in one line, instead of a stack trace, for each way a start can fail.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-start-"));
  const result = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { ...process.env, CADENCE_DATA_DIR: dataDir, PORT: "3999", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("npm start refuses clearly", () => {
  it("a malformed DATABASE_URL", () => {
    const r = start({ DATABASE_URL: "mysql://user:secret@host/db" });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("DATABASE_URL must start with postgresql://");
    expect(r.out).not.toContain("secret");
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("a database that is down", () => {
    const r = start({ DATABASE_URL: "postgresql://user:pw@127.0.0.1:9/cadence" });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Cannot connect to the database at .*nothing is listening there/);
  });

  it("a port that is already taken", async () => {
    const server = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = start({ PORT: String(port), DATABASE_URL: "postgresql://user:pw@127.0.0.1:9/cadence" });
      expect(r.code).not.toBe(0);
      expect(r.out).toContain(`Port ${port} is already taken`);
    } finally {
      server.close();
    }
  });

  it("a data folder that cannot be written", () => {
    // Tests run as root, for whom permission bits do not apply: a path under a regular file cannot be created by anyone.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cadence-file-")), "a-file");
    fs.writeFileSync(file, "");
    const r = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
      env: { ...process.env, CADENCE_DATA_DIR: path.join(file, "data"), PORT: "3999" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/Cannot create the data folder .*a-file\/data .*Set CADENCE_DATA_DIR to a writable folder/);
  });
});
