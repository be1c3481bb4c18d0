// Issue #13 ("Parser generality"), w19: answers users pasted in public issue threads and registries' own descriptions of
// their port-43 output, each cited beside it. Short excerpts in the registry's layout; names, handles, addresses and
// dates are invented (sample/example names), the labels, phrases and layout are the registry's.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

describe("RIPN's domain object names its holder with unprefixed contact labels (.ru, .su, .рф)", () => {
  // TCI's answer as pasted in https://github.com/richardpenman/whois/pull/215 (and https://github.com/flipbit/whois/pull/53);
  // the labels are described in https://tcinet.ru/documents/whois_ru_rf.pdf (org / person: the domain's administrator).
  it("org: is the holder organisation, registrant and administrative contact at once", () => {
    const record = parseWhoisText(
      lines(
        "% TCI Whois Service. Terms of use:",
        "% https://tcinet.ru/documents/whois_ru_rf.pdf (in Russian)",
        "",
        "domain:        SAMPLE-SHOP.RU",
        "nserver:       ns1.sample-host.net.",
        "nserver:       ns2.sample-host.net.",
        "state:         REGISTERED, DELEGATED, VERIFIED",
        "org:           Sample Shop LLC",
        "taxpayer-id:   7700000000",
        "registrar:     SAMPLE-RU",
        "admin-contact: https://partner.sample-registrar.ru/contact_admin.khtml",
        "created:       2009-05-14T13:58:12Z",
        "paid-till:     2027-05-31T21:00:00Z",
        "free-date:     2027-07-02",
        "source:        TCI",
        "",
        "Last updated on 2026-04-26T10:56:30Z",
      ),
      { query: "sample-shop.ru", server: "whois.tcinet.ru" },
    );
    expect(record.status).toBe("registered");
    expect(byRole(record, "registrant")[0]?.organization).toBe("Sample Shop LLC");
    expect(byRole(record, "administrative")[0]?.organization).toBe("Sample Shop LLC");
    expect(record.registrar?.name).toBe("SAMPLE-RU");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
  });

  it("person:, phone: and e-mail: are a private holder's", () => {
    const record = parseWhoisText(
      lines(
        "domain:     XN--E1AFMKFD.XN--P1AI",
        "nserver:    ns1.sample-host.ru.",
        "state:      REGISTERED, DELEGATED, VERIFIED",
        "person:     Private Person",
        "phone:      +7 800 0000000",
        "e-mail:     holder@example.ru",
        "registrar:  SAMPLE-REG-RF",
        "created:    2010.11.12",
        "paid-till:  2027.11.12",
        "source:     TCI",
      ),
      { server: "whois.tcinet.ru" },
    );
    const [holder] = byRole(record, "registrant");
    expect(holder).toMatchObject({ name: "Private Person", phone: "+7 800 0000000", email: "holder@example.ru" });
    expect(holder?.roles).toEqual(["registrant", "administrative"]);
  });

  it("an RPSL object's own org: handle, a reverse-DNS object and a contact object's lines are no domain holder", () => {
    const reverse = parseWhoisText(lines("domain:         2.0.192.in-addr.arpa", "descr:          Sample reverse zone", "org:            Sample Org", "nserver:        ns1.example.net", "source:         RIPE"));
    expect(byRole(reverse, "registrant").some((c) => c.organization === "Sample Org")).toBe(false);
    const handle = parseWhoisText(lines("domain:   sample.example", "org:      ORG-SAMPLE1-RIPE", "nserver:  ns1.example.net", "created:  2001-01-01"));
    expect(byRole(handle, "registrant").some((c) => c.organization === "ORG-SAMPLE1-RIPE")).toBe(false);
    // A contact object in a block of its own (after a blank line) stays that object's.
    const other = parseWhoisText(lines("domain:   sample.example", "nserver:  ns1.example.net", "created:  2001-01-01", "", "person:   Somebody Else", "phone:    +1 555 0100"));
    expect(byRole(other, "registrant").some((c) => c.name === "Somebody Else")).toBe(false);
  });
});

