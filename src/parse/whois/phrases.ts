/**
 * What registries say instead of a record, matched on the lower-cased answer.
 * Plain substrings (no regular expressions), so no input can make matching slow.
 * Add a phrase by adding a string; keep each specific enough not to appear in a
 * record's disclaimer.
 */
/**
 * More not-found wordings, by language. English ones are the "available text" registries print (as listed
 * per server in the public cheenanet/whois-servers-list whois.json, and in the registries' own help pages);
 * the others are the plain phrases for "not found", "not registered", "no result" and "is free" in the
 * registry's language, written as those registries' answers use them (lower case).
 */
const NOT_FOUND_MORE: readonly string[] = [
  // English: .pf "Domain unknown", eu.org "Key not found", .im "was not found", .il "No data was found",
  // .ch/.li "do not have an entry", .kr "is not registered to", CONAC "not find matchingrecord"; common variants.
  "domain unknown", "key not found", "was not found", "no data was found", "not have an entry",
  "not find matchingrecord", "no record found", "no records found", "no entry found", "no entries were found", "no such object",
  "unknown domain", "object not found", "no matching entries", "domain does not exist", "not found in database",
  // German (DENIC, nic.at, SWITCH): nicht gefunden / nicht registriert / ist frei / ist nicht vergeben.
  "nicht gefunden", "nicht registriert", "ist frei", "ist nicht vergeben", "kein eintrag gefunden",
  // French (AFNIC, .be, .ca, .lu, .ch): aucune correspondance / n'existe pas / non trouvé / n'est pas enregistré.
  "aucune correspondance", "n'existe pas", "non trouvé", "pas de correspondance", "aucun résultat", "n'est pas enregistré",
  // Spanish (NIC Argentina "no se encuentra registrado", .es, .cl, .mx, .co, .pe, .ve).
  "no se encuentra registrado", "no encontrado", "no se encontró", "no se encontraron", "no está registrado", "no esta registrado", "dominio disponible",
  // Italian (nic.it, .sm): non trovato / non registrato / non esiste / nessuna corrispondenza.
  "non trovato", "non registrato", "non esiste", "nessuna corrispondenza", "dominio disponibile",
  // Portuguese (.pt, .br, .ao, .mz): não encontrado / não registado / não registrado / não existe / nenhum resultado.
  "nao encontrado", "não registado", "nao registado", "não registrado", "nao registrado", "não existe", "nenhum resultado",
  // Dutch (.nl, .be): niet gevonden / is vrij / niet geregistreerd / geen resultaten.
  "niet gevonden", "is vrij", "niet geregistreerd", "geen resultaten",
  // Polish (NASK .pl): brak informacji / nie znaleziono / nie istnieje / nie jest zarejestrowana / brak danych.
  "brak informacji", "nie znaleziono", "nie istnieje", "nie jest zarejestrowana", "brak danych",
  // Czech and Slovak (CZ.NIC, SK-NIC): nebyl nalezen / nebyla nalezena / nenalezeno / neexistuje / nenájdená / nebola nájdená.
  "nebyl nalezen", "nebyla nalezena", "nenalezeno", "neexistuje", "nenájden", "nebola nájdená",
  // Russian (RIPN, .su, .by, .kz): не найден / не зарегистрирован / нет данных / свободен.
  "не найден", "не зарегистрирован", "нет данных", "домен свободен",
  // Ukrainian (.ua): не знайдено / не зареєстровано / немає даних.
  "не знайдено", "не зареєстровано", "немає даних",
  // Turkish (.tr): bulunamadı / kayıtlı değil.
  "bulunamadı", "kayıtlı değil",
  // Japanese (JPRS): 該当するデータがありません / 見つかりません; Korean (KISA): 등록되어 있지 않 / 검색결과가 없습니다.
  "該当するデータがありません", "見つかりません", "등록되어 있지 않", "검색결과가 없습니다",
  // Chinese (CNNIC, TWNIC, HKIRC): 未找到 / 无匹配 / 未注册 / 查無資料.
  "未找到", "无匹配", "未注册", "未註冊", "查無資料",
  // Nordic (.no "Ingen treff", .se/.fi).
  "ingen treff", "inga träffar", "ei löytynyt",
  // Issue #13 ("Parser generality"): more plain "nothing found"/"not registered" wordings. pt-BR "nenhum registro encontrado",
  // fr "aucun enregistrement trouvé", it "dominio libero", pl "nie została znaleziona", zh "没有匹配"/"沒有符合"/"无此域名",
  // ja "登録されていません", ko "등록되지 않은", hu "nincs ilyen domain", ro "nu a fost găsit", el "δεν βρέθηκε",
  // vi "chưa được đăng ký", en "not yet registered" / "is unregistered" / "no such domain name".
  "nenhum registro encontrado", "aucun enregistrement trouvé", "aucun enregistrement trouve", "dominio libero", "nie została znaleziona",
  "没有匹配", "沒有符合", "无此域名", "登録されていません", "등록되지 않은", "nincs ilyen domain", "nu a fost găsit", "δεν βρέθηκε",
  "chưa được đăng ký", "not yet registered", "is unregistered",
  // Issue #13: English wordings of "nothing registered under that name" besides the above: "is available for purchase",
  // "no registration found", "returned 0 results", "0 matches found", "no results for".
  "is available for purchase", "no registration found", "no registrations found", "returned 0 results", "0 matches found",
  "no results for",
  // w12: "the name is available (for registration)" with its subject, in the registries' languages, so a footer about the
  // service ("… est disponible sur …") is not one: fr, it, pt, es, ru, zh, ko, tr, pl, cs, ja.
  "domaine est disponible", "dominio è disponibile", "domínio disponível", "dominio está disponible", "доменное имя свободно",
  "домен свободен для регистрации", "域名可以注册", "域名可注册", "사용 가능한 도메인", "alan adı kayıt edilebilir", "domena jest dostępna",
  "doména je volná", "登録可能です",
  // w20 (Asia-Pacific, Americas, Africa): SLNIC (.lk) "This Domain is not available in our whois database"; the RWhois
  // server of .ma "%error 230 No Objects Found"; "has not yet been Registered" (.bs), "This domain doesn't exist" (.do),
  // "DOMINIO NO REGISTRADO" (.gt): the not-found texts listed per TLD in the public HostBill WHOIS table
  // (https://github.com/dmtrbch/hostbill-whois/blob/027328561ecb805adcdaf728e5517d4a944c8f16/whois.php).
  "not available in our whois database", "no objects found", "not yet been registered", "domain doesn't exist", "dominio no registrado",
  // LACNIC's answer for an address outside its region, "% Not assigned to LACNIC" (the Perl client Net::Whois::IANA stops
  // on it: https://github.com/atoomic/Net-Whois-IANA, lacnic_read_query).
  "% not assigned to lacnic",
  // w25: Croatian "(domena) nije registrirana", the .hr registry's not-found text in the same HostBill WHOIS table.
  "nije registrirana",
];

