import { describe, expect, it } from "vitest";
import { checkDigits, decodeToken, encodeToken, findTokens, TOKEN_BITS } from "../../../src/serve/canary/index.js";

describe("canary tokens", () => {
  it("round-trip every kind of value and carry MOD 97-10 check digits", () => {
    for (const v of [0, 1, 63, 64, 4095, 123_456, 2 ** TOKEN_BITS - 1]) {
      const t = encodeToken(v);
      expect(t).toMatch(/^(?:[bdfghjklmnprstvz][aeio]){4}[0-9]{2}$/);
      expect(decodeToken(t)).toBe(v);
      expect(decodeToken(t.toUpperCase())).toBe(v);
    }
    expect(checkDigits(0)).toBe("98");
    // ISO 7064 MOD 97-10: n·100 + check ≡ 1 (mod 97)
    for (const v of [5, 777, 1_000_003]) expect((v * 100 + Number(checkDigits(v))) % 97).toBe(1);
    expect(() => encodeToken(2 ** TOKEN_BITS)).toThrow(RangeError);
  });

  it("the check digits catch every single-character typo and most swaps", () => {
    const t = encodeToken(9_876_543);
    let caught = 0, total = 0;
    for (let i = 0; i < t.length; i++) {
      for (const c of "abdefghijklmnoprstvz0123456789") {
        if (c === t[i]) continue;
        const typo = t.slice(0, i) + c + t.slice(i + 1);
        total++;
        if (decodeToken(typo) === undefined) caught++;
      }
    }
    expect(caught).toBe(total);
    // adjacent transpositions (the "swaps"): each one of this token is caught
    let swapsCaught = 0, swaps = 0;
    for (let i = 0; i + 1 < t.length; i++) {
      if (t[i] === t[i + 1]) continue;
      swaps++;
      if (decodeToken(t.slice(0, i) + (t[i + 1] ?? "") + (t[i] ?? "") + t.slice(i + 2)) === undefined) swapsCaught++;
    }
    expect(swaps).toBeGreaterThan(5);
    expect(swapsCaught).toBe(swaps);
  });

  it("are found in addresses a spam tool re-cased, stripped of dots, glued or plus-tagged", () => {
    const t = encodeToken(4_242_424);
    const forms = [`anna.berg.${t}`, `Anna.Berg.${t.toUpperCase()}`, `annaberg${t}`, `${t}+promo`, `x_${t}_y`, `"anna berg ${t}"`];
    for (const f of forms) expect(findTokens(f)).toEqual([t]);
    expect(findTokens(`anna.berg.${t}1`)).toEqual([]); // glued to more digits: not ours
    expect(findTokens("maria.keller")).toEqual([]);
    expect(findTokens("bobadaba12")).toEqual([]); // a well-shaped tag whose check digits are wrong
    const wrong = `${t.slice(0, -2)}${String((Number(t.slice(-2)) + 1) % 100).padStart(2, "0")}`;
    expect(findTokens(`anna.berg.${wrong}`)).toEqual([]);
  });

  it("ordinary words and names are not taken for tokens (false positives are rare)", () => {
    const words = ["madonna", "bananarama12", "tomatoes99", "pamela.anderson", "dakota.fanning", "hotmail", "momo", "lavenderbluejazz42", "kiwi", "nonetheless"];
    let hits = 0;
    for (const w of words) hits += findTokens(w).length;
    // a random 8-letter CV word with 2 digits passes the check 1 time in 97 at most
    expect(hits).toBe(0); // these ten words: none (deterministic; the bound above is for arbitrary words)
  });
});
