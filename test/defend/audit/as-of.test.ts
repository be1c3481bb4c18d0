import { describe, expect, it } from "vitest";
import { AS_OF_PATTERN, parseAsOf } from "../../../src/defend/audit/index.js";
import { runCli } from "../../helpers/cli.js";

// One as-of parser for `whoislens audit --as-of` and the console's POST /api/audit {asOf}.
describe("parseAsOf", () => {
  it("reads a date as midnight UTC and a date-time with its zone", () => {
    expect(parseAsOf("2027-01-31", "--as-of")?.toISOString()).toBe("2027-01-31T00:00:00.000Z");
    expect(parseAsOf("2027-01-31T12:30:00+02:00", "--as-of")?.toISOString()).toBe("2027-01-31T10:30:00.000Z");
    expect(parseAsOf("2027-01-31 08:00:00Z", "asOf")?.toISOString()).toBe("2027-01-31T08:00:00.000Z");
    expect(parseAsOf(undefined, "--as-of")).toBeUndefined();
  });

  it.each(["next tuesday", "31/01/2027", "2027-01-31T25:99", "2027-1-31", "", "2027-01-31\u001b[2J"])("refuses %j naming the flag or field, the example and the value (controls stripped)", (value) => {
    for (const name of ["--as-of", "asOf"]) {
      let message = "";
      try {
        parseAsOf(value, name);
      } catch (error) {
        expect((error as { code: string }).code).toBe("WL_ERR_INVALID_OPTION");
        message = (error as Error).message;
      }
      expect(message.startsWith(`${name} needs an ISO 8601 date such as 2027-01-31, got "`)).toBe(true);
      expect(message).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it("the pattern the console's schema uses is the parser's", () => {
    expect(AS_OF_PATTERN.test("2027-01-31T00:00:00.000Z")).toBe(true);
    expect(AS_OF_PATTERN.test("2027-01-31x")).toBe(false);
  });

  it("audit --as-of: the line and exit 2, before any lookup", async () => {
    const run = await runCli(["audit", "example.com", "--as-of", "next tuesday"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('whoislens: WL_ERR_INVALID_OPTION: --as-of needs an ISO 8601 date such as 2027-01-31, got "next tuesday"\n');
  });
});
