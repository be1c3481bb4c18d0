import { parseDate } from "../dates.js";

/**
 * What a registry's own status value says about the object when it is not an EPP status: the whole
 * value (lower case, `_`/`-` as spaces, runs of spaces as one, a trailing "." or "!" dropped) looked up
 * here. Registries write "Status: free" (DENIC, SIDN), "Status: AVAILABLE" (.be, .eu), "Estado: Libre",
 * "Stato: NON REGISTRATO", "status: NOT_OPEN" (AFNIC: a zone not open for registration), "[State]
 * Reserved" (JPRS), "Status: invalid" (DENIC), "Status: NOT ALLOWED" (.be: characters the registry does
 * not accept). A value here outranks indirect evidence (a registrar or dates printed for a reserved name).
 */
export type StatusMeaning = "available" | "reserved" | "invalid";

const TABLE: Readonly<Record<StatusMeaning, readonly string[]>> = {
  available: [
    // English; DENIC/SIDN "free"; .nl "vrij"; es/fr "disponible", "libre"; it "libero"; de "frei"; pl "wolna/wolny";
    // cs/sk "volná/voľná"; ru "свободен"; uk "вільний"; fi "vapaa"; hu "szabad"; no/da "ledig".
    "free", "available", "not registered", "unregistered", "no object found", "unassigned", "not found", "no match",
    "disponible", "libre", "libero", "vrij", "frei", "wolna", "wolny", "volná", "volna", "voľná", "свободен", "свободно", "вільний",
    "vapaa", "szabad", "ledig",
    // "not registered" in pt/it/es/nl/de.
    "não registado", "não registrado", "nao registado", "nao registrado", "non registrato", "no registrado", "niet geregistreerd", "nicht registriert",
    // Issue #13 ("Parser generality"): "available"/"free"/"not registered" as a status value in more registries'
    // languages: pt "disponível"/"livre", tr "müsait"/"boşta"/"kayıtlı değil", ro "disponibil"/"liber", pl "dostępna"/
    // "niezarejestrowana", cs "volný"/"neregistrováno", hr/sr "slobodna"/"slobodan", et "vaba", lt "laisvas", lv "brīvs",
    // el "ελεύθερο"/"διαθέσιμο", vi "chưa đăng ký", sv/da "fri"/"ledigt", ru "свободный"/"не зарегистрирован",
    // ja "未登録", ko "미등록"/"등록 가능", zh "未注册"/"未註冊"/"可注册"/"可註冊".
    "disponível", "disponivel", "livre", "müsait", "boşta", "kayıtlı değil", "disponibil", "liber", "dostępna", "dostępny",
    "niezarejestrowana", "volný", "neregistrováno", "slobodna", "slobodan", "vaba", "laisvas", "brīvs", "ελεύθερο", "διαθέσιμο",
    "chưa đăng ký", "fri", "ledigt", "свободный", "не зарегистрирован", "未登録", "미등록", "등록 가능", "未注册", "未註冊", "可注册", "可註冊",
    // w12: "not assigned"/"free for registration" as a status value: fr "non attribué", de "nicht vergeben", it "non assegnato",
    // es "no asignado"/"disponible para registro"/"libre para registro", pt "não atribuído", zh "未分配", cs "nezaregistrováno",
    // ru "свободен для регистрации", tr "boş", ko "등록가능".
    "non attribué", "non attribue", "nicht vergeben", "non assegnato", "no asignado", "disponible para registro", "libre para registro",
    "não atribuído", "nao atribuido", "未分配", "nezaregistrováno", "свободен для регистрации", "boş", "등록가능",
  ],
  reserved: [
    "reserved", "registry reserved", "reserved by registry", "not open", "reservado", "reservada", "riservato", "riservata", "réservé",
    "reserviert", "gereserveerd", "zarezerwowana", "zarezerwowany", "rezervováno", "rezervovaná", "rezervovaný", "зарезервирован",
    "зарезервовано", "予約済み",
    // Issue #13: "reserved" as a status value in more languages: tr "rezerve", ro "rezervat"/"rezervată", hr "rezervirano",
    // pl "zastrzeżona" (a name the registry withholds), fi "varattu", da "reserveret", no "reservert", sv "reserverad",
    // lv "rezervēts", lt "rezervuotas", el "δεσμευμένο", ja "予約", ko "예약"/"예약됨", zh "保留"/"保留域名".
    "rezerve", "rezervat", "rezervată", "rezervirano", "zastrzeżona", "varattu", "reserveret", "reservert", "reserverad",
    "rezervēts", "rezervuotas", "δεσμευμένο", "予約", "예약", "예약됨", "保留", "保留域名",
    // w12: "reserved by the registry" in es, fr, it, pt.
    "reservado por el registro", "réservé par le registre", "reserve par le registre", "riservato dal registro", "reservado pelo registro",
    // .it "Status: UNASSIGNABLE": a name the Registry's regulation keeps out of assignment (the geographic names of its
    // Appendix B, "not assignable": https://github.com/publicsuffix/list/pull/518; the status word as weppos/whois's
    // whois.nic.it parser lists it, https://github.com/weppos/whois/blob/786a8eceb543ea7552c6fc90814fa4e67988a616/lib/whois/record/parser/whois.nic.it.rb).
    "unassignable", "not assignable", "non assegnabile",
  ],
  invalid: [
    "invalid", "not allowed", "invalid domain", "invalid name", "inválido", "invalido", "no válido", "non valido", "ungültig", "ongeldig",
    // Issue #13: fr "invalide"/"non valide", pt "inválida", pl "nieprawidłowa"/"nieprawidłowy", cs "neplatný"/"neplatná",
    // tr "geçersiz", ru "недействительный"/"некорректный", zh "无效"/"無效", ja "無効", ko "유효하지 않음".
    "invalide", "non valide", "inválida", "nieprawidłowa", "nieprawidłowy", "neplatný", "neplatná", "geçersiz", "недействительный",
    "некорректный", "无效", "無效", "無効", "유효하지 않음",
    // w12: es "nombre inválido"/"nombre no válido", en "not valid".
    "nombre inválido", "nombre invalido", "nombre no válido", "not valid",
  ],
};

