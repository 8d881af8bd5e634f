import { describe, expect, it } from "vitest";
import { DatabaseUrlError, redact, validateDatabaseUrl } from "@/lib/db-url";

describe("DATABASE_URL validation", () => {
  it("accepts a PostgreSQL URL", () => {
    expect(validateDatabaseUrl("postgresql://u:p@db.internal:5432/cadence")).toBe("postgresql://u:p@db.internal:5432/cadence");
  });

  it.each([
    ["not a url", /not a valid URL/],
    ["mysql://u:p@host/db", /must start with postgresql/],
    ["postgresql://u:p@host:5432", /names no database/],
  ])("refuses %s with a message that says what is wrong", (raw, message) => {
    expect(() => validateDatabaseUrl(raw)).toThrow(DatabaseUrlError);
    expect(() => validateDatabaseUrl(raw)).toThrow(message);
  });

  it("never prints the password", () => {
    expect(redact("postgresql://u:secret@host/db")).not.toContain("secret");
    expect(redact("postgresql://u:secret@ho st/db")).not.toContain("secret");
  });
});
