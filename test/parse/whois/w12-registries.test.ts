// Issue #13 (w12, parser generality): answers of registries ../shared/corpus holds none of, in their own layouts
// (w12-answers.ts names each one's source), and the kinds of layout they stand for: NIR answers in the registry's
// language with bracketed section headings, a status that is a date, French date hints, RWhois, FRED, ARIN customers,
// EDUCAUSE's multi-line contact names; and availability, reservation and refusal in the registries' own words.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { ARIN_CUSTOMER, AW_DOMAIN, CR_DOMAIN, EDU_DOMAIN, GOOGLE_APP, JPNIC_IP, KRNIC_IP, PF_DOMAIN, RWHOIS_NET, TM_DOMAIN, W12_ANSWERS, type RegistryAnswer } from "./w12-answers.js";
import { parseRdap } from "../../../src/parse/rdap/index.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";

const parse = (answer: RegistryAnswer) => parseWhoisText(answer.text, { server: answer.server, query: answer.query });

describe("w12 registries: every answer is read as a registered object with its source named", () => {
  it.each(W12_ANSWERS.map((answer) => [answer.server, answer] as const))("%s", (_server, answer) => {
    expect(answer.source.length).toBeGreaterThan(20);
    const record = parse(answer);
    expect(record.status).toBe("registered");
    expect(record.notes?.some((note) => note.startsWith("status unknown")) ?? false).toBe(false);
  });
});

describe("NIR answers in the registry's language", () => {
  it("KRNIC: bracketed section headings open the contacts' sections; the range with its prefix note is the network", () => {
    const record = parse(KRNIC_IP);
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ startAddress: "192.0.2.0", endAddress: "192.0.2.255", cidrs: ["192.0.2.0/24"], handle: "192.0.2.0 - 192.0.2.255", name: "EXNET" });
    expect(record.dates?.created).toBe("2001-02-03T00:00:00Z");
    expect(byRole(record, "administrative")[0]).toMatchObject({ name: "IP Manager", email: "ip@example.co.kr", phone: "+82-2-555-0100" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Network Operator", email: "noc@example.co.kr" });
  });

  it("a bracketed line is a heading only when its words are one ('[ Admin Contact Information]'); JPRS's notice stays a comment", () => {
    const entries = tokenize(KRNIC_IP.text);
    expect(entries.find((entry) => entry.key === "name" && entry.value === "IP Manager")?.section).toBe("admin contact information");
    expect(tokenize(JPNIC_IP.text).some((entry) => entry.value.includes("JPNIC database provides"))).toBe(false);
  });

  it("JPNIC in Japanese: 'Network Information: [ネットワーク情報]' opens the network's section; an empty '[ネットワーク名]' is an empty field, not a heading", () => {
    const record = parse(JPNIC_IP);
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ cidrs: ["192.0.2.0/24"], organization: "株式会社エグザンプル" });
    expect(record.network?.name).toBeUndefined();
    expect(record.dates).toEqual({ created: "2021-07-24T00:00:00Z", updated: "2021-09-24T01:47:07Z" });
    expect(byRole(record, "administrative")[0]?.handle).toBe("JP00001234");
    expect(byRole(record, "technical")[0]?.handle).toBe("EX1234JP");
    expect(byRole(record, "abuse")[0]).toMatchObject({ email: "abuse@example.jp" });
    expect(byRole(record, "abuse")[0]?.name).toBeUndefined();
  });

  it("DENIC's '[Tech-C]' above its contact's lines is still a heading (the empty-bracket rule is for field labels only)", () => {
    const record = parseWhoisText(lines("Domain: beispiel.de", "Status: connect", "", "[Tech-C]", "Type: PERSON", "Name: Tina Technik", "City: Berlin", ""), { server: "whois.denic.de" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Tina Technik", city: "Berlin" });
  });
});

