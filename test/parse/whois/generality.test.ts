// Issue #13: kinds of layout rather than single servers. Each answer below is written in the shape a
// registry documents or publishes (source named beside it); names, handles and dates are invented.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { statusMeaning } from "../../../src/parse/whois/status-words.js";


describe("the registry's own status word decides available, reserved or invalid", () => {
  // DENIC public-whois documentation (denic.de, "DENIC public-whois – What's New"): a domain query answers
  // one of the statuses connect, failed, free, invalid ("in--valid.de": hyphens at the 3rd and 4th places).
  it.each([
    ["connect", "registered"],
    ["failed", "registered"],
    ["free", "available"],
    ["invalid", "invalid"],
  ])("DENIC 'Status: %s' → %s", (word, expected) => {
    const record = parseWhoisText(lines("Domain: sample-word.de", `Status: ${word}`), { query: "sample-word.de" });
    expect(record.status).toBe(expected);
  });

  it("reads the word whatever the spacing (.be and .lt separate label and value with tabs)", () => {
    expect(parseWhoisText("Domain:\tsample.be\nStatus:\tAVAILABLE\n").status).toBe("available");
    expect(parseWhoisText("Domain:\tsample.be\nStatus:\tNOT ALLOWED\nMessage:\tUse only approved characters.\n").status).toBe("invalid");
    expect(parseWhoisText("Domain:\t\t\tsample.lt\nStatus:\t\t\tavailable\n").status).toBe("available");
  });

  it("a reserved status outranks the registrar and dates printed for the name (JPRS [状態], AFNIC NOT_OPEN, .it RESERVED)", () => {
    const jprs = lines("Domain Information:", "[Domain Name]                   SAMPLE.JP", "", "[Name Server]", "[Created on]", "[状態]                          Reserved", "[Last Updated]                  2001/02/21 00:00:00 (JST)");
    expect(parseWhoisText(jprs).status).toBe("reserved");
    const afnic = lines("domain:      sample.fr", "status:      NOT_OPEN", "registrar:   SAMPLE registry", "created:     01/01/1995");
    expect(parseWhoisText(afnic).status).toBe("reserved");
    expect(parseWhoisText(lines("Domain:             sample.it", "Status:             RESERVED")).status).toBe("reserved");
  });

  it("status words in the registry's language", () => {
    expect(parseWhoisText(lines("Dominio: prova-libera.it", "Stato: NON REGISTRATO")).status).toBe("available");
    expect(parseWhoisText(lines("Dominio: libre-ejemplo.es", "Estado: Libre")).status).toBe("available");
    expect(parseWhoisText(lines("Domena: wolna-przyklad.pl", "Status: wolna")).status).toBe("available");
    expect(parseWhoisText(lines("Domain: sample.ru", "Состояние: зарезервирован")).status).toBe("reserved");
    expect(parseWhoisText(lines("Dominio: reservado.es", "Estado: Reservado")).status).toBe("reserved");
  });

  it("a comma list of short status phrases is several statuses (.tm); a sentence with a comma stays one", () => {
    const tm = parseWhoisText(lines("Domain name: sample.tm", "Status : Client Updates Prohibited, Client Transfer Prohibited", "NS 1   : ns1.sample-host.tm"));
    expect(tm.statuses).toEqual(["Client Updates Prohibited", "Client Transfer Prohibited"]);
    expect(tm.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.tm"]);
    const sentence = parseWhoisText(lines("Domain name: sample.example", "Status: The domain is registered and, pending review, may not be transferred", "Name Server: ns1.sample-host.net"));
    expect(sentence.statuses).toHaveLength(1);
  });

  it("statusMeaning: whole values only, EPP and registered-state words mean nothing here", () => {
    expect(statusMeaning("NOT_OPEN")).toBe("reserved");
    expect(statusMeaning("  Free. ")).toBe("available");
    expect(statusMeaning("Not-Registered!")).toBe("available");
    for (const word of ["ok", "active", "clientHold", "connect", "REGISTERED, DELEGATED", "reserved for future use by the registry operator"]) expect(statusMeaning(word)).toBeUndefined();
  });
});

describe("not-found, reserved and invalid answers in the registry's own words", () => {
  // The per-server "available text" of the public cheenanet/whois-servers-list (whois.json), as whole answers.
  it.each([
    ["whois.registry.pf", "Domain unknown\n"],
    ["whois.eu.org", "Key not found\n"],
    ["whois.nic.im", "The domain sample.im was not found.\n"],
    ["whois.isoc.org.il", "% No data was found to match the request criteria.\n"],
    ["whois.nic.ch", "We do not have an entry in our database matching your query.\n"],
    ["whois.conac.cn", "Not find MatchingRecord\n"],
    ["whois.nic.ar", "El dominio no se encuentra registrado en NIC Argentina\n"],
    ["whois.kr", "Above domain name is not registered to KRNIC.\n"],
    ["whois.nic.at", "% nothing found\n"],
    ["whois.nic.top", "The queried object does not exist: Domain name\n"],
  ])("%s → available", (server, text) => {
    expect(parseWhoisText(text, { server }).status).toBe("available");
  });

  it.each([
    ["de", "% Die Domain wurde nicht gefunden.\n"],
    ["fr", "%% Aucune correspondance pour ce domaine.\n"],
    ["es", "Dominio no encontrado.\n"],
    ["it", "Nessuna corrispondenza trovata per il dominio.\n"],
    ["pt", "Domínio não registado.\n"],
    ["nl", "Het domein is niet gevonden.\n"],
    ["pl", "Nie znaleziono domeny.\n"],
    ["cs", "Doména nebyla nalezena.\n"],
    ["ru", "Домен не найден.\n"],
    ["uk", "Домен не знайдено.\n"],
    ["tr", "Alan adı bulunamadı.\n"],
    ["ja", "該当するデータがありません。\n"],
    ["ko", "검색결과가 없습니다.\n"],
    ["zh", "未找到该域名\n"],
  ])("not found in %s → available", (_language, text) => {
    expect(parseWhoisText(text).status).toBe("available");
  });

  it("invalid queries: a name the rules refuse wins over 'cannot be registered'; a zone the server does not serve", () => {
    const nominet = lines("", "    Error for \"sample.uk\".", "", "    This domain cannot be registered because it contravenes the Nominet UK", "    naming rules.  The reason is:", "      the domain name contains too few parts.");
    expect(parseWhoisText(nominet).status).toBe("invalid");
    expect(parseWhoisText(lines("Domain Information", "Query: www.sample.co.ke", "Status: This WHOIS server does not have any records for that zone.")).status).toBe("invalid");
    expect(parseWhoisText("% Error: 55000000010 Non bijective ace-idn convertible domain\n").status).toBe("invalid");
    expect(parseWhoisText("\n\nwhois.nic.bo solo acepta consultas con dominios .bo\n").status).toBe("invalid");
  });

  it.each([
    ["ru", "% Превышен лимит запросов, попробуйте позже\n"],
    ["de", "% Zu viele Anfragen von Ihrer Adresse\n"],
    ["fr", "%% Trop de requêtes, réessayez plus tard\n"],
    ["es", "Demasiadas consultas desde su dirección IP\n"],
    ["zh", "查询过于频繁，请稍后再试\n"],
  ])("a query limit in %s → throttled", (_language, text) => {
    expect(parseWhoisText(text).status).toBe("throttled");
  });

  it("reserved in the registry's language", () => {
    expect(parseWhoisText("El dominio reservado no puede ser registrado.\n").status).toBe("reserved");
    expect(parseWhoisText("Le nom de domaine réservé ne peut être enregistré.\n").status).toBe("reserved");
  });

  it("a registered answer keeps its status whatever its disclaimer says", () => {
    const text = lines(
      "Domain Name: sample.com",
      "Registrar: Sample Registrar, Inc.",
      "Creation Date: 2001-02-03T04:05:06Z",
      "Name Server: ns1.sample-host.net",
      "% If the domain was not found or is reserved, nothing found here means the name is free.",
    );
    expect(parseWhoisText(text).status).toBe("registered");
  });

  it("an answer nothing classifies stays unknown and says why", () => {
    const record = parseWhoisText(lines("% Sample registry", "Lorem: ipsum", "Dolor: sit amet"));
    expect(record.status).toBe("unknown");
    expect(record.notes?.[0]).toMatch(/^status unknown: labels read but none that identifies the object \("lorem", "dolor"\)/);
    expect(record.notes?.[0]).toContain('first line: "Lorem: ipsum"');
    expect(parseWhoisText("   \n").notes).toEqual(["status unknown: empty answer"]);
  });
});

describe("sections whose label stands on its own line", () => {
  // DK Hostmaster WHOIS service specification (github.com/Punktum-dk/whois-service-specification, MIT):
  // role headings without a colon ("Registrant", "Administrator", "Nameservers") over unindented Key: value lines.
  it("DK Hostmaster: Registrant / Administrator / Nameservers headings", () => {
    const record = parseWhoisText(
      lines(
        "Domain:               sample-one.dk",
        "DNS:                  sample-one.dk",
        "Registered:           2001-03-04",
        "Expires:              2031-03-31",
        "Dnssec:               Signed delegation",
        "Status:               Active",
        "",
        "Registrant",
        "Handle:               SMPL7-DK",
        "Name:                 Sample Holding ApS",
        "Address:              Havnegade 12, 2.",
        "Postalcode:           8000",
        "City:                 Aarhus C",
        "Country:              DK",
        "",
        "Administrator",
        "Handle:               ADMN3-DK",
        "Name:                 Sample Admin ApS",
        "Country:              DK",
        "",
        "Nameservers",
        "Hostname:             ns1.sample-host.dk",
        "Handle:               HOST1-DK",
        "Hostname:             ns2.sample-host.dk",
      ),
    );
    expect(record.status).toBe("registered");
    expect(record.dates).toEqual({ created: "2001-03-04T00:00:00Z", expires: "2031-03-31T00:00:00Z" });
    expect(record.dnssec).toBe("signed");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.dk", "ns2.sample-host.dk"]);
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "SMPL7-DK", name: "Sample Holding ApS", postalCode: "8000", city: "Aarhus C", countryCode: "DK" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "ADMN3-DK", name: "Sample Admin ApS" });
  });

  it("SWITCH style: each label on a line of its own, its value on the next line, not indented", () => {
    const record = parseWhoisText(
      lines("Domain name:", "sample.ch", "", "Holder of domain name:", "Sample AG", "Administrator Domain", "Bahnhofstrasse 1", "CH-8001 Zürich", "Switzerland", "", "Registrar:", "Sample Registrar AG", "", "First registration date:", "05.05.1999", "", "Name servers:", "ns1.sample-host.net", "ns2.sample-host.net"),
    );
    expect(record.domain?.name).toBe("sample.ch");
    expect(record.dates?.created).toBe("1999-05-05T00:00:00Z");
    expect(record.registrar?.name).toBe("Sample Registrar AG");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.net", "ns2.sample-host.net"]);
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample AG", street: ["Bahnhofstrasse 1"], postalCode: "8001", city: "Zürich", country: "Switzerland" });
    // "Administrator Domain" is a line of the holder's block (no colon), not an administrative contact's heading.
    expect(byRole(record, "administrative")).toEqual([]);
  });

  it("Nominet style: the same labels with indented values", () => {
    const record = parseWhoisText(lines("    Domain name:", "        sample.co.uk", "", "    Relevant dates:", "        Registered on: 13-Mar-2000", "        Expiry date:  13-Mar-2030", "", "    Name servers:", "        ns1.sample-host.net", "        ns2.sample-host.net"));
    expect(record.domain?.name).toBe("sample.co.uk");
    expect(record.dates).toMatchObject({ created: "2000-03-13T00:00:00Z", expires: "2030-03-13T00:00:00Z" });
    expect(record.nameservers).toHaveLength(2);
  });

  it("TWNIC style: a contact block whose lines carry two values and end in a country code", () => {
    const record = parseWhoisText(
      lines("Domain Name: sample.tw", "   Registrant:", "      Sample Co.", "      owner@sample.tw", "      +886.2.12345678", "      TW", "", "   Administrative Contact:", "      Admin Person   admin@sample.tw", "      +886.2.12345678", "", "   Domain servers in listed order:", "      ns1.sample-host.net"),
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Sample Co.", email: "owner@sample.tw", phone: "+886.2.12345678", countryCode: "TW" });
    expect(byRole(record, "registrant")[0]?.organization).toBeUndefined();
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "Admin Person", email: "admin@sample.tw" });
  });

  it("bilingual labels (.pt 'Estado / Status', 'Titular / Registrant') and format hints; 'State/Province' stays one label", () => {
    const record = parseWhoisText(
      lines("Nome de domínio / Domain Name: sample.pt", "Data de registo / Creation Date (dd/mm/yyyy): 09/02/2009", "Estado / Status: ACTIVE", "Titular / Registrant", "   Sample Lda", "   Rua Um, 1", "   4050-515 Porto", "   PT", "Responsável Técnico / Tech Contact", "   Tech Lda", "   Email: tech@sample.pt"),
    );
    expect(record.domain?.name).toBe("sample.pt");
    expect(record.dates?.created).toBe("2009-02-09T00:00:00Z");
    expect(record.statuses).toEqual(["ACTIVE"]);
    expect(byRole(record, "registrant")[0]?.name).toBe("Sample Lda");
    expect(byRole(record, "technical")[0]?.email).toBe("tech@sample.pt");
    expect(parseWhoisText(lines("Nome de domínio / Domain Name: gone.pt", "Estado / Status: Não registado")).status).toBe("available");
    const coop = parseWhoisText(lines("Domain Name: sample.coop", "Registrant Name: Jane", "State/Province: AB", "Domain Status: ok"));
    expect(coop.statuses).toEqual(["ok"]);
  });
});

