import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REGISTRIES_WITHOUT_EPP_LOCKS, registryWithoutEppLocks } from "../../../src/defend/audit/lock-publishing.js";

const DOC = readFileSync(join(import.meta.dirname, "../../../docs/defend.md"), "utf8");

describe("the table of registries that publish no EPP lock statuses", () => {
  it("one row per TLD, each with how it locks and a source; docs/defend.md lists the same TLDs and registries", () => {
    expect(new Set(REGISTRIES_WITHOUT_EPP_LOCKS.map((row) => row.tld)).size).toBe(REGISTRIES_WITHOUT_EPP_LOCKS.length);
    for (const row of REGISTRIES_WITHOUT_EPP_LOCKS) {
      expect(row.tld).toMatch(/^[a-z]{2,}$/);
      expect(row.locksBy.length).toBeGreaterThan(20);
      expect(row.source.length).toBeGreaterThan(20);
    }
    const documented = [...DOC.matchAll(/^\| \.([a-z]+) \| (\w+) \|/gm)].map((m) => [m[1], m[2]]).sort();
    expect(documented).toEqual(REGISTRIES_WITHOUT_EPP_LOCKS.map((row) => [row.tld, row.registry]).sort());
  });

  it("is keyed by the last label: second-level registrations and a trailing dot count, other TLDs do not", () => {
    expect(registryWithoutEppLocks("example.co.uk")?.registry).toBe("Nominet");
    expect(registryWithoutEppLocks("Example.CO.JP.")?.registry).toBe("JPRS");
    expect(registryWithoutEppLocks("beispiel.de")?.registry).toBe("DENIC");
    expect(registryWithoutEppLocks("example.com")).toBeUndefined();
    expect(registryWithoutEppLocks("example.wales")).toBeUndefined(); // Nominet's gTLD: EPP statuses as any gTLD
    expect(registryWithoutEppLocks("uk.example.net")).toBeUndefined();
  });
});
