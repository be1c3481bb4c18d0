// Port-43 layouts seen in real answers (issue #13 follow-up): each answer below is written in the layout a registry
// prints (source named beside it); names, handles, numbers and dates are invented.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { COMMENT_MARKERS, isStatusComment, isTokenizerComment } from "../../../src/parse/whois/comments.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { leadSentence } from "../../../src/parse/whois/status-positions.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";

describe("fax labels", () => {
  // NeuStar (.us, .biz) and .CO Internet: "<Role> Facsimile Number:" with the role spelled out.
  it("NeuStar's 'Facsimile Number' is the contact's fax, for every role", () => {
    const record = parseWhoisText(lines(
      "Domain Name:                                 sample-fax.us",
      "Domain ID:                                   D1234-US",
      "Registrant ID:                               REG-1",
      "Registrant Name:                             Sample Holder",
      "Registrant Phone Number:                     +1.5550100",
      "Registrant Facsimile Number:                 +1.5550101",
      "Administrative Contact ID:                   ADM-1",
      "Administrative Contact Name:                 Sample Admin",
      "Administrative Contact Facsimile Number:     +1.5550102",
      "Billing Contact ID:                          BIL-1",
      "Billing Contact Facsimile Number:            +1.5550103",
      "Technical Contact ID:                        TEC-1",
      "Technical Contact Facsimile Number:          +1.5550104",
      "Name Server:                                 ns1.sample-host.us",
    ), { query: "sample-fax.us" });
    expect(byRole(record, "registrant")[0]?.fax).toBe("+1.5550101");
    expect(byRole(record, "registrant")[0]?.phone).toBe("+1.5550100");
    expect(byRole(record, "administrative")[0]?.fax).toBe("+1.5550102");
    expect(byRole(record, "billing")[0]?.fax).toBe("+1.5550103");
    expect(byRole(record, "technical")[0]?.fax).toBe("+1.5550104");
  });

  it.each([
    ["Registrant Fax Number", "+1.5550111"],
    ["Registrant Facsimile", "+1.5550112"],
    ["Registrant Fax-no", "+1.5550113"],
    ["Registrant Telefax", "+49.5550114"],
    ["Registrant Fax Nr.", "+49.5550115"],
  ])("'%s' is the registrant's fax", (label, number) => {
    const record = parseWhoisText(lines("Domain Name: sample-fax.example", `Registrant Name: Sample Holder`, `${label}: ${number}`, "Name Server: ns1.sample-host.net"));
    expect(byRole(record, "registrant")[0]?.fax).toBe(number);
  });

  it("RIPE-style 'fax-no:' inside a person object is its fax", () => {
    const record = parseWhoisText(lines(
      "domain:         sample-fax.example",
      "admin-c:        SH1-EX",
      "nserver:        ns1.sample-host.net",
      "",
      "person:         Sample Person",
      "nic-hdl:        SH1-EX",
      "phone:          +49 5550 120",
      "fax-no:         +49 5550 121",
    ));
    expect(byRole(record, "administrative")[0]?.fax).toBe("+49 5550 121");
  });

  it("an empty 'Registrant Facsimile Number:' stays a field: the lines after it are not its section", () => {
    const record = parseWhoisText(lines(
      "Domain Name: sample-fax.us",
      "Registrant Name: Sample Holder",
      "Registrant Facsimile Number:",
      "Registrant Email: holder@sample-fax.us",
      "Name Server: ns1.sample-host.us",
    ));
    expect(byRole(record, "registrant")[0]?.email).toBe("holder@sample-fax.us");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.us"]);
  });
});

describe("a labelled error field refuses the query (CIRA)", () => {
  // CIRA's answer for a name that cannot exist: "Domain status: unavailable" then "Error code:" / "Error message:".
  const cira = (message: string): string => lines(
    "Domain name:           sample-conflict.ca",
    "Domain status:         unavailable",
    "Error code:            01114",
    `Error message:         ${message}`,
    "",
    "% WHOIS look-up made at 2026-01-02 03:04:05 (GMT)",
    "% Use of CIRA's WHOIS service is governed by the Terms of Use in its Legal Notice",
  );

  it("its reason's 'not available for registration' does not make the name reserved", () => {
    const record = parseWhoisText(cira("The domain name provided conflicts with at least one other registered domain name and as a result is not available for registration (e.g. abc.ca conflicts with abc.qc.ca)."), { query: "sample-conflict.ca" });
    expect(record.status).toBe("invalid");
  });

  it("a throttle wording in the error field still says throttled", () => {
    expect(parseWhoisText(cira("Too many queries from your IP, try again later."), { query: "sample-conflict.ca" }).status).toBe("throttled");
  });

  it("the same reserved wording without an error field stays reserved", () => {
    expect(parseWhoisText(lines("Domain name: sample-kept.example", "", "This name is reserved by the registry and is not available for registration.")).status).toBe("reserved");
  });
});

