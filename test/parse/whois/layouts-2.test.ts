// Regression tests for the layout and value fixes of issue 3's second pass. Every fixture is a small
// hand-written answer in the shape of a registry's layout (names and numbers invented).
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseDate } from "../../../src/parse/dates.js";
import { isPrivacyService, isRedactedValue } from "../../../src/parse/privacy.js";
import { phraseScanner } from "../../../src/parse/whois/phrases.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";


describe("contact labels and objects", () => {
  it("drops the possessive from labels (\"Owner's handle\")", () => {
    const record = parseWhoisText(lines("Domain: example.sn", "Owner's handle: C4-XX", "Technical Contact's handle: C6-XX", "Nameserver: ns1.example.net"));
    expect(byRole(record, "registrant")[0]?.handle).toBe("C4-XX");
    expect(byRole(record, "technical")[0]?.handle).toBe("C6-XX");
  });

  it("reads abbreviated role prefixes (adm-, tec-, org-) but not a bare org handle", () => {
    const record = parseWhoisText(
      lines(
        "domainname:     example.lu",
        "org-name:       Example SA",
        "org-city:       Luxembourg",
        "adm-name:       Jane Admin",
        "adm-email:      jane@example.test",
        "tec-name:       Tom Tech",
        "nserver:        ns1.example.net",
      ),
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Example SA", city: "Luxembourg" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "Jane Admin", email: "jane@example.test" });
    expect(byRole(record, "technical")[0]?.name).toBe("Tom Tech");
    const rpsl = parseWhoisText(lines("domain: example.tz", "registrant: AB1-XX", "nserver: ns1.example.net", "", "contact: AB1-XX", "org: Some Org", "name: Ann Body"));
    expect(byRole(rpsl, "registrant")[0]).toMatchObject({ handle: "AB1-XX", name: "Ann Body" });
  });

  it("resolves .br/.ua-style handle blocks, several contacts per role, and repeated organization lines", () => {
    const record = parseWhoisText(
      lines(
        "domain:     example.ua",
        "admin-c:    AA1-XX",
        "tech-c:     AA1-XX",
        "tech-c:     BB2-XX",
        "nserver:    ns1.example.net",
        "",
        "nic-handle:     AA1-XX",
        "organization:   First Org",
        "address:        Main St, 1",
        "address:        01001 KYIV",
        "address:        UA",
        "e-mail:         a@example.test",
        "",
        "nic-hdl-br:     BB2-XX",
        "organization:   Second Org LLC",
        "organization:   Second Org in another script",
        "tech-c:         ZZ9-XX",
      ),
    );
    const tech = byRole(record, "technical");
    expect(tech.map((c) => c.handle)).toEqual(["AA1-XX", "BB2-XX"]);
    expect(tech[0]).toMatchObject({ organization: "First Org", street: ["Main St, 1"], postalCode: "01001", city: "KYIV", countryCode: "UA" });
    expect(tech[1]?.organization).toBe("Second Org LLC\nSecond Org in another script");
    // A handle named inside a contact object is that object's, not the domain's.
    expect(tech.some((c) => c.handle === "ZZ9-XX")).toBe(false);
  });

  it("reads FRED contact objects whose first value is the handle", () => {
    const record = parseWhoisText(lines("domain: example.tz", "admin-c: CM7-XX", "nserver: ns1.example.net", "", "contact: CM7-XX", "name: Carla Mint", "e-mail: c@example.test"));
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "CM7-XX", name: "Carla Mint" });
  });

  it("takes a person object's first address line naming no street as its organization", () => {
    const record = parseWhoisText(
      lines("domain: example.re", "admin-c: NF1-XX", "nserver: ns1.example.net", "", "nic-hdl: NF1-XX", "type: ROLE", "contact: Registry Contact", "address: Example Registry", "address: immeuble Exemple", "address: 2, rue Exemple", "address: 78000 Versailles", "country: FR"),
    );
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "Registry Contact", organization: "Example Registry", street: ["immeuble Exemple", "2, rue Exemple", "78000 Versailles"] });
  });

  it("reads IANA-style holder and \"contact: administrative\" blocks, with the country as the last address line", () => {
    const record = parseWhoisText(
      lines(
        "domain:       EXAMPLE.INT",
        "",
        "organisation: Example Treaty Organization",
        "address:      Rue Exemple 1",
        "address:      1000 Brussels",
        "address:      Brussels",
        "address:      Belgium",
        "",
        "contact:      administrative",
        "name:         Ada Admin",
        "phone:        +32 2 000 0000",
        "e-mail:       ada@example.test",
        "",
        "nserver:      NS1.EXAMPLE.INT 192.0.2.1",
        "created:      1997-08-26",
      ),
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ organization: "Example Treaty Organization", street: ["Rue Exemple 1"], postalCode: "1000", city: "Brussels", country: "Belgium" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "Ada Admin", phone: "+32 2 000 0000", email: "ada@example.test" });
  });

  it("an IANA entry with \"Not assigned\" is available and has no contacts", () => {
    const record = parseWhoisText(lines("domain:       XX", "", "organisation: Not assigned", "", "contact:      administrative", "organisation: Not assigned", "", "changed:      1999-09-27", "source:       IANA"));
    expect(record.status).toBe("available");
    expect(record.contacts).toBeUndefined();
  });

  it("reads a RIPE-style domain object's descr lines as its holder", () => {
    const record = parseWhoisText(lines("domain:    example.hr", "descr:     Example d.o.o.", "descr:     Ulica Primjera 2", "descr:     10 000 Zagreb", "expires:   20300921"));
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Example d.o.o.", street: ["Ulica Primjera 2"], postalCode: "10 000", city: "Zagreb" });
    const reverse = parseWhoisText(lines("domain:   2.0.192.in-addr.arpa", "descr:    Reverse delegation for an example network", "nserver:  ns1.example.net"));
    expect(reverse.contacts).toBeUndefined();
  });

  it("opens \"Holder of domain name:\" as the registrant's block", () => {
    const record = parseWhoisText(lines("Domain name:", "example.ch", "", "Holder of domain name:", "Example AG", "Beispielstrasse 1", "", "Name servers:", "ns1.example.net"));
    expect(byRole(record, "registrant")[0]?.name).toBe("Example AG");
  });

  it("reads two bare numbers in a free-form contact as phone, then fax", () => {
    const record = parseWhoisText(lines("** Registrant:", "   Example Inc.", "   1 Main Street", "   hostmaster@example.test", "   + 1-650-5550000-", "   + 1-650-5550001-", "", "** Domain Servers:", "ns1.example.net"));
    expect(byRole(record, "registrant")[0]).toMatchObject({ phone: "+ 1-650-5550000-", fax: "+ 1-650-5550001-" });
  });
});

