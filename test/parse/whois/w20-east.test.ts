// Issue #13 ("Parser generality"), w20 part B: Asia-Pacific, the Americas, Africa and the new-gTLD back ends. Answers from
// public sources, each cited beside it: registries' own pages, issue threads where users pasted answers, the per-TLD
// not-found texts of a public WHOIS table, and the answers kept in flipbit/whois (a .NET client whose samples are not
// among the evaluation's peers). Short excerpts in the registry's layout; names, handles, addresses and dates are
// invented (sample/example names), the labels, phrases and layout are the registry's.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

const FLIPBIT = "https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples";
const HOSTBILL = "https://github.com/dmtrbch/hostbill-whois/blob/027328561ecb805adcdaf728e5517d4a944c8f16/whois.php";

describe("not-found answers in the registries' own words", () => {
  // Each registry's whole answer (or its one telling line), as the sources give it.
  const cases: { registry: string; source: string; query: string; server?: string; answer: string }[] = [
    { registry: "SLNIC (.lk)", source: `${FLIPBIT}/whois.nic.lk/lk/not-found/not_found.txt and ${HOSTBILL}`, query: "sample-shop.lk", server: "whois.nic.lk", answer: "This Domain is not available in our whois database\n" },
    {
      registry: ".ma, an RWhois server",
      source: `${FLIPBIT}/whois.registre.ma/ma/not-found/not_found.txt ("No Objects Found" also in ${HOSTBILL})`,
      query: "sample-shop.ma",
      server: "whois.registre.ma",
      answer: lines("%rwhois V-1.5:003fff:00 whois.iam.net.ma (by Network Solutions, Inc. V-1.5.9.5)", "%error 230 No Objects Found", ""),
    },
    { registry: ".bs", source: HOSTBILL, query: "sample-shop.bs", answer: "The domain sample-shop.bs has not yet been Registered\n" },
    { registry: ".do", source: HOSTBILL, query: "sample-shop.com.do", answer: "This domain doesn't exist\n" },
    { registry: ".gt", source: HOSTBILL, query: "sample-shop.gt", answer: "DOMINIO NO REGISTRADO\n" },
  ];
  for (const { registry, query, server, answer } of cases) {
    it(`${registry}: available`, () => {
      const record = parseWhoisText(answer, { query, server });
      expect(record.status).toBe("available");
      expect(record.domain?.name).toBe(query);
    });
  }

  it("the same words inside a registered record's terms of use do not make it available", () => {
    // A record with its fields: a phrase decides only where a status stands (the lead sentence), never in the notices.
    const record = parseWhoisText(
      lines(
        "Domain Name: sample-shop.lk",
        "Registrar: Sample Registrar",
        "Created on: 2012-11-01",
        "Name Server: ns1.sample-host.lk",
        "",
        "NOTICE: a name that is not available in our whois database may have been deleted; no objects found means nothing.",
      ),
      { query: "sample-shop.lk", server: "whois.nic.lk" },
    );
    expect(record.status).toBe("registered");
  });
});

describe("CNNIC's answers for a name it withholds", () => {
  // The two one-line answers whois.cnnic.cn gives for a reserved or prohibited name: https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.cnnic.cn/cn/reserved/.
  it("'… is in the reserved list.' is reserved", () => {
    const record = parseWhoisText("Sorry, The domain you requested is in the reserved list.\n", { query: "sample.cn", server: "whois.cnnic.cn" });
    expect(record.status).toBe("reserved");
    expect(record.domain?.name).toBe("sample.cn");
  });

  it("'The domain you requested is prohibited.' is reserved", () => {
    const record = parseWhoisText("The domain you requested is prohibited.\n", { query: "sample.cn", server: "whois.cnnic.cn" });
    expect(record.status).toBe("reserved");
  });

  it("a disclaimer's 'use … is prohibited' is not a withheld name", () => {
    const record = parseWhoisText(
      lines("Sorry, no matching record.", "", "Commercial use of this data is prohibited."),
      { query: "sample.cn", server: "whois.cnnic.cn" },
    );
    expect(record.status).toBe("available");
  });
});

