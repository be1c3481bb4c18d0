import { describe, expect, it } from "vitest";
import { RECORD_LIMITS } from "../../../src/parse/limits.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { lines } from "./answer-helpers.js";

/**
 * A handle asked over port 43 (`-B KF42-AP`, `-B FJORD-MNT`) is answered with one RPSL object of a contact class:
 * the entity RDAP's /entity/{handle} gives. Layouts after the RIPE Database documentation
 * (https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Secondary-Objects/: person, role, organisation, mntner,
 * irt; the `%` header and footer of its query service), APNIC's and AFRINIC's answers (same software, their own headers)
 * and LACNIC's WHOIS (https://www.lacnic.net/1040: `nic-hdl:` then `person:`). Names and addresses are examples.
 */
const RIPE_HEADER = lines(
  "% This is the RIPE Database query service.",
  "% The objects are in RPSL format.",
  "%",
  "% The RIPE Database is subject to Terms and Conditions.",
  "% See https://docs.db.ripe.net/terms-conditions.html",
  "",
);
const RIPE_FOOTER = "\n% This query was served by the RIPE Database Query Service version 1.114 (DEB)\n\n";

const PERSON = lines(
  RIPE_HEADER,
  "% Information related to 'EP12-RIPE'",
  "",
  "person:         Example Person",
  "address:        Beispielstrasse 1",
  "address:        10115 Berlin",
  "address:        Germany",
  "phone:          +31 20 535 4444",
  "fax-no:         +31 20 535 4445",
  "e-mail:         person@example.net",
  "nic-hdl:        EP12-RIPE",
  "mnt-by:         EXAMPLE-MNT",
  "created:        2004-01-01T00:00:00Z",
  "last-modified:  2020-01-01T00:00:00Z",
  "source:         RIPE",
  RIPE_FOOTER,
);

/** The answer parsed as the server's, for `query`: a registered entity (asserted), its record returned. */
function entity(text: string, server: string, query: string) {
  const record = parseWhoisText(text, { server, query });
  expect(record).toMatchObject({ kind: "entity", status: "registered" });
  return record;
}