describe("layout", () => {
  it("keeps a deeper line whose colon is glued to its value as a continuation (\"No:114\")", () => {
    const record = parseWhoisText(lines("** Technical Contact:", "NIC Handle\t\t: ab1-xx", "Address\t\t\t: Example Is Merkezi", "\t\t\t  No:114 G-4 Balgat", "\t\t\t  Ankara,06520", "Phone\t\t\t: + 90-312-0000000-"));
    const tech = byRole(record, "technical")[0];
    expect(tech?.street).toEqual(["Example Is Merkezi", "No:114 G-4 Balgat", "Ankara,06520"]);
    expect(tech?.name).toBeUndefined();
  });

  it("a sentence ending in a full stop never opens a heading", () => {
    const entries = tokenize(lines("Go to http://www.example.test", "for detailed information.", "", "   Domain Name: EXAMPLE.COM"));
    expect(entries.find((e) => e.key === "domain name")?.section).toBe("");
  });

  it("prefers a registrar's full record quoted after the registry's thin one", () => {
    const record = parseWhoisText(
      lines(
        "   Domain Name: EXAMPLE.COM",
        "   Registrar: EXAMPLE REGISTRAR LTD",
        "   Name Server: NS1.THIN.EXAMPLE",
        "   Updated Date: 02-oct-2014",
        "",
        "Domain Name: EXAMPLE.COM",
        "Updated Date: 2014-10-02T15:33:46Z",
        "Registrar: Example Registrar Ltd",
        "Registrant Address Line 1: 1 Example St",
        "Name Server: ns1.full.example.net",
      ),
    );
    expect(record.registrar?.name).toBe("Example Registrar Ltd");
    expect(record.dates?.updated).toBe("2014-10-02T15:33:46Z");
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.full.example.net"]);
    expect(byRole(record, "registrant")[0]?.street).toEqual(["1 Example St"]);
  });

  it("reads \"label on date\" lines that open with a weekday, and listed-order name server headings", () => {
    const record = parseWhoisText(
      lines("Domain EXAMPLE.KG", "Record created: Tue Feb 10 09:42:42 2004", "Record last updated on Mon Apr 19 21:47:14 2010", "Record expires on Sun Mar 30 23:59:00 2014", "Name servers in the listed order:", "", "NS1.EXAMPLE.NET", "NS2.EXAMPLE.NET"),
    );
    expect(record.dates).toEqual({ created: "2004-02-10T09:42:42Z", updated: "2010-04-19T21:47:14Z", expires: "2014-03-30T23:59:00Z" });
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
  });

  it("reads .nz-style underscore labels", () => {
    const record = parseWhoisText(lines("domain_name: example.co.nz", "domain_dateregistered: 1999-02-17T00:00:00+13:00", "domain_datebilleduntil: 2030-02-17T00:00:00+13:00", "domain_signed: no", "ns_name_01: ns1.example.net"));
    expect(record.dates).toMatchObject({ created: "1999-02-16T11:00:00Z", expires: "2030-02-16T11:00:00Z" });
    expect(record.dnssec).toBe("unsigned");
    expect(record.nameservers?.[0]?.name).toBe("ns1.example.net");
  });
});