describe("a registry back end asked for a TLD it does not run", () => {
  // Tucows Registry (ex-Uniregistry), whois.uniregistry.net, asked for .tattoo after the TLD moved away:
  // https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.uniregistry.net/tattoo/found/cheap.tattoo.txt. Its "not available for registration" line is the
  // header of the refusal that follows, not a reserved name.
  it("'Tld not supported by this registry interface' is an invalid query, not a reserved name", () => {
    const record = parseWhoisText(
      lines(
        "Domain Name: sample.tattoo",
        "",
        ">>> This name is not available for registration:",
        "",
        ">>> Tld not supported by this registry interface",
        "",
        ">>> Last update of WHOIS database: 2026-07-12T12:34:27.131Z <<<",
      ),
      { query: "sample.tattoo", server: "whois.uniregistry.net" },
    );
    expect(record.status).toBe("invalid");
  });

  it("without that line the same header still says reserved", () => {
    const record = parseWhoisText(lines("Domain Name: sample.tattoo", "", ">>> This name is not available for registration:", ""), { query: "sample.tattoo" });
    expect(record.status).toBe("reserved");
  });
});

describe("JPRS's [State] gives the expiry date of organization-type .jp names in parentheses", () => {
  // "括弧内の日付が有効期限となります" (the date in parentheses is the expiry date): JPRS's guide to its WHOIS output,
  // http://jprs.jp/about/dom-search/jprs-whois/whois-guide-view.html. Layouts as pasted in
  // https://github.com/FurqanSoftware/node-whois/pull/32 (Japanese) and https://github.com/likexian/whois-parser/pull/72 (/e).
  it("the Japanese answer: [状態] Connected (date)", () => {
    const record = parseWhoisText(
      lines(
        "[ JPRS database provides information on network administration. Its use is    ]",
        "[ restricted to network administration purposes.                              ]",
        "",
        "Domain Information: [ドメイン情報]",
        "a. [ドメイン名]                 SAMPLE.CO.JP",
        "g. [Organization]               Sample Trading K.K.",
        "m. [登録担当者]                 XY001JP",
        "n. [技術連絡担当者]             XY002JP",
        "p. [ネームサーバ]               ns1.sample-host.jp",
        "s. [署名鍵]",
        "[状態]                          Connected (2027/03/31)",
        "[登録年月日]                    2001/03/22",
        "[接続年月日]                    2001/03/22",
        "[最終更新]                      2026/04/01 01:09:06 (JST)",
      ),
      { query: "sample.co.jp", server: "whois.jprs.jp" },
    );
    expect(record.status).toBe("registered");
    expect(record.dates?.expires).toBe("2027-03-31T00:00:00Z");
    expect(record.dates?.created).toBe("2001-03-22T00:00:00Z");
    expect(record.statuses).toEqual(["Connected"]);
  });

  it("the English answer (/e): [State] Registered (date), a name not yet connected", () => {
    const record = parseWhoisText(
      lines(
        "Domain Information:",
        "a. [Domain Name]                SAMPLE.NE.JP",
        "d. [Network Service Name]       SAMPLE",
        "m. [Administrative Contact]     XY003JP",
        "p. [Name Server]",
        "[State]                         Registered (2027/09/30)",
        "[Registered Date]               2026/09/11",
        "[Connected Date]",
        "[Last Update]                   2026/10/23 19:22:08 (JST)",
      ),
      { query: "sample.ne.jp", server: "whois.jprs.jp" },
    );
    expect(record.dates?.expires).toBe("2027-09-30T00:00:00Z");
    expect(record.statuses).toEqual(["Registered"]);
  });

  it("a date beside a state that is not a live registration is not the expiry", () => {
    const record = parseWhoisText(
      lines("Domain Information:", "a. [Domain Name]                SAMPLE.CO.JP", "[State]                         Deleted (2026/03/31)", "[Registered Date]               2001/03/22"),
      { query: "sample.co.jp", server: "whois.jprs.jp" },
    );
    expect(record.dates?.expires).toBeUndefined();
  });

  it("a general-use .jp name's own [有効期限] line stays the expiry", () => {
    // As pasted in https://github.com/richardpenman/whois/pull/210.
    const record = parseWhoisText(
      lines(
        "Domain Information: [ドメイン情報]",
        "[Domain Name]                   SAMPLE-NET.JP",
        "[登録者名]                      サンプル株式会社",
        "[Registrant]                    Sample Corporation",
        "[Name Server]                   ns01.sample-host.jp",
        "[登録年月日]                    2008/08/29",
        "[有効期限]                      2027/08/31",
        "[状態]                          Active",
        "[最終更新]                      2026/04/11 16:21:56 (JST)",
      ),
      { query: "sample-net.jp", server: "whois.jprs.jp" },
    );
    expect(record.dates?.expires).toBe("2027-08-31T00:00:00Z");
    expect(record.statuses).toEqual(["Active"]);
  });
});