export const AVAILABLE_PHRASES: readonly string[] = [
  "no match for", "no match!!", "no matching record", "not found", "no entries found", "no data found", "no domain",
  "nothing found", "is available for registration", "is free", "status: free", "status: available",
  "domain not found", "object does not exist", "does not exist", "no information available", "no se encontro el objeto",
  "no existe", "no such domain", "not registered", "is not registered", "available for registration", "no records matching",
  "no information was found", "domain is available", "the domain has not been registered", "this domain name has not been registered",
  "no object found", "not exist", "no found", "the queried object does not exist", "domain available", "status: not registered",
  "no entries found for the selected source", "nincs találat", "no existe el dominio", "aucun objet trouvé", "keine daten gefunden",
  "nessun risultato", "não encontrado", "no results found", "no match", "% no entries found", "object_not_found",
  "registration status: available", "domain status: available", "domain status: no object found", "this query returned 0 objects",
  "invalid query or domain name not known", "no information about domain", "is not in the database", "not been registered",
  // ("status:\tavailable" and a column-aligned "status:             available" went in w23: phraseHaystack writes every
  // labelled line "label: value" before the scan.)
  "no hay información", "ничего не найдено", "没有找到", "no matching objects found",
  "no_se_encontro_el_objeto", "domain name not known", "we do not have an entry in our database", "\nfree\n", "\navailable\n", "\norganisation: not assigned\n", "no results were found", " is available.\n", "220 available\n", "not registred",
  ...NOT_FOUND_MORE,
];

