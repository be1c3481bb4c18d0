import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../../../src/parse/whois/classify.js";
import { normalizeKey, splitLine, splitLineInFull, tokenize } from "../../../src/parse/whois/tokenize.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BUILT_PARSER = `${ROOT}dist/parse/whois/index.js`;

// Issue #13: the tokenizer looks labels up in a fixed slot table (indexed by length and three characters)
// before the normalizeKey memo. Labels that share a slot replace each other; the answer must never change.
const labelChar = fc.constantFrom("a", "b", "e", "n", "A", "N", "0", "1", " ", "-", "_", "é", "'s", "/", "(x)");
const label = fc.array(labelChar, { minLength: 1, maxLength: 24 }).map((parts) => `L${parts.join("")}`.trim());

describe("the label slot table", () => {
  it("gives every label the normalizeKey normal form, whatever shared its slot before", () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 40 }), (labels) => {
        const text = labels.map((key, index) => `${key}: v${index}`).join("\n");
        // Twice: the second pass reads the labels from the table the first one filled.
        for (let pass = 0; pass < 2; pass += 1) {
          const keys = tokenize(text).filter((entry) => entry.key !== "").map((entry) => entry.key);
          const expected = labels.map((key) => normalizeKey(key)).filter((key) => key !== "");
          expect(keys).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("tells apart labels made to collide (same length, same first, middle and last character)", () => {
    const colliding = ["Registrar URL", "RegistrXr URL", "Regixtrar URL", "Re-istrar URL"];
    const text = colliding.map((key) => `${key}: x`).join("\n");
    for (let pass = 0; pass < 3; pass += 1) {
      expect(tokenize(text).map((entry) => entry.key)).toEqual(["registrar url", "registr xr url", "regixtrar url", "re istrar url"]);
    }
  });
});

describe("cached labels do not keep their answers alive", () => {
  it.skipIf(!existsSync(BUILT_PARSER))("retains no answer after 100 answers of 1 MiB with a new label each (needs `npm run build`)", async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--expose-gc", "test/parse/whois/label-retention.mjs"], { cwd: ROOT, timeout: 120_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    const { fields, retainedMiB } = JSON.parse(output) as { fields: number; retainedMiB: number };
    expect(fields).toBeGreaterThan(0);
    // Before the fix the memo held every answer that brought a new label: 100 MiB here.
    expect(retainedMiB).toBeLessThan(20);
  }, 150_000);
});

describe("the tokenizer's fast path for \"Label: value\" lines", () => {
  // Pieces that steer lines into and around every condition of the fast path (colon and the space after
  // it, tabs and dots in the label, "[", JPRS "a. [", RWhois "x:Y:", long labels, " on ", "#.").
  const piece = fc.constantFrom("a", "Domain", "Name", " ", "  ", ":", ": ", "::", "\t", ".", "..", "[", "]", "a. [", "x:Y", "#.", " on ", "2001-01-01", "é", "-", "/", "0", "12", "http://h");
  const line = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

  it("splits every line exactly as the full splitter does", () => {
    fc.assert(
      fc.property(line, (raw) => {
        expect(splitLine(raw)).toEqual(splitLineInFull(raw.trim()));
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps the layouts it hands on: leader dots, a tab label, JPRS brackets, long prose", () => {
    for (const raw of ["Expires on..........: 2030-01-01", "Domain name\t: x.ch", "a. [Domain Name] EXAMPLE.JP", "one two three four five six seven eight nine: x", "Registrar: Example", "A: b"]) {
      expect(splitLine(raw)).toEqual(splitLineInFull(raw.trim()));
    }
    expect(splitLine("Registrar: Example")).toEqual({ key: "Registrar", value: "Example" });
    expect(splitLine("Expires on..........: 2030-01-01")).toEqual({ key: "Expires on", value: "2030-01-01" });
  });
});
