import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseRdap } from "../../src/parse/rdap/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { runCli } from "../helpers/cli.js";
import { cpuTimed } from "../helpers/cpu-time.js";

// RDAP domain, nameserver and entity answers as servers other than ours write them. Every excerpt keeps the
// structure and keys of its source (cited by URL); names, e-mails and handles are invented.

const vcard = (...properties: unknown[][]) => ["vcard", [["version", {}, "text", "4.0"], ...properties]];

describe("error answers", () => {
  // Red Dog (NICMx/rdap-server, the .mx registry's software) writes errorCode as a string:
  // https://github.com/NICMx/rdap-server/issues/91 ("errorCode": "404", "title": "Object not found") and
  // https://github.com/NICMx/rdap-server/issues/51 ("errorCode": "400"). RFC 9083 §6 asks for a number.
  it("reads an errorCode written as a string", () => {
    expect(parseRdap({ rdapConformance: ["rdap_level_0"], errorCode: "404", title: "Object not found" }).status).toBe("available");
    expect(parseRdap({ rdapConformance: ["rdap_level_0"], errorCode: "400", description: ["Invalid IPv4 address : x"] }).status).toBe("invalid");
    expect(parseRdap({ errorCode: " 429 " }).status).toBe("throttled");
    // Not a number at all: still an error answer, never a registered domain without data.
    expect(parseRdap({ errorCode: "oops", title: "Internal error" }).status).toBe("unknown");
  });

  // A registry's 404 for a name it withholds, pasted in https://github.com/rdap-org/client.rdap.org/issues/13:
  // "errorCode": 404, "title": "Not Found", "description": ["Domain Name: …", "This name is not available for
  // registration:", "Registry Reserved"]. record.md: reserved when the registry says it cannot be registered.
  it("reads a 404 that names the registry's reservation as reserved", () => {
    const answer = { rdapConformance: ["rdap_level_0", "icann_rdap_response_profile_1", "redacted"], errorCode: 404, title: "Not Found", description: ["Domain Name: example.fun", "This name is not available for registration:", "Registry Reserved"] };
    expect(parseRdap(answer).status).toBe("reserved");
    expect(parseRdap({ ...answer, description: ["Domain Name: example.fun", "The requested object was not found"] }).status).toBe("available");
  });
});

describe("statuses", () => {
  // RFC 8056 spells RDAP statuses as words ("client transfer prohibited"); some servers copy the port-43 form
  // with ICANN's explanation URL (https://www.icann.org/resources/pages/epp-status-codes-2014-06-16-en).
  // record.md: statuses "as stated, URL and comment stripped", as the WHOIS parser already does.
  it("strips the ICANN URL a server appends to a status", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      status: ["clientTransferProhibited https://icann.org/epp#clientTransferProhibited", "server hold (https://icann.org/epp#serverHold)", "client delete prohibited"],
    });
    expect(record.statuses).toEqual(["clientTransferProhibited", "serverHold", "clientDeleteProhibited"]);
  });
});

describe("event dates", () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = "America/New_York";
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  // RFC 9083 §4.5 asks for RFC 3339 dates (with a zone); servers also send "2019-04-30T21:02:11" or fractional
  // seconds ("…:11.123456Z"). A date without a zone is the registry's UTC clock, as the WHOIS parser reads it
  // (src/parse/dates.ts): read through the machine's local zone it moved by the host's offset.
  it("reads a date without a zone as UTC, whatever the machine's zone", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      events: [
        { eventAction: "registration", eventDate: "2019-04-30T21:02:11" },
        { eventAction: "expiration", eventDate: "2029-04-30T21:02:11.123456Z" },
        { eventAction: "last changed", eventDate: "2024-01-02T03:04:05.5+01:00" },
      ],
    });
    // Fractional seconds are dropped, as the port-43 parser drops them: both protocols give one date.
    expect(record.dates).toEqual({ created: "2019-04-30T21:02:11Z", expires: "2029-04-30T21:02:11Z", updated: "2024-01-02T02:04:05Z" });
  });

  // ICANN gTLD RDAP Response Profile (2024), "registrar expiration" is the registrar's own date, and "last update of
  // RDAP database" the time of the answer: neither is the registry expiry or the record's update date.
  // https://www.icann.org/en/system/files/files/rdap-response-profile-21feb24-en.pdf
  it("keeps the registrar's expiration and the database update out of the record's dates (guard)", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      events: [
        { eventAction: "registrar expiration", eventDate: "2031-01-01T00:00:00Z" },
        { eventAction: "last update of RDAP database", eventDate: "2026-12-01T00:00:00Z" },
        { eventAction: "expiration", eventDate: "2030-01-01T00:00:00Z" },
      ],
    });
    expect(record.dates).toEqual({ expires: "2030-01-01T00:00:00Z" });
  });
});