describe("a lone RPSL contact object answered for a handle is a registered entity with that contact", () => {
  it("RIPE person: name, handle, address, phone, fax, e-mail; the record is the entity's", () => {
    const record = entity(PERSON, "whois.ripe.net", "EP12-RIPE");
    expect(record.contacts).toEqual([
      { roles: [], handle: "EP12-RIPE", name: "Example Person", email: "person@example.net", phone: "+31 20 535 4444", fax: "+31 20 535 4445", street: ["Beispielstrasse 1"], city: "Berlin", postalCode: "10115", country: "Germany" },
    ]);
    expect(record.notes).toBeUndefined();
  });

  it("APNIC role (its own header): the role, and the handles it names as contacts of their own", () => {
    const text = lines(
      "% [whois.apnic.net]",
      "% Whois data copyright terms    http://www.apnic.net/db/dbcopyright.html",
      "",
      "% Information related to 'Example NOC'",
      "",
      "role:           Example NOC",
      "address:        12 Example Street",
      "address:        1010 Auckland",
      "country:        NZ",
      "phone:          +64 9 555 0100",
      "e-mail:         noc@example.net",
      "abuse-mailbox:  abuse@example.net",
      "admin-c:        EP1-AP",
      "tech-c:         EP1-AP",
      "nic-hdl:        EN42-AP",
      "mnt-by:         MAINT-EXAMPLE-NZ",
      "source:         APNIC",
      "",
      "% This query was served by the APNIC Whois Service version 1.88.25 (WHOIS-AU4)",
      "",
    );
    const record = entity(text, "whois.apnic.net", "EN42-AP");
    expect(record.contacts).toEqual([
      { roles: [], handle: "EN42-AP", name: "Example NOC", email: "noc@example.net", phone: "+64 9 555 0100", street: ["12 Example Street"], city: "Auckland", postalCode: "1010", countryCode: "NZ" },
      { roles: ["administrative", "technical"], handle: "EP1-AP" },
    ]);
  });

  it("a role with the person it names after it (RIPE's recursive answer): the role first, the person filled in", () => {
    const text = lines(
      RIPE_HEADER,
      "role:           Example Operations",
      "address:        Singel 258",
      "e-mail:         ops@example.net",
      "admin-c:        EP12-RIPE",
      "nic-hdl:        OPS4-RIPE",
      "source:         RIPE",
      "",
      "person:         Example Person",
      "address:        Singel 258",
      "e-mail:         person@example.net",
      "nic-hdl:        EP12-RIPE",
      "source:         RIPE",
      RIPE_FOOTER,
    );
    const record = parseWhoisText(text, { server: "whois.ripe.net", query: "OPS4-RIPE" });
    expect(record.status).toBe("registered");
    expect(record.contacts?.map((c) => `${c.roles.join("+") || "(entity)"} ${c.handle} ${c.name} ${c.email}`)).toEqual([
      "(entity) OPS4-RIPE Example Operations ops@example.net",
      "administrative EP12-RIPE Example Person person@example.net",
    ]);
  });

  it("RIPE organisation: the organisation itself (handle, org-name, address), its abuse-c apart; org-name is no second registrant", () => {
    const text = lines(
      RIPE_HEADER,
      "organisation:   ORG-EA1-RIPE",
      "org-name:       Example Analytics AS",
      "country:        NO",
      "org-type:       LIR",
      "address:        Storgata 1",
      "address:        0155 Oslo",
      "e-mail:         info@example.net",
      "abuse-c:        EA123-RIPE",
      "mnt-ref:        EXAMPLE-MNT",
      "mnt-by:         EXAMPLE-MNT",
      "created:        2015-02-03T10:00:00Z",
      "last-modified:  2023-05-06T11:00:00Z",
      "source:         RIPE",
      RIPE_FOOTER,
    );
    const record = entity(text, "whois.ripe.net", "ORG-EA1-RIPE");
    expect(record.contacts).toEqual([
      { roles: [], handle: "ORG-EA1-RIPE", name: "Example Analytics AS", email: "info@example.net", street: ["Storgata 1"], city: "Oslo", postalCode: "0155", countryCode: "NO" },
      { roles: ["abuse"], handle: "EA123-RIPE" },
    ]);
  });

  it.each([
    ["mntner", "mntner:         EXAMPLE-MNT\ndescr:          Example maintainer\nadmin-c:        EP12-RIPE\nauth:           # Filtered\nmnt-by:         EXAMPLE-MNT\nsource:         RIPE # Filtered", "EXAMPLE-MNT"],
    ["irt", "irt:            IRT-EXAMPLE\naddress:        Singel 258\ne-mail:         irt@example.net\nabuse-mailbox:  irt@example.net\nadmin-c:        EP12-RIPE\nauth:           # Filtered\nsource:         RIPE # Filtered", "IRT-EXAMPLE"],
  ])("RIPE %s: the object's handle is the entity's, its admin-c a contact", (_class, object, handle) => {
    const record = entity(lines(RIPE_HEADER, object, RIPE_FOOTER), "whois.ripe.net", handle);
    expect(record.contacts?.[0]).toMatchObject({ roles: [], handle });
    expect(record.contacts?.[1]).toEqual({ roles: ["administrative"], handle: "EP12-RIPE" });
  });

  it("a notice in the header with not-found or reserved words does not flip the entity (only a status position decides)", () => {
    const text = PERSON.replace("% The objects are in RPSL format.", "% The objects are in RPSL format. Handles that are reserved cannot be registered; no results for a handle means none.");
    expect(parseWhoisText(text, { server: "whois.ripe.net", query: "EP12-RIPE" })).toMatchObject({ kind: "entity", status: "registered" });
    const bare = text.replace(/^(created|last-modified):.*\n/gm, "");
    expect(bare).not.toContain("created:");
    expect(parseWhoisText(bare, { server: "whois.ripe.net", query: "EP12-RIPE" })).toMatchObject({ kind: "entity", status: "registered" });
  });

  it("LACNIC person: nic-hdl first, then person; the trailing commas of its address lines dropped", () => {
    const text = lines(
      "% Joint Whois - whois.lacnic.net",
      "%  This server accepts single ASN, IPv4 or IPv6 queries",
      "",
      "nic-hdl:     EJP",
      "person:      Ejemplo Persona",
      "e-mail:      persona@example.net",
      "address:     Av. Ejemplo, 1234, ",
      "address:     7750000 - Santiago - RM",
      "country:     CL",
      "phone:       +56 2 2555 0100",
      "created:     20150203",
      "changed:     20230506",
      "",
      "% whois.lacnic.net accepts only direct match queries.",
    );
    const record = entity(text, "whois.lacnic.net", "EJP");
    expect(record.contacts).toEqual([
      { roles: [], handle: "EJP", name: "Ejemplo Persona", email: "persona@example.net", phone: "+56 2 2555 0100", street: ["Av. Ejemplo, 1234"], city: "Santiago", state: "RM", postalCode: "7750000", countryCode: "CL" },
    ]);
  });
});