describe("registrar blocks of small registries", () => {
  it(".pl style: a 'REGISTRAR:' address block gives the name and the web address", () => {
    const record = parseWhoisText(lines("DOMAIN NAME:           sample.pl", "created:               2000.01.01 12:00:00", "", "REGISTRAR:", "Sample Registrar Sp. z o.o.", "ul. Prosta 1", "00-001 Warszawa", "+48.221234567", "office@registrar.sample", "www.registrar.sample"));
    expect(record.registrar).toEqual({ name: "Sample Registrar Sp. z o.o.", url: "www.registrar.sample" });
  });

  it("KISA and nic.at style: the registrar's web address in brackets after its name", () => {
    expect(parseWhoisText(lines("Domain Name : sample.kr", "Authorized Agency : Sample Registrar(http://www.registrar.sample)")).registrar).toEqual({ name: "Sample Registrar", url: "http://www.registrar.sample" });
    expect(parseWhoisText(lines("domain: sample.at", "registrar: Sample GmbH ( https://registry.sample/registrar/123 )")).registrar).toEqual({ name: "Sample GmbH", url: "https://registry.sample/registrar/123" });
    // A registry id in brackets stays a handle, as before.
    expect(parseWhoisText(lines("Domain Name: sample.com", "Registrar: Sample Inc. (R37-LROR)")).registrar).toEqual({ name: "Sample Inc.", handle: "R37-LROR" });
  });

  it("the registrar's own object after the domain's (AFNIC style by name, SK-NIC style by handle)", () => {
    const afnic = parseWhoisText(lines("domain:      sample.fr", "status:      ACTIVE", "registrar:   SAMPLEREG", "", "registrar:   SAMPLEREG", "type:        Isp Option 1", "address:     1 Rue Exemple", "country:     FR", "website:     http://www.registrar.sample"));
    expect(afnic.registrar).toEqual({ name: "SAMPLEREG", url: "http://www.registrar.sample" });
    const sknic = parseWhoisText(lines("Domain:        sample.sk", "Registrar:     SMPL-0001", "Nameserver:    ns1.sample-host.net", "", "Registrar:     SMPL-0001", "Name:          Sample Registrar s. r. o.", "Email:         office@registrar.sample", "", "Contact:       Holder", "Name:          Someone Else", "Registrar:     SMPL-0001"));
    expect(sknic.registrar).toMatchObject({ name: "Sample Registrar s. r. o.", handle: "SMPL-0001" });
    // A block about another registrar, or a contact object naming the registrar further down, changes nothing.
    const other = parseWhoisText(lines("Domain:        sample.sk", "Registrar:     SMPL-0001", "", "Registrar:     OTHR-0002", "Name:          Other Registrar"));
    expect(other.registrar?.name).toBe("SMPL-0001");
  });

  it("KazNIC style: 'Current Registar' (sic) and a label line over 'Key....: value' lines", () => {
    const record = parseWhoisText(lines("Domain Name............: sample.kz", "", "Nameserver in listed order", "", "Primary server.........: ns1.sample-host.net", "Primary ip address.....: 192.0.2.1", "", "Current Registar: SAMPLE.KZ"));
    expect(record.registrar?.name).toBe("SAMPLE.KZ");
    expect(record.nameservers).toEqual([{ name: "ns1.sample-host.net", ipv4: ["192.0.2.1"] }]);
  });

  it("a doubled colon after a label is one separator (CoCCA 'Registry WHOIS Server:: …')", () => {
    const record = parseWhoisText(lines("Domain Name: sample.cx", "Registrar WHOIS Server:: whois.registrar.sample", "Name Server: ns1.sample-host.net"), { server: "whois.nic.cx" });
    expect(record.registrar?.whoisServer).toBe("whois.registrar.sample");
  });

  it("RIPN style: a contact field holding a web address names no contact", () => {
    const record = parseWhoisText(lines("domain: SAMPLE.RU", "nserver: ns1.sample-host.net.", "state: REGISTERED, DELEGATED, VERIFIED", "admin-contact: https://www.registrar.sample/whois"));
    expect(record.contacts).toBeUndefined();
    expect(record.statuses).toEqual(["REGISTERED", "DELEGATED", "VERIFIED"]);
  });
});