describe("a zone refusal naming the query's own zone is a not-found answer (NIC Bolivia)", () => {
  // whois.nic.bo answers an unregistered .bo name with a refusal naming its own zone.
  const bo = "\r\n\r\nwhois.nic.bo solo acepta consultas con dominios .bo";

  it("the query lies in the zone named: available", () => {
    expect(parseWhoisText(bo, { query: "libre-muestra.com.bo", server: "whois.nic.bo" }).status).toBe("available");
  });

  it("a query outside the zone named stays invalid", () => {
    expect(parseWhoisText(bo, { query: "sample.pe", server: "whois.nic.bo" }).status).toBe("invalid");
    expect(parseWhoisText("This server only accepts queries for .ex domains.\n", { query: "sample.com" }).status).toBe("invalid");
  });

  it("no query: the zone's own server stands for it", () => {
    expect(parseWhoisText(bo, { server: "whois.nic.bo" }).status).toBe("available");
    expect(parseWhoisText(bo, { server: "whois.other-registry.example" }).status).toBe("invalid");
    expect(parseWhoisText(bo).status).toBe("invalid");
  });
});

describe("SK-NIC, both layouts", () => {
  // SK-NIC's current answer: "Label:" then spaces, the domain's contacts named by handle ("Registrant: <id>") and each
  // contact printed below as a "Contact: <id>" block; its older one: a label, a run of spaces, the value (no colon).
  it("the current layout: name servers, expiry, and the contact block the registrant names", () => {
    const record = parseWhoisText(lines(
      "Domain:                       vzorka.sk",
      "Registrant:                   Vzorka",
      "Admin Contact:                Vzorka",
      "Tech Contact:                 Vzorka",
      "Registrar:                    REGI-0001",
      "Created:                      2004-05-06",
      "Updated:                      2020-01-02",
      "Valid Until:                  2027-05-06",
      "Nameserver:                   ns1.vzorka-host.sk",
      "Nameserver:                   ns2.vzorka-host.sk",
      "EPP Status:                   ok",
      "",
      "Registrar:                    REGI-0001",
      "Name:                         Vzorovy Registrator s.r.o.",
      "Email:                        info@registrator.example",
      "",
      "Contact:                      Vzorka",
      "Name:                         Jan Vzorovy",
      "Organization:                 Vzorka a.s.",
      "Email:                        jan@vzorka.example",
      "Street:                       Hlavna 1",
      "City:                         Bratislava",
      "Postal Code:                  811 01",
      "Country Code:                 SK",
    ), { query: "vzorka.sk", server: "whois.sk-nic.sk" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.vzorka-host.sk", "ns2.vzorka-host.sk"]);
    expect(record.dates?.expires).toBe("2027-05-06T00:00:00Z");
    expect(record.registrar?.name).toBe("Vzorovy Registrator s.r.o.");
    const registrant = byRole(record, "registrant")[0];
    expect(registrant).toMatchObject({ handle: "Vzorka", name: "Jan Vzorovy", organization: "Vzorka a.s.", email: "jan@vzorka.example", city: "Bratislava" });
    expect(record.contacts).toHaveLength(1);
    expect(registrant?.roles).toEqual(expect.arrayContaining(["registrant", "administrative", "technical"]));
  });

  it("a one-word name that no object in the answer carries stays the contact's name", () => {
    const record = parseWhoisText(lines("Domain: vzorka.sk", "Registrant: Vzorka", "Nameserver: ns1.vzorka-host.sk"), { query: "vzorka.sk" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Vzorka" });
    expect(byRole(record, "registrant")[0]?.handle).toBeUndefined();
  });

  it("the older layout: dns_name lines and Valid-date", () => {
    const record = parseWhoisText(lines(
      "%",
      "% whois.sk-nic.sk - whois server for TLD .sk",
      "%",
      "",
      "",
      "Domain-name         stara-vzorka.sk",
      "Admin-id            VZOR-0001",
      "Admin-name          Jana Vzorova",
      "Admin-email         jana@stara-vzorka.example",
      "Tech-id             VZOR-0001",
      "dns_name            ns1.stara-vzorka.sk",
      "dns_name            ns2.stara-vzorka.sk",
      "Last-update         2010-01-02",
      "Valid-date          2011-03-04",
      "Domain-status       DOM_OK",
    ), { server: "whois.sk-nic.sk" });
    expect(record.domain?.name).toBe("stara-vzorka.sk");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.stara-vzorka.sk", "ns2.stara-vzorka.sk"]);
    expect(record.dates?.expires).toBe("2011-03-04T00:00:00Z");
    expect(record.status).toBe("registered");
  });
});

describe("FRED registries (CZ.NIC's registry software)", () => {
  // Layout of whois.nic.cz (FRED whoisd): blank-line separated objects opened by their class key (domain:, contact:,
  // nsset:, keyset:); contact handles may hold a colon ("SB:…"); contact address one line per part. Written from the
  // answers of CZ.NIC's public WHOIS (https://www.nic.cz/whois/, whoisd 3.x) and the corpus's whois.nic.cz answers;
  // FRED (https://fred.nic.cz) prints the same layout for the other registries running it.
  const FRED_HEADER = lines("%", "% (c) 2006-2026 CZ.NIC, z.s.p.o.", "%", "% Whoisd Server Version: 3.12.0", "");
  const contactObject = (handle: string, org: string | undefined, name: string, email: string): string => lines(
    `contact:      ${handle}`,
    ...(org !== undefined ? [`org:          ${org}`] : []),
    `name:         ${name}`,
    "address:      Vzorova 12/3",
    "address:      Praha 2",
    "address:      12000",
    "address:      CZ",
    "phone:        +420.555000111",
    "fax-no:       +420.555000112",
    `e-mail:       ${email}`,
    "registrar:    REG-SAMPLE",
    "created:      01.02.2015 10:20:30",
    "changed:      03.04.2020 11:22:33",
  );

  it("a lone contact object is an entity record with that contact", () => {
    const text = lines(FRED_HEADER, contactObject("SAMPLE-CONTACT-1", "Ukazka s.r.o.", "Jana Ukazkova", "jana@ukazka.example"), "");
    const record = parseWhoisText(text, { query: "SAMPLE-CONTACT-1", server: "whois.nic.cz" });
    expect(record.kind).toBe("entity");
    expect(record.status).toBe("registered");
    expect(record.contacts).toHaveLength(1);
    expect(record.contacts?.[0]).toMatchObject({
      roles: [], handle: "SAMPLE-CONTACT-1", name: "Jana Ukazkova", organization: "Ukazka s.r.o.", email: "jana@ukazka.example",
      phone: "+420.555000111", fax: "+420.555000112", street: ["Vzorova 12/3"], city: "Praha 2", postalCode: "12000", countryCode: "CZ",
      created: "2015-02-01T10:20:30Z", updated: "2020-04-03T11:22:33Z",
    });
  });

  it("a lone contact with a colon in its handle and no org line", () => {
    const text = lines(FRED_HEADER, contactObject("SB:SAMPLE-2", undefined, "Petr Vzor", "petr@vzor.example"));
    const record = parseWhoisText(text, { query: "SB:SAMPLE-2", server: "whois.nic.cz" });
    expect(record.kind).toBe("entity");
    expect(record.contacts?.[0]).toMatchObject({ handle: "SB:SAMPLE-2", name: "Petr Vzor" });
  });

  it("a domain answer: registrant, admin-c and the nsset's tech-c filled from their contact objects (colon handles too)", () => {
    const text = lines(
      FRED_HEADER,
      "domain:       ukazka.cz",
      "registrant:   SB:UKAZKA-1",
      "admin-c:      UKAZKA-ADMIN",
      "nsset:        NSS:UKAZKA:1",
      "registrar:    REG-SAMPLE",
      "status:       Sponsoring registrar change forbidden",
      "registered:   30.10.2001 01:00:00",
      "changed:      17.11.2020 14:25:52",
      "expire:       30.10.2027",
      "",
      contactObject("SB:UKAZKA-1", "Ukazka a.s.", "Ukazka a.s.", "info@ukazka.example"),
      "",
      contactObject("UKAZKA-ADMIN", undefined, "Eva Spravcova", "eva@ukazka.example"),
      "",
      "nsset:        NSS:UKAZKA:1",
      "nserver:      ns1.ukazka.cz (192.0.2.1, 2001:db8::1)",
      "nserver:      ns2.ukazka-host.example",
      "tech-c:       UKAZKA-TECH",
      "registrar:    REG-SAMPLE",
      "created:      01.10.2007 02:00:00",
      "",
      contactObject("UKAZKA-TECH", "Hosting s.r.o.", "Tomas Technik", "tech@hosting.example"),
    );
    const record = parseWhoisText(text, { query: "ukazka.cz", server: "whois.nic.cz" });
    expect(record.kind).toBe("domain");
    expect(record.dates?.created).toBe("2001-10-30T01:00:00Z");
    expect(record.dates?.expires).toBe("2027-10-30T00:00:00Z");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.ukazka.cz", "ns2.ukazka-host.example"]);
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "SB:UKAZKA-1", organization: "Ukazka a.s.", email: "info@ukazka.example", city: "Praha 2" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "UKAZKA-ADMIN", name: "Eva Spravcova", email: "eva@ukazka.example" });
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "UKAZKA-TECH", name: "Tomas Technik", organization: "Hosting s.r.o." });
  });
});

