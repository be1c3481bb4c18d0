import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS, EXPIRY_WINDOWS, SEVERITIES } from "../../../src/defend/audit/index.js";

const DOC = readFileSync(join(import.meta.dirname, "../../../docs/defend.md"), "utf8");

describe("the audit check table", () => {
  it("has unique stable ids, a known severity, an ATT&CK technique id and a fix on every row", () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const check of CHECKS) {
      expect(check.id).toMatch(/^WL-AUDIT-[A-Z0-9-]+$/);
      expect(SEVERITIES).toContain(check.severity);
      expect(check.technique.id).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(check.fix.length).toBeGreaterThan(20);
      expect(check.why.length).toBeGreaterThan(20);
    }
    // Expiry severity rises as the date nears.
    const ranks = EXPIRY_WINDOWS.map((w) => SEVERITIES.indexOf(CHECKS.find((c) => c.id === w.id)!.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it("docs/defend.md lists exactly the checks of the table, each with its severity and technique", () => {
    const rows = [...DOC.matchAll(/^\| `(WL-AUDIT-[A-Z0-9-]+)` \| (\w+) \| [^|]+ \| (T[\d.]+) \|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(CHECKS.map((c) => [c.id, c.severity, c.technique.id]));
  });
});
