import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NetworkInfo } from "../../../src/record/types.js";
import { applyCidr, applyRange, plainIpv4, rangeToCidrs, rangeToCidrsByIpaddr } from "../../../src/parse/whois/network.js";
import { ipaddr } from "../../../src/util/cjs-deps.js";

// Issue #13: plain dotted quads skip ipaddr.js and BigInts. The IPv4 path must give what ipaddr.js gives.
const octet = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 1, 127, 128, 254, 255));
const quad = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
/** Addresses near block edges, where the cover's steps change size. */
const edgeQuad = fc.tuple(octet, octet, fc.constantFrom(0, 127, 128, 255), fc.constantFrom(0, 1, 127, 128, 254, 255)).map((parts) => parts.join("."));
const address = fc.oneof(quad, edgeQuad);

function fromIpaddr(cidr: string): NetworkInfo {
  const [parsed, bits] = ipaddr.parseCIDR(cidr);
  const start = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
  expect(parsed.kind()).toBe("ipv4");
  return { cidrs: [`${start}/${bits}`], startAddress: start, endAddress: ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString() } as NetworkInfo;
}

describe("network ranges of plain dotted quads", () => {
  it("cover a range with the very CIDRs the ipaddr.js path gives, reversed and single-address ranges included", () => {
    fc.assert(
      fc.property(address, address, (start, end) => {
        expect(rangeToCidrs(start, end)).toEqual(rangeToCidrsByIpaddr(start, end));
      }),
      { numRuns: 5000 },
    );
    expect(rangeToCidrs("0.0.0.0", "255.255.255.255")).toEqual(["0.0.0.0/0"]);
    expect(rangeToCidrs("192.0.2.0", "192.0.2.255")).toEqual(["192.0.2.0/24"]);
    expect(rangeToCidrs("0.0.0.1", "255.255.255.254")).toEqual(rangeToCidrsByIpaddr("0.0.0.1", "255.255.255.254"));
    expect(rangeToCidrs("192.0.2.9", "192.0.2.1")).toEqual([]);
  });

  it("takes only what ipaddr.js would print back unchanged, with its value", () => {
    const piece = fc.constantFrom("0", "00", "1", "01", "25", "255", "256", "999", "1000", "010", ".", "..", "x", "0x1", " ", "-1", ":");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 9 }).map((parts) => parts.join("")), (text) => {
        const plain = ipaddr.IPv4.isValidFourPartDecimal(text) && ipaddr.parse(text).toString() === text;
        const value = plainIpv4(text);
        expect(value !== -1).toBe(plain);
        if (plain) expect(value).toBe(ipaddr.IPv4.parse(text).toByteArray().reduce((sum, byte) => sum * 256 + byte, 0));
      }),
      { numRuns: 10000 },
    );
    for (const text of ["1.2.3.4", "0.0.0.0", "255.255.255.255"]) expect(plainIpv4(text)).not.toBe(-1);
    for (const text of ["01.2.3.4", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.", ".1.2.3", "1.2.3.4 ", ""]) expect(plainIpv4(text)).toBe(-1);
  });

  it("reads a CIDR (LACNIC's short ones too) as ipaddr.js does, and a prefix over 32 as none", () => {
    fc.assert(
      fc.property(quad, fc.integer({ min: 0, max: 32 }), (start, bits) => {
        const network = {} as NetworkInfo;
        applyCidr(network, `${start}/${bits}`);
        expect(network).toEqual(fromIpaddr(`${start}/${bits}`));
      }),
      { numRuns: 3000 },
    );
    const short = {} as NetworkInfo;
    applyCidr(short, "200.57.128/20, 200.57.128.0/20 10.1/08");
    expect(short).toEqual({ cidrs: ["200.57.128.0/20", "10.0.0.0/8"], startAddress: "200.57.128.0", endAddress: "200.57.143.255" });
    const tooLong = {} as NetworkInfo;
    applyCidr(tooLong, "192.0.2.0/33");
    expect(tooLong).toEqual({});
  });

  it("keeps a range's own addresses, and leaves other spellings and IPv6 to ipaddr.js", () => {
    const plain = {} as NetworkInfo;
    applyRange(plain, "192.0.2.0 - 192.0.2.255 (/24)");
    expect(plain).toEqual({ startAddress: "192.0.2.0", endAddress: "192.0.2.255", cidrs: ["192.0.2.0/24"] });
    const reversed = {} as NetworkInfo;
    applyRange(reversed, "192.0.2.255 - 192.0.2.0");
    expect(reversed).toEqual({ startAddress: "192.0.2.255", endAddress: "192.0.2.0" });
    const v6 = {} as NetworkInfo;
    applyRange(v6, "2001:db8:: - 2001:db8::ffff");
    expect(v6).toEqual({ startAddress: "2001:db8::", endAddress: "2001:db8::ffff", cidrs: ["2001:db8::/112"] });
    const invalid = {} as NetworkInfo;
    applyRange(invalid, "192.0.2.0 - 192.0.2.256");
    expect(invalid).toEqual({});
  });
});
