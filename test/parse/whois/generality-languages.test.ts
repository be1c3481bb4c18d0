// Issue #13, "Parser generality": the registry's own words for its status label and for "available", "reserved"
// and "invalid", in the registries' languages. Every answer below is written here in the layout named beside it;
// names are example/documentation names, dates invented. Where no registry page shows the exact wording, the row
// is the language's plain word for the status (as docs/parsing.md says of the phrase tables).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContactRole } from "../../../src/record/types.js";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText, registrarWithUrl } from "../../../src/parse/whois/index.js";
import { statusMeaning } from "../../../src/parse/whois/status-words.js";
import { CONTACT_FIELD_ALIASES, FIELD_ALIASES } from "../../../src/parse/whois/aliases.js";
import { parseDate } from "../../../src/parse/dates.js";


describe("the status label in the registry's language", () => {
  // Labels as the registries print them: pt "Estatuto", de "Zustand", fi "Tila", hu "Állapot", ro "Stare",
  // vi "Trạng thái" (VNNIC's label, as the .vn look-up pages show it: https://tool.vn/whois), pl "Status domeny",
  // hr "Status domene", el "Κατάσταση", tr "Alan adı durumu", it "Stato dominio", et "Staatus", lt "Statusas",
  // lv "Statuss", da "Tilstand", ja "ステータス", ko "도메인 상태", zh-TW "狀態".
  it.each([
    ["Estatuto", "ACTIVO"],
    ["Zustand", "connect"],
    ["Tila", "Rekisteröity"],
    ["Állapot", "aktív"],
    ["Stare", "OK"],
    ["Trạng thái", "clientTransferProhibited"],
    ["Status domeny", "REGISTERED"],
    ["Status domene", "active"],
    ["Κατάσταση", "ενεργό"],
    ["Alan adı durumu", "Aktif"],
    ["Stato dominio", "ok"],
    ["Staatus", "ok"],
    ["Statusas", "registered"],
    ["Statuss", "aktīvs"],
    ["Tilstand", "aktiv"],
    ["ステータス", "Active"],
    ["도메인 상태", "사용중"],
    ["狀態", "ok"],
  ])("'%s: %s' is the domain's status, and the record stays registered", (label, value) => {
    const record = parseWhoisText(lines("Domain: example.example", `${label}: ${value}`), { query: "example.example" });
    expect(record.statuses).toEqual([value]);
    expect(record.status).toBe("registered");
  });

  it("the label on a line of its own with the value indented below (Nominet's 'Registration status:' layout)", () => {
    // Nominet, WHOIS detailed instructions (http://www.nominet.org.uk/other/whois/detailedinstruct/): every label on a
    // line of its own, values indented below it.
    const record = parseWhoisText(lines("    Domain name:", "        example.co.uk", "", "    Registration status:", "        Registered until expiry date.", "", "    Name servers:", "        ns1.example.net"));
    expect(record.statuses).toEqual(["Registered until expiry date."]);
    expect(record.status).toBe("registered");
  });
});

