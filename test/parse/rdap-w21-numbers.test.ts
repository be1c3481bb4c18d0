// Issue #13 ("Parser generality"), w21: RDAP ip network and autnum answers (RFC 9083 §5.4–5.5) read the way the same
// registry's port-43 answer is read, so both protocols give one record. Excerpts in the servers' shapes, cited beside
// each; handles, names and addresses are invented (documentation ranges).
import { describe, expect, it } from "vitest";
import { parseRdap } from "../../src/parse/rdap/index.js";
import { parseWhoisText } from "../../src/parse/whois/index.js";

describe("an ip network without the cidr0 extension: its range is its CIDR cover", () => {
  // RIPE's and LACNIC's RDAP servers sent no cidr0_cidrs for years; clients work the prefix out of startAddress and
  // endAddress (https://github.com/meeb/whoisit/pull/8: "not all RDAP instances (ex. ripe) have the conformance level
  // cidr0 enabled and the response is missing the cidr information"). RIPE's answer shape: handle "a - b", parentHandle.
  const ripe = {
    objectClassName: "ip network",
    handle: "193.0.0.0 - 193.0.7.255",
    startAddress: "193.0.0.0",
    endAddress: "193.0.7.255",
    ipVersion: "v4",
    name: "SAMPLE-NET",
    type: "ASSIGNED PA",
    country: "NL",
    parentHandle: "193.0.0.0 - 193.0.23.255",
    status: ["active"],
  };

  it("a range on a prefix boundary is one CIDR", () => {
    expect(parseRdap(ripe).network?.cidrs).toEqual(["193.0.0.0/21"]);
  });

  it("a range off the boundaries is its minimal cover, as the port-43 reading gives it", () => {
    const record = parseRdap({ ...ripe, handle: "192.0.2.0 - 192.0.3.127", startAddress: "192.0.2.0", endAddress: "192.0.3.127" });
    expect(record.network?.cidrs).toEqual(["192.0.2.0/24", "192.0.3.0/25"]);
  });

  it("cidr0_cidrs, when sent, are taken as given (ARIN: https://github.com/meeb/whoisit/issues/11 lists three for one range)", () => {
    const record = parseRdap({
      objectClassName: "ip network",
      handle: "NET-198-18-0-0-1",
      startAddress: "198.18.0.0",
      endAddress: "198.19.255.255",
      cidr0_cidrs: [{ v4prefix: "198.18.0.0", length: 16 }, { v4prefix: "198.19.0.0", length: 16 }],
    });
    expect(record.network?.cidrs).toEqual(["198.18.0.0/16", "198.19.0.0/16"]);
  });

  it("addresses that are none give no CIDR (and are kept as written)", () => {
    const record = parseRdap({ objectClassName: "ip network", handle: "X", startAddress: "not-an-address", endAddress: "192.0.2.255" });
    expect(record.network?.cidrs).toBeUndefined();
    expect(record.network?.startAddress).toBe("not-an-address");
    expect(parseRdap({ objectClassName: "ip network", handle: "X", startAddress: "not/an-address" }).network?.startAddress).toBe("not/an-address");
  });
});