describe("an empty role field above the next field at its own depth is no heading (NIC Chile)", () => {
  // NIC Chile's English answer, pasted in https://github.com/rfc1036/whois/pull/69: "Registrant organisation: " is left
  // empty for a person, and the domain's dates follow it.
  const chile = lines(
    "%%",
    "%% This is the NIC Chile Whois server (whois.nic.cl).",
    "%%",
    "",
    "Domain name: ñandú-ejemplo.cl",
    "Registrant name: UNIVERSIDAD DE EJEMPLO",
    "Registrant organisation: ",
    "Registrar name: NIC Chile",
    "Registrar URL: https://www.nic.cl",
    "Creation date: 2005-08-15 22:40:23 CLST",
    "Expiration date: 2037-01-31 21:00:00 CLST",
    "Name server: ns.ñandú-ejemplo.cl (192.0.2.5)",
    "Name server: secundario.nic.cl",
  );

  it("the creation date is the domain's, not the registrant's", () => {
    const record = parseWhoisText(chile, { server: "whois.nic.cl" });
    expect(record.dates?.created).toBe("2005-08-16T01:40:23Z");
    expect(record.dates?.expires).toBe("2037-02-01T00:00:00Z");
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "UNIVERSIDAD DE EJEMPLO" });
    expect(byRole(record, "registrant")[0]?.created).toBeUndefined();
    expect(record.registrar).toMatchObject({ name: "NIC Chile", url: "https://www.nic.cl" });
  });

  it("a name server written in Unicode is kept as its A-label, with its glue", () => {
    const record = parseWhoisText(chile, { server: "whois.nic.cl" });
    expect(record.domain?.name).toBe("xn--and-ejemplo-0db4j.cl");
    expect(record.nameservers).toEqual([{ name: "ns.xn--and-ejemplo-0db4j.cl", ipv4: ["192.0.2.5"] }, { name: "secundario.nic.cl" }]);
  });

  it("the same label above a deeper block still heads it (Nominet's \"Registrant's address:\")", () => {
    const record = parseWhoisText(lines("    Domain name:", "        sample.co.uk", "", "    Registrant:", "        Sample Ltd", "", "    Registrant's address:", "        1 Sample Street", "        Sampletown", "        SA1 1AA", "        United Kingdom", "", "    Registrar:", "        Sample Registrar Ltd [Tag = SAMPLE]"));
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample Ltd", postalCode: "SA1 1AA", country: "United Kingdom" });
  });
});

describe("registro.br's Portuguese answer", () => {
  // As its web whois printed it, pasted in https://github.com/funcoeszz/funcoeszz/issues/141.
  it("reads domínio, the c-titular/c-admin/c-técnico/c-cobrança handles and the Contato (ID) object", () => {
    const record = parseWhoisText(
      lines(
        "domínio:       exemplo-igor.com.br",
        "titular:       Igor Exemplo",
        "documento:     000.000.000-00",
        "país:          BR",
        "c-titular:     IGEXE15",
        "c-admin:       IGEXE15",
        "c-técnico:     TECEX2",
        "c-cobrança:    IGEXE15",
        "servidor DNS:  ns1.sample-host.net",
        "status DNS:    06/06/2014 AA",
        "último AA:     06/06/2014",
        "servidor DNS:  ns2.sample-host.net",
        "criado:        20/02/2011 #7882209",
        "expiração:     20/02/2030",
        "status:        publicado",
        "",
        "Contato (ID):  IGEXE15",
        "nome:          Igor Exemplo",
        "e-mail:        igor@example.com.br",
        "criado:        14/06/2010",
        "",
        "Contato (ID):  TECEX2",
        "nome:          Técnico Exemplo",
        "e-mail:        tec@example.com.br",
      ),
      { server: "whois.registro.br" },
    );
    expect(record.domain?.name).toBe("exemplo-igor.com.br");
    expect(record.dates).toMatchObject({ created: "2011-02-20T00:00:00Z", expires: "2030-02-20T00:00:00Z" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "IGEXE15", email: "igor@example.com.br" });
    expect(byRole(record, "billing")[0]?.handle).toBe("IGEXE15");
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "TECEX2", name: "Técnico Exemplo", email: "tec@example.com.br" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
  });
});

