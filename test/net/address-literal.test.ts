import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAddressLiteral, isPrivateAddress, isPrivateLiteral, mayBeAddressLiteral } from "../../src/net/address-guard.js";
import { ipaddr } from "../../src/util/cjs-deps.js";

// Characters ipaddr.js's patterns use, their case variants, and look-alikes that must not slip through:
// control characters that case-fold onto digits or the dot, non-ASCII letters and digits.
const TRICKY = [..."0123456789abcdefABCDEFxX.:%", ..."ghklmnosuvwzGKSZ-_[]/ ", "\u0010", "\u0019", "\u000e", "\u0000", "\u007f", "ı", "K", "１", "٣", "ａ", "\u00b7"];

describe("mayBeAddressLiteral (the cheap test before ipaddr.js)", () => {
  it("never says no to a text ipaddr.js reads as an address (random texts over the characters that matter)", () => {
    let addresses = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 24 }).map((chars) => chars.join("")), (text) => {
        if (ipaddr.isValid(text)) {
          addresses += 1;
          expect(mayBeAddressLiteral(text)).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
    // Addresses did come up (about 2% of the texts): the property was checked, not passed over empty.
    expect(addresses).toBeGreaterThan(100);
  });

  it("says maybe to every address form the guard normalizes, and no to host names", () => {
    for (const literal of ["127.1", "0x7f.1", "0X7F000001", "2130706433", "0177.0.0.1", "127.0.0.1", "::1", "::ffff:127.0.0.1", "fe80::1%eth0", "2001:db8::1"]) {
      expect(ipaddr.isValid(literal)).toBe(true);
      expect(mayBeAddressLiteral(literal)).toBe(true);
    }
    for (const name of ["whois.verisign-grs.com", "localhost", "whois.nic.ad.jp", "rdap.arin.net", "xn--bcher-kva.de"]) expect(mayBeAddressLiteral(name)).toBe(false);
    // All hex letters and dots: may be, and the exact check then says no.
    expect(mayBeAddressLiteral("dead.beef.cafe")).toBe(true);
    expect(isAddressLiteral("dead.beef.cafe")).toBe(false);
  });

  it("leaves the guard's verdicts as they were: literals in every form, localhost names, public names", () => {
    const cases: [string, boolean][] = [
      ["127.1", true],
      ["0x7f.1", true],
      ["[::ffff:127.0.0.1]", true],
      ["10.0.0.7", true],
      ["Localhost.", true],
      ["api.localhost", true],
      ["whois.verisign-grs.com", false],
      ["93.184.216.34", false],
      ["2001:500:d937::30", false],
      ["2001:db8::1", true],
    ];
    for (const [host, refused] of cases) expect([host, isPrivateLiteral(host)]).toEqual([host, refused]);
  });

  it("gives the same verdict for an address however often it is asked (kept verdicts), and judges non-addresses private", () => {
    for (let round = 0; round < 3; round += 1) {
      expect(isPrivateAddress("199.7.59.74")).toBe(false);
      expect(isPrivateAddress("2001:500:d937::30")).toBe(false);
      expect(isPrivateAddress("::ffff:10.1.2.3")).toBe(true);
      expect(isPrivateAddress("whois.example")).toBe(true);
      expect(isPrivateAddress("x".repeat(100))).toBe(true);
    }
    // More distinct addresses than are kept: the oldest verdicts go, none is wrong afterwards.
    for (let index = 0; index < 3000; index += 1) expect(isPrivateAddress(`10.${index >> 8}.${index & 255}.1`)).toBe(true);
    expect(isPrivateAddress("199.7.59.74")).toBe(false);
  });
});