const MEANINGS = new Map<string, StatusMeaning>();
for (const [meaning, words] of Object.entries(TABLE) as [StatusMeaning, readonly string[]][]) for (const word of words) MEANINGS.set(word, meaning);
const LONGEST = Math.max(...[...MEANINGS.keys()].map((word) => word.length));

/**
 * The meaning of one status value, or undefined for EPP and registered-state words ("ok", "active", "clientHold").
 * The registry's word may be followed by its gloss ("RESERVED - Reserved by the registry", "Libre / Available",
 * "Available: the name can be registered"): then the word before the first " - ", " – ", ": " or " / " decides.
 */
export function statusMeaning(value: string): StatusMeaning | undefined {
  const whole = meaningOf(value);
  if (whole !== undefined || value.length > MAX_GLOSSED) return whole;
  const cut = firstGlossSeparator(value);
  return cut > 0 ? meaningOf(value.slice(0, cut)) : undefined;
}

function meaningOf(value: string): StatusMeaning | undefined {
  if (value.length > LONGEST + 4) return undefined;
  // A single word of ASCII letters and digits (EPP's "clientTransferProhibited", "ok", "free"): nothing to rewrite.
  if (isAsciiWord(value)) return MEANINGS.get(value.toLowerCase());
  let word = value.toLowerCase().replace(/[_-]/g, " ").replace(/\s+/g, " ").trim();
  while (word.endsWith(".") || word.endsWith("!")) word = word.slice(0, -1).trimEnd();
  return MEANINGS.get(word);
}

function isAsciiWord(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    const lower = code | 0x20;
    if (!(lower >= 0x61 && lower <= 0x7a) && !(code >= 0x30 && code <= 0x39)) return false;
  }
  return value.length > 0;
}