describe("the registry's status word in its language decides the answer", () => {
  it.each([
    // available
    ["Estatuto", "Livre", "available"],
    ["Situação", "disponível", "available"],
    ["Durum", "Müsait", "available"],
    ["Stare", "disponibil", "available"],
    ["Status domeny", "dostępna", "available"],
    ["Tila", "Vapaa", "available"],
    ["Állapot", "szabad", "available"],
    ["Trạng thái", "Chưa đăng ký", "available"],
    ["상태", "미등록", "available"],
    ["状態", "未登録", "available"],
    ["Статус", "свободный", "available"],
    // reserved
    ["Zustand", "reserviert", "reserved"],
    ["Durum", "Rezerve", "reserved"],
    ["域名状态", "保留", "reserved"],
    ["상태", "예약", "reserved"],
    ["Status domene", "rezervirano", "reserved"],
    ["Tila", "Varattu", "reserved"],
    ["Status", "zastrzeżona", "reserved"],
    // invalid
    ["Status", "nieprawidłowa", "invalid"],
    ["Durum", "Geçersiz", "invalid"],
    ["Statut", "invalide", "invalid"],
    ["Stav", "neplatný", "invalid"],
    ["状态", "无效", "invalid"],
  ])("'%s: %s' → %s", (label, word, expected) => {
    const record = parseWhoisText(lines("Domain: example.example", `${label}: ${word}`), { query: "example.example" });
    expect(record.status).toBe(expected);
  });

  it("registered-state words in the same languages mean nothing special", () => {
    for (const word of ["Rekisteröity", "aktív", "Aktif", "ACTIVO", "connect", "사용중", "REGISTERED", "ok"]) expect(statusMeaning(word)).toBeUndefined();
  });

  it("the registry's word followed by its gloss: the word before the first ' - ', ': ' or ' / ' decides", () => {
    expect(statusMeaning("RESERVED - Reserved by the registry")).toBe("reserved");
    expect(statusMeaning("Libre / Available")).toBe("available");
    expect(statusMeaning("Available: the name can be registered")).toBe("available");
    expect(statusMeaning("NOT ALLOWED – characters outside the registry's table")).toBe("invalid");
    // Registered-state words with a gloss mean nothing here; nor does a sentence without a separator.
    for (const value of ["ok - no pending operations", "REGISTERED / BLOCKED", "Active: in zone", "reserved for future use by the registry operator"]) expect(statusMeaning(value)).toBeUndefined();
    const record = parseWhoisText(lines("Domain: example.example", "Registrar: Example Registry Services", "Created: 2001-02-03", "Status: RESERVED - Reserved by the registry"));
    expect(record.status).toBe("reserved");
  });

  it("property: a known word, any separator, any short gloss: the word's meaning; the gloss alone never adds one", () => {
    const known = fc.constantFrom(["Free", "available"], ["RESERVED", "reserved"], ["Livre", "available"], ["rezerve", "reserved"], ["invalid", "invalid"], ["NOT_OPEN", "reserved"]);
    const gloss = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(known, fc.constantFrom(" - ", " – ", ": ", " / "), gloss, ([word, meaning], separator, text) => statusMeaning(`${word}${separator}${text}`) === meaning),
      { numRuns: 300 },
    );
    // A registered-state word before the separator: whatever the gloss says ("ok - free to transfer"), no meaning.
    fc.assert(fc.property(fc.constantFrom("ok", "active", "clientHold", "Registered", "connect"), fc.constantFrom(" - ", ": ", " / "), gloss, (word, separator, text) => statusMeaning(`${word}${separator}${text}`) === undefined), { numRuns: 300 });
  });

  it("a status word is read whole: a sentence that holds one is not the word", () => {
    expect(statusMeaning("Livre")).toBe("available");
    expect(statusMeaning("livre para registo mediante pedido")).toBeUndefined();
    expect(statusMeaning("保留")).toBe("reserved");
    expect(statusMeaning("保留 (registry lock)")).toBeUndefined();
  });
});