describe("a role's own line beside its name label: the holder, then the person to contact", () => {
  // auDA's layout (Afilias Australia, whois.auda.org.au), as pasted in https://github.com/caarlos0/domain_exporter/issues/155
  // and described in https://github.com/richardpenman/whois/pull/167 ("Registrant" the licence holder, "Registrant
  // Contact Name" the person): the same layout at .qa (whois.registry.qa).
  it("'Registrant:' is the organisation when 'Registrant Contact Name:' names the person", () => {
    const record = parseWhoisText(
      lines(
        "Domain Name:                     sample-shop.com.au",
        "Last Modified:                   2026-07-13T14:19:31Z",
        "Registrar Name:                  Sample Registrar Pty Ltd",
        "Status:                          serverRenewProhibited",
        "Status Reason:                   Not Currently Eligible For Renewal",
        "Registrant:                      SAMPLE SHOP PTY LTD",
        "Registrant ID:                   ABN 00 000 000 000",
        "Eligibility Type:                Company",
        "Registrant Contact ID:           SAMPLE-R1",
        "Registrant Contact Name:         Jane Example",
        "Tech Contact ID:                 SAMPLE-T1",
        "Tech Contact Name:               Sam Example",
        "Name Server:                     ns1.sample-host.com.au",
      ),
      { query: "sample-shop.com.au", server: "whois.auda.org.au" },
    );
    const [holder] = byRole(record, "registrant");
    expect(holder).toMatchObject({ organization: "SAMPLE SHOP PTY LTD", name: "Jane Example", handle: "SAMPLE-R1" });
    expect(byRole(record, "technical")[0]?.name).toBe("Sam Example");
    expect(record.registrar?.name).toBe("Sample Registrar Pty Ltd");
  });

  it("a redacted name label leaves the role's line as the name", () => {
    const record = parseWhoisText(
      lines("Domain Name: sample-shop.com.au", "Registrar Name: Sample Registrar Pty Ltd", "Registrant: SAMPLE SHOP PTY LTD", "Registrant Contact Name: REDACTED FOR PRIVACY"),
      { query: "sample-shop.com.au" },
    );
    const [holder] = byRole(record, "registrant");
    expect(holder?.name).toBe("SAMPLE SHOP PTY LTD");
    expect(holder?.organization).toBeUndefined();
  });

  it("SGNIC's 'Name:' repeating the holder with its handle is the same holder, not a person", () => {
    // SGNIC's layout ("Registrant:" above "Owner/Main Contact:" whose "Name:" adds the handle in parentheses), as kept in
    // https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.sgnic.sg/sg/found/.
    const record = parseWhoisText(
      lines(
        "Registrar:   SAMPLE REGISTRAR PTE LTD",
        "Registrant:  SAMPLE TRADING PTE. LTD.",
        "",
        "    Domain Name:\t\tSAMPLE.SG",
        "    Creation Date:\t\t03-Jan-2015 12:00:00",
        "",
        "    Owner/Main Contact:",
        "",
        "        Name:           SAMPLE TRADING PTE. LTD. (SGNIC-ORG000001)",
        "        Registered Country:\t\tSG",
      ),
      { query: "sample.sg", server: "whois.sgnic.sg" },
    );
    expect(byRole(record, "registrant")[0]?.organization).toBeUndefined();
  });
});

