import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyQuery } from "../../src/lookup/classify.js";
import { WhoislensError } from "../../src/errors.js";

describe("classifyQuery's label check", () => {
  const label = fc.stringMatching(/^[a-z0-9_-]{0,65}$/);
  it("accepts a name exactly when every dot-separated label is 1–63 letters, digits, underscores or inner hyphens", () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 3 }), (labels) => {
        const name = `${labels.join(".")}.com`;
        const valid = name.split(".").every((part) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(part));
        let accepted = true;
        try {
          classifyQuery(name);
        } catch (error) {
          if (!(error instanceof WhoislensError)) throw error;
          accepted = false;
        }
        // Numeric-looking names can classify as something else, but a bad label is always refused.
        if (!valid) expect(accepted).toBe(false);
        else if (!/^[\d.]+$/.test(name)) expect(accepted).toBe(true);
      }),
    );
  });
});

describe("classifyQuery's one-label rule", () => {
  it("a single label is a handle exactly when it has both a letter and a digit (no TLD holds a digit)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), (label) => {
        const letters = /[A-Za-z]/.test(label);
        const digits = /\d/.test(label);
        if (!letters) return; // all digits: an AS number
        if (/^asn?\d+$/i.test(label)) return expect(classifyQuery(label).kind).toBe("asn"); // "AS" or "ASN" and digits: an AS number (fast-check found "As0")
        const query = classifyQuery(label);
        expect(query.kind).toBe(digits ? "handle" : "tld");
      }),
    );
  });
});

describe("classifyQuery", () => {
  it.each([
    ["example.com", "domain", "example.com"],
    ["EXAMPLE.COM.", "domain", "example.com"],
    ["www.example.co.uk", "domain", "example.co.uk"],
    ["münchen.de", "domain", "xn--mnchen-3ya.de"],
    ["xn--mnchen-3ya.de", "domain", "xn--mnchen-3ya.de"],
    ["com", "tld", "com"],
    ["8.8.8.8", "ipv4", "8.8.8.8"],
    ["2001:4860:4860::8888", "ipv6", "2001:4860:4860::8888"],
    ["2001:4860:4860:0:0:0:0:8888", "ipv6", "2001:4860:4860::8888"],
    ["8.8.8.0/24", "cidr", "8.8.8.0/24"],
    ["8.8.8.9/24", "cidr", "8.8.8.0/24"],
    ["2001:db8::/32", "cidr", "2001:db8::/32"],
    ["AS15169", "asn", "AS15169"],
    ["as15169", "asn", "AS15169"],
    ["15169", "asn", "AS15169"],
    // asdot notation of 4-byte AS numbers (RFC 5396), as GNU whois reads it: high × 65536 + low.
    ["AS3.0", "asn", "AS196608"],
    ["as1.10", "asn", "AS65546"],
    ["AS0.15169", "asn", "AS15169"],
    ["NET-8-8-8-0-1", "handle", "NET-8-8-8-0-1"],
    ["org-exa1-ripe", "handle", "ORG-EXA1-RIPE"],
    // One label with letters and digits: a handle without a -SUFFIX (LACNIC persons, JPNIC contacts), never a TLD.
    ["AMU2", "handle", "AMU2"],
    ["abc12", "handle", "ABC12"],
    ["SD1234JP", "handle", "SD1234JP"],
    ["2AB", "handle", "2AB"],
    // Without digits, or an IDNA A-label, it stays a TLD.
    ["google", "tld", "google"],
    ["GOGL", "tld", "gogl"],
    ["xn--p1ai", "tld", "xn--p1ai"],
    // IPv4-mapped IPv6 (as dual-stack sockets log IPv4 peers): the IPv4 address and block.
    ["::ffff:192.0.2.1", "ipv4", "192.0.2.1"],
    ["::FFFF:c000:0201", "ipv4", "192.0.2.1"],
    ["::ffff:192.0.2.77/120", "cidr", "192.0.2.0/24"],
    ["::ffff:0:0/96", "cidr", "0.0.0.0/0"],
    ["::1", "ipv6", "::1"],
  ])("%s → %s %s", (input, kind, value) => {
    const query = classifyQuery(input);
    expect(query.kind).toBe(kind);
    expect(query.value).toBe(value);
  });

  it("asdot: notes the plain number, refuses a part over 65535, needs the AS prefix", () => {
    expect(classifyQuery("AS3.0").notes).toEqual(["AS3.0 in asdot notation (RFC 5396) is AS196608"]);
    expect(() => classifyQuery("AS65536.1")).toThrow(/asdot AS number out of range/);
    expect(() => classifyQuery("3.0")).toThrow(/not a domain name or IP address/);
  });

  it("keeps the U-label of an IDN and notes a subdomain", () => {
    const idn = classifyQuery("bücher.example.de");
    expect(idn.value).toBe("example.de");
    expect(idn.notes[0]).toMatch(/registrable domain example\.de/);
    const umlaut = classifyQuery("bücher.de");
    expect(umlaut.unicode).toBe("bücher.de");
    expect(umlaut.value).toBe("xn--bcher-kva.de");
  });

  it("says when an IPv4-mapped IPv6 address was asked as IPv4", () => {
    const mapped = classifyQuery("::ffff:192.0.2.1");
    expect(mapped.family).toBe(4);
    expect(mapped.notes).toEqual(["::ffff:192.0.2.1 is an IPv4-mapped IPv6 address: looked up 192.0.2.1"]);
    expect(classifyQuery("::ffff:192.0.2.0/120").prefixLength).toBe(24);
  });

  it("reads the AS number", () => {
    expect(classifyQuery("AS4200000000").asn).toBe(4200000000);
  });

  it.each(["", "   ", "exa mple.com", "-bad-.com", "1.2.3", "8.8.8.8/33", "AS99999999999", "a..b", "foo\u001b[2J.com", "x".repeat(300)])(
    "rejects %j with WL_ERR_INVALID_QUERY",
    (input) => {
      let caught: unknown;
      try {
        classifyQuery(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(WhoislensError);
      expect((caught as WhoislensError).code).toBe("WL_ERR_INVALID_QUERY");
    },
  );
});