describe("ccTLD layouts", () => {
  it(".tm: 'Status : Expires 14-Jun-2028' is the expiry date, not a status", () => {
    const record = parse(TM_DOMAIN);
    expect(record.dates?.expires).toBe("2028-06-14T00:00:00Z");
    expect(record.statuses).toBeUndefined();
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example-trade.tm", "ns2.example-host.net"]);
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Ahmet Example", organization: "Example Trade HJ", city: "Ashgabat" });
  });

  it(".pf: labels with their French date format, 'Compagnie Name' as the organisation, the registrar's own block", () => {
    const record = parse(PF_DOMAIN);
    // The domain is named only in the lead sentence ("Informations about 'example.pf' :"): the name asked, found there.
    expect(record.domain?.name).toBe("example.pf");
    expect(parseWhoisText(PF_DOMAIN.text, { server: PF_DOMAIN.server, query: "other-example.pf" }).domain).toBeUndefined();
    expect(record.dates).toMatchObject({ created: "2012-03-21T00:00:00Z", expires: "2027-03-21T00:00:00Z" });
    expect(record.registrar?.name).toBe("ONATi");
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Tama Example", organization: "Example SARL", city: "Papeete", countryCode: "PF" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Hina Example", organization: "Example Host" });
    expect(parseWhoisText("Domain unknown\n", { server: "whois.registry.pf", query: "absent.pf" }).status).toBe("available");
  });

  it(".aw (SIDN's software): the registrar's bare-line block, labels on their own line before their values", () => {
    const record = parse(AW_DOMAIN);
    expect(record.registrar?.name).toBe("Voorbeeld Registrar N.V.");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.voorbeeld.aw", "ns2.voorbeeld-host.net"]);
    expect(record.dates).toMatchObject({ created: "2016-02-03T00:00:00Z", updated: "2024-05-06T00:00:00Z" });
    expect(record.dnssec).toBe("unsigned");
  });

  it(".cr on FRED: objects by handle, the keyset's dnskey means signed", () => {
    const record = parse(CR_DOMAIN);
    expect(record.dnssec).toBe("signed");
    expect(record.dates).toMatchObject({ created: "2015-02-03T10:11:12Z", expires: "2027-02-03T00:00:00Z" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "CR-EJEMPLO-1", name: "Ana Ejemplo", organization: "Ejemplo Sociedad Anonima", city: "San Jose" });
    expect(byRole(record, "administrative")[0]).toMatchObject({ handle: "CR-EJEMPLO-2", name: "Luis Administrador" });
    expect(record.nameservers?.[0]).toEqual({ name: "ns1.ejemplo.cr", ipv4: ["192.0.2.53"] });
  });

  it("Google Registry (.app): registrar, abuse desk, redactions, the registrant's organisation", () => {
    const record = parse(GOOGLE_APP);
    expect(record.registrar).toMatchObject({ name: "Example Registrar, Inc.", ianaId: "9999", abuseEmail: "abuse@example-registrar.test" });
    const [registrant] = byRole(record, "registrant");
    expect(registrant).toMatchObject({ organization: "Example Tools LLC", state: "CA", countryCode: "US" });
    expect(registrant?.redacted).toEqual(expect.arrayContaining(["name", "street", "email"]));
    expect(record.dnssec).toBe("signed");
  });
});

describe("number resources reached by referral", () => {
  it("RWhois (RFC 2167): 'network:IP-Network:' is the range; 'network:State:VA' is no status", () => {
    const record = parse(RWHOIS_NET);
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ cidrs: ["192.0.2.0/26"], name: "EXAMPLE-CUSTOMER-NET", organization: "Example Customer LLC" });
    expect(record.network?.type).toBeUndefined();
    expect(record.statuses).toBeUndefined();
  });

  it("ARIN reassignment to a customer: port 43 names the registrant RDAP names (handle, name, address)", () => {
    const whois = parse(ARIN_CUSTOMER);
    const rdap = parseRdap({
      objectClassName: "ip network",
      handle: "NET-192-0-2-0-1",
      startAddress: "192.0.2.0",
      endAddress: "192.0.2.255",
      ipVersion: "v4",
      name: "EXAMPLE-CUST-NET",
      type: "REASSIGNED",
      parentHandle: "NET-192-0-0-0-1",
      cidr0_cidrs: [{ v4prefix: "192.0.2.0", length: 24 }],
      entities: [
        {
          objectClassName: "entity",
          handle: "C01234567",
          roles: ["registrant"],
          vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Example Widgets"], ["kind", {}, "text", "org"],
            ["adr", { label: "100 Example Street\nSpringfield\nVA\n22150\nUnited States" }, "text", ["", "", "100 Example Street", "Springfield", "VA", "22150", "United States"]]]],
        },
      ],
    }, { server: "rdap.arin.net", query: ARIN_CUSTOMER.query });
    const holder = (record: ReturnType<typeof parse>) => byRole(record, "registrant").map((contact) => ({ handle: contact.handle, name: contact.name, city: contact.city, state: contact.state, postalCode: contact.postalCode }));
    expect(holder(whois)).toEqual(holder(rdap));
    expect(holder(whois)).toEqual([{ handle: "C01234567", name: "Example Widgets", city: "Springfield", state: "VA", postalCode: "22150" }]);
    expect(whois.network?.handle).toBe(rdap.network?.handle);
  });
});

