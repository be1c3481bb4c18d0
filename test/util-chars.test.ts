import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstWhitespace, hasSpaceOrControl, isAllDigits, isDigitsAndDots, isLdhName, isLowerLdhOrDots } from "../src/util/chars.js";

// Each helper stands for a pattern: random strings over the characters that matter must get the pattern's answer.
const text = (pieces: string[], maxLength = 14): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(""));
const spaces = [" ", "\t", "\u00a0", "\u2028", "\u3000", "\ufeff", "\u200b", "\u0085", "\u001b", "\u007f"];

describe("character tests equal the patterns they replace", () => {
  it("firstWhitespace is search(/\\s/)", () => {
    fc.assert(fc.property(text(["a", "é", ".", ...spaces]), (value) => {
      expect(firstWhitespace(value)).toBe(value.search(/\s/));
    }));
  });
  it("hasSpaceOrControl is /[\\s\\u0000-\\u001f\\u007f]/", () => {
    fc.assert(fc.property(text(["a", "é", ".", "\u0000", "\u001f", "\u0080", ...spaces]), (value) => {
      expect(hasSpaceOrControl(value)).toBe(/[\s\u0000-\u001f\u007f]/.test(value));
    }));
  });
  it("isAllDigits is /^\\d+$/ and isDigitsAndDots is /^[\\d.]+$/", () => {
    fc.assert(fc.property(text(["0", "7", "9", ".", "a", "٣", " ", "-"]), (value) => {
      expect(isAllDigits(value)).toBe(/^\d+$/.test(value));
      expect(isDigitsAndDots(value)).toBe(/^[\d.]+$/.test(value));
    }));
  });
  it("isLowerLdhOrDots is /^[a-z0-9.-]+$/", () => {
    fc.assert(fc.property(text(["a", "z", "A", "0", ".", "-", "_", "é", " "]), (value) => {
      expect(isLowerLdhOrDots(value)).toBe(/^[a-z0-9.-]+$/.test(value));
    }));
  });
  it("isLdhName is dot-separated 1–63 character labels without edge hyphens", () => {
    const ldh = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
    fc.assert(fc.property(text(["a", "0", "_", "-", ".", "..", "A", "é", "x".repeat(30), "y".repeat(33)], 10), (value) => {
      expect(isLdhName(value)).toBe(ldh.test(value));
    }), { numRuns: 3000 });
  });
});