describe("one handle, one contact (registro.br, LACNIC)", () => {
  // LACNIC WHOIS (https://www.lacnic.net/1040): owner, ownerid, responsible, address, country, then owner-c/tech-c/abuse-c
  // handles; the person objects they name may be left out of the answer. registro.br's domain blocks alike.
  it("a LACNIC inetnum whose owner-c and abuse-c name one handle gives one contact with both roles", () => {
    const record = parseWhoisText(lines(
      "% Joint Whois - whois.lacnic.net",
      "",
      "inetnum:     198.51.100.0/24",
      "status:      reallocated",
      "owner:       Ejemplo Redes S.A.",
      "ownerid:     AR-EJRE-LACNIC",
      "responsible: Ana Ejemplo",
      "address:     Calle Falsa, 123, Centro",
      "address:     1000 - Buenos Aires - BA",
      "country:     AR",
      "owner-c:     ANE2",
      "tech-c:      TEC7",
      "abuse-c:     ANE2",
      "created:     20100101",
      "changed:     20200101",
    ), { query: "198.51.100.1", server: "whois.lacnic.net" });
    const ane2 = (record.contacts ?? []).filter((contact) => contact.handle === "ANE2");
    expect(ane2).toHaveLength(1);
    expect(ane2[0]?.roles).toEqual(expect.arrayContaining(["administrative", "abuse"]));
  });

  it("a registro.br domain whose owner-c, tech-c and abuse-c name one handle: one contact with the three roles, the holder apart", () => {
    const record = parseWhoisText(lines(
      "domain:      exemplo.com.br",
      "owner:       Exemplo Comercio Ltda",
      "ownerid:     00.000.000/0001-00",
      "responsible: Joao Exemplo",
      "country:     BR",
      "owner-c:     JOE12",
      "tech-c:      JOE12",
      "abuse-c:     JOE12",
      "nserver:     a.dns.exemplo.com.br",
      "created:     20050101",
      "expires:     20300101",
      "status:      published",
    ), { query: "exemplo.com.br", server: "whois.registro.br" });
    const joe = (record.contacts ?? []).filter((contact) => contact.handle === "JOE12");
    expect(joe).toHaveLength(1);
    // (owner-c is the holder's administrative contact, as rdap.registro.br gives it: the holder is owner/ownerid.)
    expect(joe[0]?.roles).toEqual(expect.arrayContaining(["administrative", "technical", "abuse"]));
    expect(joe[0]?.roles).not.toContain("registrant");
    expect(byRole(record, "registrant")).toEqual([expect.objectContaining({ handle: "00.000.000/0001-00", name: "Exemplo Comercio Ltda" })]);
  });

  // registro.br's inetnum prints abuse-c above owner and responsible, and its handles are letters only ("FAN").
  const registroBrBlock = (withPerson: boolean): string => lines(
    "% Copyright (c) Nic.br",
    "",
    "inetnum:     198.51.96.0/20",
    "aut-num:     AS64500",
    "abuse-c:     EXRES",
    "owner:       Exemplo Nucleo de Redes",
    "ownerid:     000.000.000/0001-00",
    "responsible: Fulano de Tal",
    "country:     BR",
    "owner-c:     EXRES",
    "tech-c:      EXRES",
    "inetrev:     198.51.96.0/20",
    "created:     20040101",
    "changed:     20200101",
    ...(withPerson ? ["", "nic-hdl-br:  EXRES", "person:      Ciclano Exemplo", "e-mail:      ciclano@exemplo.br", "created:     20000101"] : []),
  );

  it("registro.br inetnum: abuse-c, owner-c and tech-c naming one letters-only handle give one contact, the holder apart", () => {
    const record = parseWhoisText(registroBrBlock(false), { query: "198.51.96.1", server: "whois.registro.br" });
    expect(record.contacts).toHaveLength(2);
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "000.000.000/0001-00", name: "Exemplo Nucleo de Redes" });
    const exres = (record.contacts ?? []).filter((contact) => contact.handle === "EXRES");
    expect(exres).toHaveLength(1);
    expect(exres[0]?.roles).toEqual(expect.arrayContaining(["abuse", "administrative", "technical"]));
    // "responsible:" is the holder block's line, not the abuse contact's (the abuse-c line above it opened no role).
    expect(exres[0]?.name).toBeUndefined();
  });

  it("registro.br inetnum with the person object: the contact takes the object's name and e-mail", () => {
    const record = parseWhoisText(registroBrBlock(true), { query: "198.51.96.1", server: "whois.registro.br" });
    const exres = (record.contacts ?? []).filter((contact) => contact.handle === "EXRES");
    expect(exres).toHaveLength(1);
    expect(exres[0]).toMatchObject({ name: "Ciclano Exemplo", email: "ciclano@exemplo.br" });
  });

  it("one handle printed with other details under each role keeps a contact per role (nothing is lost)", () => {
    const record = parseWhoisText(lines(
      "Domain Name: sample-split.example",
      "Registrant ID: H-1",
      "Registrant Name: Holder Person",
      "Tech ID: H-1",
      "Tech Name: Other Person",
      "Name Server: ns1.sample-host.net",
    ));
    expect(record.contacts?.map((contact) => contact.name).sort()).toEqual(["Holder Person", "Other Person"]);
  });
});

