// Port-43 layouts left from the w10 pass: each answer below is written in the layout a registry prints (source named
// beside it); names, handles, numbers and dates are invented.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";

/** nic.at's domain answer (whois.nic.at): the domain object, then one `personname:` object per handle, each ended by `source: AT-DOM`. */
function nicAtAnswer(separator: string[]): string {
  return lines(
    "% Copyright (c)2026 by NIC.AT (1)",
    "%",
    "% Restricted rights.",
    "domain:         beispiel-muster.at",
    "registrar:      Beispiel Registrar GmbH ( https://nic.at/registrar/999 )",
    "registrant:     BM1001-NICAT",
    "tech-c:         BM1002-NICAT",
    "tech-c:         BM1003-NICAT",
    "nserver:        ns1.beispiel-host.at",
    "remarks:        192.0.2.53",
    "nserver:        ns2.beispiel-host.at",
    "changed:        20200102 03:04:05",
    "source:         AT-DOM",
    ...separator,
    "personname:     Anna Halterin",
    "organization:   Beispiel Muster GmbH",
    "street address: Musterweg 1",
    "postal code:    1010",
    "city:           Wien",
    "country:        Austria",
    "phone:          +4315550101",
    "e-mail:         anna@beispiel-muster.at",
    "nic-hdl:        BM1001-NICAT",
    "changed:        20190101 10:00:00",
    "source:         AT-DOM",
    ...separator,
    "personname:",
    "organization:   Technik Dienst KG",
    "street address: Technikgasse 2",
    "postal code:    8010",
    "city:           Graz",
    "country:        Austria",
    "phone:          +433165550202",
    "fax-no:         +433165550203",
    "e-mail:         noc@technik-dienst.at",
    "nic-hdl:        BM1002-NICAT",
    "changed:        20180101 10:00:00",
    "source:         AT-DOM",
    ...separator,
    "personname:     Tom Techniker",
    "organization:   Technik Dienst KG",
    "street address: Technikgasse 2",
    "postal code:    8020",
    "city:           Graz",
    "country:        Austria",
    "phone:          +433165550303",
    "e-mail:         tom@technik-dienst.at",
    "nic-hdl:        BM1003-NICAT",
    "changed:        20170101 10:00:00",
    "source:         AT-DOM",
  );
}

