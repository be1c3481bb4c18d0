import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/parse/dates.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";

// Issue #13: the parser's hot path never reads past a string's or an array's end (charCodeAt beyond the
// last character, the label memo beyond its slots). Such a read gives the same answer as a guarded one,
// but it throws V8's optimized code away and compiles it again: several times per cold process.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BUILT_PARSER = `${ROOT}dist/parse/whois/index.js`;

describe("hot-path reads at the ends of strings keep their meaning", () => {
  it("reads dates whose shape ends where a guard now stops", () => {
    expect(parseDate("1-Aug-1995")).toBe("1995-08-01T00:00:00Z");
    expect(parseDate("14-aug-1995 04:05:06")).toBe("1995-08-14T04:05:06Z");
    expect(parseDate("14-Aug-199")).toBeUndefined();
    expect(parseDate("1-A")).toBeUndefined();
    expect(parseDate("2001-02-03T04:05:06")).toBe("2001-02-03T04:05:06Z");
    expect(parseDate("2001-02-03T04:05:06.5")).toBe("2001-02-03T04:05:06Z");
    expect(parseDate("2001-02-03T04:05:06+0")).toBeUndefined();
    expect(parseDate("2001-02-03T04:05:06 +02")).toBe("2001-02-03T02:05:06Z");
    expect(parseDate("2001-02-03T04:05:06+0530")).toBe("2001-02-02T22:35:06Z");
  });

  it("splits lines that end at their colon, one-character lines and 140 labels in a row, each kept with its own value", () => {
    const many = Array.from({ length: 140 }, (_, index) => `Label ${index % 7}: v${index}`).join("\n");
    const entries = tokenize(`[\nA\nDomain Name: example.com\nRegistrant:\n  Name: X\n  No:114\nRegistry WHOIS Server:: whois.example\nx:\n${many}\nRegistrant:`);
    expect(entries.slice(0, 6).map((entry) => [entry.section, entry.key, entry.value])).toEqual([
      ["", "", "["],
      ["", "", "A"],
      ["", "domain name", "example.com"],
      ["registrant", "name", "X"],
      ["registrant", "no", "114"],
      ["", "registry whois server", "whois.example"],
    ]);
    const labelled = entries.filter((entry) => entry.key.startsWith("label "));
    expect(labelled).toHaveLength(140);
    expect(labelled.map((entry) => `${entry.key}=${entry.value}`)).toEqual(Array.from({ length: 140 }, (_, index) => `label ${index % 7}=v${index}`));
  });
});

describe("the optimized parser is not thrown away for reading out of bounds", () => {
  it.skipIf(!existsSync(BUILT_PARSER))("parses edge-shaped answers under --trace-deopt without an out-of-bounds bailout (needs `npm run build`)", async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--trace-deopt", "test/parse/whois/hot-path-deopts.mjs"], { cwd: ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    expect(output).toMatch(/parsed \d+/);
    const bailouts = output.split("\n").filter((line) => line.startsWith("[bailout") && line.includes("reason: out of bounds"));
    expect(bailouts).toEqual([]);
    // The tab-before-colon line parsed last, once the tokenizer is optimized: no bailout of its line split (computeSplit,
    // inlined in tokenize or not) on a comparison that never ran.
    const late = output.split("\n").filter((line) => line.startsWith("[bailout") && line.includes("reason: Insufficient type feedback for compare operation") && /<JSFunction (computeSplit|tokenize)\b/.test(line));
    expect(late).toEqual([]);
  });
});
