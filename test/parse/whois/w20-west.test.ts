// Issue #13 ("Parser generality"), w20, part A: Europe, the CIS, the Middle East and the RIRs. Answers users pasted in
// public issue threads and registries' own documentation of their port-43 output, each cited beside it. Short excerpts in
// the registry's layout; names, handles, addresses and dates are invented (sample/example names), the labels, phrases and
// layout are the registry's.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

describe("a heading above a blank line and then its unindented block (Traficom .fi)", () => {
  // Traficom's answer as pasted in https://github.com/caarlos0/domain_exporter/pull/116 (and, in its older
  // address-per-line form, https://github.com/shift/domain_exporter/pull/25): "Holder", a blank line, then the holder's
  // dotted fields; "Registrar" and "Tech" the same way.
  const traficom = lines(
    "domain.............: sample.fi",
    "status.............: Registered",
    "created............: 30.6.2006 00:00:00",
    "expires............: 4.7.2027 10:15:55",
    "available..........: 4.8.2027 10:15:55",
    "modified...........: 2.6.2026 12:34:32",
    "RegistryLock.......: locked",
    "",
    "Nameservers",
    "",
    "nserver............: ns1.sample-host.fi [OK]",
    "nserver............: ns2.sample-host.fi [OK]",
    "",
    "DNSSEC",
    "",
    "dnssec.............: no",
    "",
    "Holder",
    "",
    "name...............: Sample Oy",
    "register number....: 1234567-8",
    "address............: Esimerkkikatu 1",
    "postal.............: 00100",
    "city...............: Helsinki",
    "country............: Finland",
    "phone..............: ",
    "holder email.......: ",
    "",
    "Registrar",
    "",
    "registrar..........: Sample Registrar Oy",
    "www................: www.sample-registrar.fi",
    "",
    "Tech",
    "",
    "name...............: Sample Tech Oy",
    "email..............: tech@sample-registrar.fi",
    "",
    ">>> Last update of WHOIS database: 23.12.2026 23:15:14 (EET) <<<",
  );

  it("reads the holder's and the technical contact's fields under their headings", () => {
    const record = parseWhoisText(traficom, { query: "sample.fi", server: "whois.fi" });
    expect(record.status).toBe("registered");
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample Oy", street: ["Esimerkkikatu 1"], postalCode: "00100", city: "Helsinki", country: "Finland" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Sample Tech Oy", email: "tech@sample-registrar.fi" });
    expect(record.registrar).toMatchObject({ name: "Sample Registrar Oy", url: "www.sample-registrar.fi" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.fi", "ns2.sample-host.fi"]);
    expect(record.dates).toMatchObject({ created: "2006-06-30T00:00:00Z", expires: "2027-07-04T10:15:55Z" });
  });

  it("the block ends at its next blank line: a later field at the heading's depth is not the holder's", () => {
    const record = parseWhoisText(lines("domain.............: sample.fi", "", "Holder", "", "name...............: Sample Oy", "", "name...............: Somebody Else"), { server: "whois.fi" });
    expect(byRole(record, "registrant").map((c) => c.name)).toEqual(["Sample Oy"]);
  });
});