describe("small ccTLD registries' registrar blocks", () => {
  // NIC.EC's and the Channel Islands' answers (CoCCA-style): "Registrar Information" on a line of its own over unindented
  // "Registrar Name:" and "Registration URL:" lines; https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.nic.ec/ and https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.je/je/found/.
  it("'Registration URL' under 'Registrar Information' is the registrar's site", () => {
    const record = parseWhoisText(
      lines(
        "Domain Information",
        "Query: sample-shop.ec",
        "Created: 16 Oct 2013",
        "Expires: 16 Oct 2027",
        "Name Servers:",
        "    ns1.sample-host.ec",
        "",
        "Registrar Information",
        "Registrar Name: Sample Registrar S.A.",
        "Registration URL: www.sample-registrar.ec",
        "Address: Av. Amazonas 100",
        "Quito",
        "Country: EC",
      ),
      { query: "sample-shop.ec", server: "whois.nic.ec" },
    );
    expect(record.registrar).toMatchObject({ name: "Sample Registrar S.A.", url: "www.sample-registrar.ec" });
  });

  it("NIC Uruguay's 'Registrado por:' is the registrar", () => {
    // whois.nic.org.uy's layout: https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.nic.org.uy/uy/found/found_status_registered.txt.
    const record = parseWhoisText(
      lines(
        "Servidor Whois de NIC-Uruguay (.UY)",
        "",
        "Titular: ",
        "Ejemplo SA  (ej101-adnic-o)\t\tcontacto@example.com.uy",
        "   Ejemplo SA",
        "",
        "   Nombre de Dominio: ejemplo.uy",
        "   Registrado por: Registrador Ejemplo (https://registrador.example.uy/)",
        "",
        "   Fecha de Creacion: 2012-07-03 20:58:58",
        "   Estatus del dominio: ACTIVO",
      ),
      { query: "ejemplo.uy", server: "whois.nic.org.uy" },
    );
    expect(record.registrar?.name).toBe("Registrador Ejemplo");
    expect(record.status).toBe("registered");
  });
});