describe("not-found, reserved and invalid answers in the registry's own words", () => {
  it.each([
    // Plain "nothing found / not registered" in the registries' languages.
    ["Nenhum registro encontrado para example.example.", "available"],
    ["Aucun enregistrement trouvé pour example.example", "available"],
    ["Dominio libero: example.example", "available"],
    ["Domena example.example nie została znaleziona.", "available"],
    ["没有匹配的记录。", "available"],
    ["該当する ドメイン名は登録されていません。", "available"],
    ["example.example 은(는) 등록되지 않은 도메인입니다.", "available"],
    ["Nu a fost găsit niciun rezultat pentru example.example", "available"],
    ["The domain example.example is not yet registered.", "available"],
    ["example.example is unregistered.", "available"],
    ["example.example is available for purchase.", "available"],
    ["No registration found for example.example", "available"],
    ["Your query returned 0 results.", "available"],
    // A name withheld by the registry.
    ["example.example is on the reserved list of the registry.", "reserved"],
    ["The name example.example is withheld from registration.", "reserved"],
    ["El dominio example.example está reservado.", "reserved"],
    ["Il nome example.example è riservato.", "reserved"],
    ["Le nom example.example est réservé par l'office d'enregistrement.", "reserved"],
    ["example.example alan adı rezerve edilmiştir.", "reserved"],
    ["example.example 为保留域名", "reserved"],
    ["example.example は予約されています。", "reserved"],
    ["example.example 은(는) 예약된 도메인입니다.", "reserved"],
    ["Domena example.example jest zastrzeżona przez rejestr.", "reserved"],
    // The query itself is refused.
    ["Invalid domain: example..example", "invalid"],
    ["The domain name is not valid.", "invalid"],
    ["Wrong domain name.", "invalid"],
    ["The name contains illegal characters.", "invalid"],
    ["400 Bad Request", "invalid"],
    ["Nome de domínio inválido.", "invalid"],
    ["Geçersiz alan adı: example..example", "invalid"],
    ["查询的域名无效", "invalid"],
  ])("%s → %s", (text, expected) => {
    expect(parseWhoisText(`${text}\n`, { query: "example.example" }).status).toBe(expected);
  });

  it("a registered record keeps its status whatever its disclaimer says", () => {
    const record = parseWhoisText(
      lines(
        "Domain Name: example.example",
        "Creation Date: 2001-02-03T00:00:00Z",
        "Name Server: ns1.example.net",
        "",
        "% Names on the reserved list are withheld from registration; a query that is not valid is refused.",
        "% Aucun enregistrement trouvé means the name is free.",
      ),
    );
    expect(record.status).toBe("registered");
    // Without a date, name server or registrar the phrases are read (decideStatus): a policy disclaimer must hold none.
    const policy = [
      "% Names on the reserved list are withheld from registration; a query that is not valid is refused.",
      "% A bad request, or a name with illegal characters, is refused. Premium names are available for purchase.",
      "% Toute requête non valide est refusée.",
    ];
    expect(parseWhoisText(lines("Domain Name: example.example", "Domain Status: ok", "", ...policy)).status).toBe("registered");
    expect(parseWhoisText(lines("Domain Name: example.example", "Registrant Name: Example Holder", "", ...policy)).status).toBe("registered");
  });

  it("a refusal keeps its meaning beside a disclaimer about registering (\"can be registered\" is not a not-found phrase)", () => {
    // HKIRC's disclaimer says names "can be registered via HKIRC-Accredited Registrars" under every answer.
    expect(parseWhoisText(lines("Invalid domain name.", "", " .example top level domain names can be registered via accredited registrars.")).status).toBe("invalid");
  });

  it("what no table knows stays unknown, with its reason", () => {
    const record = parseWhoisText("This server does not serve that zone.\n", { query: "example.example" });
    expect(record.status).toBe("unknown");
    expect(record.notes?.[0]).toMatch(/^status unknown: .*first line: "This server does not serve that zone\."/);
  });
});

describe("contact blocks of bare lines", () => {
  // TWNIC layout (the registrant block of bare lines, a person's name and e-mail on one line apart).
  it("two spaces before an e-mail address part the name from the address", () => {
    const record = parseWhoisText(
      lines("Domain Name: example.tw", "   Registrant:", "      Example Co.", "      Example Person  hostmaster@example.tw", "      +886.225550100", "      TW", "", "   Technical Contact:", "      Example Person  tech@example.tw", "", "   Domain servers in listed order:", "      ns1.example.net"),
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ name: "Example Co.", organization: "Example Person", email: "hostmaster@example.tw", countryCode: "TW" });
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Example Person", email: "tech@example.tw" });
  });

  it("property: any name (no '@', single spaces) two spaces before any e-mail gives that name and that e-mail", () => {
    // (A one-word name the builder reads as "no value" — "Na", "None", "Null" — is left out: contacts.ts drops those.
    // So is a name whose first word is a field label of the parser's own tables: "Ns  a@b.example" or "Fax Smith  …"
    // reads as a label and its value, as it does in real answers; a random seed once drew "Ns".)
    const labelWords = new Set([...FIELD_ALIASES.keys(), ...CONTACT_FIELD_ALIASES.keys()]);
    const word = fc.stringMatching(/^[A-Z][a-z]{1,10}$/);
    const name = fc
      .array(word, { minLength: 1, maxLength: 3 })
      .filter((words) => !labelWords.has((words[0] as string).toLowerCase()))
      .map((words) => words.join(" "))
      .filter((person) => !["na", "none", "null"].includes(person.toLowerCase()));
    const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z]{2,10}$/)).map(([local, host]) => `${local}@${host}.example`);
    fc.assert(
      fc.property(name, email, (person, address) => {
        const record = parseWhoisText(lines("Domain Name: example.tw", "   Administrative Contact:", `      ${person}  ${address}`, "      +886.225550100"));
        const admin = byRole(record, "administrative")[0];
        return admin?.name === person && admin.email === address;
      }),
      { numRuns: 200 },
    );
  });
});