describe("reserved in the registry's own words", () => {
  // CNNIC's answer for a withheld name, pasted in https://github.com/DannyCork/python-whois/issues/261.
  it("CNNIC \"can not be registered online\" → reserved", () => {
    const text = "the Domain Name you apply can not be registered online. Please consult your Domain Name registrar\n";
    expect(parseWhoisText(text, { query: "com.cn", server: "whois.cnnic.cn" }).status).toBe("reserved");
  });
});

describe("Trabis (.tr): the registrar's section and a holder block that ends in its country", () => {
  // Trabis's layout ("** Domain Name:", "** Registrar:" over "Organization Name : …"), as quoted in
  // https://github.com/FurqanSoftware/node-whois/pull/146 and https://github.com/lissy93/domain-locker/pull/99.
  const trabis = lines(
    "** Domain Name: sample.com.tr",
    "Domain Status: Active",
    "Frozen Status: -",
    "Transfer Status: The domain is LOCKED to transfer.",
    "",
    "** Registrant:",
    "   Sample Holder Inc.",
    "   1 Sample Parkway",
    "   Sampleville CA",
    "   United States of America",
    "   holder@example.com",
    "   + 1-650-0000000-",
    "",
    "** Registrar:",
    "NIC Handle\t\t: sample-nic",
    "Organization Name\t: SAMPLE BILGI TEKNOLOJILERI A.S.",
    "Address\t\t\t: Sample Cad. No:1",
    "\t\t\t  Ankara,06520",
    "Phone\t\t\t: + 90-312-0000000-",
    "",
    "** Domain Servers:",
    "ns1.sample-host.net",
    "ns2.sample-host.net",
    "",
    "** Additional Info:",
    "Created on..............: 2001-Aug-23.",
    "Expires on..............: 2027-Aug-22.",
  );

  it("Organization Name and NIC Handle under \"** Registrar:\" are the registrar's", () => {
    const record = parseWhoisText(trabis, { server: "whois.trabis.gov.tr" });
    expect(record.registrar).toMatchObject({ name: "SAMPLE BILGI TEKNOLOJILERI A.S.", handle: "sample-nic" });
    expect(record.dates).toMatchObject({ created: "2001-08-23T00:00:00Z", expires: "2027-08-22T00:00:00Z" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
  });

  it("the holder's lines with no city line: name, street lines, then the country", () => {
    const [holder] = byRole(parseWhoisText(trabis, { server: "whois.trabis.gov.tr" }), "registrant");
    expect(holder).toMatchObject({ name: "Sample Holder Inc.", street: ["1 Sample Parkway", "Sampleville CA"], country: "United States of America", email: "holder@example.com" });
  });

  it("a block whose last line is no country keeps the old reading (name, then organisation)", () => {
    const [holder] = byRole(parseWhoisText(lines("Registrant:", "   Sample Person", "   Sample Org", "   Somewhere Else", "", "Domain Name: sample.example", "Name Server: ns1.example.net")), "registrant");
    expect(holder).toMatchObject({ name: "Sample Person", organization: "Sample Org" });
    expect(holder?.country).toBeUndefined();
  });
});

describe("a name withheld from registration, in the registry's words", () => {
  // Estonia's answer for a name blocked from registration (https://github.com/internetee/whois/issues/161).
  it("Estonia \"status: Blocked\" with nothing registered → reserved", () => {
    const text = lines("Estonia .ee Top Level Domain WHOIS server", "", "Domain:", "name:                  sample-blocked.ee", "status:                Blocked", "", "", "Estonia .ee Top Level Domain WHOIS server", "More information at http://internet.ee");
    const record = parseWhoisText(text, { server: "whois.tld.ee" });
    expect(record.status).toBe("reserved");
    expect(record.domain?.name).toBe("sample-blocked.ee");
  });

  // AFNIC's BLOCKED is a registered domain its holder keeps but may not operate (https://github.com/weppos/whois/issues/127).
  it("AFNIC \"status: BLOCKED\" beside its registrar and dates stays registered", () => {
    const text = lines("domain:      sample-blocked.fr", "status:      BLOCKED", "hold:        NO", "holder-c:    SAMP1-FRNIC", "registrar:   SAMPLE REGISTRAR", "Expiry Date: 01/01/2030", "created:     01/01/2005", "nserver:     ns1.sample-host.net");
    expect(parseWhoisText(text, { server: "whois.nic.fr" }).status).toBe("registered");
  });

  // Donuts' brand-block and platinum answers (https://github.com/likexian/whois-parser/pull/26).
  it("Donuts' DPML block → reserved; a platinum name offered for sale → available", () => {
    const dpml = "The registration of this domain is restricted, as it is currently protected by a DPML Block. Additional information can be found at http://www.donuts.domains/what-we-do/brand-protection.\n";
    expect(parseWhoisText(dpml, { query: "sample.chat" }).status).toBe("reserved");
    const platinum = "This platinum domain is available for purchase. If you would like to make an offer, please contact platinums@donuts.email.\n";
    expect(parseWhoisText(platinum, { query: "good.download" }).status).toBe("available");
  });
});

describe("the domain block's holder fields beside contacts named by handle", () => {
  // ISOC-IL's domain object: the holder in descr: lines, its phone, fax-no and e-mail, then admin-c/tech-c handles
  // (layout of whois.isoc.org.il, as the RIPE-style domain object prints it).
  it("the holder's e-mail is the registrant's; the admin-c contact keeps its own", () => {
    const record = parseWhoisText(
      lines(
        "domain:       sample.org.il",
        "descr:        Sample Association",
        "descr:        1 Sample st., POB 1",
        "descr:        Sampletown",
        "descr:        10000",
        "descr:        Israel",
        "phone:        +972 3 0000000",
        "fax-no:       +972 3 0000001",
        "e-mail:       holder AT sample.org.il",
        "admin-c:      SA-ADM1-IL",
        "tech-c:       SA-TEC1-IL",
        "nserver:      ns1.sample.org.il",
        "status:       Transfer Locked",
        "",
        "person:       Admin Person",
        "address:      Sample Association",
        "phone:        +972 3 0000002",
        "e-mail:       admin AT sample.org.il",
        "nic-hdl:      SA-ADM1-IL",
        "",
        "person:       Tech Person",
        "e-mail:       tech AT sample.org.il",
        "nic-hdl:      SA-TEC1-IL",
      ),
      { server: "whois.isoc.org.il" },
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ email: "holder AT sample.org.il", phone: "+972 3 0000000", fax: "+972 3 0000001" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "SA-ADM1-IL", name: "Admin Person", email: "admin AT sample.org.il" });
    expect(byRole(record, "administrative")).toHaveLength(1);
  });

  // The .by registry's answer (whois.cctld.by; its web whois: https://whois.cctld.by), in the layout of the .by answers of
  // the development corpus (shared/corpus, whois.cctld.by): "Person: HIDDEN!" for a private holder.
  it(".by \"Person: HIDDEN!\" is a withheld name, not a name", () => {
    const record = parseWhoisText(lines("Domain name: sample.by", "Registrar: Sample Technologies LLC", "Person: HIDDEN!", "Email: HIDDEN! Details are available at https://whois.cctld.by", "Name Server: ns1.sample-host.by", "Creation Date: 2013-07-04"), { server: "whois.cctld.by" });
    const [holder] = byRole(record, "registrant");
    expect(holder?.name).toBeUndefined();
    expect(holder?.redacted).toContain("name");
  });
});

describe("more registries' layouts from public threads", () => {
  // NIC México (whois.mx) through Akky, pasted in https://github.com/likexian/whois-parser/issues/97: indented contact
  // sections, "Name Servers:" over "DNS:" lines, the registrar's whois server as "Whois TCP URI".
  it(".mx: registrar with its whois server, contacts by section, and a State that is no status", () => {
    const record = parseWhoisText(
      lines(
        "",
        "Domain Name:       sample-teletec.com.mx",
        "",
        "Created On:        1998-03-17",
        "Expiration Date:   2030-03-16",
        "Last Updated On:   2018-06-06",
        "Registrar:         SAMPLE ONLINE SOLUTIONS, S.A. DE C.V.",
        "URL:               http://www.sample-registrar.mx",
        "Whois TCP URI:     whois.sample-registrar.mx",
        "Whois Web URL:     http://www.sample-registrar.mx/herramientas/whois.jsf",
        "",
        "Registrant:",
        "   Name:           SAMPLE DE MEXICO S.A. DE C.V.",
        "   City:           NAUCALPAN",
        "   State:          Mexico",
        "   Country:        Mexico",
        "",
        "Administrative Contact:",
        "   Name:           Admin Ejemplo",
        "   City:           Naucalpan",
        "   State:          Mexico",
        "   Country:        Mexico",
        "",
        "Name Servers:",
        "   DNS:            ns1.sample-host.net",
        "   DNS:            ns2.sample-host.net",
        "",
        "DNSSEC DS Records:",
      ),
      { server: "whois.mx" },
    );
    expect(record.registrar).toEqual({ name: "SAMPLE ONLINE SOLUTIONS, S.A. DE C.V.", url: "http://www.sample-registrar.mx", whoisServer: "whois.sample-registrar.mx" });
    expect(record.statuses).toBeUndefined();
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "SAMPLE DE MEXICO S.A. DE C.V.", city: "NAUCALPAN", state: "Mexico" });
    expect(byRole(record, "administrative")[0]?.name).toBe("Admin Ejemplo");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
    expect(record.dates).toMatchObject({ created: "1998-03-17T00:00:00Z", expires: "2030-03-16T00:00:00Z", updated: "2018-06-06T00:00:00Z" });
  });

  // CZ.NIC's FRED, pasted in https://github.com/mboot-github/WhoisDomain/issues/21: the contact object's address: lines
  // (street, city, postcode, state, country code, one per line).
  it(".cz: the registrant's contact object, its address lines read by shape", () => {
    const record = parseWhoisText(
      lines("domain:       sample.cz", "registrant:   SAMPLE1", "admin-c:      SAMPLE1", "nsset:        NSS1", "registrar:    REG-SAMPLE", "registered:   21.07.2000 15:21:00", "expire:       22.07.2030", "", "contact:      SAMPLE1", "org:          Sample LLC", "name:         Domain Administrator", "address:      1 Sample Parkway", "address:      Sampleview", "address:      94043", "address:      CA", "address:      US", "registrar:    REG-SAMPLE", "created:      02.03.2018 18:52:05", "", "nsset:        NSS1", "nserver:      ns1.sample-host.net "),
      { server: "whois.nic.cz" },
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "SAMPLE1", name: "Domain Administrator", organization: "Sample LLC", street: ["1 Sample Parkway"], city: "Sampleview", postalCode: "94043", countryCode: "US" });
    expect(record.dates).toMatchObject({ created: "2000-07-21T15:21:00Z", expires: "2030-07-22T00:00:00Z" });
  });

  // whois.nic.ai glues the role to the field ("RegistrantName", "Registry AdminID"), pasted in
  // https://github.com/likexian/whois-parser/issues/73.
  it(".ai: role and field glued together are still the role's field", () => {
    const record = parseWhoisText(lines("Domain Name: sample.ai", "Registrar: Sample Registrar", "Registry RegistrantID: 7Ci4q-SAMPLE", "RegistrantName: Domain Administrator", "RegistrantOrganization: Sample LLC", "RegistrantState/Province: CA", "RegistrantPostal Code: 94043", "RegistrantCountry: US", "Registry AdminID: 8zFmG-SAMPLE", "AdminEmail: admin@example.com", "Name Server: ns1.sample-host.net"));
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "7Ci4q-SAMPLE", name: "Domain Administrator", organization: "Sample LLC", state: "CA", postalCode: "94043", countryCode: "US" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "8zFmG-SAMPLE", email: "admin@example.com" });
  });
});

describe(".it names kept out of assignment", () => {
  // The .it Registry's regulation keeps geographic names "not assignable" (https://github.com/publicsuffix/list/pull/518);
  // its WHOIS prints them "Status: UNASSIGNABLE" (the word as weppos/whois's whois.nic.it parser reads it).
  it("\"Status: UNASSIGNABLE\" → reserved, with the name asked", () => {
    const record = parseWhoisText(lines("Domain:             sample-provincia.it", "Status:             UNASSIGNABLE"), { query: "sample-provincia.it", server: "whois.nic.it" });
    expect(record.status).toBe("reserved");
    expect(record.domain?.name).toBe("sample-provincia.it");
  });
});
