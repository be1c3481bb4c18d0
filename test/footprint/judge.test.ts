import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Identity, parseSeed, registrableDomain, unusableReason } from "../../src/footprint/index.js";
import { isParkingNameserver, isSharedDnsHost, isSharedMailHost } from "../../src/footprint/judge.js";
import { rangeToCidrs, rpslObjects } from "../../src/footprint/rpsl-objects.js";

describe("values never pivoted on", () => {
  it.each([
    ["organization", "REDACTED FOR PRIVACY", "redacted"],
    ["organization", "Domains By Proxy, LLC", "privacy/proxy service"],
    ["organization", "WhoisGuard, Inc.", "privacy/proxy service"],
    ["email", "Select Request Email Form at https://domains.example", "redacted"],
    ["organization", "N/A", "placeholder value"],
    ["organization", "Acme", "too short to identify an organisation"],
    ["phone", "+1.555", "too short to identify a phone"],
    ["person", "Hostmaster", "placeholder value"],
    ["email", "not-an-email", "not an email address"],
  ] as const)("%s %j → %s", (type, value, reason) => {
    expect(unusableReason(type, value)).toBe(reason);
  });

  it("keeps real values", () => {
    expect(unusableReason("organization", "Acme Widgets Inc.")).toBeUndefined();
    expect(unusableReason("email", "hostmaster@acme-widgets.example")).toBeUndefined();
    expect(unusableReason("person", "Alice Example")).toBeUndefined();
  });
});

describe("shared infrastructure", () => {
  it("knows big DNS hosts, Route 53 included, and not an organisation's own name servers", () => {
    expect(isSharedDnsHost("ns1.cloudflare.com")).toBe(true);
    expect(isSharedDnsHost("ns-123.awsdns-45.org")).toBe(true);
    expect(isSharedDnsHost("pdns01.domaincontrol.com")).toBe(true);
    expect(isSharedDnsHost("ns1.acme-dns.example")).toBe(false);
  });
  it("knows parking name servers, by provider and by registrar label", () => {
    expect(isParkingNameserver("ns1.sedoparking.com")).toBe(true);
    expect(isParkingNameserver("ns2.parking.registrar-one.sandbox")).toBe(true);
    expect(isParkingNameserver("ns1.acme-dns.example")).toBe(false);
  });
  it("knows shared mail providers", () => {
    expect(isSharedMailHost("aspmx.l.google.com")).toBe(true);
    expect(isSharedMailHost("acme-com.mail.protection.outlook.com")).toBe(true);
    expect(isSharedMailHost("mx1.acme-widgets.com")).toBe(false);
  });
  it("takes registrable domains from the public suffix list", () => {
    expect(registrableDomain("ns1.example.co.uk")).toBe("example.co.uk");
    expect(registrableDomain("a.b.acme-widgets.example")).toBe("acme-widgets.example");
  });
});

describe("the seed organisation's identity", () => {
  const identity = new Identity();
  identity.addOrganization("Acme Widgets Inc.");
  identity.addEmail("hostmaster@acme-widgets.example");
  identity.addEmail("someone@gmail.com");

  it("matches the same organisation under another legal form or a regional name", () => {
    expect(identity.matchesOrganization("ACME WIDGETS, INC")).toBe(true);
    expect(identity.matchesOrganization("Acme Widgets Europe B.V.")).toBe(true);
  });
  it("does not match other organisations or fragments", () => {
    expect(identity.matchesOrganization("Globex Corporation")).toBe(false);
    expect(identity.matchesOrganization("Widgets")).toBe(false);
    expect(identity.matchesOrganization("REDACTED FOR PRIVACY")).toBe(false);
  });
  it("matches mailboxes at the organisation's domains, never at free-mail providers", () => {
    expect(identity.matchesEmail("noc@acme-widgets.example")).toBe(true);
    expect(identity.matchesEmail("other@gmail.com")).toBe(false);
  });
});

describe("seeds", () => {
  it.each([
    ["example.com", "domain", "example.com"],
    ["www.example.co.uk", "domain", "example.co.uk"],
    ["hostmaster@acme-widgets.example", "email", "hostmaster@acme-widgets.example"],
    ["203.0.113.10", "ip", "203.0.113.10"],
    ["2001:db8::1", "ip", "2001:db8::1"],
    ["198.51.100.0/24", "network", "198.51.100.0/24"],
    ["as64500", "asn", "AS64500"],
    ["+1.2175550100", "phone", "+1.2175550100"],
    ["Acme Widgets Inc.", "organization", "Acme Widgets Inc."],
    ["org:Acme", "organization", "Acme"],
    ["person:Alice Example", "person", "Alice Example"],
    ["ns:ns1.acme-dns.example", "nameserver", "ns1.acme-dns.example"],
    ["ORG-AWE1-RIPE", "handle", "ORG-AWE1-RIPE"],
  ])("%s is a %s", (text, type, value) => {
    expect(parseSeed(text)).toEqual({ type, value });
  });
  it("names the problem for a seed it cannot read", () => {
    expect(() => parseSeed("   ")).toThrow(/empty seed/);
    expect(() => parseSeed("!!!")).toThrow(/cannot tell what seed/);
    for (const hostile of ["e\u001b[2Jx.com", "org:Acme\u009b31m", "a\tb.com"]) expect(() => parseSeed(hostile)).toThrow(/seed contains control characters/);
  });
});

describe("RPSL inverse answers", () => {
  const answer = [
    "% This is the RIPE Database query service.", "", "inetnum:        203.0.113.0 - 203.0.113.255", "netname:        ACME-EU-NET", "org:            ORG-AWE1-RIPE", "",
    "aut-num:        AS64501", "as-name:        ACME-EU-AS", "", "inet6num:       2001:db8:1234::/48", "netname:        ACME-EU-V6", "",
  ].join("\n");
  it("splits objects and reads class and key", () => {
    expect(rpslObjects(answer).map((o) => [o.class, o.key])).toEqual([["inetnum", "203.0.113.0 - 203.0.113.255"], ["aut-num", "AS64501"], ["inet6num", "2001:db8:1234::/48"]]);
  });
  it("turns ranges into the CIDRs that cover them exactly", () => {
    expect(rangeToCidrs("203.0.113.0 - 203.0.113.255")).toEqual(["203.0.113.0/24"]);
    expect(rangeToCidrs("192.0.2.0 - 192.0.2.2")).toEqual(["192.0.2.0/31", "192.0.2.2/32"]);
    expect(rangeToCidrs("2001:db8:: - 2001:db8::ffff")).toEqual(["2001:db8::/112"]);
    expect(rangeToCidrs("nonsense")).toEqual([]);
  });
  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      expect(Array.isArray(rpslObjects(text))).toBe(true);
      expect(Array.isArray(rangeToCidrs(text))).toBe(true);
    }));
  });
});