/** Refusals specific enough to win over not-found words in the same answer's disclaimer. */
export const STRONG_THROTTLED_PHRASES: readonly string[] = [
  "maximum queries per hour reached", "excessive querying, grace period", "still in grace period, wait",
  "too many queries from your ip", "too many requests...", "\n%% too many requests",
  // Limit messages listed in the public cheenanet/whois-servers-list limit-reached-messages.json.
  "requests of this client are not permitted", "too many connection attempts", "your access is too fast", "whois limit exceeded",
  // w25: a registrar's refusal that names no single cause, "We are unable to process your request at this time. The whois
  // information is unavailable for this domain for one of the following reasons: (1) Too many simulataneous connections from
  // your host; … (3) You have exceeded your query limit; … (12) The domain is not currently registered; …" (quoted whole at
  // http://whois.aosoo.com/index/maizuanshi.net). Its list holds a not-found reason among the others: a refusal to ask
  // again, never a not-found answer.
  "we are unable to process your request at this time",
];

export const THROTTLED_PHRASES: readonly string[] = [
  "limit exceeded", "query rate", "too many queries", "too many requests", "rate limit", "quota exceeded", "exceeded the maximum",
  "try again later", "please wait", "excessive querying", "temporarily blocked", "access denied", "error:201", "error:306",
  "maximum number of queries", "connection refused; access quota", "query limit", "you have exceeded", "look up quota exceeded",
  "number of allowed queries", "exceeded your query limit", "has been blocked", "requests from your ip", "queries per",
  "blacklisted", "slow down", "go away for", "access control limit", "query quota", "has been exceeded", "request denied",
  "queries exceeded", "exceeded allowed", "rate exceeded", "temporarily unavailable due to",
  // The same refusal in the registries' languages (ru, de, fr, es, it, pt, zh).
  "превышен лимит", "слишком много запросов", "zu viele anfragen", "trop de requêtes", "trop de requetes", "demasiadas consultas",
  "demasiadas solicitudes", "troppe richieste", "excesso de consultas", "limite de consultas", "查询过于频繁", "请求过于频繁",
  // "Try later in 999999 seconds." (issue #19: the wait it names is read and capped by bulk/).
  "try later",
  // LACNIC's and JPNIC's refusals "% Permission denied" and "%201 access denied" (Net::Whois::IANA reads both as denied:
  // https://github.com/atoomic/Net-Whois-IANA, lacnic_read_query/jpnic_read_query).
  "% permission denied",
  // w25: refusals in the servers' own words, with where each is quoted. OpenSRS/Tucows "Maximum daily connection limit
  // reached. Lookup refused." and "WHOIS lookup refused for this IP range. This IP range is on the OpenSRS block-list for
  // WHOIS lookups." (https://support.opensrs.com/support/solutions/articles/201000063438-whois-rate-limiting, and
  // https://github.com/iglvzx/gwhois.org/issues/24); Nominet's WHOIS2 proxy "This proxy has exceeded its quota for forwarded
  // WHOIS queries. The quota will be replenished in <nnn> seconds." (https://registrars.nominet.uk/uk-namespace/registration-
  // and-domain-management/query-tools/uk-whois2/uk-whois2-instructions-for-use/); a registrar's "Your request can not be
  // completed at this time. Please try your request again after 30 minutes." (http://legal.upflare.com/whois-lookup/);
  // "restricted due to excessive queries" (https://github.com/likexian/whois-parser/pull/62); "The query frequency too fast,
  // please query later" and "IP Address Has Reached Rate Limit" (https://github.com/likexian/whois-parser/issues/29).
  "connection limit reached", "lookup refused", "block-list for whois", "exceeded its quota", "quota will be replenished",
  "try your request again after", "due to excessive queries", "query frequency too fast", "has reached rate limit",
  // w25: SIDN's (.nl) "whois.domain-registry.nl: maximum number of requests per minute exceeded" (quoted in
  // https://github.com/weppos/whois/issues/401; read as available before), and its per-second and per-hour forms.
  "requests per minute exceeded", "requests per second exceeded", "requests per hour exceeded",
];

