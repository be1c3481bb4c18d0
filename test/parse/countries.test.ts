import { describe, expect, it } from "vitest";
import { countryCodeOf } from "../../src/parse/countries.js";

describe("countryCodeOf", () => {
  it("knows every region CLDR names (the table built with fallback none equals the default-fallback one)", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region" }); // default fallback: echoes unknown codes
    let named = 0;
    for (let a = 65; a <= 90; a += 1) {
      for (let b = 65; b <= 90; b += 1) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name === undefined || name === code || name.length > 40) continue;
        named += 1;
        expect(names.of(countryCodeOf(name) ?? "")).toBe(name);
      }
    }
    expect(named).toBeGreaterThan(240);
    expect(countryCodeOf("ZZ")).toBeUndefined(); // "Unknown Region" is a name; the code is not
    expect(countryCodeOf("QQ")).toBeUndefined();
  });

  it("reads registries' spellings: case, a trailing dot, aliases", () => {
    expect(countryCodeOf("BELGIUM")).toBe("BE");
    expect(countryCodeOf("Germany.")).toBe("DE");
    expect(countryCodeOf("United States of America")).toBe("US");
    expect(countryCodeOf("Republic of Korea")).toBe("KR");
    expect(countryCodeOf("Atlantis")).toBeUndefined();
  });
});
