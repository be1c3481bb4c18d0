import { describe, expect, it } from "vitest";
import { auditRecords, type AuditInput } from "../../../src/defend/audit/index.js";
import type { Contact, WhoisRecord } from "../../../src/record/types.js";

const AS_OF = new Date("2026-12-06T00:00:00Z");

function record(overrides: Partial<WhoisRecord> = {}): WhoisRecord {
  return {
    query: "unit-example.com",
    kind: "domain",
    status: "registered",
    source: { protocol: "rdap", server: "rdap.unit.example" },
    registrar: { name: "Unit Registrar", ianaId: "1", abuseEmail: "abuse@unit.example" },
    statuses: ["clientTransferProhibited", "clientUpdateProhibited", "clientDeleteProhibited", "autoRenewPeriod"],
    dnssec: "signed",
    nameservers: [{ name: "ns1.dns-a.example" }, { name: "ns1.dns-b.example" }],
    dates: { expires: "2030-01-01T00:00:00Z" },
    ...overrides,
  };
}

const ids = (r: WhoisRecord, options: { crownJewels?: string[]; asOf?: Date } = {}): string[] =>
  auditRecords([{ domain: "unit-example.com", record: r }], undefined, { asOf: AS_OF, ...options }).findings.map((f) => `${f.id} ${f.evidence.field}`).sort();

const contact = (c: Partial<Contact>): Contact => ({ roles: ["registrant"], ...c });