export const RESERVED_PHRASES: readonly string[] = [
  "is reserved", "is a reserved", "this name is reserved", "status: reserved", "reserved domain", "cannot be registered", "not available for registration",
  // CNNIC's answer for a name it withholds: "the Domain Name you apply can not be registered online. Please consult your
  // Domain Name registrar" (pasted in https://github.com/DannyCork/python-whois/issues/261).
  "can not be registered",
  // Donuts' answer for a name under a brand block: "The registration of this domain is restricted, as it is currently
  // protected by a DPML Block." (pasted in https://github.com/likexian/whois-parser/pull/26).
  "registration of this domain is restricted", "protected by a dpml block",
  "domain name is blocked", "prohibited string", "reserved by the registry", "reserved name",
  "restricted from registration", "reserved by registry", "restricted domain name", "registry reserved", "reserved for the registry",
  "status: reserved", "domain is reserved", "this domain is reserved", "\ndomain not available\n", "\nreserved by ",
  // A line of its own saying so, the short form of "domain is reserved" (line-anchored: "… domain reserved for …" prose is not it).
  "\ndomain reserved\n",
  // The same in the registries' languages (es/pt, fr, it, de, nl, pl, cs, ru).
  "dominio reservado", "nome reservado", "nombre reservado", "domaine réservé", "nom réservé", "dominio riservato", "ist reserviert",
  "is gereserveerd", "jest zarezerwowana", "je rezervován", "зарезервирован",
  // Issue #13: more registries' own words for a withheld name: "is on the reserved list", "is withheld from registration",
  // each with its verb, so a disclaimer about the policy ("names on the reserved list are withheld…") is not one,
  // es "está reservado/a", it "è riservato/a", fr "est réservé", pt "está reservado", tr "rezerve edil(miştir)",
  // zh "保留域名", ja "予約されて(います)", ko "예약된 도메인", pl "zastrzeżona przez", ro "este rezervat".
  "is on the reserved list", "is withheld from registration", "está reservado", "está reservada", "è riservato", "è riservata", "est réservé",
  "rezerve edil", "保留域名", "予約されて", "예약된 도메인", "zastrzeżona przez", "este rezervat",
  // Verisign's .name answer for a shared second-level name (the registry keeps `science.name` for third-level names,
  // `jane.science.name`): "Not available for second level registration." after its Disclaimer paragraph — the name
  // cannot be registered (record.md: reserved), though nobody holds it.
  "not available for second level registration",
  // w12: pt "domínio reservado", pl "domena (jest) zastrzeżona" (a name the registry withholds, as NASK words it).
  "domínio reservado", "dominio reservado", "domena zastrzeżona", "domena jest zastrzeżona",
  // w20: CNNIC's answers for a name it withholds, "Sorry, The domain you requested is in the reserved list." and "The domain
  // you requested is prohibited." (whois.cnnic.cn; the two answers kept in https://github.com/flipbit/whois under
  // tests/Whois.Tests/Samples/whois.cnnic.cn/cn/reserved/). "is prohibited" alone is every disclaimer's ("… use is prohibited").
  "is in the reserved list", "domain you requested is prohibited",
];

/**
 * The query itself is refused: outranks reserved and not-found words, which these answers also use ("This
 * domain cannot be registered because it contravenes the Nominet UK naming rules").
 */
export const STRONG_INVALID_PHRASES: readonly string[] = [
  // A name the registry's rules refuse (Nominet .uk, TWNIC 網域名稱不合規定 "domain name does not conform").
  "contravenes the", "naming rules", "網域名稱不合規定",
  // A query outside the zones the server answers for (KENIC "does not have any records for that zone").
  "records for that zone",
  // w20: a registry back end asked for a TLD it does not run: Tucows Registry (ex-Uniregistry) answers ">>> This name is not
  // available for registration:" over ">>> Tld not supported by this registry interface" — the refusal, not a reserved name.
  // Identity Digital (ex-Afilias) answers "TLD is not supported." above terms of use that say its queries "are throttled".
  "tld not supported", "tld is not supported",
];

/**
 * A registry's labelled error field, on a line of its own: the query was refused, and the field's explanation says why.
 * CIRA answers a name that cannot exist ("conflicts with at least one other registered domain name", CIRA error 01114)
 * with "Error code:" and "Error message:" lines whose wording ("is not available for registration") is the reason for
 * the refusal, not a reserved name (and its "available for registration" is no not-found answer either): outranks
 * reserved and not-found phrases; a throttle wording still decides. A not-found answer of CIRA's is "Domain status: available".
 */
export const ERROR_FIELD_PHRASES: readonly string[] = ["\nerror code:", "\nerror message:"];