describe("objectClassName", () => {
  // RFC 9083 §4.7 makes objectClassName mandatory, but servers leave it out
  // (https://github.com/icann/icann-rdap/issues/66: a registrar's answer whose entities lack it). The members that
  // only one class has tell which object it is.
  it("reads a nameserver answer without objectClassName as a nameserver", () => {
    const record = parseRdap({ handle: "NS1-TEST", ldhName: "NS1.EXAMPLE.TEST", ipAddresses: { v4: ["192.0.2.1"], v6: ["2001:db8::1"] }, status: ["active"] });
    expect(record.kind).toBe("nameserver");
    expect(record.nameservers).toEqual([{ name: "ns1.example.test", ipv4: ["192.0.2.1"], ipv6: ["2001:db8::1"] }]);
    expect(record.domain).toBeUndefined();
  });

  it("reads an entity answer without objectClassName as an entity", () => {
    const record = parseRdap({ handle: "C-1234", roles: ["registrant"], vcardArray: vcard(["fn", {}, "text", "Jan Novak"]) });
    expect(record.kind).toBe("entity");
    expect(record.contacts?.[0]).toMatchObject({ handle: "C-1234", name: "Jan Novak" });
  });

  it("reads a class name written in capitals", () => {
    expect(parseRdap({ objectClassName: "NameServer", ldhName: "ns.example.test" }).kind).toBe("nameserver");
  });
});

describe("domains and nameservers", () => {
  // RFC 9083 §5.2: a nameserver may carry only unicodeName. record.md: names are A-labels, as the domain's are.
  it("gives an IDN name server written in Unicode only as its A-label", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", nameservers: [{ objectClassName: "nameserver", unicodeName: "ns1.bücher.test." }] });
    expect(record.nameservers).toEqual([{ name: "ns1.xn--bcher-kva.test" }]);
  });

  // RFC 9083 §5.3: unicodeName is optional, and servers send an IDN's ldhName alone. The port-43 parser gives the
  // Unicode form of an A-label (record.md: "unicodeName, only when it differs from name"); RDAP gives the same.
  it("derives an IDN's unicodeName when the server gives the A-label only", () => {
    expect(parseRdap({ objectClassName: "domain", ldhName: "XN--BCHER-KVA.TEST" }).domain).toEqual({ name: "xn--bcher-kva.test", unicodeName: "bücher.test" });
    expect(parseRdap({ objectClassName: "domain", ldhName: "example.test" }).domain).toEqual({ name: "example.test" });
  });

  // DENIC's RDAP gives a .de domain with status and name servers only (no events, no entities):
  // https://www.denic.de/en/service/rdap/ . It is registered, with nothing invented.
  it("reads a status-only answer (guard)", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.de", handle: "example.de", status: ["active"], nameservers: [{ objectClassName: "nameserver", ldhName: "ns1.example.de" }] });
    expect(record).toMatchObject({ status: "registered", statuses: ["active"], nameservers: [{ name: "ns1.example.de" }] });
    expect(record.dates).toBeUndefined();
    expect(record.contacts).toBeUndefined();
  });
});

describe("the registrar", () => {
  // ICANN gTLD RDAP Response Profile (2024) §2.4: the registrar entity's URL is a link with rel "about" (text/html);
  // its own RDAP URL is the "self" link, which some servers send without a type.
  // https://www.icann.org/en/system/files/files/rdap-response-profile-21feb24-en.pdf
  it("takes the registrar's web address from its about link, not its self link", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      entities: [
        {
          objectClassName: "entity",
          handle: "9999",
          roles: ["registrar"],
          publicIds: [{ type: "IANA Registrar ID", identifier: "9999" }],
          vcardArray: vcard(["fn", {}, "text", "Example Registrar, Inc."]),
          links: [
            { value: "https://rdap.registrar.test/entity/9999", rel: "self", href: "https://rdap.registrar.test/entity/9999" },
            { value: "https://rdap.registrar.test/entity/9999", rel: "about", href: "https://www.registrar.test", type: "text/html" },
          ],
        },
      ],
    });
    expect(record.registrar).toMatchObject({ name: "Example Registrar, Inc.", ianaId: "9999", url: "https://www.registrar.test" });
  });
});

