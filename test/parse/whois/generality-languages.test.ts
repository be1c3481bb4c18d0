// Issue #13, "Parser generality": the registry's own words for its status label and for "available", "reserved"
// and "invalid", in the registries' languages. Every answer below is written here in the layout named beside it;
// names are example/documentation names, dates invented. Where no registry page shows the exact wording, the row
// is the language's plain word for the status (as docs/parsing.md says of the phrase tables).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Contact, ContactRole, WhoisRecord } from "../../../src/record/types.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { statusMeaning } from "../../../src/parse/whois/status-words.js";

const lines = (...rows: string[]): string => rows.join("\n");
const byRole = (record: WhoisRecord, role: ContactRole): Contact[] => (record.contacts ?? []).filter((c) => c.roles.includes(role));

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
    ["The domain name you asked for is not valid.", "invalid"],
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
    const word = fc.stringMatching(/^[A-Z][a-z]{1,10}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(" "));
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
