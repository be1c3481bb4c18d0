import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { integerFlag, listFlag, numberFlag } from "../../src/cli/flags.js";
import { codeOf } from "../helpers/errors.js";
import { runCli } from "../helpers/cli.js";

// One whole-number parser for every command (src/cli/flags.ts). Each row drives the CLI with a bad
// value and expects the same error line: the code, the flag, the allowed range and the value given,
// with exit 2 and nothing run (no store opened, no server started, no queue reached).

const dir = mkdtempSync(join(tmpdir(), "wl-flags-"));
const store = join(dir, "never-created.db");

/** [command line, flag, range text, value shown] */
const CASES: [string[], string, string, string][] = [
  [["canary", "issue", "--store", store, "--domain", "decoy.example", "--count", "0"], "count", "from 1 to 100000", "0"],
  [["canary", "issue", "--store", store, "--domain", "decoy.example", "--count", "1e3"], "count", "from 1 to 100000", "1e3"],
  [["canary", "issue", "--store", store, "--domain", "decoy.example", "--phone-digits", "9"], "phone-digits", "from 1 to 8", "9"],
  [["canary", "check", join(dir, "mail.log"), "--store", store, "--imap-max", "lots"], "imap-max", "from 1 to 1000000", "lots"],
  [["console", "--store", store, "--port", "70000"], "port", "from 0 to 65535", "70000"],
  [["console", "--store", store, "--rate-limit", "0"], "rate-limit", "≥ 1", "0"],
  [["console", "--store", store, "--max-upload-bytes", ""], "max-upload-bytes", "≥ 1", ""],
  [["console", "--store", store, "--max-streams", "100001"], "max-streams", "from 1 to 100000", "100001"],
  [["console", "--store", store, "--max-jobs", "0x10"], "max-jobs", "from 1 to 1000", "0x10"],
  [["console", "--store", store, "--lookup-ttl=-1"], "lookup-ttl", "from 0 to 31536000", "-1"],
  [["serve", "--decoy", "--store", store, "--whois-port", "65536"], "whois-port", "from 0 to 65535", "65536"],
  [["serve", "--decoy", "--store", store, "--rdap-port", " 80"], "rdap-port", "from 0 to 65535", " 80"],
  [["serve", "--decoy", "--store", store, "--max-query-bytes", "15"], "max-query-bytes", "from 16 to 65536", "15"],
  [["serve", "--decoy", "--store", store, "--query-timeout", "99"], "query-timeout", "from 100 to 600000", "99"],
  [["serve", "--decoy", "--store", store, "--idle-timeout", "1.5"], "idle-timeout", "from 100 to 600000", "1.5"],
  [["serve", "--decoy", "--store", store, "--max-connections", "0"], "max-connections", "from 1 to 1000000", "0"],
  [["serve", "--decoy", "--store", store, "--flush-interval", "3600001"], "flush-interval", "from 0 to 3600000", "3600001"],
  [["watch", "run", "--store", store, "--near-days=-3"], "near-days", "≥ 0", "-3"],
  [["watch", "run", "--store", store, "--max-candidates", "many"], "max-candidates", "≥ 0", "many"],
  [["watch", "run", "--store", store, "--concurrency", "0"], "concurrency", "≥ 1", "0"],
  [["watch", "run", "--store", store, "--dns-concurrency", "5000"], "dns-concurrency", "from 1 to 1024", "5000"],
  [["worker", "--queue", "redis://127.0.0.1:1/0", "--store", store, "--concurrency", "0"], "concurrency", "from 1 to 10000", "0"],
  [["worker", "--queue", "redis://127.0.0.1:1/0", "--store", store, "--lock-ms", "999"], "lock-ms", "from 1000 to 3600000", "999"],
  [["worker", "--queue", "redis://127.0.0.1:1/0", "--store", store, "--metrics-port", "65536"], "metrics-port", "from 0 to 65535", "65536"],
  [["worker", "--queue", "redis://127.0.0.1:1/0", "--store", store, "--max-retry-wait", "86401"], "max-retry-wait", "from 0 to 86400", "86401"],
  [["worker", "--queue", "redis://127.0.0.1:1/0", "--store", store, "--drain-timeout", "soon"], "drain-timeout", "from 0 to 86400", "soon"],
  [["audit", "example.com", "--concurrency", "257"], "concurrency", "from 1 to 256", "257"],
  [["lookup", "example.com", "-h", "127.0.0.1", "-p", "0"], "port", "from 1 to 65535", "0"],
  [["lookup", "example.com", "--timeout", "5s"], "timeout", "≥ 1", "5s"],
  // 0 passed the flag and failed later as "invalid hopTimeoutMs 0".
  [["lookup", "example.com", "--timeout", "0"], "timeout", "≥ 1", "0"],
  [["lookup", "example.com", "--total-timeout", "0"], "total-timeout", "≥ 1", "0"],
  [["lookup", "example.com", "--max-bytes", "0"], "max-bytes", "≥ 1", "0"],
  [["lookalikes", "example.com", "--dns-concurrency", "0"], "dns-concurrency", "from 1 to 1024", "0"],
  [["db", "search", "--email", "x@example.com", "--store", store, "--limit", "0"], "limit", "≥ 1", "0"],
  [["update", "--ttl", "1h"], "ttl", "≥ 0", "1h"],
  [["sandbox", "--throttle-after", "1.5"], "throttle-after", "≥ 0", "1.5"],
  [["bulk", join(dir, "names.txt"), "--store", store, "--grace", "601"], "grace", "from 0 to 600", "601"],
  [["footprint", "example.com", "--store", store, "--grace", "-1"], "grace", "from 0 to 600", "-1"],
  [["audit", "example.com", "--grace", "3s"], "grace", "from 0 to 600", "3s"],
  [["lookalikes", "example.com", "--grace", ""], "grace", "from 0 to 600", ""],
  // bulk shares worker's ranges (SHARED_RANGES): "soon" and a 10^7 s wait were told apart by bulk's own parser.
  [["bulk", join(dir, "names.txt"), "--store", store, "--concurrency", "0"], "concurrency", "from 1 to 10000", "0"],
  [["bulk", join(dir, "names.txt"), "--store", store, "--concurrency", "2.5"], "concurrency", "from 1 to 10000", "2.5"],
  [["bulk", join(dir, "names.txt"), "--store", store, "--max-retry-wait", "soon"], "max-retry-wait", "from 0 to 86400", "soon"],
  [["bulk", join(dir, "names.txt"), "--store", store, "--max-retry-wait", "86401"], "max-retry-wait", "from 0 to 86400", "86401"],
  // footprint's own number() took "" as 0 and "1e1" as 10.
  [["footprint", "example.com", "--store", store, "--depth", ""], "depth", "from 0 to 10", ""],
  [["footprint", "example.com", "--store", store, "--depth", "11"], "depth", "from 0 to 10", "11"],
  [["footprint", "example.com", "--store", store, "--budget", "1e3"], "budget", "≥ 1", "1e3"],
  [["footprint", "example.com", "--store", store, "--fan-out", "0"], "fan-out", "≥ 1", "0"],
  [["footprint", "example.com", "--store", store, "--concurrency", "257"], "concurrency", "from 1 to 256", "257"],
];