describe("the registrar's abuse desk", () => {
  // The gTLD profile nests the abuse entity in the registrar's; registrars' own servers also list it at the top of a
  // domain answer (https://github.com/meeb/whoisit/pull/7: "the entity with the abuse role can therefore be in the
  // top-level entities, or within the registrar entity"). A domain has no abuse desk of its own: it is the registrar's.
  const registrarEntity = { objectClassName: "entity", handle: "9999", roles: ["registrar"], vcardArray: vcard(["fn", {}, "text", "Example Registrar, Inc."]) };
  const abuse = (email: string) => ({ objectClassName: "entity", roles: ["abuse"], vcardArray: vcard(["fn", {}, "text", "Abuse Desk"], ["email", {}, "text", email], ["tel", { type: "voice" }, "uri", "tel:+1.5555550100"]) });

  it("takes a top-level abuse entity of a domain answer as the registrar's", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [registrarEntity, abuse("abuse@registrar.test")] });
    expect(record.registrar).toMatchObject({ name: "Example Registrar, Inc.", abuseEmail: "abuse@registrar.test", abusePhone: "+1.5555550100" });
    expect(record.contacts?.[0]?.roles).toEqual(["abuse"]);
  });

  it("prefers the one nested in the registrar, and leaves a network's abuse contact alone", () => {
    const nested = { ...registrarEntity, entities: [abuse("nested@registrar.test")] };
    expect(parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [abuse("top@registrar.test"), nested] }).registrar?.abuseEmail).toBe("nested@registrar.test");
    expect(parseRdap({ objectClassName: "ip network", handle: "NET-1", entities: [registrarEntity, abuse("noc@isp.test")] }).registrar?.abuseEmail).toBeUndefined();
  });
});

describe("entity answers", () => {
  // RFC 9082 §3.1.5 entity lookup; the gTLD RDAP Technical Implementation Guide has registries answer
  // /entity/<IANA Registrar ID> with the registrar itself (roles ["registrar"], publicIds "IANA Registrar ID").
  // https://www.icann.org/en/system/files/files/rdap-technical-implementation-guide-21feb24-en.pdf
  it("reads a registrar looked up by its IANA ID as the record's registrar", () => {
    const record = parseRdap(
      {
        objectClassName: "entity",
        handle: "9999",
        roles: ["registrar"],
        publicIds: [{ type: "IANA Registrar ID", identifier: "9999" }],
        vcardArray: vcard(["fn", {}, "text", "Example Registrar, Inc."], ["adr", {}, "text", ["", "", "1 Main St", "Springfield", "IL", "62701", "US"]]),
        status: ["active"],
      },
      { url: "https://rdap.registry.test/entity/9999" },
    );
    expect(record.kind).toBe("entity");
    expect(record.registrar).toMatchObject({ name: "Example Registrar, Inc.", ianaId: "9999" });
    // The entity looked up is the record's subject: roles [], as port 43 and the other entity answers give it.
    expect(record.contacts?.[0]).toMatchObject({ roles: [], handle: "9999", name: "Example Registrar, Inc.", countryCode: "US" });
  });
});

describe("remarks", () => {
  // RFC 9083 §4.3: description is an array of strings. Red Dog wrote it as a single string
  // (https://github.com/NICMx/rdap-server/issues/51); the text was dropped.
  it("keeps a remark whose description is a single string", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", remarks: [{ title: "Incomplete Data", description: "Summary data only." }, { description: ["One", "Two"] }] });
    expect(record.remarks).toEqual(["Summary data only.", "One", "Two"]);
  });
});