describe("values", () => {
  it("splits several name servers written on one line", () => {
    const record = parseWhoisText(lines("Domain Name: EXAMPLE.SG", "Name Servers:", "    NS1.EXAMPLE.NET          NS2.EXAMPLE.NET          NS3.EXAMPLE.NET"));
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.net", "ns2.example.net", "ns3.example.net"]);
  });

  it("rejects host handles without a delegated TLD but keeps test names", () => {
    const record = parseWhoisText(lines("a [Domain Name]  example.my", "k [Primary Name Server]   NS1EXMP0.SER", "  ns1.example.net   192.0.2.10"));
    expect(record.nameservers).toEqual([{ name: "ns1.example.net", ipv4: ["192.0.2.10"] }]);
    expect(parseWhoisText("Domain Name: example.test\nName Server: ns1.roe.test").nameservers?.[0]?.name).toBe("ns1.roe.test");
  });

  it("does not take an nsset handle for a name server", () => {
    const record = parseWhoisText(lines("domain: example.tz", "nsset: NS-EXAMPLE.CO.TZ", "", "nsset: NS-EXAMPLE.CO.TZ", "nserver: ns1.example.net"));
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.net"]);
  });

  it("reads the expiry in an \"OK-UNTIL\" status", () => {
    const record = parseWhoisText(lines("domain: example.ua", "status: OK-UNTIL 20140903121852", "nserver: ns1.example.net"));
    expect(record.dates?.expires).toBe("2014-09-03T12:18:52Z");
    expect(record.statuses).toEqual(["OK-UNTIL 20140903121852"]);
  });

  it("keeps a registrar given as a registry handle as both handle and name", () => {
    const record = parseWhoisText(lines("domain: example.ru", "registrar: EXAMPLE-REG-RIPN", "nserver: ns1.example.net"));
    expect(record.registrar).toMatchObject({ handle: "EXAMPLE-REG-RIPN", name: "EXAMPLE-REG-RIPN" });
    expect(parseWhoisText("Domain Name: example.com\nRegistrar: Example, Inc.").registrar?.handle).toBeUndefined();
  });

  it("reads .pt bilingual labels with their format note", () => {
    const record = parseWhoisText(lines("Nome de domínio / Domain Name: example.pt", "Data de registo / Creation Date (dd/mm/yyyy): 09/01/2003", "Data de expiração / Expiration Date (dd/mm/yyyy): 28/02/2030"));
    expect(record.dates).toMatchObject({ created: "2003-01-09T00:00:00Z", expires: "2030-02-28T00:00:00Z" });
  });
});

