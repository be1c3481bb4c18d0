import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHostAndPort, isHostName, isHostThenIpv6, isPlainAsciiName, startsWithHttpScheme } from "../../src/parse/whois/chars.js";
import { hasMoreWordsThan } from "../../src/parse/whois/tokenize.js";

// Each helper stands for a pattern: random strings over the characters that matter must get the pattern's answer.
const text = (pieces: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(""));

describe("parser character tests equal the patterns they replace", () => {
  it("isPlainAsciiName is /^[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+$/", () => {
    fc.assert(fc.property(text(["a", "Z", "0", "_", "-", ".", "..", "é", " ", "xn--"]), (value) => {
      expect(isPlainAsciiName(value)).toBe(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/.test(value));
    }));
  });
  it("isHostThenIpv6 at the line's first colon is /^[^\\s(\\[.:]+\\.[^:]*[\\s(\\[,][0-9A-Fa-f]{1,4}:(?::|[0-9A-Fa-f][\\s\\S]*:)/", () => {
    const pattern = /^[^\s(\[.:]+\.[^:]*[\s(\[,][0-9A-Fa-f]{1,4}:(?::|[0-9A-Fa-f][\s\S]*:)/;
    fc.assert(fc.property(text(["a", "Z", "0", "f", "F", "g", ".", ":", "::", " ", "\t", "\u00a0", "(", "[", ",", "2001", "db8", "12345", "ns1.example.net"]), (value) => {
      expect(isHostThenIpv6(value, value.indexOf(":"))).toBe(pattern.test(value));
    }), { numRuns: 2000 });
    expect(isHostThenIpv6("scsnms.switch.ch    [2001:620:0:ff::a7]", 24)).toBe(true);
  });
  it("isHostAndPort is /^[a-z0-9.-]+(:\\d+)?$/", () => {
    fc.assert(fc.property(text(["a", "z", "A", "0", ".", "-", ":", "43", "_", " ", "é"]), (value) => {
      expect(isHostAndPort(value)).toBe(/^[a-z0-9.-]+(:\d+)?$/.test(value));
    }));
  });
  it("startsWithHttpScheme is /^https?:\\/\\//i", () => {
    fc.assert(fc.property(text(["h", "H", "t", "T", "p", "P", "s", "S", "ſ", ":", "/", "//", "http", "HTTPS", "://", "x"]), (value) => {
      expect(startsWithHttpScheme(value)).toBe(/^https?:\/\//i.test(value));
    }));
  });
  it("isHostName is the name-server pattern", () => {
    const pattern = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62}\.)*[a-z0-9_-]{1,63}\.?$/i;
    const piece = fc.constantFrom("a", "Z", "0", "_", "-", ".", "..", "é", " ", "x".repeat(30), "y".repeat(31), "z".repeat(62), "w".repeat(63), "\n");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const name = parts.join("");
        expect(isHostName(name)).toBe(pattern.test(name));
      }),
      { numRuns: 5000 },
    );
  });
  it("hasMoreWordsThan counts runs of characters above U+0020, as splitting on them would", () => {
    // The reference: split on every character ≤ U+0020 and count the non-empty parts.
    const words = (value: string): number => value.split(/[\u0000-\u0020]/).filter((part) => part !== "").length;
    const piece = fc.constantFrom("a", "Zz", "é", " ", "  ", "\t", "\n", "\r", "\u0001", "\u001f", "\u00a0", "\u3000", ".", "-");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 0, max: 10 }), (parts, limit) => {
        const value = parts.join("");
        expect(hasMoreWordsThan(value, limit)).toBe(words(value) > limit);
      }),
      { numRuns: 5000 },
    );
  });
});