describe("labels in the registry's script", () => {
  it("JPRS Japanese labels", () => {
    const record = parseWhoisText(lines("[ドメイン名]                    SAMPLE.JP", "[ネームサーバ]                  ns1.sample.jp", "[ネームサーバ]                  ns2.sample.jp", "[登録年月日]                    2001/02/03", "[有効期限]                      2030/02/28", "[状態]                          Active"));
    expect(record.domain?.name).toBe("sample.jp");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample.jp", "ns2.sample.jp"]);
    expect(record.statuses).toEqual(["Active"]);
    expect(record.dates?.expires).toBe("2030-02-28T00:00:00Z");
  });

  it("CNNIC and Russian labels", () => {
    const cn = parseWhoisText(lines("域名: sample.cn", "域名状态: ok", "注册商: 示例注册商", "域名服务器: ns1.sample.cn", "到期时间: 2030-03-17 12:48:36"));
    expect(cn).toMatchObject({ domain: { name: "sample.cn" }, statuses: ["ok"], registrar: { name: "示例注册商" }, dates: { expires: "2030-03-17T12:48:36Z" } });
    const ru = parseWhoisText(lines("Доменное имя: sample.ru", "Состояние: REGISTERED", "Регистратор: SAMPLE-RU"));
    expect(ru.domain?.name).toBe("sample.ru");
    expect(ru.statuses).toEqual(["REGISTERED"]);
    expect(ru.registrar?.name).toBe("SAMPLE-RU");
  });
});
