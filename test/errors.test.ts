import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/exit-codes.js";
import { ERROR_CODES, InvalidQueryError, WARNING_CODES, WhoislensError, toWhoislensError } from "../src/errors.js";

describe("error codes", () => {
  const docs = readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
  const documented = [...docs.matchAll(/\| `(WL_ERR_[A-Z_]+)` \|/g)].map((match) => match[1]);

  it("documents every code exactly once, and nothing else", () => {
    expect([...documented].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it("documents every warning code exactly once, with the exit code the CLI gives it", () => {
    const warnings = [...docs.matchAll(/\| `(WL_WARN_[A-Z_]+)` \|[^\n]*\| (\d+) \|/g)].map((match) => [match[1], match[2]]);
    expect(warnings.map(([code]) => code).sort()).toEqual(Object.keys(WARNING_CODES).sort());
    expect(Object.fromEntries(warnings)).toEqual({ WL_WARN_TRUNCATED: String(EXIT.TRUNCATED) });
  });

  it("keeps the cause and serializes code and message", () => {
    const cause = new Error("ECONNRESET");
    const error = toWhoislensError(cause, "WL_ERR_CONNECT");
    expect(error).toBeInstanceOf(WhoislensError);
    expect(error.code).toBe("WL_ERR_CONNECT");
    expect(error.cause).toBe(cause);
    expect(new InvalidQueryError("bad", { server: "x" }).toJSON()).toEqual({ code: "WL_ERR_INVALID_QUERY", message: "bad", server: "x" });
  });
});