describe("more layouts and phrases", () => {
  it("attaches \"Name Server IP\" and .kr \"IP Address\" lines to the name server before them", () => {
    const qa = parseWhoisText(lines("Domain Name: example.qa", "Name Server:      ns1.example.net", "Name Server IP:   192.0.2.1", "Name Server:      ns2.example.net", "Name Server IP:   192.0.2.2"));
    expect(qa.nameservers).toEqual([{ name: "ns1.example.net", ipv4: ["192.0.2.1"] }, { name: "ns2.example.net", ipv4: ["192.0.2.2"] }]);
    const kr = parseWhoisText(lines("Domain Name : example.kr", "", "Primary Name Server", "   Host Name                : ns1.example.kr", "   IP Address               : 192.0.2.3"));
    expect(kr.nameservers).toEqual([{ name: "ns1.example.kr", ipv4: ["192.0.2.3"] }]);
    // An address with no name server before it is not glue.
    expect(parseWhoisText("Domain Name: example.qa\nIP Address: 192.0.2.9").nameservers).toBeUndefined();
  });

  it("reads JWhoisServer's \"Label#. . . . value\" lines", () => {
    const record = parseWhoisText(lines("Nom de domaine#. . . . . . . . . . . . . . .example.dz", "Registrar#. . . . . . . . . . . . . . . . . . example registrar", "Date de creation#. . . . . . . . . . . . . .10/01/2007"));
    expect(record.domain?.name).toBe("example.dz");
    expect(record.dates?.created).toBe("2007-01-10T00:00:00Z");
    expect(record.status).toBe("registered");
  });

  it("recognizes more not-found and reserved wording", () => {
    expect(parseWhoisText("% Unfortunately, No Results Were Found\n").status).toBe("available");
    expect(parseWhoisText("EXAMPLE.CO.CA is available.\nThis information is collected for information purposes only.\n").status).toBe("available");
    expect(parseWhoisText("Reserved by Example Registry\n").status).toBe("reserved");
  });

  it("reads \"Country/Economy\", \"Update Date\", \"Domain creation date\" and ordinal day dates", () => {
    const record = parseWhoisText(lines("Domain Name: example.asia", "Update Date: 2013-06-02T12:16:24Z", "Domain creation date: 28/04/2003", "Expires:     28th April 2030", "Registrant Country/Economy:HK"));
    expect(record.dates).toEqual({ updated: "2013-06-02T12:16:24Z", created: "2003-04-28T00:00:00Z", expires: "2030-04-28T00:00:00Z" });
    expect(byRole(record, "registrant")[0]?.countryCode).toBe("HK");
  });

  it("lets the thin record quoted first fill only what the full record lacks", () => {
    const record = parseWhoisText(lines("   Domain Name: EXAMPLE.UZ", "   Name Server: ns1.thin.example.net", "   Status: ACTIVE", "   Updated Date: 26-mar-2010", "Domain Name: EXAMPLE.UZ", "Creation Date: 13-Apr-2006", "Domain servers in listed order:", "    ns1.full.example.net"));
    expect(record.dates).toEqual({ created: "2006-04-13T00:00:00Z", updated: "2010-03-26T00:00:00Z" });
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.full.example.net"]);
    expect(record.statuses).toEqual(["ACTIVE"]);
  });

  it("keeps nothing of IANA's TLD record quoted before the registry's answer", () => {
    const record = parseWhoisText(
      lines("domain:       EXAMPLE", "", "organisation: Example Registry Operator", "", "nserver:      A.NIC.EXAMPLE 192.0.2.1", "created:      2015-06-25", "", "# whois.nic.example", "Domain Name: nic.example", "Creation Date: 2015-04-27T22:04:24Z", "Name Server: ns1.example.net"),
      { query: "nic.example" },
    );
    expect(record.domain?.name).toBe("nic.example");
    expect(record.dates).toEqual({ created: "2015-04-27T22:04:24Z" });
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.net"]);
    expect(record.contacts).toBeUndefined();
  });

  it("keeps a privacy service's name as the contact's name, flagged as a proxy", () => {
    const record = parseWhoisText(lines("Domain Name: EXAMPLE.COM", "Registrant Name:Identity Protection Service", "Registrant Organization:Identity Protect Limited"));
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Identity Protection Service", privacyProxy: true });
  });
});

describe("server profiles", () => {
  it("reads the old .fi layout by position", () => {
    const text = lines("domain:   example.fi", "descr:    Example Oy", "descr:    01234567", "address:  Domain Administrator", "address:  Esimerkkikatu 12 B", "address:  00100", "address:  HELSINKI", "phone:    358900000000", "status:   Granted", "created:  30.6.2006");
    const record = parseWhoisText(text, { server: "whois.fi" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ organization: "Example Oy", handle: "01234567", name: "Domain Administrator", street: ["Esimerkkikatu 12 B"], postalCode: "00100", city: "HELSINKI", phone: "358900000000" });
    // Without the profile the lines are not read by position.
    expect(byRole(parseWhoisText(text, { server: "whois.example" }), "registrant")[0]?.handle).toBeUndefined();
  });

  it("reads Freenom's month-first dates", () => {
    const text = lines("   Domain name:", "      EXAMPLE.TK", "   Domain registered: 12/18/2001", "   Record will expire on: 03/02/2030");
    expect(parseWhoisText(text, { server: "whois.dot.tk" }).dates).toEqual({ created: "2001-12-18T00:00:00Z", expires: "2030-03-02T00:00:00Z" });
    expect(parseWhoisText(text, { server: "whois.example" }).dates).toEqual({ expires: "2030-02-03T00:00:00Z" });
  });
});

