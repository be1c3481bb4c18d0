import { domainToASCII } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { glyphTables } from "../../../src/defend/lookalikes/glyph-table.js";
import { encodeCheckedName, punycodeLabel } from "../../../src/defend/lookalikes/punycode.js";

describe("Punycode (RFC 3492) for labels of checked characters", () => {
  it.each([
    ["bücher", "bcher-kva"],
    ["café", "caf-dma"],
    ["exаmple", "exmple-4nf"],
    ["ü", "tda"],
    ["münchen-straße", "mnchen-strae-v9a90b"], // as node:url gives it (UTS #46 non-transitional keeps ß)
    ["ελληνικά", "hxargifdar"],
  ])("%s → %s", (label, code) => {
    expect(punycodeLabel(label)).toBe(code);
  });

  it("agrees with node:url's domainToASCII on any mix of ASCII and the glyph tables' characters", () => {
    const { latin, scripts } = glyphTables();
    const chars = [...new Set([..."abcdefghijklmnopqrstuvwxyz0123456789", ...[...latin.values()].flat(), ...[...scripts.values()].flatMap((t) => [...t.values()].flat())])].filter((c) => [...c].length === 1);
    let compared = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 20 }), (picked) => {
        const name = `${picked.join("")}.com`;
        const expected = domainToASCII(name);
        const ours = encodeCheckedName(name);
        if (ours !== undefined) {
          compared += 1;
          expect(ours).toBe(expected);
        }
      }),
      { numRuns: 3000 },
    );
    // The comparison did run: a refusal of every name (undefined) passed the property alone. Nearly all
    // are host names (a few may be refused rightly, such as an A-label over 63 octets).
    expect(compared).toBeGreaterThan(2700);
  });

  it("refuses what a host name cannot be", () => {
    expect(encodeCheckedName("-ab.com")).toBeUndefined();
    expect(encodeCheckedName("ab-.com")).toBeUndefined();
    expect(encodeCheckedName("ab--c.com")).toBeUndefined();
    expect(encodeCheckedName("xn--abc.com")).toBeUndefined(); // only a decoded ACE label may start xn--
    expect(encodeCheckedName("a_b.com")).toBeUndefined();
    expect(encodeCheckedName("ab.c")).toBeUndefined();
    expect(encodeCheckedName(`${"a".repeat(64)}.com`)).toBeUndefined();
    expect(encodeCheckedName(`${"ü".repeat(60)}.com`)).toBeUndefined(); // over 63 once encoded
    expect(encodeCheckedName("a..com")).toBeUndefined();
  });
});