describe("audit checks, one record at a time", () => {
  it("a well-kept record has no finding", () => {
    expect(ids(record())).toEqual([]);
  });

  it.each([
    ["2026-12-21T00:00:00Z", "WL-AUDIT-EXPIRY-15"],
    ["2026-12-22T00:00:00Z", "WL-AUDIT-EXPIRY-30"],
    ["2027-01-05T00:00:00Z", "WL-AUDIT-EXPIRY-30"],
    ["2027-01-06T00:00:00Z", "WL-AUDIT-EXPIRY-90"],
    ["2027-06-04T00:00:00Z", "WL-AUDIT-EXPIRY-180"],
    ["2027-06-05T00:00:00Z", undefined],
    ["2026-12-05T23:00:00Z", "WL-AUDIT-EXPIRED"],
  ])("expires %s → %s (windows are inclusive whole days)", (expires, id) => {
    expect(ids(record({ dates: { expires } }))).toEqual(id ? [`${id} dates.expires`] : []);
  });

  it("a server lock stands in for its client lock; RDAP's spelled-out statuses count", () => {
    expect(ids(record({ statuses: ["server transfer prohibited", "client update prohibited", "clientDeleteProhibited", "auto renew period"] }))).toEqual([]);
    expect(ids(record({ statuses: ["ok"] }))).toEqual(["WL-AUDIT-AUTORENEW-UNSTATED statuses", "WL-AUDIT-LOCK-CLIENT-DELETE statuses", "WL-AUDIT-LOCK-CLIENT-TRANSFER statuses", "WL-AUDIT-LOCK-CLIENT-UPDATE statuses"]);
    expect(ids(record({ remarks: ["Auto-renew: enabled"], statuses: [...record().statuses!.slice(0, 3)] }))).toEqual([]);
  });

  it("registry lock is asked of crown jewels only, and needs all three server statuses", () => {
    const partial = record({ statuses: [...record().statuses!, "serverTransferProhibited", "serverDeleteProhibited"] });
    expect(ids(partial)).toEqual([]);
    expect(ids(partial, { crownJewels: ["Unit-Example.com."] })).toEqual(["WL-AUDIT-REGISTRY-LOCK-MISSING statuses"]);
    expect(ids(record({ statuses: [...partial.statuses!, "serverUpdateProhibited"] }), { crownJewels: ["unit-example.com"] })).toEqual([]);
  });

  it("name servers: one provider, inside the domain, or spread; DNSSEC only when stated unsigned", () => {
    expect(ids(record({ nameservers: [{ name: "a.ns.dns-a.example" }, { name: "b.ns.dns-a.example" }] }))).toEqual(["WL-AUDIT-NS-SINGLE-PROVIDER nameservers"]);
    expect(ids(record({ nameservers: [{ name: "ns1.unit-example.com" }, { name: "NS2.unit-example.com" }] }))).toEqual(["WL-AUDIT-NS-IN-DOMAIN nameservers"]);
    expect(ids(record({ nameservers: [{ name: "ns1.unit-example.com" }, { name: "ns1.dns-a.example" }] }))).toEqual([]);
    expect(ids(record({ dnssec: "unsigned" }))).toEqual(["WL-AUDIT-DNSSEC-UNSIGNED dnssec"]);
    const { dnssec: _, ...unstated } = record();
    expect(ids(unstated)).toEqual([]);
  });

  it("a registrar without abuse email or phone is a finding; either one is enough", () => {
    expect(ids(record({ registrar: { name: "R" } }))).toEqual(["WL-AUDIT-ABUSE-CONTACT-MISSING registrar"]);
    expect(ids(record({ registrar: { name: "R", abusePhone: "+1.5555550100" } }))).toEqual([]);
    // The evidence names the registrar lacking the contact, not a value for the missing field.
    const [missing] = auditRecords([{ domain: "unit-example.com", record: record({ registrar: { name: "R" } }) }], undefined, { asOf: AS_OF }).findings;
    expect(missing?.evidence).toMatchObject({ field: "registrar", value: "R" });
    expect(missing?.message).toContain("registrar.abuseEmail, registrar.abusePhone");
  });

  it("personal data: people, not functions, companies, proxies or redacted fields", () => {
    const person = contact({ roles: ["registrant", "administrative"], name: "Jane Roe", email: "jane.roe@unit.example", phone: "+1.5555550123", street: ["1 Main St"], city: "Town" });
    expect(ids(record({ contacts: [person] }))).toEqual([
      "WL-AUDIT-PII-ADDRESS contacts[administrative,registrant].street",
      "WL-AUDIT-PII-EMAIL contacts[administrative,registrant].email",
      "WL-AUDIT-PII-NAME contacts[administrative,registrant].name",
      "WL-AUDIT-PII-PHONE contacts[administrative,registrant].phone",
    ]);
    // The same values on two contacts are one finding naming both roles.
    const again = auditRecords([{ domain: "unit-example.com", record: record({ contacts: [contact({ name: "Jane Roe" }), contact({ roles: ["technical"], name: "Jane Roe" })] }) }], undefined, { asOf: AS_OF });
    expect(again.findings.map((f) => f.evidence.field)).toEqual(["contacts[registrant,technical].name"]);
    const notPersonal: Contact[] = [
      contact({ name: "Domain Administrator", email: "hostmaster+reg@unit.example" }),
      contact({ roles: ["technical"], name: "Fabrikam Holdings GmbH" }),
      contact({ roles: ["administrative"], name: "REDACTED FOR PRIVACY", email: "Please query the RDDS service of the Registrar of Record", phone: "REDACTED" }),
      contact({ roles: ["billing"], name: "Withheld", email: "owner-123@withheldforprivacy.com", street: ["Kalkofnsvegur 2"], redacted: ["street"] }),
      contact({ roles: ["registrant"], name: "Jane Proxy", organization: "Domains By Proxy, LLC", email: "jane@unit.example" }),
      contact({ roles: ["registrant"], name: "Joe Hidden", privacyProxy: true }),
      contact({ roles: ["abuse", "registrar"], name: "Abe Abuse", email: "abe@registrar.example" }),
    ];
    expect(ids(record({ contacts: notPersonal }))).toEqual(["WL-AUDIT-PHISH-ROLE-EMAIL contacts[registrant].email"]);
  });

  it("organisation: the odd registrar and NS set out of a strict majority; an even split names no one", () => {
    const domains: AuditInput[] = ["a-example.com", "b-example.com", "c-example.com"].map((domain, i) => ({
      domain,
      record: record({ query: domain, registrar: { name: i === 2 ? "Other Registrar" : "Unit Registrar", ianaId: i === 2 ? "2" : "1", abuseEmail: "abuse@unit.example" }, nameservers: [{ name: i === 1 ? "ns9.dns-c.example" : "ns1.dns-a.example" }, { name: "ns1.dns-b.example" }] }),
    }));
    const report = auditRecords(domains, undefined, { asOf: AS_OF });
    expect(report.findings.map((f) => `${f.domain} ${f.id}`).sort()).toEqual(["b-example.com WL-AUDIT-ORG-NS-MIXED", "c-example.com WL-AUDIT-ORG-REGISTRAR-MIXED"]);
    expect(auditRecords(domains.slice(1), undefined, { asOf: AS_OF }).findings).toEqual([]);
  });

  it("dangling delegation: unregistered, expiring, expired or unverifiable name-server domains", () => {
    const input: AuditInput = { domain: "unit-example.com", record: record() };
    const ns = (status: WhoisRecord["status"], expires?: string): AuditInput => ({ domain: "x", record: record({ status, ...(expires ? { dates: { expires } } : {}) }) });
    const run = (a?: AuditInput, b?: AuditInput): string[] =>
      auditRecords([input], new Map([...(a ? [["dns-a.example", a] as const] : []), ...(b ? [["dns-b.example", b] as const] : [])]), { asOf: AS_OF }).findings.map((f) => `${f.id} ${f.evidence.value}`);
    expect(run(ns("available"), ns("registered"))).toEqual(["WL-AUDIT-NS-DANGLING ns1.dns-a.example"]);
    expect(run(ns("registered", "2027-01-05T00:00:00Z"), ns("registered", "2020-01-01T00:00:00Z"))).toEqual(["WL-AUDIT-NS-DOMAIN-EXPIRING ns1.dns-a.example", "WL-AUDIT-NS-DOMAIN-EXPIRING ns1.dns-b.example"]);
    expect(run(ns("registered", "2027-01-06T00:00:00Z"), { domain: "dns-b.example", error: { code: "WL_ERR_TIMEOUT", message: "t" } })).toEqual(["WL-AUDIT-NS-DOMAIN-UNVERIFIED ns1.dns-b.example"]);
    expect(run(ns("registered"))).toEqual(["WL-AUDIT-NS-DOMAIN-UNVERIFIED ns1.dns-b.example"]);
  });
});