describe("what is not an entity answer", () => {
  it("a network answer whose role objects follow it stays the network's record", () => {
    const text = lines("inetnum:        192.0.2.0 - 192.0.2.255", "netname:        EXAMPLE-NET", "admin-c:        EN42-AP", "", "role:           Example NOC", "nic-hdl:        EN42-AP", "e-mail:         noc@example.net", "");
    const record = parseWhoisText(text, { server: "whois.apnic.net", query: "192.0.2.1" });
    expect(record.kind).toBe("ip");
    expect(record.contacts?.map((c) => `${c.roles.join("+")} ${c.handle}`)).toEqual(["administrative EN42-AP"]);
  });

  it("a domain answer keeps its registrant; a not-found answer for a handle stays not found", () => {
    const domain = parseWhoisText(lines("domain:         example.hr", "descr:          Example d.o.o.", "", "person:         Example Person", "nic-hdl:        EP1-HR", ""), { server: "whois.dns.hr", query: "example.hr" });
    expect(domain.kind).toBe("domain");
    const missing = parseWhoisText(lines(RIPE_HEADER, "%ERROR:101: no entries found", "%", "% No entries found in source RIPE.", RIPE_FOOTER), { server: "whois.ripe.net", query: "XX1-RIPE" });
    expect(missing).toMatchObject({ status: "available" });
    expect(missing.contacts).toBeUndefined();
  });

  it("an object of a class that describes no contact (route, as-set) is no entity", () => {
    const record = parseWhoisText(lines("as-set:         AS-EXAMPLE", "members:        AS64496", "admin-c:        EP12-RIPE", "source:         RIPE", ""), { server: "whois.ripe.net", query: "AS-EXAMPLE" });
    expect(record.kind).not.toBe("entity");
  });

  it("labels named like Object.prototype members open no entity and set no field", () => {
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const record = parseWhoisText(`${key}:    X1\nnic-hdl:        X1\n`, { server: "whois.ripe.net", query: "X1" });
      expect(record.kind, key).not.toBe("entity");
    }
    const record = entity("role: Example NOC\nconstructor: x\n__proto__: y\nnic-hdl: EN1-AP\n", "whois.apnic.net", "EN1-AP");
    expect(record.contacts?.[0]).toEqual({ roles: [], handle: "EN1-AP", name: "Example NOC" });
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });

  it("a role with thousands of address lines keeps the record's street limit", () => {
    const text = `role:           Example NOC\n${"address:        x\n".repeat(20_000)}nic-hdl:        EN1-AP\n`;
    expect(entity(text, "whois.apnic.net", "EN1-AP").contacts?.[0]?.street).toHaveLength(RECORD_LIMITS.streetLines);
  });
});
