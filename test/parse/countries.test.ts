import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countryCodeOf } from "../../src/parse/countries.js";
import { CLDR_REGION_NAMES, CLDR_VERSION } from "../../src/parse/country-names.js";
import { countryNamesSource, runtimeRegionNames } from "../../scripts/gen-country-names.mjs";

describe("countryCodeOf", () => {
  // The data file stands for the runtime's CLDR names; another Node's CLDR may name regions differently.
  it.skipIf(process.versions.cldr !== CLDR_VERSION)(`country-names.ts equals this runtime's CLDR ${CLDR_VERSION} region names (else: node scripts/gen-country-names.mjs)`, () => {
    // The generating script's own function, not a copy of its loop: the two cannot drift apart.
    expect(CLDR_REGION_NAMES.map(([name, code]) => [name, code])).toEqual(runtimeRegionNames());
    // And the file is what the script would write now (nobody edited it by hand); the ICU version in its
    // header may differ between Node builds of the same CLDR.
    const withoutIcu = (text: string): string => text.replace(/\(ICU [^)]{1,20}\)/, "(ICU)");
    expect(withoutIcu(readFileSync(new URL("../../src/parse/country-names.ts", import.meta.url), "utf8"))).toBe(withoutIcu(countryNamesSource(runtimeRegionNames())));
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