describe("EDUCAUSE contacts: one name of several lines, then the address (no line of the block lost)", () => {
  it("person, title and institution are the name; the numbered line and after are the street", () => {
    const record = parse(EDU_DOMAIN);
    const [registrant] = byRole(record, "registrant");
    expect(registrant).toMatchObject({ organization: "Example College", street: ["Office of Information Technology", "200 College Road"], city: "Springfield", state: "IL" });
    const [admin] = byRole(record, "administrative");
    expect(admin).toMatchObject({ name: "Pat Q Admin\nDirector, Network Services\nExample College", street: ["200 College Road"], email: "pat@example-college.edu" });
    expect(admin?.organization).toBeUndefined();
    // No numbered line: every line before the city is the name (as weppos/whois-parser reads EDUCAUSE's blocks).
    const [tech] = byRole(record, "technical");
    expect(tech).toMatchObject({ name: "Network Operations\nExample College\nInformation Technology Services", city: "Springfield", phone: "+1.2175550101" });
    expect(tech?.street).toBeUndefined();
  });

  it("other registries' free-form blocks keep a line between the name and the organization as an address line", () => {
    const record = parseWhoisText(lines("Domain Name: example.tw", "", "Registrant:", "   Lin Example", "   Purchasing Dept.", "   Example Trading Co.", "   No. 5, Example Road", "   Taipei, TW 10001", "   TW", ""), { query: "example.tw" });
    const [registrant] = byRole(record, "registrant");
    expect(registrant?.name).toBe("Lin Example");
    expect(registrant?.organization).toBe("Example Trading Co.");
    expect(registrant?.street?.[0]).toBe("Purchasing Dept.");
  });
});

describe("indented sections whose labels stand on a line of their own", () => {
  it("'Registrant' / '    Name' / '        Example Org': the field's label above its value lines, inside the role's section", () => {
    const record = parseWhoisText(lines(
      "Domain name", "        example.com", "Registrant", "    Name", "        Example Org", "    Address", "        1 Example Street", "        Berlin",
      "    E-mail", "        hostmaster@example.com", "Created", "        2020-01-02", "Nameservers", "        ns1.example.net", "",
    ), { query: "example.com" });
    expect(byRole(record, "registrant")).toEqual([expect.objectContaining({ name: "Example Org", street: ["1 Example Street", "Berlin"], email: "hostmaster@example.com" })]);
    expect(record.dates?.created).toBe("2020-01-02T00:00:00Z");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net"]);
  });

  it("a bare line under a role heading that is no field label stays a line of the free-form contact", () => {
    const record = parseWhoisText(lines("Domain name: example.com", "Registrant:", "    Example Org", "    Sales", "        (night desk)", ""), { query: "example.com" });
    expect(byRole(record, "registrant")[0]?.name).toBe("Example Org");
  });
});

describe("status and date labels in more registries' languages", () => {
  it.each(["État", "Statut du domaine", "Stav domény", "Stan", "Stanje domene", "Статус домена", "الحالة", "Trạng thái tên miền", "ドメインステータス", "網域狀態", "Registry status", "Domain Status Info"])("status under %s", (label) => {
    expect(parseWhoisText(lines("Domain Name: example.com", `${label}: clientHold`, "Name Server: ns1.example.net"), { query: "example.com" }).statuses).toEqual(["clientHold"]);
  });
  it.each([
    ["Son kullanma tarihi", "expires"], ["Срок действия", "expires"], ["تاريخ الانتهاء", "expires"], ["Utløpsdato", "expires"], ["Udløbsdato", "expires"],
    ["تاريخ التسجيل", "created"], ["创建日期", "created"], ["註冊日期", "created"], ["Modificado", "updated"], ["تاريخ التحديث", "updated"],
  ] as const)("%s is the %s date", (label, field) => {
    const record = parseWhoisText(lines("Domain Name: example.com", `${label}: 2027-01-02`, "Name Server: ns1.example.net"), { query: "example.com" });
    expect(record.dates?.[field]).toBe("2027-01-02T00:00:00Z");
  });
});

