import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eppStatus, parseRdap } from "../../src/parse/rdap/index.js";

const domain = {
  objectClassName: "domain",
  handle: "D1-TEST",
  ldhName: "XN--CAF-DMA.TEST",
  unicodeName: "café.test",
  status: ["client transfer prohibited", "active"],
  events: [
    { eventAction: "registration", eventDate: "2010-01-01T00:00:00Z" },
    { eventAction: "expiration", eventDate: "2030-01-01T00:00:00Z" },
    { eventAction: "last update of RDAP database", eventDate: "2026-01-01T00:00:00Z" },
  ],
  nameservers: [{ objectClassName: "nameserver", ldhName: "NS1.EXAMPLE.TEST", ipAddresses: { v4: ["192.0.2.53"] } }],
  secureDNS: { delegationSigned: true },
  links: [{ rel: "related", href: "https://rdap.registrar.test/domain/xn--caf-dma.test", type: "application/rdap+json" }],
  entities: [
    {
      objectClassName: "entity",
      handle: "4242",
      roles: ["registrar"],
      publicIds: [{ type: "IANA Registrar ID", identifier: "4242" }],
      vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Registrar Test"]]],
      entities: [{ roles: ["abuse"], vcardArray: ["vcard", [["email", {}, "text", "abuse@registrar.test"], ["tel", { type: "voice" }, "uri", "tel:+1.555"]]] }],
    },
    {
      roles: ["registrant", "technical"],
      vcardArray: ["vcard", [["fn", {}, "text", "Jane Roe"], ["org", {}, "text", "Roe Corp"], ["adr", { cc: "US" }, "text", ["", "", ["1 Main St"], "Springfield", "IL", "62701", ""]], ["email", {}, "text", "jane@roe.test"]]],
    },
  ],
  redacted: [{ name: { type: "Administrative Email" }, method: "removal" }],
};

