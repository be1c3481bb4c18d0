import { describe, expect, it } from "vitest";
import { countryCodeOf } from "../../src/parse/countries.js";
import { CLDR_REGION_NAMES, CLDR_VERSION } from "../../src/parse/country-names.js";

/** The name → code table as the runtime's CLDR data gives it (what scripts/gen-country-names.mjs writes). */
function runtimeRegionNames(): [string, string][] {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const table = new Map<string, string>();
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) table.set(name.toLowerCase(), code);
    }
  }
  return [...table];
}

describe("countryCodeOf", () => {
  // The data file stands for the runtime's CLDR names; another Node's CLDR may name regions differently.
  it.skipIf(process.versions.cldr !== CLDR_VERSION)(`country-names.ts equals this runtime's CLDR ${CLDR_VERSION} region names (else: node scripts/gen-country-names.mjs)`, () => {
    expect(CLDR_REGION_NAMES.map(([name, code]) => [name, code])).toEqual(runtimeRegionNames());
  });

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