describe("start and end addresses in the form port 43's reading prints", () => {
  it("an IPv6 address written in full or in capitals is the same address, in RFC 5952 form", () => {
    const record = parseRdap({
      objectClassName: "ip network",
      handle: "2001:db8::/32",
      startAddress: "2001:DB8:0:0:0:0:0:0",
      endAddress: "2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF",
      ipVersion: "v6",
    });
    expect(record.network).toMatchObject({ startAddress: "2001:db8::", endAddress: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", cidrs: ["2001:db8::/32"] });
  });

  it("a prefix length after the address is dropped (RIPE's server wrote '2001:2002:2003::/128' until https://github.com/RIPE-NCC/whois/pull/539)", () => {
    const record = parseRdap({
      objectClassName: "ip network",
      handle: "2001:db8:2003::/48",
      startAddress: "2001:db8:2003::/128",
      endAddress: "2001:db8:2003:ffff:ffff:ffff:ffff:ffff/128",
      ipVersion: "v6",
    });
    expect(record.network).toMatchObject({ startAddress: "2001:db8:2003::", endAddress: "2001:db8:2003:ffff:ffff:ffff:ffff:ffff", cidrs: ["2001:db8:2003::/48"] });
    const v4 = parseRdap({ objectClassName: "ip network", handle: "192.0.2.0 - 192.0.2.255", startAddress: "192.0.2.0/32", endAddress: "192.0.2.255/32", ipVersion: "v4" });
    expect(v4.network).toMatchObject({ startAddress: "192.0.2.0", endAddress: "192.0.2.255", cidrs: ["192.0.2.0/24"] });
  });
});

describe("an RDAP error answer to an address or AS number query is about that address or number", () => {
  // RFC 9083 §6: an error response names no object class; over port 43 the same not-found answer already gives kind
  // ip/asn from the query (whois/number-query.ts). RIPE's 404 body as its server sends it.
  const notFound = { errorCode: 404, title: "Not Found", description: ["The server has not found anything matching the Request-URI."] };

  it("an address, a CIDR, an AS number", () => {
    expect(parseRdap(notFound, { query: "192.0.2.1" })).toMatchObject({ kind: "ip", status: "available" });
    expect(parseRdap(notFound, { query: "2001:db8::/32" })).toMatchObject({ kind: "ip", status: "available" });
    expect(parseRdap(notFound, { query: "AS64496" })).toMatchObject({ kind: "asn", status: "available" });
  });

  it("a domain's error stays a domain's", () => {
    expect(parseRdap(notFound, { query: "example.com" }).kind).toBe("domain");
  });

  it("the same query over port 43 and RDAP gives the same kind and status", () => {
    const whois = parseWhoisText("%ERROR:101: no entries found\n%\n% No entries found in source RIPE.\n", { server: "whois.ripe.net", query: "192.0.2.1" });
    const rdap = parseRdap(notFound, { server: "rdap.db.ripe.net", query: "192.0.2.1" });
    expect([rdap.kind, rdap.status]).toEqual([whois.kind, whois.status]);
  });
});

describe("RIR search answers: the first network or AS number found is read, as the first domain of a domain search is", () => {
  // RFC 9910 §4.2 ("ipSearchResults", "autnumSearchResults"); ARIN's origin-AS search answers
  // "arin_originas0_networkSearchResults" (https://bitbucket.org/arin-specs/arin-rdap-originas/src/master/arin-rdap-originas.txt,
  // listed in IANA's RDAP extensions registry).
  const network = { objectClassName: "ip network", handle: "NET-192-0-2-0-1", startAddress: "192.0.2.0", endAddress: "192.0.2.255", ipVersion: "v4", name: "SAMPLE-NET" };

  it("ipSearchResults and ARIN's origin-AS network search give the first network", () => {
    for (const member of ["ipSearchResults", "arin_originas0_networkSearchResults"]) {
      const record = parseRdap({ rdapConformance: ["rdap_level_0", "rirSearch1"], [member]: [network, { ...network, handle: "NET-2" }] });
      expect(record.kind, member).toBe("ip");
      expect(record.network, member).toMatchObject({ handle: "NET-192-0-2-0-1", name: "SAMPLE-NET", cidrs: ["192.0.2.0/24"] });
    }
  });

  it("autnumSearchResults gives the first AS number", () => {
    const record = parseRdap({ autnumSearchResults: [{ objectClassName: "autnum", handle: "AS64496", startAutnum: 64496, endAutnum: 64496, name: "SAMPLE-AS" }] });
    expect(record).toMatchObject({ kind: "asn", status: "registered", asn: { handle: "AS64496", start: 64496, end: 64496, name: "SAMPLE-AS" } });
  });
});

describe("RIPE's RDAP lists maintainers as registrants: the organisation is the holder", () => {
  // RIPE's server names the resource's "mnt-by:" maintainers as registrant entities (https://github.com/RIPE-NCC/whois/pull/740),
  // before the organisation as often as not (the RIPE answers pasted in https://github.com/rapid7/insightconnect-plugins/pull/1558:
  // "FT-BRX" registrant, …, "ORG-FT2-RIPE" registrant, "RIPE-NCC-HM-MNT" registrant). A client that took the first read
  // "RIPE-NCC-END-MNT" as networks' holder, and now takes the registrant whose vCard kind is "org"
  // (https://github.com/20c/rdap/pull/46).
  const card = (name: string, kind: string): unknown[] => ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", name], ["kind", {}, "text", kind]]];
  const network = {
    objectClassName: "ip network",
    handle: "192.0.2.0 - 192.0.2.255",
    startAddress: "192.0.2.0",
    endAddress: "192.0.2.255",
    entities: [
      { objectClassName: "entity", handle: "SAMPLE-MNT", roles: ["registrant"], vcardArray: card("SAMPLE-MNT", "individual") },
      { objectClassName: "entity", handle: "JD1-RIPE", roles: ["administrative"], vcardArray: card("Jane Doe", "individual") },
      { objectClassName: "entity", handle: "ORG-SAMP1-RIPE", roles: ["registrant"], vcardArray: card("Sample Coordination Centre", "org") },
      { objectClassName: "entity", handle: "RIPE-NCC-END-MNT", roles: ["registrant"] },
    ],
  };

  it("the organisation is the first registrant and the network's organization; the maintainers stay, after it", () => {
    const record = parseRdap(network);
    const registrants = (record.contacts ?? []).filter((contact) => contact.roles.includes("registrant"));
    expect(registrants.map((contact) => contact.handle)).toEqual(["ORG-SAMP1-RIPE", "SAMPLE-MNT", "RIPE-NCC-END-MNT"]);
    expect(record.network?.organization).toBe("Sample Coordination Centre");
  });

  it("the same holder as the port-43 answer's organisation object", () => {
    const whois = parseWhoisText(
      ["inetnum:        192.0.2.0 - 192.0.2.255", "org:            ORG-SAMP1-RIPE", "mnt-by:         SAMPLE-MNT", "source:         RIPE", "", "organisation:   ORG-SAMP1-RIPE", "org-name:       Sample Coordination Centre", "source:         RIPE"].join("\n"),
      { server: "whois.ripe.net", query: "192.0.2.1" },
    );
    const rdap = parseRdap(network);
    const first = (contacts: typeof whois.contacts) => contacts?.find((contact) => contact.roles.includes("registrant"));
    expect([first(rdap.contacts)?.handle, rdap.network?.organization]).toEqual([first(whois.contacts)?.handle, whois.network?.organization]);
  });

  it("an answer with no organisation entity keeps its order (nothing to tell the holder by)", () => {
    const record = parseRdap({ ...network, entities: [network.entities[0], network.entities[3]] });
    expect((record.contacts ?? []).map((contact) => contact.handle)).toEqual(["SAMPLE-MNT", "RIPE-NCC-END-MNT"]);
  });
});
