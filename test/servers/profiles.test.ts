import iconv from "iconv-lite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE_PROFILE, formatQuery, profileFor, SERVER_PROFILES, type QueryKindForServer } from "../../src/servers/index.js";

describe("server profiles", () => {
  it.each([
    ["whois.verisign-grs.com", "example.com", "domain", "domain example.com"],
    ["ccwhois.verisign-grs.com", "example.cc", "domain", "domain example.cc"],
    ["whois.denic.de", "xn--bcher-kva.de", "domain", "-T dn,ace xn--bcher-kva.de"],
    ["whois.jprs.jp", "example.jp", "domain", "example.jp/e"],
    ["whois.dk-hostmaster.dk", "example.dk", "domain", "--charset=utf-8 --show-handles example.dk"],
    ["whois.arin.net", "8.8.8.8", "ip", "n + 8.8.8.8"],
    ["whois.arin.net", "8.8.8.0/24", "cidr", "n + 8.8.8.0/24"],
    ["whois.arin.net", "AS15169", "asn", "a + 15169"],
    ["whois.arin.net", "15169", "asn", "a + 15169"],
    ["whois.arin.net", "GOGL-ARIN", "handle", "+ GOGL-ARIN"],
    ["whois.ripe.net", "193.0.6.139", "ip", "-B 193.0.6.139"],
    ["whois.ripe.net", "3333", "asn", "-B AS3333"],
    ["whois.ripe.net", "as3333", "asn", "-B AS3333"],
    ["whois.apnic.net", "AS4608", "asn", "-B AS4608"],
    ["whois.nic.ad.jp", "AS2497", "asn", "AS 2497/e"],
    ["whois.nic.ad.jp", "202.11.16.0/20", "cidr", "202.11.16.0/20/e"],
    ["whois.lacnic.net", "28000", "asn", "AS28000"],
    ["WHOIS.UNKNOWN.TEST", "example.test", "domain", "example.test"],
    ["whois.unknown.test", "AS064500", "asn", "AS64500"],
    ["whois.iana.org", "com", "domain", "com"],
  ] as const)("%s formats %s (%s) as %j", (host, value, kind, expected) => {
    expect(profileFor(host).formatQuery(value, kind)).toBe(expected);
  });

  it("merges a row over the base defaults", () => {
    const ripe = profileFor("whois.ripe.net");
    expect(ripe).toMatchObject({ host: "whois.ripe.net", concurrency: 3, idn: "ace", charset: "utf-8", limits: "published" });
    expect(ripe.query.domain).toBe("-B {q}");
    const jprs = profileFor("whois.jprs.jp");
    expect(jprs.query.asn).toBe(BASE_PROFILE.query.asn);
    const unknown = profileFor("whois.example.test");
    expect(unknown).toMatchObject({ idn: "ace", qps: BASE_PROFILE.qps, concurrency: BASE_PROFILE.concurrency });
    expect(unknown.notes).toBeUndefined();
    expect(unknown.charset).toBeUndefined();
  });

  it("is case-insensitive and returns the same object for the same host", () => {
    expect(profileFor("WHOIS.ARIN.NET")).toBe(profileFor("whois.arin.net"));
  });

  it("keeps every row valid: known charsets, positive limits, notes, lowercase hosts, templates with {q} or {n}", () => {
    for (const [host, row] of Object.entries(SERVER_PROFILES)) {
      expect(host).toBe(host.toLowerCase());
      expect(row.notes.length, host).toBeGreaterThan(2);
      if (row.charset !== undefined) expect(iconv.encodingExists(row.charset), `${host} ${row.charset}`).toBe(true);
      if (row.qps !== undefined) expect(row.qps, host).toBeGreaterThan(0);
      if (row.concurrency !== undefined) expect(Number.isInteger(row.concurrency) && row.concurrency > 0, host).toBe(true);
      for (const template of Object.values(row.query ?? {})) expect(template, host).toMatch(/\{[qn]\}/);
    }
  });

  it("never lets a value add a second line to the query", () => {
    const kinds: QueryKindForServer[] = ["domain", "ip", "cidr", "asn", "handle"];
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(SERVER_PROFILES), "whois.other.test"), fc.constantFrom(...kinds), fc.string({ maxLength: 80 }), (host, kind, value) => {
        const query = profileFor(host).formatQuery(value, kind);
        expect(query).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500 },
    );
    expect(formatQuery("{q}", "example.com\r\nsecond query", "domain")).toBe("example.com second query");
  });

  it("leaves a non-numeric ASN value alone", () => {
    expect(formatQuery("a + {n}", "ASX", "asn")).toBe("a + ASX");
  });
});