describe("nic.at objects with no blank line between them", () => {
  it.each([
    ["back to back (no blank lines)", []],
    ["separated by blank lines", [""]],
  ])("each handle gets its own object's details, %s", (_label, separator) => {
    const record = parseWhoisText(nicAtAnswer(separator), { server: "whois.nic.at", query: "beispiel-muster.at" });
    expect(record.status).toBe("registered");
    expect(record.dates?.updated).toBe("2020-01-02T03:04:05Z");
    const registrant = byRole(record, "registrant");
    expect(registrant).toHaveLength(1);
    expect(registrant[0]).toMatchObject({ handle: "BM1001-NICAT", name: "Anna Halterin", organization: "Beispiel Muster GmbH", phone: "+4315550101", email: "anna@beispiel-muster.at", city: "Wien", postalCode: "1010", street: ["Musterweg 1"] });
    expect(registrant[0]?.fax).toBeUndefined();
    const tech = byRole(record, "technical");
    expect(tech.map((c) => c.handle)).toEqual(["BM1002-NICAT", "BM1003-NICAT"]);
    // The object with an empty personname is still its own object (not the domain's holder).
    expect(tech[0]).toMatchObject({ organization: "Technik Dienst KG", phone: "+433165550202", fax: "+433165550203", email: "noc@technik-dienst.at", postalCode: "8010" });
    expect(tech[0]?.name).toBeUndefined();
    expect(tech[1]).toMatchObject({ name: "Tom Techniker", phone: "+433165550303", email: "tom@technik-dienst.at", postalCode: "8020" });
    expect(tech[1]?.fax).toBeUndefined();
  });

  it("a `source:` line ends the block only before a label that opens an object", () => {
    const blocks = (text: string): number[] => tokenize(text).map((e) => e.block);
    // nic.at: personname after source opens the next object.
    expect(blocks(lines("domain: a.at", "source: AT-DOM", "personname: X", "nic-hdl: X1-NICAT"))).toEqual([0, 0, 1, 1]);
    // RIPE-style: person / role / organisation after source too.
    expect(blocks(lines("inetnum: 192.0.2.0 - 192.0.2.255", "source: RIPE", "person: Y", "nic-hdl: Y1-RIPE"))).toEqual([0, 0, 1, 1]);
    // AFRINIC prints `parent:` after `source: AFRINIC # Filtered`: still the inetnum's line.
    expect(blocks(lines("inetnum: 192.0.2.0 - 192.0.2.255", "source: AFRINIC # Filtered", "parent: 192.0.0.0 - 192.255.255.255"))).toEqual([0, 0, 0]);
    // .ug prints `Source: UG` in the middle of its record.
    expect(blocks(lines("Domain name: x.co.ug", "Source: UG", "Updated: 10/11/2009 14:06:58 EAT"))).toEqual([0, 0, 0]);
  });

  it("RIPE-style objects separated by blank lines read as before", () => {
    const record = parseWhoisText(lines(
      "domain:         muster.example",
      "admin-c:        AH1-EX",
      "tech-c:         TT1-EX",
      "nserver:        ns1.muster-host.net",
      "source:         EX-DOM",
      "",
      "person:         Anna Halter",
      "phone:          +49 5550 100",
      "nic-hdl:        AH1-EX",
      "source:         EX-DOM",
      "",
      "role:           Technik Team",
      "phone:          +49 5550 200",
      "nic-hdl:        TT1-EX",
      "source:         EX-DOM",
    ));
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "AH1-EX", name: "Anna Halter", phone: "+49 5550 100" });
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "TT1-EX", name: "Technik Team", phone: "+49 5550 200" });
  });
});

describe("registro.br domain: the holder is owner/ownerid, owner-c a contact (as rdap.registro.br gives them)", () => {
  // whois.registro.br's domain layout: the domain block (owner, ownerid, responsible, country, owner-c, admin-c, tech-c,
  // billing-c, nserver/nsstat/nslastaa, created, changed, expires, status), then one nic-hdl-br person block per handle.
  const answer = lines(
    "% Copyright (c) Nic.br",
    "%  2026-01-02T03:04:05-03:00",
    "",
    "domain:      exemplo-loja.com.br",
    "owner:       Exemplo Loja Virtual Ltda",
    "ownerid:     00.111.222/0001-33",
    "responsible: Maria Responsavel",
    "country:     BR",
    "owner-c:     MAREX2",
    "admin-c:     MAREX2",
    "tech-c:      TECEX7",
    "billing-c:   MAREX2",
    "nserver:     a.dns.exemplo-loja.com.br",
    "nsstat:      20260101 AA",
    "nslastaa:    20260101",
    "nserver:     b.dns.exemplo-loja.com.br",
    "created:     20100315 #1234567",
    "changed:     20250101",
    "expires:     20270315",
    "status:      published",
    "",
    "nic-hdl-br:  MAREX2",
    "person:      Maria Exemplo",
    "e-mail:      maria@exemplo-loja.com.br",
    "country:     BR",
    "created:     20100315",
    "changed:     20200101",
    "",
    "nic-hdl-br:  TECEX7",
    "person:      Tecnico Exemplo",
    "e-mail:      tec@exemplo-hospedagem.com.br",
    "country:     BR",
    "created:     20090101",
    "changed:     20210101",
  );

  it("one registrant: the owner, its ownerid as handle; owner-c's person is not the holder", () => {
    const record = parseWhoisText(answer, { server: "whois.registro.br", query: "exemplo-loja.com.br" });
    expect(record.status).toBe("registered");
    const registrants = byRole(record, "registrant");
    expect(registrants).toHaveLength(1);
    expect(registrants[0]).toMatchObject({ handle: "00.111.222/0001-33", name: "Exemplo Loja Virtual Ltda", countryCode: "BR" });
    // The person's e-mail and dates are its own, not the holder's.
    expect(registrants[0]?.email).toBeUndefined();
    const maria = (record.contacts ?? []).filter((c) => c.handle === "MAREX2");
    expect(maria).toHaveLength(1);
    expect(maria[0]).toMatchObject({ name: "Maria Exemplo", email: "maria@exemplo-loja.com.br" });
    expect([...(maria[0]?.roles ?? [])].sort()).toEqual(["administrative", "billing"]);
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "TECEX7", name: "Tecnico Exemplo" });
  });

  it("an older answer with no ownerid keeps reading owner-c as before", () => {
    const record = parseWhoisText(answer.replace("ownerid:     00.111.222/0001-33\n", ""), { server: "whois.registro.br", query: "exemplo-loja.com.br" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "MAREX2", name: "Exemplo Loja Virtual Ltda" });
  });
});