describe("labels of the Korean, Japanese and Spanish-language registries", () => {
  // KISA's answer (whois.kr) prints a Korean section and then the same record in English; the registrar's web
  // address follows its name in brackets, and the name may hold brackets of its own ("(주)", a company). The
  // section layout is the one KISA describes for its WHOIS (http://www.gtld-similarity.info/1664/53.html) and the
  // one its answers in ../shared/corpus show; values here are example values.
  const kisa = lines(
    "query : example.kr",
    "",
    "# KOREAN(UTF8)",
    "",
    "도메인이름                  : example.kr",
    "등록인                      : 예시",
    "책임자                      : 예시",
    "등록일                      : 2012. 05. 19.",
    "사용 종료일                 : 2030. 05. 19.",
    "등록대행자                  : (주)예시등록(http://www.registrar.example)",
    "DNSSEC                      : 미서명",
    "",
    "1차 네임서버 정보",
    "   호스트이름               : ns1.example.net",
    "",
    "2차 네임서버 정보",
    "   호스트이름               : ns2.example.net",
    "",
    "# ENGLISH",
    "",
    "Domain Name                 : example.kr",
    "Registrant                  : Example Holder",
    "Administrative Contact(AC)  : Example Admin",
    "AC E-Mail                   : admin@example.kr",
    "AC Phone Number             : 82-2-555-0100",
    "Registered Date             : 2012. 05. 19.",
    "Expiration Date             : 2030. 05. 19.",
    "Authorized Agency           : Example Registrar(http://www.registrar.example)",
    "DNSSEC                      : unsigned",
    "",
    "Primary Name Server",
    "   Host Name                : ns1.example.net",
    "",
    "Secondary Name Server",
    "   Host Name                : ns2.example.net",
  );

  it("KISA: the registrar and its web address, the name servers and DNSSEC from the Korean section", () => {
    const record = parseWhoisText(kisa, { server: "whois.kr" });
    expect(record.registrar).toEqual({ name: "(주)예시등록", url: "http://www.registrar.example" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
    expect(record.dnssec).toBe("unsigned");
    expect(record.dates).toMatchObject({ created: "2012-05-19T00:00:00Z", expires: "2030-05-19T00:00:00Z" });
  });

  it("KISA: 'Administrative Contact(AC)' names the contact whose fields are 'AC E-Mail', 'AC Phone Number' (one language, not mixed)", () => {
    const record = parseWhoisText(kisa, { server: "whois.kr" });
    expect(byRole(record, "administrative")).toEqual([{ roles: ["administrative"], name: "Example Admin", email: "admin@example.kr", phone: "82-2-555-0100" }]);
    expect(byRole(record, "registrant")[0]?.name).toBe("Example Holder");
  });

  it("JPRS .co.jp: [登録担当者] and [技術連絡担当者] are the contacts' handles; [登録者名] is the registrant's name", () => {
    // JPRS, list of the items its WHOIS publishes (https://jprs.jp/doc/rule/disclose-list.html): domain information of
    // organization-type names with 登録担当者 (registration contact) and 技術連絡担当者 (technical contact) given by handle.
    const cojp = parseWhoisText(lines("Domain Information: [ドメイン情報]", "a. [ドメイン名]                 EXAMPLE.CO.JP", "m. [登録担当者]                 EX001JP", "n. [技術連絡担当者]             EX002JP", "p. [ネームサーバ]               ns1.example.net"));
    expect(byRole(cojp, "administrative")[0]?.handle).toBe("EX001JP");
    expect(byRole(cojp, "technical")[0]?.handle).toBe("EX002JP");
    // JPRS gTLD list (https://jprs.jp/registrar/doc/rule/archive/disclose-list-gtld.20110718.html): 登録者名 / Registrant.
    const jp = parseWhoisText(lines("[Domain Name]                   EXAMPLE.JP", "[登録者名]                      例示株式会社", "[Name Server]                   ns1.example.net"));
    expect(byRole(jp, "registrant")[0]?.name).toBe("例示株式会社");
  });

  it("NIC Chile style: 'Servidor de Nombre' once per server", () => {
    const record = parseWhoisText(lines("Nombre de dominio: example.cl", "Titular: Ejemplo SpA", "Agente Registrador: Ejemplo Registrador SpA", "Servidor de Nombre: ns1.example.net", "Servidor de Nombre: ns2.example.net"));
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
    expect(byRole(record, "registrant")[0]?.name).toBe("Ejemplo SpA");
  });
});

describe("registrarWithUrl (hand-written, no pattern)", () => {
  it("reads the last brackets only when they hold one web address", () => {
    expect(registrarWithUrl("Example Registrar(http://www.registrar.example)")).toEqual({ name: "Example Registrar", url: "http://www.registrar.example" });
    expect(registrarWithUrl("Example GmbH ( https://registry.example/registrar/123 )")).toEqual({ name: "Example GmbH", url: "https://registry.example/registrar/123" });
    expect(registrarWithUrl("(주)예시(http://www.registrar.example)")).toEqual({ name: "(주)예시", url: "http://www.registrar.example" });
    for (const line of ["Tuonome IT (380)", "MarkMonitor Inc. (R37-LROR)", "(http://www.registrar.example)", "Example (https://)", "Example (http://a b)", "Example http://www.registrar.example"]) expect(registrarWithUrl(line)).toBeUndefined();
  });

  it("property: a name and a URL written together come back as that name and that URL; nothing else is invented", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9.,()& -]{0,30}[A-Za-z0-9.]$/);
    const url = fc.tuple(fc.constantFrom("http://", "https://", "HTTP://"), fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,40}$/)).map(([scheme, rest]) => scheme + rest);
    fc.assert(
      fc.property(name, url, fc.constantFrom("", " ", "  "), (registrar, address, gap) => {
        const got = registrarWithUrl(`${registrar}${gap}(${gap}${address}${gap})`);
        return got !== undefined && got.name === registrar.trim() && got.url === address;
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        const got = registrarWithUrl(line);
        return got === undefined || (line.startsWith(got.name) && line.includes(got.url) && /^https?:\/\/\S/i.test(got.url));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the registrar printed as a block under its own heading", () => {
  // NASK prints "REGISTRAR:" over the registrar's name, address, phone and web lines (https://dns.pl/en/whois/FAQ,
  // the .pl shape); other small registries put the same block under their own heading. Each heading below must
  // give the registrar's name (first line) and web address, and none of its lines may become a contact.
  it.each(["Registrar:", "REGISTRAR", "Sponsoring Registrar:", "Registrar Information:", "Registrar Details:", "Registrar Info:", "Registrador:", "Agente Registrador:", "Bureau d'enregistrement:", "注册商:"])(
    "%s",
    (heading) => {
      const record = parseWhoisText(lines("Domain Name: example.com", "Creation Date: 2001-02-03", "", heading, "    Example Registrar Ltd.", "    12 Example Road", "    Example City 1234", "    Phone: +1.5555550100", "    https://www.registrar.example", "", "Name Servers:", "    ns1.example.net"));
      expect(record.registrar).toEqual({ name: "Example Registrar Ltd.", url: "https://www.registrar.example" });
      expect(record.contacts).toBeUndefined();
      expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net"]);
    },
  );

  it("Name:/Web: labels inside such a block are the registrar's (the .it shape under another heading)", () => {
    const record = parseWhoisText(lines("Domain: example.example", "", "Registrar Information:", "    Name: Example Registrar S.p.A.", "    Web: https://www.registrar.example", "    Phone: +39.0555550100"));
    expect(record.registrar).toEqual({ name: "Example Registrar S.p.A.", url: "https://www.registrar.example" });
  });

  it("a reseller's block is not the registrar's (Nominet 'Registered through:' above 'Registrar:')", () => {
    // Nominet WHOIS detailed instructions (http://www.nominet.org.uk/other/whois/detailedinstruct/): "Registrar:" gives
    // the tag holder's name and [Tag = …]; a reseller, when there is one, is printed above it.
    const record = parseWhoisText(
      lines("    Domain name:", "        example.co.uk", "", "    Registered through:", "        Example Reseller Ltd", "        URL: http://www.reseller.example", "", "    Registrar:", "        Example Registrar Ltd [Tag = EXAMPLE]", "        URL: http://www.registrar.example"),
    );
    expect(record.registrar).toMatchObject({ name: "Example Registrar Ltd", handle: "EXAMPLE" });
    const reseller = parseWhoisText(lines("Domain Name: example.com", "", "Reseller:", "    Example Reseller Ltd", "    https://www.reseller.example"));
    expect(reseller.registrar).toBeUndefined();
  });
});

describe("role headings in the registry's language over a block of bare lines", () => {
  // The layout kind of docs/parsing.md ("bare lines under a role heading are a free-form contact"), with the role
  // named as registries name it in their languages (NASK's Polish answers name the holder "Abonent", RIPN's
  // Russian ones "Владелец"; "Technischer Kontakt", "Kontakt techniczny", "İdari İrtibat" …).
  it.each([
    ["Abonent:", "registrant"],
    ["Subscriber:", "registrant"],
    ["Domain Owner:", "registrant"],
    ["Držitel:", "registrant"],
    ["Alan Adı Sahibi:", "registrant"],
    ["Владелец:", "registrant"],
    ["登録者:", "registrant"],
    ["注册人:", "registrant"],
    ["持有人:", "registrant"],
    ["Administrativer Kontakt:", "administrative"],
    ["Kontakt administracyjny:", "administrative"],
    ["Administratief contact:", "administrative"],
    ["İdari İrtibat:", "administrative"],
    ["Административный контакт:", "administrative"],
    ["Technischer Kontakt:", "technical"],
    ["Kontakt techniczny:", "technical"],
    ["Technický kontakt:", "technical"],
    ["Teknik İrtibat:", "technical"],
    ["技术联系人:", "technical"],
  ] as [string, ContactRole][])("%s → %s", (heading, role) => {
    const record = parseWhoisText(lines("Domain Name: example.com", "Creation Date: 2001-02-03", "", heading, "    Example Holder Ltd.", "    12 Example Road", "    8000 Example City", "    hostmaster@example.com", "", "Name Servers:", "    ns1.example.net"));
    expect(record.contacts).toEqual([{ roles: [role], name: "Example Holder Ltd.", email: "hostmaster@example.com", street: ["12 Example Road"], city: "Example City", postalCode: "8000" }]);
  });

  it("the same words as label prefixes: 'Kontakt techniczny e-mail', 'Abonent: name'", () => {
    const record = parseWhoisText(lines("Domain Name: example.pl", "Abonent: Example Sp. z o.o.", "Kontakt techniczny: Example Admin", "Kontakt techniczny e-mail: admin@example.pl"));
    expect(byRole(record, "registrant")[0]?.name).toBe("Example Sp. z o.o.");
    expect(byRole(record, "technical")[0]).toMatchObject({ name: "Example Admin", email: "admin@example.pl" });
  });
});

describe("date labels in the registry's language", () => {
  // Labels as registries print them in their languages; the value is the same ISO date each time.
  it.each([
    ["Data de criação", "created"], ["Fecha de alta", "created"], ["Data rejestracji", "created"], ["Datum registrace", "created"],
    ["Oluşturulma tarihi", "created"], ["Kayıt tarihi", "created"], ["Дата создания", "created"], ["Skapad", "created"], ["Opprettet", "created"],
    ["Luotu", "created"], ["Létrehozva", "created"], ["Data creării", "created"], ["Ngày đăng ký", "created"], ["注册日期", "created"], ["登録日", "created"],
    ["Ημερομηνία δημιουργίας", "created"], ["Data di creazione", "created"], ["Aangemaakt", "created"], ["Erstellt am", "created"],
    ["Data wygaśnięcia", "expires"], ["Expirace", "expires"], ["Platnost do", "expires"], ["Bitiş tarihi", "expires"], ["Дата окончания регистрации", "expires"],
    ["Utgår", "expires"], ["Lejárat", "expires"], ["Data expirării", "expires"], ["Ngày hết hạn", "expires"], ["到期日期", "expires"], ["만료일", "expires"],
    ["Ημερομηνία λήξης", "expires"], ["Data di scadenza", "expires"], ["Vervaldatum", "expires"], ["Datum isteka", "expires"], ["Gültig bis", "expires"],
    ["Vencimento", "expires"], ["Son güncelleme", "updated"], ["Дата изменения", "updated"], ["Última modificación", "updated"], ["Última atualização", "updated"],
    ["Zuletzt geändert", "updated"], ["Laatst gewijzigd", "updated"], ["Ostatnia modyfikacja", "updated"], ["Poslední změna", "updated"], ["更新日期", "updated"],
    ["最終更新日", "updated"], ["최근 변경일", "updated"], ["Dernière mise à jour", "updated"],
  ])("%s → %s", (label, field) => {
    const record = parseWhoisText(lines("Domain: example.example", `${label}: 2020-03-04`));
    expect(record.dates).toEqual({ [field]: "2020-03-04T00:00:00Z" });
    expect(record.status).toBe("registered");
  });
});

describe("registrar and name-server labels in the registry's language", () => {
  it.each(["Rejestrator", "Registrátor", "Kayıt Kuruluşu", "Rekisteröijä", "Regisztrátor", "Registrator", "Nhà đăng ký", "レジストラ", "注册服务商", "Agente de registro", "Registraire", "Registratore", "Καταχωρητής"])(
    "%s: the registrar's name",
    (label) => {
      expect(parseWhoisText(lines("Domain: example.example", `${label}: Example Registrar Ltd`)).registrar).toEqual({ name: "Example Registrar Ltd" });
    },
  );

  it.each(["Serwery nazw", "Jmenné servery", "Ad sunucusu", "DNS sunucuları", "Nimipalvelimet", "Névszerverek", "Server de nume", "Máy chủ tên miền", "名稱伺服器", "Serveur de noms", "Namensserver", "Naamservers", "Servidores de nomes", "Navneserver", "Namnserver", "Vardų serveriai", "Серверы DNS"])(
    "%s: one name server per line, as a label or as a heading over the list",
    (label) => {
      expect(parseWhoisText(lines("Domain: example.example", `${label}: ns1.example.net`, `${label}: ns2.example.net`)).nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
      expect(parseWhoisText(lines("Domain: example.example", "", `${label}:`, "    ns1.example.net", "    ns2.example.net")).nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
    },
  );
});

describe("contact field labels in the registry's language", () => {
  // A labelled contact section under a role heading, its labels in the registry's language.
  it.each([
    ["de", ["Technischer Kontakt:", "    Name: Max Beispiel", "    Straße: Beispielweg 1", "    PLZ: 10115", "    Stadt: Berlin", "    Land: DE", "    Telefon: +49.3055550100", "    E-Mail: tech@example.de"]],
    ["pl", ["Kontakt techniczny:", "    Jméno: Max Beispiel", "    Ulica: Beispielweg 1", "    Kod pocztowy: 10115", "    Miasto: Berlin", "    Kraj: DE", "    Telefon: +49.3055550100", "    E-Mail: tech@example.de"]],
    ["tr", ["Teknik İrtibat:", "    Ad Soyad: Max Beispiel", "    Adres: Beispielweg 1", "    Posta kodu: 10115", "    Şehir: Berlin", "    Ülke: DE", "    Telefon: +49.3055550100", "    E-posta: tech@example.de"]],
    ["ru", ["Технический контакт:", "    Имя: Max Beispiel", "    Адрес: Beispielweg 1", "    Индекс: 10115", "    Город: Berlin", "    Страна: DE", "    Телефон: +49.3055550100", "    E-mail: tech@example.de"]],
    ["fr", ["Contact technique:", "    Nom: Max Beispiel", "    Adresse: Beispielweg 1", "    Code postal: 10115", "    Ville: Berlin", "    Pays: DE", "    Téléphone: +49.3055550100", "    Courriel: tech@example.de"]],
    ["zh", ["技术联系人:", "    联系人: Max Beispiel", "    地址: Beispielweg 1", "    邮编: 10115", "    城市: Berlin", "    国家: DE", "    电话: +49.3055550100", "    电子邮件: tech@example.de"]],
  ] as [string, string[]][])("%s", (_language, section) => {
    const record = parseWhoisText(lines("Domain: example.example", "Created: 2020-01-01", "", ...section));
    expect(record.contacts).toEqual([
      { roles: ["technical"], name: "Max Beispiel", street: ["Beispielweg 1"], postalCode: "10115", city: "Berlin", countryCode: "DE", phone: "+49.3055550100", email: "tech@example.de" },
    ].map((contact) => expect.objectContaining(contact)));
  });
});

describe("name servers with IPv6 glue listed under a heading", () => {
  // The glue shapes of EURid and DNS Belgium ("ns1.example.eu (192.0.2.1)", one line per address), Nominet (addresses
  // after the name, spaces apart) and EDUCAUSE (addresses comma-separated), as their answers in ../shared/corpus print
  // them: an IPv6 address there has colons, which the tokenizer took for a label's (the line was lost).
  it.each([
    ["EURid / DNS Belgium", ["Name servers:", "\tns1.example.eu (192.0.2.1)", "\tns1.example.eu (2001:db8::53)", "\tns2.example.net"]],
    ["Nominet", ["    Name servers:", "        ns1.example.co.uk         192.0.2.1  2001:db8::53", "        ns2.example.net"]],
    ["EDUCAUSE", ["Name Servers: ", "   NS1.EXAMPLE.EDU         192.0.2.1, 2001:db8::53", "   NS2.EXAMPLE.NET"]],
  ] as [string, string[]][])("%s", (_layout, rows) => {
    const record = parseWhoisText(lines("Domain: example.example", "", ...rows));
    expect(record.nameservers?.[0]).toEqual({ name: expect.stringMatching(/^ns1\.example\./), ipv4: ["192.0.2.1"], ipv6: ["2001:db8::53"] });
    expect(record.nameservers?.[1]?.name).toBe("ns2.example.net");
  });

  it("property: any host and any IPv6 address, spaces or brackets apart, under the heading: that server with that glue", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    const host = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.net`);
    const group = fc.integer({ min: 1, max: 0xffff }).map((n) => n.toString(16));
    const ipv6 = fc.tuple(group, fc.array(group, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([first, rest, compressed]) => (compressed ? `${first}::${rest.join(":")}` : [first, ...rest, "0", "0", "0", "1"].slice(0, 8).join(":")));
    fc.assert(
      // (SWITCH's .ch/.li answers put the address in square brackets: "scsnms.switch.ch    [2001:620:0:ff::a7]".)
      fc.property(host, ipv6, fc.constantFrom("   ", "\t", " (", "    [", "  ", "      "), (name, address, gap) => {
        const line = gap === " (" ? `${name} (${address})` : gap === "    [" ? `${name}    [${address}]` : `${name}${gap}${address}`;
        const record = parseWhoisText(lines("Domain: example.example", "", "Name servers:", `    ${line}`, "    ns9.example.net"));
        const first = record.nameservers?.[0];
        return first?.name === name && first.ipv6?.[0] === address.toLowerCase() && record.nameservers?.[1]?.name === "ns9.example.net";
      }),
      { numRuns: 300 },
    );
  });

  it("a label whose value holds colons is not taken for a server ('Last update: 2024-01-01T10:00:00Z' under the list's heading)", () => {
    const record = parseWhoisText(lines("Domain: example.example", "", "Name servers:", "    ns1.example.net", "    Last update: 2024-01-01T10:00:00Z"));
    expect(record.nameservers).toEqual([{ name: "ns1.example.net" }]);
  });
});

describe("dates written with the month's name in the registry's language, or CJK year/month/day marks", () => {
  it.each([
    ["3 de febrero de 2001", "2001-02-03T00:00:00Z"],
    ["3 de fevereiro de 2001 10:00:00", "2001-02-03T10:00:00Z"],
    ["03 février 2001", "2001-02-03T00:00:00Z"],
    ["3 lutego 2001", "2001-02-03T00:00:00Z"],
    ["3. března 2001", "2001-03-03T00:00:00Z"],
    ["3 Şubat 2001", "2001-02-03T00:00:00Z"],
    ["3 февраля 2001 г.", "2001-02-03T00:00:00Z"],
    ["3 лютого 2001", "2001-02-03T00:00:00Z"],
    ["3 helmikuuta 2001", "2001-02-03T00:00:00Z"],
    ["2001年2月3日", "2001-02-03T00:00:00Z"],
    ["2001年02月03日 10:00:00", "2001-02-03T10:00:00Z"],
    ["2001년 2월 3일", "2001-02-03T00:00:00Z"],
  ])("%s → %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
    expect(parseWhoisText(lines("Domain: example.example", `Fecha de creación: ${text}`)).dates?.created).toBe(iso);
  });

  it("a day the month does not have, or a word that is no month, is no date", () => {
    for (const text of ["31 de febrero de 2001", "3 foo 2001", "3 de marzipan de 2001", "2001年13月3日"]) expect(parseDate(text)).toBeUndefined();
  });
});