describe("audit input", () => {
  it("audits registrable domains: case, trailing dot, subdomains and IDNs normalised; suffixes and junk refused", async () => {
    const { normalizeDomain } = await import("../../../src/defend/audit/index.js");
    expect(["WWW.Example.COM.", "example.com", "mail.example.com"].map(normalizeDomain)).toEqual(["example.com", "example.com", "example.com"]);
    expect(normalizeDomain("shop.example.co.uk")).toBe("example.co.uk");
    expect(normalizeDomain("café.com")).toBe("xn--caf-dma.com");
    expect(() => normalizeDomain("co.uk")).toThrow(/"co\.uk" is a public suffix/);
    for (const bad of ["", "localhost", "exa mple.com", "http://example.com", "user@example.com", `${"a".repeat(250)}.com`, "..", "a..com", "-a.com", `${"a".repeat(64)}.com`]) expect(() => normalizeDomain(bad), bad).toThrow(/is not a domain name/);
  });
});

describe("audit interrupted", () => {
  it("stops at the signal: the report covers what was looked up, the rest are listed as not checked", async () => {
    const { audit } = await import("../../../src/defend/audit/index.js");
    const stop = new AbortController();
    let asked = 0;
    const report = await audit(["a-example.com", "b-example.com", "c-example.com"], {
      crownJewels: [],
      asOf: AS_OF,
      concurrency: 1,
      perServer: 1,
      lookupFn: async (query) => {
        asked += 1;
        stop.abort();
        return record({ query });
      },
      stop: stop.signal,
    });
    // The scheduler may have one more lookup in flight when the signal comes; nothing new starts after it.
    expect(asked).toBeLessThanOrEqual(2);
    expect(report.domains[0]).toMatchObject({ domain: "a-example.com", status: "registered" });
    expect(report.domains.at(-1)).toMatchObject({ domain: "c-example.com", status: "error", error: { code: "WL_ERR_ABORTED" } });
    expect(report.nameserverDomains).toEqual([]);
  });

  it("cancelled (signal): ends without waiting for a lookup still in flight, which is listed as not checked", async () => {
    const { audit } = await import("../../../src/defend/audit/index.js");
    const stop = new AbortController();
    const cancel = new AbortController();
    const report = audit(["a-example.com", "b-example.com", "c-example.com"], {
      crownJewels: [],
      asOf: AS_OF,
      concurrency: 2,
      perServer: 2,
      // The first answers; the others never do (a stalled server that ignores the cancel).
      lookupFn: (query) => (query === "a-example.com" ? Promise.resolve(record({ query })) : new Promise(() => {})),
      stop: stop.signal,
      signal: cancel.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    cancel.abort();
    const done = await report;
    expect(done.domains.map((d) => [d.domain, d.status])).toEqual([
      ["a-example.com", "registered"],
      ["b-example.com", "error"],
      ["c-example.com", "error"],
    ]);
    expect(done.domains[1]?.error?.code).toBe("WL_ERR_ABORTED");
  });
});