describe("contacts", () => {
  const domainWith = (...entities: unknown[]) => ({ objectClassName: "domain", ldhName: "example.test", entities });

  // RFC 9083 §5.1: an entity has its own events (its registration and last change); record.md gives a contact
  // created/updated. The RFC's own entity example carries them.
  it("gives a contact its own registration and change dates", () => {
    const record = parseRdap(
      domainWith({
        objectClassName: "entity",
        handle: "XXXX",
        roles: ["registrant"],
        vcardArray: vcard(["fn", {}, "text", "Joe User"]),
        events: [
          { eventAction: "registration", eventDate: "1990-12-31T23:59:59Z" },
          { eventAction: "last changed", eventDate: "1991-12-31T23:59:59Z" },
        ],
      }),
    );
    expect(record.contacts).toEqual([{ roles: ["registrant"], handle: "XXXX", name: "Joe User", created: "1990-12-31T23:59:59Z", updated: "1991-12-31T23:59:59Z" }]);
    // The contact's dates are not the domain's.
    expect(record.dates).toBeUndefined();
  });

  // RFC 9083 §5.1 example: ["adr", {"type":"work"}, "text", ["", "Suite 1234", "4321 Rue Somewhere", "Quebec", "QC",
  // "G1V 2M2", "Canada"]] — the country named in the structured address, with no cc parameter.
  // https://www.rfc-editor.org/rfc/rfc9083#section-5.1
  it("gives the country code of a country named in a structured address", () => {
    const record = parseRdap(domainWith({ roles: ["technical"], vcardArray: vcard(["fn", {}, "text", "Joe User"], ["adr", { type: "work" }, "text", ["", "Suite 1234", "4321 Rue Somewhere", "Quebec", "QC", "G1V 2M2", "Canada"]]) }));
    expect(record.contacts?.[0]).toMatchObject({ street: ["Suite 1234", "4321 Rue Somewhere"], city: "Quebec", state: "QC", postalCode: "G1V 2M2", country: "Canada", countryCode: "CA" });
  });

  // RFC 6350 §5.3 PREF: 1 is the most preferred; RFC 9083 §5.1's example gives two e-mails / phones, one with
  // "pref": "1" (jCard, RFC 7095 §3.3). The preferred one is the contact's, wherever it stands in the list.
  it("keeps the preferred e-mail and phone (pref 1), not the first listed", () => {
    const record = parseRdap(
      domainWith({
        roles: ["administrative"],
        vcardArray: vcard(
          ["fn", {}, "text", "Joe User"],
          ["email", { type: "home" }, "text", "joe.home@example.test"],
          ["email", { type: "work", pref: "1" }, "text", "joe.user@example.test"],
          ["tel", { type: ["work", "cell", "voice", "video", "text"] }, "uri", "tel:+1-555-555-4321"],
          ["tel", { type: ["work", "voice"], pref: "1" }, "uri", "tel:+1-555-555-1234;ext=102"],
          ["tel", { type: "fax" }, "uri", "tel:+1-555-555-9999"],
        ),
      }),
    );
    expect(record.contacts?.[0]).toMatchObject({ email: "joe.user@example.test", phone: "+1-555-555-1234;ext=102", fax: "+1-555-555-9999" });
  });

  // RFC 6350 §6.2.2 N (family;given;additional;prefixes;suffixes) beside an empty FN (RFC 7095 §3.3.1.3 structured
  // value): the name is in N. Seen where a server fills FN with "" for an organisation and puts the person in N.
  it("takes the name from a structured n when fn is empty", () => {
    const record = parseRdap(domainWith({ roles: ["technical"], vcardArray: vcard(["fn", {}, "text", ""], ["n", {}, "text", ["User", "Joe", "", "Dr.", ""]], ["org", {}, "text", "Example Inc."]) }));
    expect(record.contacts?.[0]).toMatchObject({ name: "Dr. Joe User", organization: "Example Inc." });
  });

  // gTLD RDAP Response Profile (2024) §2.7.4.1 / RFC 9537 §3: a withheld "Registry Registrant ID" is redacted. Servers
  // that send the placeholder in the handle itself ("REDACTED FOR PRIVACY") withhold it; it is no handle.
  it("reads a placeholder handle as a redacted handle", () => {
    const record = parseRdap(domainWith({ objectClassName: "entity", handle: "REDACTED FOR PRIVACY", roles: ["registrant"], vcardArray: vcard(["fn", {}, "text", "REDACTED FOR PRIVACY"], ["org", {}, "text", "Example Org"]) }));
    expect(record.contacts?.[0]).toEqual({ roles: ["registrant"], organization: "Example Org", redacted: expect.arrayContaining(["handle", "name"]) });
  });

  // RFC 9537 §4.2 examples write JSONPath with single quotes; RFC 9535 §2.3.1.1 allows double quotes too, which
  // servers use: $.entities[?(@.roles[0]=="registrant")].vcardArray[1][?(@[0]=="email")]
  it("reads a redaction whose JSONPath uses double quotes", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      redacted: [{ prePath: '$.entities[?(@.roles[0]=="registrant")].vcardArray[1][?(@[0]=="email")]', method: "removal" }],
    });
    expect(record.contacts).toEqual([{ roles: ["registrant"], redacted: ["email"] }]);
  });

  // The gTLD RDAP Response Profile's redacted names (IANA "redacted name" values,
  // https://www.iana.org/assignments/rdap-json-values/rdap-json-values.xhtml) include "Registrant Phone Ext" and
  // "Registrant Fax Ext": the extension alone is withheld, the phone is shown. It is not a withheld phone.
  it("does not report a phone withheld when only its extension is", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      entities: [{ roles: ["registrant"], vcardArray: vcard(["fn", {}, "text", "Jane Roe"], ["tel", { type: "voice" }, "uri", "tel:+1.5555550100"]) }],
      redacted: [
        { name: { type: "Registrant Phone Ext" }, method: "removal" },
        { name: { type: "Registrant Fax Ext" }, method: "removal" },
        { name: { type: "Registrant Email" }, method: "removal" },
      ],
    });
    expect(record.contacts).toEqual([{ roles: ["registrant"], name: "Jane Roe", phone: "+1.5555550100", redacted: ["email"] }]);
  });

  // RFC 9537 §3.2 "emptyValue": the property stays with an empty value and the redaction names it (here by type
  // only). The contact reports the field withheld, never an empty string.
  it("reads an emptyValue redaction (guard)", () => {
    const record = parseRdap({
      objectClassName: "domain",
      ldhName: "example.test",
      entities: [{ roles: ["technical"], vcardArray: vcard(["fn", {}, "text", ""], ["email", {}, "text", ""], ["org", {}, "text", "Example Org"]) }],
      redacted: [{ name: { type: "Tech Name" }, postPath: "$.entities[?(@.roles[0]=='technical')].vcardArray[1][?(@[0]=='fn')][3]", method: "emptyValue" }],
    });
    expect(record.contacts).toEqual([{ roles: ["technical"], organization: "Example Org", redacted: ["name"] }]);
  });
});