describe(".name shared second-level names (Verisign's whois.nic.name)", () => {
  // The answer opens with Verisign's "Disclaimer:" paragraph, then " ****", then the registry's sentence.
  const disclaimer = [
    "Disclaimer: VeriSign, Inc. makes every effort to maintain the",
    "completeness and accuracy of the Whois data, but cannot guarantee",
    "that the results are error-free. Acceptance of the results of the Whois",
    "constitutes acceptance of these terms, conditions and limitations.",
    "",
    " ****",
    "",
  ];
  const footer = ["To request access to data listed as \u201cRedacted\u201d in the", "above WHOIS result, please contact Customer Service at info@example.net"];

  it("'Not available for second level registration' is reserved (the name cannot be registered), not unknown", () => {
    const record = parseWhoisText(lines(...disclaimer, "Not available for second level registration.", "Third level registrations may be available on this shared name.", ...footer), { server: "whois.nic.name", query: "astronomy.name" });
    expect(record.status).toBe("reserved");
    expect(record.domain?.name).toBe("astronomy.name");
  });

  it("the same disclaimer before 'No match for' stays not-found", () => {
    const record = parseWhoisText(lines(...disclaimer, "No match for \"NOBODY-HERE.NAME\".", "", ">>> Last update of whois database: 2026-01-02T03:04:05Z <<<", "", ...footer), { server: "whois.nic.name", query: "nobody-here.name" });
    expect(record.status).toBe("available");
  });

  it("a record whose footer says a name is not available for second level registration is still registered", () => {
    const record = parseWhoisText(lines(
      ...disclaimer,
      "   Domain Name ID: 1234_DOMAIN_NAME-VRSN",
      "   Domain Name: JANE.ASTRONOMY.NAME",
      "   Sponsoring Registrar: Example Registrar, Inc.",
      "   Domain Status: clientTransferProhibited",
      " ****",
      "",
      "Shared names such as astronomy.name are not available for second level registration.",
    ), { server: "whois.nic.name", query: "jane.astronomy.name" });
    expect(record.status).toBe("registered");
  });
});

