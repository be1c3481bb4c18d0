import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bootstrap, BOOTSTRAP_KINDS, defaultBootstrapDir, loadDefaultBootstrap, SHIPPED_BOOTSTRAP_DIR } from "../../src/servers/index.js";

const ARIN = "https://rdap.arin.net/registry/";
const RIPE = "https://rdap.db.ripe.net/";
const APNIC = "https://rdap.apnic.net/";
const LACNIC = "https://rdap.lacnic.net/rdap/";
const AFRINIC = "https://rdap.afrinic.net/rdap/";

describe("Bootstrap (shipped snapshot)", () => {
  const bootstrap = Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);

  it.each([
    ["example.com", "https://rdap.verisign.com/com/v1/"],
    ["sub.deep.example.net", "https://rdap.verisign.com/net/v1/"],
    ["EXAMPLE.ORG.", "https://rdap.publicinterestregistry.org/rdap/"],
    ["example.uk", "https://rdap.nominet.uk/uk/"],
    ["example.co.uk", "https://rdap.nominet.uk/uk/"],
    ["com", "https://rdap.verisign.com/com/v1/"],
    ["пример.рф", undefined],
    ["example.de", undefined],
    ["", undefined],
    ["..", undefined],
  ])("domain %j → %s", (name, base) => {
    expect(bootstrap.domain(name)[0]).toBe(base);
  });

  it("prefers https bases and ends every base with a slash", () => {
    const urls = bootstrap.ipv4("8.8.8.8");
    expect(urls).toEqual([ARIN, "http://rdap.arin.net/registry/"]);
  });

  it.each([
    ["8.8.8.8", ARIN],
    ["193.0.6.139", RIPE],
    ["1.1.1.1", APNIC],
    ["200.160.0.1", LACNIC],
    ["196.11.240.215", AFRINIC],
    ["41.0.0.0/8", AFRINIC],
    ["::ffff:8.8.8.8", ARIN],
  ])("ipv4 %s → %s", (ip, base) => {
    expect(ip.includes(":") ? bootstrap.ipv6(ip)[0] : bootstrap.ipv4(ip)[0]).toBe(base);
  });

  it.each([
    ["2001:4860:4860::8888", ARIN],
    ["2001:67c:2e8::1", RIPE],
    ["2400:cb00::1", APNIC],
    ["2800:3f0::1", LACNIC],
    ["2c0f:fb50::1", AFRINIC],
    ["2001:4200::1", AFRINIC],
  ])("ipv6 %s → %s", (ip, base) => {
    expect(bootstrap.ipv6(ip)[0]).toBe(base);
    expect(bootstrap.ip(ip)[0]).toBe(base);
  });

  it.each(["not an ip", "300.1.1.1", "1.2.3", "1.2.3.4/40", "fe80::zz", "", "8.8.8.8/abc"])("finds nothing for %j", (input) => {
    expect(bootstrap.ipv4(input)).toEqual([]);
    expect(bootstrap.ipv6(input)).toEqual([]);
  });

  it("keeps the families apart", () => {
    expect(bootstrap.ipv6("8.8.8.8")).toEqual([]);
    expect(bootstrap.ipv4("2001:4860::1")).toEqual([]);
  });

  it.each([
    [1, ARIN],
    [1876, ARIN],
    [1877, RIPE],
    [1901, RIPE],
    [1902, ARIN],
    [2043, RIPE],
    [3333, RIPE],
    [15169, ARIN],
    [36864, AFRINIC],
    [37887, AFRINIC],
    [0, undefined],
    [4_294_967_295, undefined],
    [-1, undefined],
    [1.5, undefined],
  ])("asn %d → %s", (asn, base) => {
    expect(bootstrap.asn(asn)[0]).toBe(base);
  });

  it.each([
    ["GOGL-ARIN", ARIN],
    ["gogl-arin", ARIN],
    ["XYZ-RIPE", RIPE],
    ["A-B-C-APNIC", APNIC],
    ["NIC-FRNIC", "https://rdap.nic.fr/"],
    ["NOTAG", undefined],
    ["TRAILING-", undefined],
    ["X-UNKNOWNTAG", undefined],
  ])("entity %s → %s", (handle, base) => {
    expect(bootstrap.entity(handle)[0]).toBe(base);
  });

  it("lists the RDAP hosts it knows", () => {
    const hosts = bootstrap.hosts();
    expect(hosts).toContain("rdap.arin.net");
    expect(hosts).toContain("rdap.verisign.com");
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.double(), (text, number) => {
        for (const urls of [bootstrap.domain(text), bootstrap.ipv4(text), bootstrap.ipv6(text), bootstrap.ip(text), bootstrap.entity(text), bootstrap.asn(number)]) {
          expect(Array.isArray(urls)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("Bootstrap.fromFiles", () => {
  const custom = Bootstrap.fromFiles({
    dns: {
      services: [
        [["uk"], ["https://uk.test/"]],
        [["co.uk", "ltd.uk"], ["http://plain.test", "https://co-uk.test"]],
        [["bad"], ["ftp://nope.test/"]],
      ],
    },
    ipv4: {
      services: [
        [["10.0.0.0/8"], ["https://wide.test/"]],
        [["10.1.0.0/16"], ["https://narrow.test/"]],
        [["10.1.2.0/24"], ["https://narrowest.test/"]],
        [["garbage", "10.0.0.0/99"], ["https://never.test/"]],
      ],
    },
    ipv6: { services: [[["2001:db8::/32"], ["https://v6.test/"]], [["2001:db8:1::/48"], ["https://v6-narrow.test/"]]] },
    asn: { services: [[["100-199", "300"], ["https://as.test/"]], [["200-250"], ["https://as2.test/"]], [["x-y", "9-1"], ["https://never.test/"]]] },
    "object-tags": { services: [[["ops@example.test"], ["EXAMPLE"], ["https://tags.test/"]]] },
  });

  it("matches label-wise suffixes, longest first, without partial-label matches", () => {
    expect(custom.domain("a.b.co.uk")).toEqual(["https://co-uk.test/", "http://plain.test/"]);
    expect(custom.domain("example.uk")).toEqual(["https://uk.test/"]);
    expect(custom.domain("example.eco.uk")).toEqual(["https://uk.test/"]);
    expect(custom.domain("example.bad")).toEqual([]);
  });

  it("picks the most specific prefix, limited by a CIDR query's own length", () => {
    expect(custom.ipv4("10.1.2.3")).toEqual(["https://narrowest.test/"]);
    expect(custom.ipv4("10.1.3.3")).toEqual(["https://narrow.test/"]);
    expect(custom.ipv4("10.2.2.3")).toEqual(["https://wide.test/"]);
    expect(custom.ipv4("10.1.0.0/16")).toEqual(["https://narrow.test/"]);
    expect(custom.ipv4("10.0.0.0/12")).toEqual(["https://wide.test/"]);
    expect(custom.ipv4("11.0.0.1")).toEqual([]);
    expect(custom.ipv6("2001:db8:1::5")).toEqual(["https://v6-narrow.test/"]);
    expect(custom.ipv6("2001:db8:2::5")).toEqual(["https://v6.test/"]);
  });

  it("finds ASN ranges and single numbers at their edges, ignoring malformed entries", () => {
    expect([99, 100, 199, 200, 250, 251, 299, 300, 301].map((n) => custom.asn(n)[0] ?? null)).toEqual([
      null,
      "https://as.test/",
      "https://as.test/",
      "https://as2.test/",
      "https://as2.test/",
      null,
      null,
      "https://as.test/",
      null,
    ]);
    expect(custom.asn(5)).toEqual([]);
  });

  it("reads object tags from [emails, tags, urls]", () => {
    expect(custom.entity("ABC-EXAMPLE")).toEqual(["https://tags.test/"]);
  });

  it("survives files that are not bootstrap files", () => {
    const broken = Bootstrap.fromFiles({ dns: { services: "nope" } as never, ipv4: {} as never, asn: { services: [[1, 2]] } as never });
    expect(broken.domain("example.com")).toEqual([]);
    expect(broken.asn(1)).toEqual([]);
  });
});

describe("Bootstrap.load", () => {
  it("uses a complete cached copy (with its stamp) over the shipped snapshot", () => {
    const cache = mkdtempSync(join(tmpdir(), "wl-bs-"));
    const dir = join(cache, "iana-bootstrap");
    mkdirSync(dir);
    const env = { WHOISLENS_CACHE_DIR: cache };
    for (const kind of BOOTSTRAP_KINDS) writeFileSync(join(dir, `${kind}.json`), JSON.stringify({ services: kind === "dns" ? [[["com"], ["https://cached.test/"]]] : [] }));
    expect(defaultBootstrapDir(env)).toBe(SHIPPED_BOOTSTRAP_DIR); // no stamp yet: an interrupted update
    writeFileSync(join(dir, "fetched.json"), JSON.stringify({ fetchedAt: new Date().toISOString(), source: "x", files: [] }));
    expect(defaultBootstrapDir(env)).toBe(dir);
    expect(Bootstrap.load(undefined, env).domain("example.com")).toEqual(["https://cached.test/"]);
    expect(loadDefaultBootstrap(env).source).toBe(dir);
  });

  it("falls back to the shipped snapshot without a cache", () => {
    const env = { WHOISLENS_CACHE_DIR: join(tmpdir(), "wl-bs-missing-dir") };
    expect(Bootstrap.load(undefined, env).source).toBe(SHIPPED_BOOTSTRAP_DIR);
  });

  it("names a file that is not JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-bs-bad-"));
    writeFileSync(join(dir, "dns.json"), "{ not json");
    expect(() => Bootstrap.load(dir)).toThrow(/dns\.json is not valid JSON/);
  });
});
