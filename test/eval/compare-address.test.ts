import { describe, expect, it } from "vitest";
import { compareCase } from "../../src/eval/compare.js";
import type { WhoisRecord } from "../../src/record/types.js";

const record = (street: string[]): WhoisRecord => ({
  query: "example.com",
  kind: "domain",
  status: "registered",
  source: { protocol: "whois", server: "whois.example" },
  contacts: [{ roles: ["registrant"], street }],
});

describe("compareCase: contact addresses", () => {
  it("accepts the peer's newline or comma join of the street lines", () => {
    const lines = ["P.O. BOX 1", "5 EXAMPLE BLVD., SUITE 3"];
    for (const address of ["P.O. BOX 1\n5 EXAMPLE BLVD., SUITE 3", "P.O. BOX 1, 5 EXAMPLE BLVD., SUITE 3"]) {
      const [result] = compareCase({ contacts: { registrant: [{ address }] } }, record(lines));
      expect(result).toMatchObject({ field: "contacts.address", ok: true });
    }
  });

  it("still fails on other lines or a different order", () => {
    const [swapped] = compareCase({ contacts: { registrant: [{ address: "5 EXAMPLE BLVD., SUITE 3, P.O. BOX 1" }] } }, record(["P.O. BOX 1", "5 EXAMPLE BLVD., SUITE 3"]));
    expect(swapped?.ok).toBe(false);
    const [missing] = compareCase({ contacts: { registrant: [{ address: "P.O. BOX 1" }] } }, record(["P.O. BOX 1", "Floor 2"]));
    expect(missing?.ok).toBe(false);
    const [absent] = compareCase({ contacts: { registrant: [{ address: null }] } }, record([]));
    expect(absent?.ok).toBe(true);
  });
});
