import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUriOrKeep } from "../../src/util/decode-uri.js";

// The one decoder of client-sent RDAP paths (serve's RDAP server and the sandbox world's routes).
describe("decodeUriOrKeep", () => {
  it("decodes well-formed escapes, UTF-8 included", () => {
    expect(decodeUriOrKeep("domain/b%C3%BCcher.example")).toBe("domain/bücher.example");
    expect(decodeUriOrKeep("ip/2001%3Adb8%3A%3A1")).toBe("ip/2001:db8::1");
    expect(decodeUriOrKeep("entity/ALICE-TEST")).toBe("entity/ALICE-TEST");
  });

  it("keeps malformed escapes as they came instead of throwing", () => {
    for (const bad of ["domain/%zz.example", "domain/%E0%A4%A", "domain/%", "entity/%ED%A0%80"]) expect(decodeUriOrKeep(bad)).toBe(bad);
  });

  it("never throws, and agrees with decodeURIComponent wherever that succeeds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }).map(encodeURIComponent), fc.stringMatching(/^[%0-9A-Fa-fz]{0,12}$/)), (text) => {
        let expected = text;
        try {
          expected = decodeURIComponent(text);
        } catch {
          /* kept as it came */
        }
        expect(decodeUriOrKeep(text)).toBe(expected);
      }),
    );
  });
});