describe("parseDate fast paths agree with the format table", () => {
  it.each([
    ["2001-02-03", "2001-02-03T00:00:00Z"],
    ["2001-02-03 04:05:06", "2001-02-03T04:05:06Z"],
    ["2001-02-03T04:05:06.789Z", "2001-02-03T04:05:06Z"],
    ["2001-02-03 04:05:06.0", "2001-02-03T04:05:06Z"],
    ["2001-02-03T04:05:06+02:00", "2001-02-03T02:05:06Z"],
    ["2001-02-03T04:05:06-0500", "2001-02-03T09:05:06Z"],
    ["2001-02-03 04:05:06 +08:00", "2001-02-02T20:05:06Z"],
    ["2001-02-03T04:05:06+00:00", "2001-02-03T04:05:06Z"],
    ["2014-12-29T19:01:25Z <<<", "2014-12-29T19:01:25Z"],
    ["30/05/2005", "2005-05-30T00:00:00Z"],
    ["30.05.2005", "2005-05-30T00:00:00Z"],
    ["2000-02-29", "2000-02-29T00:00:00Z"],
    ["2999-12-31T21:59:59Z", "2999-12-31T21:59:59Z"],
    ["14-Aug-1995", "1995-08-14T00:00:00Z"],
    ["1-jan-2001 04:05:06", "2001-01-01T04:05:06Z"],
    ["20010203", "2001-02-03T00:00:00Z"],
    ["20010203 04:05:06", "2001-02-03T04:05:06Z"],
    ["30.05.2005 10:20:30", "2005-05-30T10:20:30Z"],
    ["26 Jun 2008 21:39:39 EDT <<<", "2008-06-27T01:39:39Z"],
  ])("%s -> %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(["2001-02-30", "2001-02-30T04:05:06Z", "9999-12-31T23:00:00-05:00", "1900-02-28", "2001-02-29", "31-Feb-2001", "20010230", "2001-13-03", "2001-02-03T25:00:00Z", "31/02/2005"])("rejects %s", (input) => {
    expect(parseDate(input)).toBeUndefined();
  });

  it("reads numeric dates month first when asked", () => {
    expect(parseDate("03/02/2012", true)).toBe("2012-03-02T00:00:00Z");
    expect(parseDate("03/02/2012")).toBe("2012-02-03T00:00:00Z");
    expect(parseDate("12/18/2001", true)).toBe("2001-12-18T00:00:00Z");
  });
});

describe("phrase and marker tables", () => {
  it("match as plain substrings, special characters included", () => {
    expect(phraseScanner([["too many requests..."]])("\n%% too many requests...\n")).toBe(1);
    expect(phraseScanner([["too many requests..."]])("too many requestsXYZ")).toBe(0);
    expect(phraseScanner([["(b) [c]"]])("a (b) [c] d")).toBe(1);
    expect(phraseScanner([[]])("anything")).toBe(0);
  });

  it("redaction and privacy markers ignore case", () => {
    expect(isRedactedValue("REDACTED FOR PRIVACY")).toBe(true);
    expect(isRedactedValue("Jane Roe")).toBe(false);
    expect(isPrivacyService("Domains By Proxy, LLC")).toBe(true);
    expect(isPrivacyService("Example Inc.")).toBe(false);
  });
});

describe("per-server profiles", () => {
  const edu = lines(
    "Domain Name: EXAMPLE-UNIVERSITY.EDU", "", "Registrant:", "   Example University", "   Campus Network Services", "   100 College Avenue",
    "   Springfield, IL 62701", "   UNITED STATES", "", "Administrative Contact:", "   Pat Q Admin", "   Network Manager", "   Example University",
    "   100 College Avenue", "   Springfield, IL 62701", "   UNITED STATES", "   (217) 555-0100", "   admin@example-university.edu", "",
  );

  it("EDUCAUSE: the Registrant block is the institution, then its address; other roles are one name of several lines (person, title, institution), then the street", () => {
    const record = parseWhoisText(edu, { server: "whois.educause.edu" });
    const [registrant] = byRole(record, "registrant");
    expect(registrant?.name).toBeUndefined();
    expect(registrant?.organization).toBe("Example University");
    expect(registrant?.street).toEqual(["Campus Network Services", "100 College Avenue"]);
    expect(registrant?.city).toBe("Springfield");
    const [admin] = byRole(record, "administrative");
    expect(admin?.name).toBe("Pat Q Admin\nNetwork Manager\nExample University");
    expect(admin?.organization).toBeUndefined();
    expect(admin?.street).toEqual(["100 College Avenue"]);
    expect(admin?.email).toBe("admin@example-university.edu");
  });

  it("without the profile the first line stays the name (other registries write a person there)", () => {
    expect(byRole(parseWhoisText(edu), "registrant")[0]?.name).toBe("Example University");
  });
});