describe("whole-number flags: one parser, one message, exit 2 (via the CLI)", () => {
  it.each(CASES)("%j → --%s %s", async (argv, flag, range, value) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`whoislens: WL_ERR_INVALID_OPTION: --${flag} needs a whole number ${range}, got "${value}"\n`);
  });

  it("refused them before any store was opened", () => {
    expect(existsSync(store)).toBe(false);
  });
});

describe("integerFlag", () => {
  it("takes digits within the range, and config-file numbers", () => {
    expect(integerFlag("n", "0")).toBe(0);
    expect(integerFlag("n", "007", { min: 1, max: 8 })).toBe(7);
    expect(integerFlag("n", "65535", { min: 0, max: 65_535 })).toBe(65_535);
    expect(integerFlag("n", 12, { min: 1 })).toBe(12);
    expect(integerFlag("n", undefined)).toBeUndefined();
  });

  it.each(["", " 7", "7 ", "+7", "-1", "1e3", "0x10", "1.0", "1_000", "Infinity", "NaN", "1234567890123456"])("refuses %j (Number() would take some of these)", async (text) => {
    expect(await codeOf(Promise.resolve().then(() => integerFlag("n", text)))).toBe("WL_ERR_INVALID_OPTION");
  });

  it("refuses a fractional or unsafe config number, and repeats no control character of the value", () => {
    expect(() => integerFlag("timeout", 1.5)).toThrow(/--timeout needs a whole number ≥ 0, got "1.5"/);
    expect(() => integerFlag("timeout", 2 ** 53)).toThrow(/--timeout needs a whole number/);
    const message = (() => {
      try {
        integerFlag("count", `\u001b]0;pwned\u0007${"9".repeat(100)}`);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    // It did refuse (an accepted value left the message empty, and both checks below passed on "").
    expect(message).toMatch(/^--count needs a whole number/);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message.length).toBeLessThan(100);
  });
});

describe("numberFlag (a flag that takes a fraction: footprint's --min-confidence)", () => {
  it("takes plain decimals within the range", () => {
    expect(numberFlag("x", "0.5", { min: 0, max: 1 })).toBe(0.5);
    expect(numberFlag("x", ".25", { min: 0, max: 1 })).toBe(0.25);
    expect(numberFlag("x", "1", { min: 0, max: 1 })).toBe(1);
    expect(numberFlag("x", 0.7, { min: 0, max: 1 })).toBe(0.7);
  });

  it.each(["", " 0.5", "-0.1", "1.01", "5e-1", "0x1", "Infinity", "NaN", "."])("refuses %j with the shared wording", (text) => {
    expect(() => numberFlag("min-confidence", text, { min: 0, max: 1 })).toThrow(`--min-confidence needs a number from 0 to 1, got "${text}"`);
  });

  it("via the CLI: footprint --min-confidence 2 is a usage error, exit 2, nothing run", async () => {
    const run = await runCli(["footprint", "example.com", "--store", store, "--min-confidence", "2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('whoislens: WL_ERR_INVALID_OPTION: --min-confidence needs a number from 0 to 1, got "2"\n');
  });
});

describe("listFlag", () => {
  it("splits a comma list into trimmed, non-empty items", () => {
    expect(listFlag(" a.test, b.test,,ORG-EX1-TEST ,")).toEqual(["a.test", "b.test", "ORG-EX1-TEST"]);
    expect(listFlag(undefined)).toEqual([]);
    expect(listFlag(" , ")).toEqual([]);
  });
});

describe("list files (util/list-file.ts): one reader for detect's and lookalikes' lists", () => {
  it.each([
    [["lookalikes", "example.com", "--no-dns", "--whois", "none", "--dictionary", join(dir, "no-such-words.txt")], "--dictionary", "no-such-words.txt"],
    [["lookalikes", "example.com", "--no-dns", "--whois", "none", "--tld", join(dir, "no-such-tlds.txt")], "--tld", "no-such-tlds.txt"],
    [["detect", join(dir, "any.log"), "--org-domains", join(dir, "no-such-domains.txt")], "--org-domains", "no-such-domains.txt"],
  ])("%j: a missing list is WL_ERR_INVALID_OPTION naming the flag and the file, exit 2 (lookalikes said ENOENT, exit 3)", async (argv, flag, file) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^whoislens: WL_ERR_INVALID_OPTION: ${flag}: cannot read \\S*${file}: ENOENT`));
  });

  it("comments and blanks are dropped, entries trimmed", async () => {
    const { writeFileSync } = await import("node:fs");
    const { readListFile } = await import("../../src/util/list-file.js");
    const path = join(dir, "words.txt");
    writeFileSync(path, "# words\r\nalpha \n\n  beta # second\n#gamma\n");
    expect(readListFile(path, "--dictionary")).toEqual(["alpha", "beta"]);
  });
});