describe("jCards as registrars write them", () => {
  // EuroDNS (rdap.eurodns.com), pasted in https://github.com/pogzyb/asyncwhois/issues/72: no "roles" member, the role as
  // a jCard ROLE property, an ADR of six parts (no PO box slot) and empty columns printed as "null".
  it("reads roles from jCard ROLE, a six-part adr and 'null' columns", () => {
    const entity = (handle: string, role: string) => ({
      handle,
      links: [{ href: `https://rdap.registrar.test/entity/${handle}`, rel: "self", type: "application/rdap+json", value: `https://rdap.registrar.test/entity/${handle}` }],
      objectClassName: "entity",
      vcardArray: [
        "vcard",
        [
          ["version", {}, "text", "4.0"],
          ["fn", {}, "text", "Jan Muster"],
          ["role", {}, "text", role],
          ["adr", {}, "text", ["", "Musterstrasse 27 null null", "Leipzig", "", "04229", "GERMANY"]],
          ["tel", { type: ["voice"] }, "uri", "tel:+49341000000"],
          ["email", {}, "text", "nic@example.test"],
        ],
      ],
    });
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [entity("o_1", "registrant"), entity("a_1", "administrative")] });
    expect(record.contacts).toEqual([
      { roles: ["registrant"], handle: "o_1", name: "Jan Muster", street: ["Musterstrasse 27"], city: "Leipzig", postalCode: "04229", country: "GERMANY", countryCode: "DE", phone: "+49341000000", email: "nic@example.test" },
      { roles: ["administrative"], handle: "a_1", name: "Jan Muster", street: ["Musterstrasse 27"], city: "Leipzig", postalCode: "04229", country: "GERMANY", countryCode: "DE", phone: "+49341000000", email: "nic@example.test" },
    ]);
  });

  // A registrar's RDAP listing the jCard properties flat after "vcard" instead of in a nested array
  // (https://github.com/mangstadt/ez-vcard/pull/108, rdap.namecheap.com).
  it("reads properties listed flat after 'vcard'", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [{ roles: ["registrant"], vcardArray: ["vcard", ["version", {}, "text", "4.0"], ["fn", {}, "text", "Jane Roe"], ["email", {}, "text", "jane@example.test"]] }] });
    expect(record.contacts).toEqual([{ roles: ["registrant"], name: "Jane Roe", email: "jane@example.test" }]);
  });

  // .is sent parameters as [] (https://github.com/openrdap/rdap/issues/28) and LACNIC a three-element "lang"
  // (https://github.com/openrdap/rdap/issues/25): each property is read on its own, the bad ones skipped.
  it("reads the good properties of a card with malformed ones (guard)", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.is", entities: [{ roles: ["technical"], vcardArray: ["vcard", [["version", [], "text", "4.0"], ["lang", { type: "language-tag" }, "en"], ["fn", [], "text", "Jon Jonsson"], ["tel", { type: ["voice"] }, "uri", "tel:+354-000-0000"]]] }] });
    expect(record.contacts).toEqual([{ roles: ["technical"], name: "Jon Jonsson", phone: "+354-000-0000" }]);
  });
});