describe("a contact heading above a blank line, then its keyed block (HKIRC)", () => {
  // HKIRC's answer as pasted in https://github.com/glensc/monitoring-plugin-check_domain/issues/35: each heading
  // ("Registrant Contact Information:", "Name Servers Information:") stands above a blank line and then its block. An
  // address of several lines continues under "Address:" at the label's depth (as the project corpus's HKIRC answers
  // print it: corpus/whois/*whois.hkirc.hk*).
  const hkirc = lines(
    "Domain Name:  SAMPLE.HK",
    "",
    "Domain Status: Active",
    "",
    "Registrar Name: SAMPLE REGISTRAR LIMITED",
    "",
    "Administrative Contact Information:",
    "",
    "Given name: DNS",
    "Family name: ADMIN",
    "Company name: SAMPLE LIMITED",
    "Address: 1 Sample Road",
    "Sample Building",
    "Kowloon",
    "Country: HK",
    "Phone: +852-00000000",
    "Email: dns-admin@sample.hk",
    "",
    "",
    "Name Servers Information:",
    "",
    "NS1.SAMPLE-HOST.NET",
    "NS2.SAMPLE-HOST.NET",
    "",
    "",
    "Sample Host Limited - the Leader in Domain Hosting",
    "go to: www.sample-host.net",
  );

  it("the contact's fields are read; lines under its keyed address continue the address, they are not its name", () => {
    const record = parseWhoisText(hkirc, { query: "sample.hk", server: "whois.hkirc.hk" });
    const [admin] = byRole(record, "administrative");
    expect(admin).toMatchObject({ organization: "SAMPLE LIMITED", phone: "+852-00000000", email: "dns-admin@sample.hk", countryCode: "HK" });
    expect(admin?.street).toEqual(["1 Sample Road", "Sample Building", "Kowloon"]);
    // (Given name + Family name are the person's name: the address lines under "Address:" are not.)
    expect(admin?.name).toBe("DNS ADMIN");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
  });

  it("the holder's 'label (gloss): value' line with a label no table knows gives its value, not the label, as the name", () => {
    // The registrant block of the same cited answer ("Company English Name (It should be the same as the registered/
    // corporation name on your Business Register Certificate or relevant documents): GOOGLE INC.") as HKIRC prints it
    // for a person holder: "Holder English Name (It should be …):" (the project corpus's HKIRC answers).
    const record = parseWhoisText(
      lines(
        "Domain Name:  SAMPLE.HK",
        "",
        "Registrant Contact Information:",
        "",
        "Holder English Name (It should be the same as the registered/corporation name on your Business Register Certificate or relevant documents): SAMPLE LIMITED",
        "Company Chinese name:  -",
        "Address: 1 Sample Road",
        "Country: HK",
        "Email: dns-admin@sample.hk",
        "",
      ),
      { query: "sample.hk", server: "whois.hkirc.hk" },
    );
    const [holder] = byRole(record, "registrant");
    // "Holder English Name (gloss)" is no label the tables know (a known one, "Company English Name (gloss)", is read as
    // that label: w20-east): the line is the block's first bare line, and its value names the holder.
    expect(holder?.name).toBe("SAMPLE LIMITED");
    expect(holder?.email).toBe("dns-admin@sample.hk");
  });
});

describe("a postal label holds a postal code; a whole address under one is the street", () => {
  it("Traficom 'postal' and 'Registrant Postal:' are the postal code", () => {
    const record = parseWhoisText(lines("Domain Name: sample.sl", "Registrant Name: Sample Org", "Registrant Postal: 94043", "Registrant Country: US"), { server: "whois.nic.sl" });
    expect(byRole(record, "registrant")[0]?.postalCode).toBe("94043");
  });

  it("Hostmaster .ua 'abuse-postal:' with the whole address keeps it as the street", () => {
    // Hostmaster's registrar block (its "% Registrar:" section: "abuse-email:", "abuse-postal:") prints the registrar's
    // postal address under "abuse-postal:": a whole address, not a code (the rule is the value's length, not the server).
    const record = parseWhoisText(lines("domain: sample.com.ua", "status: ok", "", "% Registrar:", "% ==========", "registrar: ua.sample", "abuse-postal: 01001 Kyiv, Sample St 1, office 2", "source: UAEPP"), { server: "whois.ua" });
    for (const contact of record.contacts ?? []) expect(contact.postalCode).toBeUndefined();
  });
});

describe("the RIPE Database software's query errors are refusals of the query (invalid)", () => {
  // Error codes and texts from the RIPE Database documentation, Appendix C, "RIPE Database Query Server Response Codes
  // and Messages": https://docs.db.ripe.net/Appendices/Appendix-C--RIPE-Database-Query-Server-Response-Codes-and-Messages
  // (AFRINIC, APNIC and several ccTLD registries run the same server software).
  const banner = ["% This is the RIPE Database query service.", "% The objects are in RPSL format.", "%", "% The RIPE Database is subject to Terms and Conditions.", "% See http://www.ripe.net/db/support/db-terms-conditions.pdf", ""];

  it.each([
    ["%ERROR:108: bad character in input", "% An invalid character was passed in the query. Allowed characters are letters, numbers and -_:+=.,@/?'"],
    ["%ERROR:115: invalid search key", "% Search key entered is not valid for the specified object type(s)"],
    ["%ERROR:102: unknown source", "% Unknown source was supplied as argument to the -s query flag."],
    ["%ERROR:111: invalid option supplied", "% Use help query to see the valid options."],
  ])("%s", (error, explanation) => {
    const record = parseWhoisText(lines(...banner, error, "%", explanation, ""), { server: "whois.ripe.net", query: "bad query" });
    expect(record.status).toBe("invalid");
  });

  it("101 stays 'no entries found' (available), 201 a refusal for the querying host (throttled)", () => {
    expect(parseWhoisText(lines(...banner, "%ERROR:101: no entries found", "%", "% No entries found in source RIPE.", ""), { server: "whois.ripe.net" }).status).toBe("available");
    expect(parseWhoisText(lines(...banner, "%ERROR:201: access denied for 192.0.2.1", "%", "% Sorry, access from your host has been permanently", "% denied because of a repeated excessive querying.", ""), { server: "whois.ripe.net" }).status).toBe("throttled");
  });
});