describe("parseRdap", () => {
  it("reads a domain with registrar, contacts, events, name servers and RFC 9537 redactions", () => {
    const record = parseRdap(domain, { url: "https://rdap.registry.test/domain/xn--caf-dma.test" });
    expect(record).toMatchObject({
      kind: "domain",
      status: "registered",
      source: { protocol: "rdap", server: "rdap.registry.test" },
      domain: { name: "xn--caf-dma.test", unicodeName: "café.test", handle: "D1-TEST" },
      registrar: { name: "Registrar Test", ianaId: "4242", abuseEmail: "abuse@registrar.test", rdapUrl: "https://rdap.registrar.test/domain/xn--caf-dma.test" },
      referral: { url: "https://rdap.registrar.test/domain/xn--caf-dma.test" },
      dates: { created: "2010-01-01T00:00:00Z", expires: "2030-01-01T00:00:00Z" },
      statuses: ["clientTransferProhibited", "active"],
      nameservers: [{ name: "ns1.example.test", ipv4: ["192.0.2.53"] }],
      dnssec: "signed",
    });
    expect(record.dates?.updated).toBeUndefined();
    expect(record.contacts).toEqual([
      { roles: ["registrant", "technical"], name: "Jane Roe", organization: "Roe Corp", street: ["1 Main St"], city: "Springfield", state: "IL", postalCode: "62701", countryCode: "US", email: "jane@roe.test" },
      { roles: ["administrative"], redacted: ["email"] },
    ]);
  });

  it("reads networks and autnums", () => {
    const network = parseRdap({ objectClassName: "ip network", handle: "NET-1", startAddress: "192.0.2.0", endAddress: "192.0.2.255", cidr0_cidrs: [{ v4prefix: "192.0.2.0", length: 24 }], country: "US" });
    expect(network).toMatchObject({ kind: "ip", network: { handle: "NET-1", cidrs: ["192.0.2.0/24"], country: "US" } });
    expect(parseRdap({ objectClassName: "autnum", handle: "AS64500", startAutnum: 64500, endAutnum: 64500, name: "X" }).asn).toEqual({ handle: "AS64500", name: "X", start: 64500, end: 64500 });
  });

  it("splits an address label sent vCard-escaped (APNIC and ARIN write a two-character \\n between lines)", () => {
    const entity = (label: string) => ({ objectClassName: "entity", handle: "E1", roles: ["registrant"], vcardArray: ["vcard", [["fn", {}, "text", "Sample Org"], ["adr", { label }, "text", ["", "", "", "", "", "", ""]]]] });
    const escaped = parseRdap({ objectClassName: "ip network", handle: "N1", entities: [entity("PO Box 1\\nSample City, QLD 4101\\nAustralia")] });
    // The last line names the country: it is the country (as the WHOIS parser reads the same lines), not a street line.
    expect(escaped.contacts?.[0]).toMatchObject({ street: ["PO Box 1", "Sample City, QLD 4101"], country: "Australia", countryCode: "AU" });
    // A two-letter last line is a country only after a postcode line: here it is a US state, and stays a line.
    const state = parseRdap({ objectClassName: "ip network", handle: "N1", entities: [entity("1 Main St\nSpringfield\nIL")] });
    expect(state.contacts?.[0]?.countryCode).toBeUndefined();
    const coded = parseRdap({ objectClassName: "ip network", handle: "N1", entities: [entity("Rua do Farol, 100,\n01310-100 - Sao Paulo - SP\nBR")] });
    expect(coded.contacts?.[0]).toMatchObject({ street: ["Rua do Farol, 100"], postalCode: "01310-100", city: "Sao Paulo", state: "SP", countryCode: "BR" });
    const plain = parseRdap({ objectClassName: "ip network", handle: "N1", entities: [entity("1 Sample Street\nSample City")] });
    expect(plain.contacts?.[0]?.street).toEqual(["1 Sample Street", "Sample City"]);
  });

  it("maps error answers to statuses", () => {
    expect(parseRdap({ errorCode: 404 }).status).toBe("available");
    expect(parseRdap({ errorCode: 429 }).status).toBe("throttled");
  });

  it("spells EPP statuses the EPP way", () => {
    expect(eppStatus("client delete prohibited")).toBe("clientDeleteProhibited");
    expect(eppStatus("active")).toBe("active");
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (json) => void parseRdap(json)), { numRuns: 500 });
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const mutated = { ...domain, entities: junk, events: junk, nameservers: junk, vcardArray: junk, redacted: junk, links: junk };
        expect(parseRdap(mutated).source.protocol).toBe("rdap");
      }),
      { numRuns: 300 },
    );
  });
});

describe("a related link written as a path", () => {
  // RFC 9083 §4.2 asks for absolute hrefs; a path was dropped, so the registrar's copy was never asked
  // (found with a hand-written RDAP world). It resolves against the link's "value" or the answer's URL.
  const withLink = (link: Record<string, string>) => ({ objectClassName: "domain", ldhName: "acme.test", links: [link] });

  it("resolves against the answer's own URL", () => {
    const record = parseRdap(withLink({ rel: "related", type: "application/rdap+json", href: "/registrar/domain/acme.test" }), { url: "http://127.0.0.1:8080/registry/domain/acme.test" });
    expect(record.referral).toEqual({ url: "http://127.0.0.1:8080/registrar/domain/acme.test" });
  });

  it("prefers the link's context (value)", () => {
    const link = { rel: "related", href: "../../registrar/domain/acme.test", value: "https://rdap.registry.test/v1/domain/acme.test" };
    expect(parseRdap(withLink(link), { url: "https://other.test/domain/acme.test" }).referral).toEqual({ url: "https://rdap.registry.test/registrar/domain/acme.test" });
  });

  it("names nothing without a context", () => {
    expect(parseRdap(withLink({ rel: "related", href: "/registrar/domain/acme.test" })).referral).toBeUndefined();
  });
});