/**
 * Status words that mean the name is withheld from registration only when nothing else in the answer says it is held:
 * Estonia's registry answers a name blocked from registration with "status: Blocked" and no registrar, dates or
 * contacts (https://github.com/internetee/whois/issues/161), while AFNIC prints "status: BLOCKED" for a registered
 * domain its holder keeps but may not operate (https://github.com/weppos/whois/issues/127, AFNIC's FAQ). Read only for
 * an answer with no registration evidence (index.ts decideStatus).
 */
const WEAK_RESERVED: ReadonlySet<string> = new Set([
  "blocked", "restricted", "withheld", "blocked from registration",
  // w25: "blocked" as a status value in the registries' languages, read the same way (only with no registration evidence):
  // ru "заблокирован"/"заблокировано", uk "заблоковано", es/pt "bloqueado"/"bloqueada", pl "zablokowana"/"zablokowany",
  // cs "blokováno"/"blokovaná", de "gesperrt", fr "bloqué"/"bloquée", it "bloccato"/"bloccata", tr "engellenmiş".
  "заблокирован", "заблокировано", "заблоковано", "bloqueado", "bloqueada", "zablokowana", "zablokowany", "blokováno", "blokovaná",
  "gesperrt", "bloqué", "bloquée", "bloccato", "bloccata", "engellenmiş",
]);

/** "reserved" when `value` is one of the weak words above (the answer holds no registration evidence), else undefined. */
export function weakStatusMeaning(value: string): StatusMeaning | undefined {
  return value.length <= 40 && WEAK_RESERVED.has(value.trim().toLowerCase()) ? "reserved" : undefined;
}

/** A status value with a gloss longer than this is a sentence, not the registry's word and its gloss. */
const MAX_GLOSSED = 120;
const GLOSS_SEPARATORS = [" - ", " – ", " — ", ": ", " / "];

function firstGlossSeparator(value: string): number {
  let first = -1;
  for (const separator of GLOSS_SEPARATORS) {
    const at = value.indexOf(separator);
    if (at > 0 && (first === -1 || at < first)) first = at;
  }
  return first;
}

/**
 * Status values that are the expiry date in words: TM Domain Registry (whois.nic.tm) prints "Status : Expires
 * 14-Jun-2028" for a registered .tm name (https://www.nic.tm/, its WHOIS answers). Lower case, the date after it.
 */
const STATUS_DATE_PREFIXES: readonly string[] = ["expires on ", "expires ", "expiring ", "valid until ", "paid until "];

/** The expiry date a status value states ("Expires 14-Jun-2028"), or undefined (gated on its first letter). */
export function statusDate(value: string): string | undefined {
  const first = value.charCodeAt(0) | 0x20;
  if (first !== 0x65 && first !== 0x76 && first !== 0x70) return undefined;
  const lower = value.toLowerCase();
  for (const prefix of STATUS_DATE_PREFIXES) {
    if (lower.startsWith(prefix)) return parseDate(value.slice(prefix.length).trim());
  }
  return undefined;
}

/**
 * States whose date in parentheses is the expiry date: JPRS prints "[状態] Connected (2017/03/31)" / "[State] Registered
 * (2014/03/31)" for organization-type .jp names (co.jp, ne.jp, ac.jp …), which have no expiry label of their own; "括弧内の
 * 日付が有効期限となります" (the date in parentheses is the expiry date, http://jprs.jp/about/dom-search/jprs-whois/whois-guide-view.html).
 * Only states of a live registration: a date beside "Deleted" or "To be suspended" is when that happens, not the expiry.
 */
const STATES_DATED_UNTIL: ReadonlySet<string> = new Set(["connected", "registered", "active", "ok"]);

/** The expiry date a status value gives in parentheses after a live state ("Connected (2017/03/31)"), or undefined. */
export function parenthesizedExpiry(value: string): string | undefined {
  if (value.length > 60 || value.charCodeAt(value.length - 1) !== 0x29) return undefined;
  const open = value.indexOf("(");
  if (open <= 0 || !STATES_DATED_UNTIL.has(value.slice(0, open).trim().toLowerCase())) return undefined;
  return parseDate(value.slice(open + 1, -1).trim());
}