describe("status values that say available, reserved or invalid, in the registry's language", () => {
  it.each([
    ["available", "Non attribué"], ["available", "Nicht vergeben"], ["available", "Non assegnato"], ["available", "No asignado"], ["available", "Não atribuído"],
    ["available", "未分配"], ["available", "Disponible para registro"], ["available", "Свободен для регистрации"], ["available", "등록가능"],
    ["reserved", "Reservado por el registro"], ["reserved", "Réservé par le registre"], ["invalid", "Nombre inválido"],
  ] as const)("%s: Status: %s", (status, value) => {
    expect(parseWhoisText(lines("Domain: example.xx", `Status: ${value}`), { query: "example.xx" }).status).toBe(status);
  });

  // A blocked, restricted or protected name beside its registration (registrar, dates) is a registered one on hold, not a
  // reservation: left to the other evidence. (With nothing registered, w19: Estonia's blocked names are reserved,
  // w19-public-answers.test.ts.)
  it.each(["Blocked", "Restricted"])("registered: Status: %s beside a registrar and a creation date", (value) => {
    const text = lines("Domain: example.xx", `Status: ${value}`, "Registrar: Sample Registrar", "Created: 2001-01-01");
    expect(parseWhoisText(text, { query: "example.xx" }).status).toBe("registered");
  });
});

describe("registrar names with a registry id after them (issue #13 leftovers)", () => {
  it.each([
    ["Sponsoring Registrar:Tucows Inc. (R11-LROR)", { name: "Tucows Inc.", handle: "R11-LROR" }],
    ["Registrar: Tuonome IT (380)", { name: "Tuonome IT", ianaId: "380" }],
    ["Registrar: MarkMonitor, Inc (TLDs)", { name: "MarkMonitor, Inc (TLDs)" }],
    ["Registrar: Example (Asia) Ltd", { name: "Example (Asia) Ltd" }],
    ["Registrar: Example Registrar (Europe)", { name: "Example Registrar (Europe)" }],
  ] as const)("%s", (line, registrar) => {
    expect(parseWhoisText(lines("Domain Name: sample.com", line), { query: "sample.com" }).registrar).toEqual(registrar);
  });

  it("Nominet: the [Tag = …] is the handle; the name keeps its 't/a' trading name whole", () => {
    const record = parseWhoisText(lines("    Domain name:", "        example.co.uk", "", "    Registrar:", "        Example Ltd t/a Example Domains [Tag = EXAMPLE-TAG]", "        URL: https://www.example.co.uk", ""), { server: "whois.nic.uk", query: "example.co.uk" });
    expect(record.registrar).toMatchObject({ name: "Example Ltd t/a Example Domains", handle: "EXAMPLE-TAG", url: "https://www.example.co.uk" });
  });
});

describe("availability, reservation and refusal in the registries' own words (answers with no record)", () => {
  // Each wording carries its subject ("the domain is …"), so a footer about the service ("… est disponible sur …") is none.
  const CASES: readonly [string, string][] = [
    ["reserved", "Domínio reservado"], ["reserved", "Domena zastrzeżona"], ["reserved", "该域名为保留域名，不能注册。"],
    ["invalid", "Недопустимое имя домена"], ["invalid", "域名格式错误"], ["invalid", "Neplatný název domény"],
    ["available", "Domínio disponível para registro"], ["available", "Ce domaine est disponible à l'enregistrement"], ["available", "Доменное имя свободно"],
    ["available", "域名可以注册"], ["available", "사용 가능한 도메인입니다"], ["available", "Alan adı kayıt edilebilir"],
    ["available", "Il dominio è disponibile"], ["available", "Domena jest dostępna"], ["available", "Doména je volná"],
    ["available", "このドメイン名は登録可能です"], ["available", "El dominio está disponible"],
  ];
  it.each(CASES)("%s: %s", (status, text) => {
    expect(parseWhoisText(`${text}\n`, { query: "example.xx" }).status).toBe(status);
  });

  it("beside a record, a footer with those words decides nothing", () => {
    const record = parseWhoisText(lines("Domain Name: ejemplo.xx", "Creation Date: 2020-01-02", "Name Server: ns1.ejemplo.xx", "", "% El dominio está disponible en nuestro portal web para consultas.", ""), { query: "ejemplo.xx" });
    expect(record.status).toBe("registered");
  });
});