describe("one comment-line table for the tokenizer and the status rule", () => {
  it("every line the tokenizer skips is a comment to the status rule too; the status rule's wider rows are data to the tokenizer", () => {
    for (const row of COMMENT_MARKERS) {
      const line = row.tokenizer === "enclosed" ? `${row.marker}notice text ${row.closer ?? ""}` : `${row.marker} notice text`;
      expect(isStatusComment(line)).toBe(true);
      expect(isTokenizerComment(line, 0)).toBe(row.tokenizer !== "keep");
    }
  });

  it("the tokenizer's columns: indented rules are values, a bracketed label is no notice", () => {
    expect(isTokenizerComment("-- rule --", 0)).toBe(true);
    expect(isTokenizerComment("-- continued value", 4)).toBe(false);
    expect(isTokenizerComment(">>> Last update of WHOIS database: 2026-01-01T00:00:00Z <<<", 0)).toBe(true);
    expect(isTokenizerComment("% indented comment", 6)).toBe(true);
    expect(isTokenizerComment("[Domain Name]                   SAMPLE.JP", 0)).toBe(false);
    expect(isTokenizerComment("[ JPRS database provides information on network administration. ]", 0)).toBe(true);
    expect(isTokenizerComment("Domain Name: sample.example", 0)).toBe(false);
  });

  it("an asterisk box above a record is skipped when looking for the lead, but stays in the tokenizer's lines", () => {
    const text = lines("*********************************************", "* Please note: the data is provided as is *", "*********************************************", "", "Domain: sample.it", "Status: ok");
    expect(leadSentence(text)).toBe("");
    expect(tokenize(text).some((entry) => entry.value.startsWith("*"))).toBe(true);
  });
});
