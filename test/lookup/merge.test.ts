import { describe, expect, it } from "vitest";
import { mergeReferral } from "../../src/lookup/merge.js";
import type { WhoisRecord } from "../../src/record/types.js";

const registry: WhoisRecord = {
  query: "example.com",
  kind: "domain",
  status: "registered",
  source: { protocol: "whois", server: "whois.verisign-grs.com" },
  domain: { name: "example.com", handle: "123_DOMAIN_COM-VRSN" },
  registrar: { name: "Registrar One", ianaId: "9999", whoisServer: "whois.registrar-one.test" },
  dates: { created: "2001-01-01T00:00:00Z", expires: "2030-01-01T00:00:00Z" },
  statuses: ["clientTransferProhibited"],
  nameservers: [{ name: "ns1.example.net" }, { name: "ns2.example.net" }],
  referral: { server: "whois.registrar-one.test" },
};

const registrar: WhoisRecord = {
  query: "example.com",
  kind: "domain",
  status: "registered",
  source: { protocol: "whois", server: "whois.registrar-one.test" },
  domain: { name: "example.com" },
  registrar: { name: "Registrar One LLC", url: "https://registrar-one.test", abuseEmail: "abuse@registrar-one.test" },
  dates: { created: "2001-01-01T00:00:00Z", expires: "2031-01-01T00:00:00Z", updated: "2024-05-01T00:00:00Z" },
  statuses: ["clientTransferProhibited"],
  nameservers: [{ name: "NS2.EXAMPLE.NET" }, { name: "ns1.example.net" }],
  contacts: [{ roles: ["registrant"], name: "Jane Doe", email: "jane@example.com" }],
};

describe("mergeReferral for domains", () => {
  const merged = mergeReferral(registry, registrar);

  it("takes contacts from the registrar and dates from the registry, filling gaps from either", () => {
    expect(merged.contacts).toEqual(registrar.contacts);
    expect(merged.dates).toEqual({ created: "2001-01-01T00:00:00Z", expires: "2030-01-01T00:00:00Z", updated: "2024-05-01T00:00:00Z" });
    expect(merged.registrar).toMatchObject({ name: "Registrar One", ianaId: "9999", url: "https://registrar-one.test", abuseEmail: "abuse@registrar-one.test" });
  });

  it("keeps both values where they disagree, with their source, and nothing where they agree", () => {
    expect(merged.disagreements).toEqual([
      {
        field: "dates.expires",
        values: [
          { source: "whois.verisign-grs.com", value: "2030-01-01T00:00:00Z" },
          { source: "whois.registrar-one.test", value: "2031-01-01T00:00:00Z" },
        ],
      },
    ]);
  });

  it("does not carry the registry's referral forward once followed", () => {
    expect(merged.referral).toBeUndefined();
  });
});

describe("mergeReferral for networks", () => {
  it("prefers the referred RIR's network", () => {
    const arin: WhoisRecord = { query: "1.1.1.1", kind: "ip", status: "registered", source: { protocol: "whois", server: "whois.arin.net" }, network: { handle: "NET-1", name: "RIPE-BLOCK", organization: "RIPE NCC" }, referral: { server: "whois://whois.ripe.net" } };
    const ripe: WhoisRecord = { query: "1.1.1.1", kind: "ip", status: "registered", source: { protocol: "whois", server: "whois.ripe.net" }, network: { handle: "1.1.1.0 - 1.1.1.255", name: "EXAMPLE-NET", country: "NL" } };
    // ARIN's object is the block it handed to RIPE NCC: its holder ("RIPE NCC") is not EXAMPLE-NET's (it was merged in).
    expect(mergeReferral(arin, ripe).network).toEqual({ handle: "1.1.1.0 - 1.1.1.255", name: "EXAMPLE-NET", country: "NL" });
  });

  const source = (server: string) => ({ protocol: "whois" as const, server });
  const arinParent: WhoisRecord = {
    query: "203.0.113.7", kind: "ip", status: "registered", source: source("whois.arin.net"),
    network: { startAddress: "203.0.0.0", endAddress: "203.255.255.255", cidrs: ["203.0.0.0/8"], name: "RIPE-203", type: "Allocated to RIPE NCC", organization: "RIPE Network Coordination Centre" },
    dates: { created: "1994-04-01T00:00:00Z", updated: "2010-01-01T00:00:00Z" },
    statuses: ["allocated"], contacts: [{ roles: ["registrant"], handle: "RIPE", name: "RIPE Network Coordination Centre" }],
    referral: { server: "whois.ripe.net" },
  };
  const ripeAssignment: WhoisRecord = {
    query: "203.0.113.7", kind: "ip", status: "registered", source: source("whois.ripe.net"),
    network: { startAddress: "203.0.113.0", endAddress: "203.0.113.255", cidrs: ["203.0.113.0/24"], name: "ACME-EU-NET", country: "NL" },
    dates: { updated: "2025-01-15T00:00:00Z" }, statuses: ["ASSIGNED PA"],
  };

  it("takes a more specific referred object whole, with its source, as RDAP's redirect would give it", () => {
    const merged = mergeReferral(arinParent, ripeAssignment);
    expect(merged.source.server).toBe("whois.ripe.net");
    expect(merged.network).toEqual(ripeAssignment.network);
    expect(merged.dates).toEqual({ updated: "2025-01-15T00:00:00Z" });
    expect(merged.statuses).toEqual(["ASSIGNED PA"]);
    expect(merged.contacts).toBeUndefined();
    expect(merged.disagreements).toBeUndefined();
  });

  it("keeps the JSON output's key order: the object's fields in the first record's places, the referred answer's own after", () => {
    const merged = mergeReferral({ ...arinParent, notes: ["from ARIN"] }, { ...ripeAssignment, remarks: ["assigned to Acme"], contacts: [{ roles: ["registrant"], handle: "ORG-AWE1-RIPE" }] });
    expect(Object.keys(merged)).toEqual(["query", "kind", "status", "source", "network", "dates", "statuses", "contacts", "notes", "remarks"]);
    expect(merged.contacts).toEqual([{ roles: ["registrant"], handle: "ORG-AWE1-RIPE" }]);
    // The first record is left as it was (the base is a copy).
    expect(arinParent.contacts?.[0]?.handle).toBe("RIPE");
    expect(Object.keys(mergeReferral(arinParent, ripeAssignment))).toEqual(["query", "kind", "status", "source", "network", "dates", "statuses"]);
  });

  it("merges field by field when both describe the same range", () => {
    const same = { ...ripeAssignment, network: { ...ripeAssignment.network, startAddress: "203.0.0.0", endAddress: "203.255.255.255", type: undefined } };
    const merged = mergeReferral(arinParent, { ...same, network: { startAddress: "203.0.0.0", endAddress: "203.255.255.255", name: "RIPE-203-RIPE" } });
    expect(merged.source.server).toBe("whois.arin.net");
    expect(merged.network).toMatchObject({ name: "RIPE-203-RIPE", type: "Allocated to RIPE NCC", organization: "RIPE Network Coordination Centre" });
  });
});