describe("JSContact cards", () => {
  // draft-ietf-regext-rdap-jscontact (https://datatracker.ietf.org/doc/html/draft-ietf-regext-rdap-jscontact-25):
  // an entity carries "jscontact_card" (RFC 9553 Card) instead of vcardArray. Structure as in the draft's example.
  const card = {
    "@type": "Card",
    version: "1.0",
    kind: "individual",
    name: { components: [{ kind: "given", value: "Joe" }, { kind: "surname", value: "User" }] },
    organizations: { org: { name: "Example Inc." } },
    emails: { email: { address: "joe.user@example.test" } },
    phones: { voice: { features: { voice: true }, number: "tel:+1-555-555-1234;ext=102" }, fax: { features: { fax: true }, number: "tel:+1-555-555-4321" } },
    addresses: {
      addr: {
        components: [
          { kind: "number", value: "4321" },
          { kind: "name", value: "Rue Somewhere" },
          { kind: "locality", value: "Quebec" },
          { kind: "region", value: "QC" },
          { kind: "postcode", value: "G1V 2M2" },
        ],
        countryCode: "CA",
      },
    },
  };

  it("reads a contact from jscontact_card", () => {
    const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [{ objectClassName: "entity", handle: "XXXX", roles: ["registrant"], jscontact_card: card }] });
    expect(record.contacts).toEqual([
      { roles: ["registrant"], handle: "XXXX", name: "Joe User", organization: "Example Inc.", email: "joe.user@example.test", phone: "+1-555-555-1234;ext=102", fax: "+1-555-555-4321", street: ["4321 Rue Somewhere"], city: "Quebec", state: "QC", postalCode: "G1V 2M2", countryCode: "CA" },
    ]);
  });

  it("names the registrar from its jscontact_card", () => {
    const registrar = { objectClassName: "entity", handle: "9999", roles: ["registrar"], jscontact_card: { "@type": "Card", version: "1.0", kind: "org", name: { full: "Example Registrar, Inc." } } };
    expect(parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [registrar] }).registrar).toMatchObject({ name: "Example Registrar, Inc.", ianaId: "9999" });
  });

  it("never throws on a hostile card", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (junk) => {
        const record = parseRdap({ objectClassName: "domain", ldhName: "example.test", entities: [{ roles: ["registrant"], jscontact_card: junk }, { roles: ["technical"], jscontact_card: { name: junk, emails: junk, phones: junk, addresses: { a: junk } } }] });
        expect(record.domain?.name).toBe("example.test");
      }),
      { numRuns: 300 },
    );
  });
});