export const INVALID_PHRASES: readonly string[] = [
  "invalid domain name", "invalid query", "invalid input", "malformed query", "syntax error", "not a valid domain", "unsupported tld",
  "wrong top level domain", "invalid characters", "incorrect domain name",
  "not a valid", "illegal domain name", "invalid request", "incorrect query", "tld is not supported", "not a supported tld",
  // A server that answers for other zones only ("only accepts queries for .bo domains", es "solo acepta consultas").
  "only accepts queries for", "solo acepta consultas", "not authoritative for",
  // An error line as the answer (DENIC "% Error: 55000000010 Non bijective ace-idn convertible domain"); a quota error
  // ("% Error: 55000000002 Connection refused; access quota exceeded") is caught by the throttle phrases first.
  "\n% error:", "\nerror: ",
  // es/it/fr/de/nl/pl/ru: the name is not valid.
  "dominio no válido", "dominio no valido", "nombre de dominio inválido", "dominio non valido", "nom de domaine invalide",
  "ungültige domain", "ungültiger domainname", "ongeldige domeinnaam", "nieprawidłowa nazwa", "некорректное имя", "неверное имя",
  // Issue #13: more "the query is not a valid name" wordings: en "invalid domain:", "name is not valid", "wrong domain name",
  // "contains illegal characters", "400 bad request"; pt "domínio inválido"; fr "nom de domaine non valide"; tr "geçersiz alan adı";
  // each names what is not valid, so a disclaimer ("a query that is not valid is refused") is not one;
  // zh "域名无效"/"无效的域名"; ja "ドメイン名が不正"; ko "잘못된 도메인".
  "invalid domain:", "name is not valid", "wrong domain name", "contains illegal characters", "400 bad request", "domínio inválido", "dominio inválido",
  "domaine non valide", "geçersiz alan adı", "域名无效", "无效的域名", "ドメイン名が不正", "잘못된 도메인",
  // w12: ru "недопустимое имя (домена)", zh "域名格式错误" (the name's format is wrong), cs "neplatný název (domény)".
  "недопустимое имя", "域名格式错误", "neplatný název", "neplatné doménové jméno",
  // w20: the RIPE Database software's query errors (RIPE, AFRINIC, APNIC, CZ.NIC, IRNIC run it): codes 102-117 refuse the
  // query itself ("%ERROR:108: bad character in input", "%ERROR:115: invalid search key"), listed in the RIPE Database
  // documentation, Appendix C (https://docs.db.ripe.net/Appendices/Appendix-C--RIPE-Database-Query-Server-Response-Codes-and-Messages).
  // 101 is "no entries found" (not found), 201/202 and 306 are quota refusals (throttled).
  "%error:102:", "%error:103:", "%error:104:", "%error:105:", "%error:106:", "%error:107:", "%error:108:", "%error:109:",
  "%error:110:", "%error:111:", "%error:112:", "%error:114:", "%error:115:", "%error:116:", "%error:117:",
];

/** A phrase as a pattern that matches it literally. */
function literal(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Which of several phrase lists occur in a text, found in one pass (issue #13: the status decision scanned
 * each not-found answer three to six times, once per list, ~2 ms per corpus pass). Every phrase of every
 * list, longest first, is one alternation of literals (no quantifiers: the search stays linear); after each
 * match the search goes on from the next character, so every position where some phrase starts is visited. At a position the alternation gives the
 * longest phrase there, and any other phrase starting there is a prefix of it: each phrase's bits include
 * the lists of its prefixes. The result has bit i set exactly when some phrase of list i is a substring of
 * the text (property-tested).
 */
export function phraseScanner(lists: readonly (readonly string[])[]): (haystack: string) => number {
  // Built on the first answer that needs it (a registered answer never does): a one-shot lookup does not pay
  // for the tables' pattern at start-up (issue #13).
  let scan: ((haystack: string) => number) | undefined;
  return (haystack) => (scan ??= buildPhraseScanner(lists))(haystack);
}

function buildPhraseScanner(lists: readonly (readonly string[])[]): (haystack: string) => number {
  const bits = new Map<string, number>();
  let always = 0;
  lists.forEach((list, index) => {
    for (const phrase of list) {
      if (phrase === "") always |= 1 << index;
      else bits.set(phrase, (bits.get(phrase) ?? 0) | (1 << index));
    }
  });
  const phrases = [...bits.keys()].sort((a, b) => b.length - a.length);
  // A match is the longest phrase at its position: it stands for every phrase it starts with too.
  const withPrefixes = new Map<string, number>();
  for (const phrase of phrases) {
    let mask = bits.get(phrase) ?? 0;
    for (let length = 1; length < phrase.length; length += 1) mask |= bits.get(phrase.slice(0, length)) ?? 0;
    withPrefixes.set(phrase, mask);
  }
  const all = (1 << lists.length) - 1;
  if (phrases.length === 0) return () => always;
  const pattern = new RegExp(phrases.map(literal).join("|"), "g");
  return (haystack) => {
    let found = always;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(haystack); match !== null && found !== all; match = pattern.exec(haystack)) {
      found |= withPrefixes.get(match[0]) ?? 0;
      pattern.lastIndex = match.index + 1;
    }
    return found;
  };
}
