import { describe, expect, it } from "vitest";
import { alertId, carryForward, diffDomain, diffLookalike, diffNetwork, statusKey } from "../../../src/defend/watch/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";

const NOW = new Date("2026-12-06T00:00:00Z");
const ctx = { now: NOW, nearDays: 30 };

const record = (patch: Partial<WhoisRecord> = {}): WhoisRecord => ({
  query: "example.org",
  kind: "domain",
  status: "registered",
  source: { protocol: "rdap", server: "rdap.example", fetchedAt: NOW.toISOString() },
  domain: { name: "example.org" },
  registrar: { name: "Registrar One", ianaId: "1" },
  dates: { created: "2020-01-01T00:00:00Z", expires: "2027-06-01T00:00:00Z" },
  statuses: ["client transfer prohibited", "clientDeleteProhibited"],
  nameservers: [{ name: "ns1.example.net" }, { name: "ns2.example.net" }],
  dnssec: "signed",
  contacts: [{ roles: ["registrant"], organization: "Example Org", email: "hostmaster@example.org" }],
  ...patch,
});

const kinds = (before: WhoisRecord | undefined, after: WhoisRecord): string[][] => diffDomain(before, after, ctx).map((c) => [c.kind, c.severity]);

describe("diffing two fetches of a watched domain", () => {
  it("finds nothing between two identical fetches, nor when only spelling differs (RDAP words vs EPP camelCase, NS order and case)", () => {
    expect(kinds(record(), record())).toEqual([]);
    const respelled = record({ statuses: ["clientTransferProhibited", "client delete prohibited"], nameservers: [{ name: "NS2.example.net." }, { name: "ns1.example.net" }], registrar: { name: "REGISTRAR ONE", ianaId: "1" } });
    expect(kinds(record(), respelled)).toEqual([]);
    expect(statusKey("active")).toBe(statusKey("ok"));
  });

  it("a value one record does not state (redacted, thinner answer) is no change", () => {
    const thin = record({ registrar: undefined, nameservers: undefined, statuses: undefined, dnssec: undefined, contacts: undefined, dates: undefined });
    expect(kinds(record(), thin)).toEqual([]);
    const redacted = record({ contacts: [{ roles: ["registrant"], organization: "Example Org", redacted: ["email"] }] });
    expect(kinds(record(), redacted)).toEqual([]);
  });

  it("tells each kind apart, with the table's severities", () => {
    expect(kinds(record(), record({ registrar: { name: "Registrar Two", ianaId: "2" } }))).toEqual([["registrar-changed", "high"]]);
    expect(kinds(record(), record({ nameservers: [{ name: "ns1.other.example" }] }))).toEqual([["nameservers-changed", "high"]]);
    expect(kinds(record(), record({ statuses: ["clientDeleteProhibited"] }))).toEqual([["lock-removed", "high"]]);
    expect(kinds(record(), record({ statuses: [...(record().statuses ?? []), "serverTransferProhibited"] }))).toEqual([["lock-added", "info"]]);
    expect(kinds(record(), record({ statuses: [...(record().statuses ?? []), "clientHold"] }))).toEqual([["status-changed", "high"]]);
    expect(kinds(record(), record({ statuses: [...(record().statuses ?? []), "autoRenewPeriod"] }))).toEqual([["status-changed", "info"]]);
    expect(kinds(record(), record({ statuses: [...(record().statuses ?? []), "inactive"] }))).toEqual([["status-changed", "low"]]);
    expect(kinds(record(), record({ contacts: [{ roles: ["registrant"], organization: "Someone Else", email: "x@evil.example" }] }))).toEqual([["contact-changed", "medium"]]);
    expect(kinds(record(), record({ dnssec: "unsigned" }))).toEqual([["dnssec-changed", "high"]]);
    expect(kinds(record({ dnssec: "unsigned" }), record())).toEqual([["dnssec-changed", "medium"]]);
    expect(kinds(record(), record({ status: "available" }))).toEqual([["domain-dropped", "critical"]]);
  });

  it("a renewal is info; an expiry moved back, or still within the near window, is high", () => {
    expect(kinds(record(), record({ dates: { expires: "2028-06-01T00:00:00Z" } }))).toEqual([["expiry-changed", "info"]]);
    expect(kinds(record(), record({ dates: { expires: "2027-02-01T00:00:00Z" } }))).toEqual([["expiry-changed", "high"]]);
    const near = record({ dates: { expires: "2026-12-20T00:00:00Z" } });
    expect(kinds(record({ dates: { expires: "2026-12-10T00:00:00Z" } }), near)).toEqual([["expiry-changed", "high"], ["expiry-near", "high"]]);
    expect(diffDomain(undefined, near, ctx).map((c) => [c.kind, c.after, c.note])).toEqual([["expiry-near", "2026-12-20T00:00:00Z", "14 days left"]]);
    expect(kinds(undefined, record())).toEqual([]);
  });

  it("lookalikes: registered since the last look, then changed; netblocks: any holder change", () => {
    expect(diffLookalike(undefined, record()).map((c) => c.kind)).toEqual(["lookalike-registered"]);
    expect(diffLookalike(record({ status: "available" }), record()).map((c) => c.kind)).toEqual(["lookalike-registered"]);
    expect(diffLookalike(record(), record())).toEqual([]);
    expect(diffLookalike(record(), record({ nameservers: [{ name: "ns.parking.example" }] })).map((c) => c.kind)).toEqual(["lookalike-changed"]);
    expect(diffLookalike(undefined, record({ status: "available" }))).toEqual([]);
    const net = (organization: string): WhoisRecord => ({ query: "192.0.2.0/24", kind: "ip", status: "registered", source: { protocol: "whois", server: "whois.example" }, network: { handle: "NET-1", cidrs: ["192.0.2.0/24"], organization } });
    expect(diffNetwork(undefined, net("Example"))).toEqual([]);
    expect(diffNetwork(net("Example"), net("Example"))).toEqual([]);
    expect(diffNetwork(net("Example"), net("Hijacker Inc")).map((c) => [c.kind, c.before, c.after])).toEqual([["network-changed", "handle: NET-1; organization: Example; range: 192.0.2.0/24", "handle: NET-1; organization: Hijacker Inc; range: 192.0.2.0/24"]]);
  });

  // Found on the second world (test/defend/watch/second-world.test.ts): each failed on the old code.
  it("reads a registry's own status words as their EPP status, and 'ok' only when nothing else is stated (RFC 5731 §2.3)", () => {
    const rdap = record({ statuses: ["server transfer prohibited"] });
    // AFNIC port 43: `status: ACTIVE` beside `eppstatus:` lines; the old code saw "ok" appear and vanish.
    expect(kinds(rdap, record({ statuses: ["ACTIVE", "serverTransferProhibited"] }))).toEqual([]);
    expect(kinds(record({ statuses: ["connect"] }), record({ statuses: ["active"] }))).toEqual([]); // DENIC
    expect(kinds(record({ statuses: ["Registered until expiry date."] }), record({ statuses: ["active"] }))).toEqual([]); // Nominet
    expect(kinds(record({ statuses: ["clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited"] }), record({ statuses: ["client delete prohibited"] }))).toEqual([]);
    // AFNIC's REDEMPTION beside eppstatus redemptionPeriod is one status, as RDAP's.
    const [afnic] = diffDomain(record({ statuses: ["ACTIVE"] }), record({ statuses: ["REDEMPTION", "redemptionPeriod", "pendingDelete"] }), ctx);
    const [viaRdap] = diffDomain(record({ statuses: ["active"] }), record({ statuses: ["redemption period", "pending delete"] }), ctx);
    expect(afnic).toMatchObject({ kind: "status-changed", before: "ok", after: "pendingdelete redemptionperiod", severity: "high" });
    expect(viaRdap).toEqual(afnic);
  });

  it("a domain entering deletion or a hold is a lapse under way: high, with the status that appeared", () => {
    const [change] = diffDomain(record(), record({ statuses: [...(record().statuses ?? []), "pendingDelete"] }), ctx);
    expect(change).toMatchObject({ kind: "status-changed", severity: "high", note: "appeared: pendingdelete" });
    // Leaving redemption (restored) is no emergency.
    expect(kinds(record({ statuses: ["redemptionPeriod"] }), record({ statuses: ["ok"] }))).toEqual([["status-changed", "low"]]);
  });

  it("compares the registrar id to id, else name to name: a port-43 answer without the IANA id is no transfer", () => {
    const rdap = record({ registrar: { name: "RegOne Domains, Inc.", ianaId: "9101" } });
    expect(kinds(rdap, record({ registrar: { name: "REGONE DOMAINS INC" } }))).toEqual([]);
    expect(kinds(record({ registrar: { name: "REGONE DOMAINS INC" } }), rdap)).toEqual([]);
    expect(kinds(rdap, record({ registrar: { name: "Quickhost Registrar LLC" } }))).toEqual([["registrar-changed", "high"]]);
    expect(kinds(rdap, record({ registrar: { name: "RegOne Domains, Inc.", ianaId: "9202" } }))).toEqual([["registrar-changed", "high"]]);
  });

  it("keeps what a partial answer does not state as the baseline, so a change made meanwhile is still compared", () => {
    const full = record();
    // The registrar's server was down behind a thin registry: no registrant, no DNSSEC line.
    const partial = record({ contacts: undefined, dnssec: undefined, dates: { expires: "2027-06-01T00:00:00Z" } });
    const kept = carryForward(full, partial);
    expect(kept.contacts?.find((c) => c.roles.includes("registrant"))).toMatchObject({ organization: "Example Org", email: "hostmaster@example.org" });
    expect(kept.dnssec).toBe("signed");
    expect(kept.dates).toEqual({ created: "2020-01-01T00:00:00Z", expires: "2027-06-01T00:00:00Z" });
    // The old code kept `partial` itself: the new holder below was then compared with nothing.
    const changed = record({ contacts: [{ roles: ["registrant"], organization: "Someone Else", email: "x@evil.example" }] });
    expect(kinds(kept, changed)).toEqual([["contact-changed", "medium"]]);
    expect(carryForward(full, record({ status: "available" })).status).toBe("available");
  });

  it("netblocks: a thinner answer (fewer fields) is no change, a stated field that differs is", () => {
    const net = (patch: Partial<NonNullable<WhoisRecord["network"]>>, contacts?: WhoisRecord["contacts"]): WhoisRecord => ({ query: "192.0.2.0/24", kind: "ip", status: "registered", source: { protocol: "whois", server: "whois.example" }, network: { handle: "NET-1", cidrs: ["192.0.2.0/24"], organization: "Example", name: "EXAMPLE-NET", ...patch }, ...(contacts ? { contacts } : {}) });
    const full = net({}, [{ roles: ["registrant"], email: "noc@example.org" }]);
    expect(diffNetwork(full, net({ name: undefined, organization: undefined }))).toEqual([]);
    expect(diffNetwork(full, net({ handle: "net-1" }, [{ roles: ["registrant"], email: "NOC@example.org" }]))).toEqual([]);
    expect(diffNetwork(full, net({ name: undefined }, [{ roles: ["registrant"], email: "noc@hijacker.example" }])).map((c) => c.kind)).toEqual(["network-changed"]);
    expect(diffNetwork(full, { ...full, status: "available" }).map((c) => c.after)).toEqual(["available"]);
  });

  it("a registrant known by name alone (Nominet's port 43: 'Registrant:' then the legal name) is compared by that name", () => {
    const nominet = (name: string): WhoisRecord => record({ contacts: [{ roles: ["registrant"], name }] });
    const [change] = diffDomain(nominet("Acme Widgets Ltd"), nominet("Quickhost Privacy Ltd"), ctx);
    expect(change).toMatchObject({ kind: "contact-changed", before: "registrant: Acme Widgets Ltd", after: "registrant: Quickhost Privacy Ltd" });
    expect(kinds(nominet("Acme Widgets Ltd"), nominet("ACME WIDGETS LTD"))).toEqual([]);
    // Where an organisation is stated, a person's name is not the holder: it changing is no alert.
    const withOrg = (name: string): WhoisRecord => record({ contacts: [{ roles: ["registrant"], organization: "Example Org", name }] });
    expect(kinds(withOrg("Jane Doe"), withOrg("John Roe"))).toEqual([]);
  });

  it("gives the same change the same id, and a different change another", () => {
    expect(alertId("registrar-changed", "a.org", "x", "y")).toBe(alertId("registrar-changed", "a.org", "x", "y"));
    expect(alertId("registrar-changed", "a.org", "x", "y")).not.toBe(alertId("registrar-changed", "a.org", "y", "x"));
    expect(alertId("registrar-changed", "a.org", "x", "y")).toMatch(/^[0-9a-f]{32}$/);
  });
});