describe("hostile answers stay bounded", () => {
  it("never throws on wrong types where strings are expected", () => {
    const wrong: unknown[] = [42, true, null, [], {}, ["x"], { toString: "x" }];
    for (const value of wrong) {
      const record = parseRdap({
        objectClassName: value,
        errorCode: value,
        ldhName: "example.test",
        handle: value,
        status: [value],
        events: [{ eventAction: value, eventDate: value }],
        nameservers: [{ ldhName: value, ipAddresses: { v4: value } }],
        entities: [{ handle: value, roles: [value], events: [{ eventAction: "registration", eventDate: value }], vcardArray: ["vcard", [["fn", value, "text", value], ["email", { pref: value }, "text", value]]] }],
        redacted: [{ name: value, prePath: value }],
      });
      expect(record.source.protocol).toBe("rdap");
    }
  });

  it("reads a deep and wide answer in bounded time", () => {
    let nested: Record<string, unknown> = { roles: ["registrant"], vcardArray: vcard(["fn", {}, "text", "Deep"]) };
    for (let depth = 0; depth < 2000; depth += 1) nested = { roles: ["technical"], entities: [nested] };
    const wide = Array.from({ length: 50_000 }, (_, index) => ({ roles: ["technical"], events: Array.from({ length: 20 }, () => ({ eventAction: "registration", eventDate: "2020-01-01T00:00:00Z" })), vcardArray: vcard(["fn", {}, "text", `T${index}`]) }));
    const { value, cpuMs } = cpuTimed(() => parseRdap({ objectClassName: "domain", ldhName: "example.test", status: Array.from({ length: 100_000 }, () => "active https://x.test/" + "a".repeat(50)), entities: [nested, ...wide] }));
    expect(value.domain?.name).toBe("example.test");
    expect(value.contacts?.length).toBeLessThanOrEqual(100);
    expect(cpuMs).toBeLessThan(5000);
  });
});

const havePython = spawnSync("python3", ["--version"], { stdio: "ignore" }).status === 0;

// The same shapes through a lookup, served by a server we did not write: Python's http.server on loopback serving
// the answers as files (https://docs.python.org/3/library/http.server.html). The machine's zone is not UTC here,
// so a zone-less date read as local time would show.
describe.skipIf(!havePython)("a lookup against Python's http.server", () => {
  let python: ChildProcess;
  let base: string;
  let root: string;
  let zone: string | undefined;
  const euroDnsShape = {
    objectClassName: "domain",
    ldhName: "example.test",
    handle: "D1-TEST",
    status: ["clientTransferProhibited https://icann.org/epp#clientTransferProhibited"],
    events: [{ eventAction: "registration", eventDate: "2019-04-30T21:02:11" }],
    entities: [{ objectClassName: "entity", handle: "o_1", vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Jan Muster"], ["role", {}, "text", "registrant"], ["adr", {}, "text", ["", "Musterstrasse 27 null null", "Leipzig", "", "04229", "GERMANY"]]]] }],
  };
  const jsContactShape = { objectClassName: "domain", ldhName: "card.test", entities: [{ objectClassName: "entity", handle: "C1", roles: ["technical"], jscontact_card: { "@type": "Card", version: "1.0", name: { full: "Joe User" }, emails: { e: { address: "joe@card.test" } } } }] };

  beforeAll(async () => {
    zone = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    root = mkdtempSync(join(tmpdir(), "wl-w21-rdap-"));
    mkdirSync(join(root, "domain"));
    writeFileSync(join(root, "domain", "example.test"), JSON.stringify(euroDnsShape));
    writeFileSync(join(root, "domain", "card.test"), JSON.stringify(jsContactShape));
    python = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], { stdio: ["ignore", "pipe", "ignore"] });
    const lines = createInterface({ input: python.stdout! });
    const line = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      python.once("exit", (code) => reject(new Error(`http.server exited (${String(code)}) before listening`)));
    });
    base = `http://127.0.0.1:${/port (\d+)/.exec(line)?.[1] ?? "0"}/`;
  });
  afterAll(() => {
    python?.kill();
    rmSync(root, { recursive: true, force: true });
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  const lookup = async (name: string): Promise<WhoisRecord> => {
    const run = await runCli(["lookup", name, "--protocol", "rdap", "--rdap-url", base, "--allow-private", "--no-cache", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as WhoisRecord;
  };

  it("reads a EuroDNS-shaped answer: jCard roles, six-part adr, zone-less date, status URL", async () => {
    const record = await lookup("example.test");
    expect(record).toMatchObject({ status: "registered", dates: { created: "2019-04-30T21:02:11Z" }, statuses: ["clientTransferProhibited"] });
    expect(record.contacts).toEqual([{ roles: ["registrant"], handle: "o_1", name: "Jan Muster", street: ["Musterstrasse 27"], city: "Leipzig", postalCode: "04229", country: "GERMANY", countryCode: "DE" }]);
  });

  it("reads a JSContact card", async () => {
    const record = await lookup("card.test");
    expect(record.contacts).toEqual([{ roles: ["technical"], handle: "C1", name: "Joe User", email: "joe@card.test" }]);
  });
});