describe("a lead sentence decides even beside strong fields (dates, name servers, a registrar)", () => {
  it.each([
    ["a reservation with the registry's own name servers", ["Domain reserved", "", "Domain Name: held-back.example", "Name Server: ns1.nic.example", "Name Server: ns2.nic.example"], "reserved"],
    ["a reservation with its creation date", ["This domain name is reserved by the registry.", "", "Domain Name: held-back.example", "Creation Date: 2014-03-01T00:00:00Z"], "reserved"],
    ["a reserved name with the registry as registrar (Afilias-style lead)", ["Name is reserved by the registry operator", "Domain Name: held-back.info", "Registrar: Example Registry Services"], "reserved"],
    ["not found, then the registry's registrar lines", ["Domain not found.", "", "Registrar: Example Registry Operator", "Registrar URL: https://nic.example"], "available"],
    ["Verisign's 'No match for' then its '>>> Last update' line and NOTICE", ["No match for \"NOBODY-HERE-1234.COM\".", ">>> Last update of whois database: 2026-12-07T02:00:00Z <<<", "", "NOTICE: The expiration date displayed in this record is the date the", "registrar's sponsorship of the domain name registration in the registry is", "currently set to expire."], "available"],
  ])("%s", (_label, rows, status) => {
    expect(parseWhoisText(lines(...rows), { query: "held-back.example" }).status).toBe(status);
  });

  it.each([
    // Only the lead counts: the same words in a notice, the terms of use or a footer beside the record decide nothing.
    ["a record under a NOTICE paragraph that says 'is reserved'", ["NOTICE: Access to this service is reserved for lawful purposes.", "", "Domain Name: kept.example", "Creation Date: 2001-02-03T04:05:06Z", "Name Server: ns1.kept-host.example"]],
    ["a record whose footer says 'cannot be registered'", ["Domain Name: kept.example", "Registrar: Example Registrar, Inc.", "Name Server: ns1.kept-host.example", "", "Names on the registry's list cannot be registered."]],
    ["a record after a comment header that says 'no entries found'", ["% Queries that match nothing say: no entries found", "", "domain: kept.example", "nserver: ns1.kept-host.example", "created: 2001-02-03"]],
    ["a record whose short lead names the server", ["Whois Server Version 2.0", "", "Domain Name: kept.example", "Registrar: Example Registrar, Inc.", "Creation Date: 2001-02-03T04:05:06Z"]],
  ])("%s stays registered", (_label, rows) => {
    expect(parseWhoisText(lines(...rows), { query: "kept.example" }).status).toBe("registered");
  });
});

describe("KazNIC (.kz) layout: the holder's block and status glosses", () => {
  const answer = (status: string): string => lines(
    "Whois Server for the KZ top level domain name.",
    "This server is maintained by KazNIC Organization, a ccTLD manager for Kazakhstan Republic.",
    "",
    "Domain Name............: ulgi-misal.kz",
    "",
    "Organization Using Domain Name",
    "Name...................: Ulgi Misal LLP",
    "Organization Name......: Ulgi Misal LLP",
    "Street Address.........: Abay avenue 10",
    "City...................: Almaty",
    "State..................: ALA",
    "Postal Code............: 050000",
    "Country................: KZ",
    "",
    "Administrative Contact/Agent",
    "NIC Handle.............: UM0001-KZ",
    "Name...................: Aigerim Misal",
    "Email Address..........: aigerim@ulgi-misal.kz",
    "",
    "Nameserver in listed order",
    "",
    "Primary server.........: ns1.ulgi-misal.kz",
    "",
    "Domain created: 2010-01-02 03:04:05 (GMT+0:00)",
    "Last modified : 2020-01-02 03:04:05 (GMT+0:00)",
    `Domain status : ${status}`,
  );

  it("'Organization Using Domain Name' heads the registrant; its State is the address's, not a domain status", () => {
    const record = parseWhoisText(answer("ok - Normal state."), { server: "whois.nic.kz", query: "ulgi-misal.kz" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ organization: "Ulgi Misal LLP", city: "Almaty", state: "ALA", postalCode: "050000" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "UM0001-KZ", name: "Aigerim Misal" });
    expect(record.statuses).toEqual(["ok"]);
  });

  it.each([
    ["clientTransferProhibited - status prohibits domain transfer without documents", ["clientTransferProhibited"]],
    ["clientTransferProhibited -", ["clientTransferProhibited"]],
    // Not one word and its explanation: kept whole.
    ["Registered - Pending Delete", ["Registered - Pending Delete"]],
  ])("status '%s'", (status, statuses) => {
    expect(parseWhoisText(answer(status), { server: "whois.nic.kz", query: "ulgi-misal.kz" }).statuses).toEqual(statuses);
  });
});