describe("HKIRC: role headings over a blank line, a label with its gloss, a name in parts", () => {
  // HKIRC's layout (whois.hkirc.hk) as pasted in https://github.com/jakejarvis/rdapper/issues/13 and quoted in the public
  // asyncwhois tests (https://github.com/pogzyb/asyncwhois, tests of its RegexHK): each "… Contact Information:" heading
  // is followed by a blank line, then its unindented fields; the holder's company label carries its instructions.
  const answer = lines(
    " -------------------------------------------------------------------------------",
    " Whois server by HKIRC",
    " -------------------------------------------------------------------------------",
    "",
    "Domain Name:  SAMPLE.COM.HK",
    "Domain Status: Active",
    "",
    "Registrar Name: Sample Registrar, Inc.",
    "",
    "Registrar Contact Information: support@sample-registrar.example",
    "",
    "Reseller:",
    "",
    "",
    "Registrant Contact Information:",
    "",
    "Company English Name (It should be the same as the registered/corporation name on your Business Register Certificate or relevant documents): SAMPLE TRADING LIMITED",
    "Company Chinese name:  樣本貿易有限公司",
    "Address: 1 SAMPLE ROAD, KOWLOON BAY, KOWLOON",
    "Country: HK",
    "Email: dnsadmin@sample.com.hk",
    "Domain Name Commencement Date: 25-10-1995",
    "Expiry Date: 01-10-2027",
    "Re-registration Status:  Complete",
    "",
    "",
    "Administrative Contact Information:",
    "",
    "Given name: DOMAIN",
    "Family name: ADMINISTRATOR",
    "Company name: SAMPLE TRADING LIMITED",
    "Phone: +852-00000000",
    "Email: hostmaster@sample.com.hk",
    "",
    "",
    "Technical Contact Information:",
    "",
    "Given Name:  JANE ",
    "Family name:  EXAMPLE ",
    "Company Name:  SAMPLE HOSTING LIMITED ",
    "",
    "Name Servers Information:",
    "",
    "NS1.SAMPLE-HOST.NET",
    "NS2.SAMPLE-HOST.NET",
  );

  it("the holder's block after the blank line is the registrant's", () => {
    const record = parseWhoisText(answer, { query: "sample.com.hk", server: "whois.hkirc.hk" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ organization: "SAMPLE TRADING LIMITED", email: "dnsadmin@sample.com.hk", countryCode: "HK" });
    expect(record.dates).toMatchObject({ created: "1995-10-25T00:00:00Z", expires: "2027-10-01T00:00:00Z" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
  });

  it("the administrative and technical contacts are read, their names joined from given and family name", () => {
    const record = parseWhoisText(answer, { query: "sample.com.hk", server: "whois.hkirc.hk" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "DOMAIN ADMINISTRATOR", organization: "SAMPLE TRADING LIMITED", phone: "+852-00000000", email: "hostmaster@sample.com.hk" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "JANE EXAMPLE", organization: "SAMPLE HOSTING LIMITED" });
  });

  it("a non-role heading over a blank line does not take the lines after it", () => {
    // "Reseller:" left empty, then a blank line, then the registrant's heading: nothing of the registrant is the reseller's.
    const record = parseWhoisText(answer, { query: "sample.com.hk", server: "whois.hkirc.hk" });
    expect(record.registrar?.name).toBe("Sample Registrar, Inc.");
  });

  it("a role heading followed by a blank line and then another heading keeps nothing", () => {
    const record = parseWhoisText(
      lines("Domain Name: sample.com.hk", "Registrar Name: Sample Registrar, Inc.", "", "Technical Contact Information:", "", "Name Servers Information:", "", "NS1.SAMPLE-HOST.NET"),
      { query: "sample.com.hk" },
    );
    expect(byRole(record, "technical")).toHaveLength(0);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net"]);
  });

  it("Traficom's (.fi) 'Holder' heading over a blank line is read the same way", () => {
    // whois.fi's layout ("Holder", a blank line, "name...............: …"): Traficom's port-43 answer as pasted in
    // https://github.com/caarlos0/domain_exporter/pull/116 and https://github.com/shift/domain_exporter/pull/25.
    const record = parseWhoisText(
      lines(
        "domain.............: sample.fi",
        "status.............: Registered",
        "created............: 15.12.2015 09:48:01",
        "expires............: 15.12.2027 09:37:54",
        "",
        "Holder",
        "",
        "name...............: Sample Oy",
        "register number....: 0000000-0",
        "address............: Samplekatu 1",
        "country............: Finland",
        "phone..............: +358000000000",
        "",
        "Registrar",
        "",
        "registrar..........: Sample Registrar Oy",
      ),
      { query: "sample.fi", server: "whois.fi" },
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample Oy", phone: "+358000000000", country: "Finland" });
    expect(record.registrar?.name).toBe("Sample Registrar Oy");
  });
});

describe("ATI (.tn): dotted labels in blocks headed by lines of their own", () => {
  // whois.ati.tn's layout, as kept in
  // https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.ati.tn/tn/found:
  // "Owner Contact", "Administrativ contact" (sic), "Technical contact", "DNS servers" over "Label......: value" lines,
  // numbered address lines left empty ("address2............: ").
  const answer = lines(
    "NIC Whois server for cTLDs : .tn , .تونس",
    "All rights reserved",
    "",
    "Domain name.........: sample.tn",
    "Details:",
    "Creation date.......: 05-12-2018 11:02:02 GMT+1",
    "Domain status.......: Active",
    "Registrar...........: SAMPLE-REG",
    "",
    "Owner Contact",
    "Name................: Sample SARL",
    "First name..........: ",
    "Address.............: 1 Rue Exemple, Tunis",
    "address2............: ",
    "City................: ",
    "Phone...............: +216.00000000",
    "Email...............: owner@sample.tn",
    "",
    "Administrativ contact",
    "Name................: Jane Example",
    "address2............: ",
    "Email...............: admin@sample.tn",
    "",
    "Technical contact",
    "Name................: Sample Hosting",
    "Email...............: tech@sample-host.tn",
    "dnssec..............: unsigned",
    "",
    "DNS servers",
    "Name................: ns1.sample-host.tn.",
    "Name................: ns2.sample-host.tn.",
  );

  it("each block's e-mail after an empty numbered address line is its contact's", () => {
    const record = parseWhoisText(answer, { query: "sample.tn", server: "whois.ati.tn" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample SARL", email: "owner@sample.tn", phone: "+216.00000000" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "Jane Example", email: "admin@sample.tn" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Sample Hosting", email: "tech@sample-host.tn" });
  });

  it("a Name under the DNS servers heading is a name server", () => {
    const record = parseWhoisText(answer, { query: "sample.tn", server: "whois.ati.tn" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.tn", "ns2.sample-host.tn"]);
    expect(record.registrar?.name).toBe("SAMPLE-REG");
  });
});

describe("Identity Digital (ex-Afilias) asked for a TLD it does not serve", () => {
  // whois.afilias.net's answer, as kept in
  // https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.afilias.net/pro/found:
  // the refusal, then terms of use whose "Queries to the Whois services are throttled. If too many queries are received…"
  // describe the service's limits, not this answer.
  it("'TLD is not supported.' is an invalid query, not a throttled one", () => {
    const record = parseWhoisText(
      lines(
        "TLD is not supported.",
        ">>> Last update of WHOIS database: 2026-07-12T12:34:26Z <<<",
        "",
        "Terms of Use: Access to WHOIS information is provided to assist persons in determining the contents of a domain name " +
          "registration record in the registry database. Queries to the Whois services are throttled. If too many queries are " +
          "received from a single IP address within a specified time, the service will begin to reject further queries for a " +
          "period of time to prevent disruption of Whois service access.",
      ),
      { query: "sample.example", server: "whois.afilias.net" },
    );
    expect(record.status).toBe("invalid");
  });
});

describe("bounds of the w20 rules on hostile answers", () => {
  it("name parts repeated without end stay one bounded name", () => {
    const parts = Array.from({ length: 5000 }, (_, i) => `Family name: PART${i}`);
    const record = parseWhoisText(lines("Domain Name: sample.com.hk", "Registrar Name: Sample Registrar", "", "Technical Contact Information:", "", ...parts), { query: "sample.com.hk" });
    const name = byRole(record, "technical")[0]?.name ?? "";
    expect(name.startsWith("PART0 PART1")).toBe(true);
    expect(name.length).toBeLessThan(200);
  });

  it("a long parenthesised gloss or a long state value is not read as a label or a date", () => {
    const gloss = `Company English Name (${"x ".repeat(120)}): SAMPLE LIMITED`;
    const state = `Connected (${"2027/03/31 ".repeat(10)})`;
    const record = parseWhoisText(lines("Domain Name: sample.com.hk", "Registrar Name: Sample Registrar", `Status: ${state}`, "", "Registrant Contact Information:", "", gloss), { query: "sample.com.hk" });
    expect(byRole(record, "registrant")[0]?.organization).toBeUndefined();
    expect(record.dates?.expires).toBeUndefined();
  });
});