describe("DNS.PT's bilingual headings over bare contact lines", () => {
  // DNS.PT's answer as pasted in https://github.com/glensc/monitoring-plugin-check_domain/issues/19: "Titular /
  // Registrant", "Entidade Gestora / Billing Contact", "Responsável Técnico / Tech Contact" over bare lines and an
  // "Email:" line; labels in Portuguese and English ("Estado / Status:").
  const dnspt = lines(
    "Nome de domínio / Domain Name: sample.pt",
    "Data de registo / Creation Date (dd/mm/yyyy): 19/01/2015",
    "Data de expiração / Expiration Date (dd/mm/yyyy): 18/01/2027",
    "Estado / Status: ACTIVE",
    "",
    "Titular / Registrant",
    "Exemplo Lda",
    "Rua do Exemplo 1",
    "1000-001 Lisboa",
    "Email: holder@example.pt",
    "",
    "Entidade Gestora / Billing Contact",
    "Sample Registrar GmbH",
    "Email: billing@sample-registrar.de",
    "",
    "Responsável Técnico / Tech Contact",
    "Sample Registrar GmbH",
    "Email: tech@sample-registrar.de",
    "",
    "Nameserver Information",
    "Nameserver: sample.pt NS ns1.sample-host.dk.",
    "Nameserver: sample.pt NS ns2.sample-host.dk.",
  );

  it("reads dates, status and name servers", () => {
    const record = parseWhoisText(dnspt, { query: "sample.pt", server: "whois.dns.pt" });
    expect(record.status).toBe("registered");
    expect(record.statuses).toEqual(["ACTIVE"]);
    expect(record.dates).toMatchObject({ created: "2015-01-19T00:00:00Z", expires: "2027-01-18T00:00:00Z" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.dk", "ns2.sample-host.dk"]);
  });

  it("the holder's lines are its name, street and Portuguese postcode with the city", () => {
    const record = parseWhoisText(dnspt, { query: "sample.pt", server: "whois.dns.pt" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Exemplo Lda", street: ["Rua do Exemplo 1"], postalCode: "1000-001", city: "Lisboa", email: "holder@example.pt" });
  });

  it("one bare line above a contact's keyed e-mail is its name", () => {
    const record = parseWhoisText(dnspt, { query: "sample.pt", server: "whois.dns.pt" });
    expect(byRole(record, "billing")[0]).toMatchObject({ name: "Sample Registrar GmbH", email: "billing@sample-registrar.de" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Sample Registrar GmbH", email: "tech@sample-registrar.de" });
  });
});

describe("a free-form block's first line with the contact's handle in brackets (SaudiNIC)", () => {
  // SaudiNIC's layout ("Registrant:", "Administrative Contact:", "Technical Contact:" over indented bare lines and an
  // "Address:" line), as the project corpus holds it (corpus/whois/*whois.nic.net.sa*): the administrative and technical
  // contacts' first line is the person's name with their handle in brackets, "(ADM-…-SA)".
  const saudinic = lines(
    "% SaudiNIC Whois server.",
    "% Rights restricted by copyright.",
    "",
    "Domain Name: sample.com.sa",
    "",
    " Registrant:",
    " Sample Publishing Est.",
    " Address: P.O.Box. 1000",
    " 21441 Jeddah",
    " Saudi Arabia",
    "",
    " Administrative Contact:",
    "  Sample Person (ADM-100-SP10-SA)",
    "  Address: P.O.Box. 1000",
    "  21441 Jeddah",
    "  Saudi Arabia",
    "",
    " Name Servers:",
    "  ns1.sample-host.net",
    "  ns2.sample-host.net",
    "",
    "Created on: 2000-09-11",
    "Last Updated on: 2000-09-11",
  );

  it("the name and the handle, not a street line", () => {
    const record = parseWhoisText(saudinic, { query: "sample.com.sa", server: "whois.nic.net.sa" });
    const [admin] = byRole(record, "administrative");
    expect(admin).toMatchObject({ name: "Sample Person", handle: "ADM-100-SP10-SA", city: "Jeddah", postalCode: "21441" });
    expect(admin?.street).not.toContain("Sample Person (ADM-100-SP10-SA)");
    expect(byRole(record, "registrant")[0]?.name).toBe("Sample Publishing Est.");
  });

  it("a street with a bracketed note is no name with a handle", () => {
    const record = parseWhoisText(lines("Domain Name: sample.com.sa", "", " Technical Contact:", "  12 Sample Street (Building 4)", "  21441 Jeddah", "  Saudi Arabia"), { server: "whois.nic.net.sa" });
    expect(byRole(record, "technical")[0]?.handle).toBeUndefined();
  });
});

describe("EURid's registrant-hidden form and its keys", () => {
  // EURid's answer as pasted in https://github.com/richardpenman/whois/issues/56 ("Registrant:" then "NOT DISCLOSED!" and
  // "Visit www.eurid.eu for webbased WHOIS."), with the "Keys:" section of https://github.com/richardpenman/whois/pull/298
  // ("flags:KSK protocol:3 algorithm:RSA_SHA512 pubKey:…").
  const eurid = lines(
    "Domain: sample.eu",
    "Script: LATIN",
    "",
    "Registrant:",
    "        NOT DISCLOSED!",
    "        Visit www.eurid.eu for webbased WHOIS.",
    "",
    "Technical:",
    "        Organisation: Sample Registrar S.p.A.",
    "        Language: it",
    "        Email: support@sample-registrar.it",
    "",
    "Registrar:",
    "        Name: Sample Registrar S.p.A.",
    "        Website: https://www.sample-registrar.it/",
    "",
    "Name servers:",
    "        ns1.sample-registrar.it",
    "        ns2.sample-registrar.it",
    "",
    "Keys:",
    "        flags:KSK protocol:3 algorithm:RSA_SHA512 pubKey:AwEAAcEdJN9mDWVoP+2lXwdUl0HMkErlLWQSiStJhhLJr8lAkSlvcgBH",
    "",
    "Please visit www.eurid.eu for more info.",
  );

  it("the pointer to the web WHOIS is no organisation: the holder is withheld", () => {
    const record = parseWhoisText(eurid, { query: "sample.eu", server: "whois.eu" });
    const [holder] = byRole(record, "registrant");
    expect(holder?.organization).toBeUndefined();
    expect(holder?.name).toBeUndefined();
    expect(holder?.redacted).toEqual(expect.arrayContaining(["name", "organization"]));
    expect(byRole(record, "technical")[0]).toMatchObject({ organization: "Sample Registrar S.p.A.", email: "support@sample-registrar.it" });
    expect(record.registrar).toMatchObject({ name: "Sample Registrar S.p.A.", url: "https://www.sample-registrar.it/" });
  });

  it("a key line opening with its flags under Keys: is the key data (signed)", () => {
    expect(parseWhoisText(eurid, { query: "sample.eu", server: "whois.eu" }).dnssec).toBe("signed");
    const unsigned = eurid.replace(/Keys:\n.*\n/, "Keys:\n");
    expect(parseWhoisText(unsigned, { query: "sample.eu", server: "whois.eu" }).dnssec).toBe("unsigned");
  });
});

describe("an RIR's not-found answer to an address or AS number query is about that number, not a domain", () => {
  // RIPE's "%ERROR:101: no entries found" (RIPE Database documentation, Appendix C, cited above; APNIC runs the same
  // software); ARIN's "No match found for …" (issue #13's own example), under ARIN's "#" banner as pasted in
  // https://github.com/weppos/whois/pull/220.
  it.each([
    ["193.0.2.1", "whois.ripe.net", lines("%ERROR:101: no entries found", "%", "% No entries found in source RIPE.", ""), "ip"],
    ["2001:db8::1", "whois.apnic.net", lines("% [whois.apnic.net]", "", "%ERROR:101: no entries found", "%", "% No entries found in source APNIC.", ""), "ip"],
    ["192.0.2.0/24", "whois.arin.net", lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "# available at: https://www.arin.net/whois_tou.html", "#", "", "No match found for n + 192.0.2.0/24.", ""), "ip"],
    ["AS64496", "whois.ripe.net", lines("% This is the RIPE Database query service.", "", "%ERROR:101: no entries found", "%", "% No entries found in source RIPE.", ""), "asn"],
  ])("%s at %s", (query, server, answer, kind) => {
    const record = parseWhoisText(answer, { query, server });
    expect(record.status).toBe("available");
    expect(record.kind).toBe(kind);
    expect(record.domain).toBeUndefined();
  });

  it("a domain query's not-found answer still names the domain asked", () => {
    const record = parseWhoisText(lines("%ERROR:101: no entries found", ""), { query: "sample.cz", server: "whois.nic.cz" });
    expect(record).toMatchObject({ kind: "domain", status: "available", domain: { name: "sample.cz" } });
  });
});
