import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/parse/dates.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

describe("parseDate: less common registry shapes", () => {
  it.each([
    ["before Aug-1996", "1996-08-01T00:00:00Z"],
    ["2007. 03. 02.", "2007-03-02T00:00:00Z"],
    ["2007. 03. 02. 10:20:30", "2007-03-02T10:20:30Z"],
    ["2008-05-12T17:56:23.090Z", "2008-05-12T17:56:23Z"],
    ["2021-11-09 00:00:00 (UTC+8)", "2021-11-08T16:00:00Z"],
    ["2000-08-29 10:22:50 GMT-3", "2000-08-29T13:22:50Z"],
  ])("%s -> %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it("rejects a month name that is not a month", () => {
    expect(parseDate("before Foo-1996")).toBeUndefined();
  });
});

describe("parseWhoisText status decisions", () => {
  const disclaimer = "% Use this service to check whether a domain name is still available\n% or not.\n";

  it("a refusal wins over not-found words elsewhere in the answer", () => {
    const text = `${disclaimer}%% Too many requests...\n%%\n%% No entries found in the database.\n`;
    expect(parseWhoisText(text, { query: "example.test" }).status).toBe("throttled");
    const hourly = `${disclaimer}% Maximum queries per hour reached (100)\n`;
    expect(parseWhoisText(hourly).status).toBe("throttled");
  });

  it("a disclaimer line ending in 'available' is not an availability answer", () => {
    expect(parseWhoisText(`${disclaimer}`).status).toBe("unknown");
  });

  it("a whole-line 'available' or '220 Available' is", () => {
    expect(parseWhoisText("query_status: 220 Available\n").status).toBe("available");
    expect(parseWhoisText("example.test\navailable\n").status).toBe("available");
    expect(parseWhoisText("Domain example.test not registred.\n").status).toBe("available");
  });

  it("a reduced record sent with a rate-limit notice is still registered", () => {
    const text = "domain:      example.test\nowner:       Example Org (12345)\n\n% Query rate limit exceeded. Reduced information.\n";
    expect(parseWhoisText(text).status).toBe("registered");
  });

  it("names a one-label TLD record when it is the query", () => {
    const text = "domain:       EXAMPLETLD\n\norganisation: Example Registry\ncreated:      2014-09-04\n";
    expect(parseWhoisText(text, { query: "exampletld" }).domain?.name).toBe("exampletld");
    expect(parseWhoisText(text, { query: "other" }).domain).toBeUndefined();
  });

  it("reads numbered name server hostnames and spaced KISA dates", () => {
    const text = [
      "Complete Domain Name........: example.test",
      "Primary Server Hostname....: ns1.example.net",
      "Secondary Server Hostname..: ns2.example.net",
      "Registered Date             : 2007. 03. 02.",
      "Domain Last Updated: 2008-12-08",
      "Domain Currently Expires: 2010-03-03",
    ].join("\n");
    const record = parseWhoisText(text);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
    expect(record.dates).toEqual({ created: "2007-03-02T00:00:00Z", updated: "2008-12-08T00:00:00Z", expires: "2010-03-03T00:00:00Z" });
  });

  it("reads label-on-date lines with times, bulleted name servers and Spanish labels", () => {
    const text = [
      "Domain Name: example.test",
      "   Record expires on 2021-11-09 00:00:00 (UTC+8)",
      "   Ultima Actualización: 2005-11-17 20:35:01",
      "   Estatus del dominio: ACTIVO",
      "   Servidor(es) de Nombres de Dominio:",
      "",
      "   - ns1.example.net",
      "   - ns2.example.net",
    ].join("\n");
    const record = parseWhoisText(text);
    expect(record.dates).toEqual({ expires: "2021-11-08T16:00:00Z", updated: "2005-11-17T20:35:01Z" });
    expect(record.statuses).toEqual(["ACTIVO"]);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
  });

  it("skips thin-registry host objects listed before the domain record", () => {
    const text = [
      "   Server Name: EXAMPLE.TEST.SPAM.EXAMPLE",
      "   Registrar: WRONG REGISTRAR, INC.",
      "",
      "   Domain Name: EXAMPLE.TEST",
      "   Registrar: RIGHT REGISTRAR, INC.",
      "   Creation Date: 15-sep-1997",
    ].join("\n");
    const record = parseWhoisText(text);
    expect(record.registrar?.name).toBe("RIGHT REGISTRAR, INC.");
    expect(record.domain?.name).toBe("example.test");
  });
});

describe("parseWhoisText: AFNIC-style eppstatus lines", () => {
  // Layout of AFNIC's port-43 answers (https://www.afnic.fr/en/ — "Whois" documentation): the domain block lists its
  // EPP statuses as `eppstatus:` lines; each `nic-hdl` contact block has its own `eppstatus:` lines (RFC 5733 contact
  // statuses such as "associated"), which are the contact's, not the domain's.
  const answer = [
    "domain:      example.fr",
    "status:      ACTIVE",
    "eppstatus:   clientTransferProhibited",
    "eppstatus:   serverDeleteProhibited",
    "hold:        NO",
    "holder-c:    EX100-FRNIC",
    "registrar:   EXAMPLE REGISTRAR",
    "source:      FRNIC",
    "",
    "nic-hdl:     EX100-FRNIC",
    "type:        ORGANIZATION",
    "contact:     Example SAS",
    "eppstatus:   associated",
    "eppstatus:   active",
    "source:      FRNIC",
    "",
  ].join("\n");

  it("keeps the domain's EPP statuses and leaves the contact's out", () => {
    const record = parseWhoisText(answer, { query: "example.fr", server: "whois.nic.fr" });
    expect(record.statuses).toEqual(["ACTIVE", "clientTransferProhibited", "serverDeleteProhibited"]);
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))?.organization).toBe("Example SAS");
  });
});

describe("parseWhoisText: a contact-kind heading is not part of the contact", () => {
  // Nominet's .uk layout (https://registrars.nominet.uk/ — "WHOIS" output): "Registrant type:" names what kind of
  // holder it is ("UK Individual", "Non-UK Corporation", "Unknown"), on its own indented section.
  it("Registrant type's line becomes neither the organisation nor an address line", () => {
    const text = ["", "    Domain name:", "        example.co.uk", "", "    Registrant:", "        Jane Example", "", "    Registrant type:", "        UK Individual", "",
      "    Registrant's address:", "        1 High Street", "        Oxford", "        OX1 1AA", "        United Kingdom", "", "    Registrar:", "        Example Registrar Ltd [Tag = EXAMPLE]", ""].join("\n");
    const registrant = parseWhoisText(text, { query: "example.co.uk", server: "whois.nic.uk" }).contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant?.name).toBe("Jane Example");
    expect(registrant?.organization).toBeUndefined();
    expect(JSON.stringify(registrant)).not.toContain("UK Individual");
    expect(registrant?.postalCode).toBe("OX1 1AA");
  });
});
