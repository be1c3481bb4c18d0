import type { ContactRole } from "../../record/types.js";

/** Record fields a WHOIS label can feed. */
export type FieldTarget =
  | "domain.name"
  | "domain.handle"
  | "dates.created"
  | "dates.updated"
  | "dates.expires"
  | "registrar.name"
  | "registrar.ianaId"
  | "registrar.handle"
  | "registrar.url"
  | "registrar.whoisServer"
  | "registrar.abuseEmail"
  | "registrar.abusePhone"
  | "nameserver"
  | "nameserver.address"
  | "status"
  | "dnssec"
  | "dnssec.data"
  | "referral"
  | "network.range"
  | "network.cidr"
  | "network.name"
  | "network.handle"
  | "network.parent"
  | "network.type"
  | "network.organization"
  | "network.country"
  | "asn.number"
  | "asn.name"
  | "asn.handle"
  | "contact.ref";

/**
 * Label → field, labels normalized (lower case, punctuation to spaces). Many
 * languages; the first label seen for a field wins unless marked `prefer`.
 */
const TABLE: Record<FieldTarget, string[]> = {
  "domain.name": [
    "domain name", "domain", "domainname", "domain name ace", "domain ace", "dominio", "domínio", "nombre de dominio", "nom de domaine",
    "domänenname", "domeinnaam", "domain information domain name", "query", "ace", "domain names", "nazwa domeny", "tên miền",
    // JPRS [ドメイン名], KISA 도메인 이름, CNNIC 域名, ru/uk "Доменное имя"/"Доменне ім'я", tr "alan adı".
    "ドメイン名", "도메인 이름", "도메인이름", "域名", "доменное имя", "доменне ім я", "alan adı",
  ],
  "domain.handle": ["registry domain id", "domain id", "domain handle", "roid", "domain roid", "id dominio"],
  "dates.created": [
    "creation date", "created", "created on", "created date", "registered", "registered on", "registration date", "registration time",
    "domain registration date", "record created", "domain record activated", "domain created", "registered date", "date registered",
    "fecha de registro", "fecha de creación", "fecha de creacion", "data de registro", "criado", "création", "date de création",
    "date de creation", "erstellt", "registrado", "registrierungsdatum", "data registrazione", "datum registracije", "dátum registrácie",
    "vytvořeno", "registrert", "domain create date", "created at", "create date", "commencement date", "first registered", "entry created",
    "activated", "activated on", "domain registered", "registration", "registered since", "assigned", "regdate", "reg date", "домен создан", "дата регистрации",
    // Issue #13: the creation date in more registries' languages (pt, es, pl, cs, tr, ru, sv, no, fi, hu, ro, vi, zh, ja, el, it,
    // nl, de): "Data de criação", "Fecha de alta", "Data rejestracji", "Datum registrace", "Oluşturulma tarihi", "Kayıt tarihi",
    // "Дата создания", "Skapad", "Opprettet", "Luotu", "Létrehozva", "Data creării", "Ngày đăng ký", "注册日期", "登録日" …
    "data de criação", "data de criacao", "criado em", "fecha de alta", "creado", "data rejestracji", "data utworzenia", "datum registrace",
    "datum vzniku", "oluşturulma tarihi", "kayıt tarihi", "дата создания", "skapad", "registrerad", "opprettet", "luotu", "létrehozva",
    "data creării", "ngày đăng ký", "注册日期", "登録日", "ημερομηνία δημιουργίας", "data di creazione", "aangemaakt", "registratiedatum",
    "erstellt am", "registriert seit",
    // w12: ar "تاريخ التسجيل"/"تاريخ الإنشاء", zh "创建日期"/"创建时间"/"註冊日期".
    "تاريخ التسجيل", "تاريخ الإنشاء", "创建日期", "创建时间", "註冊日期",
    // NIRs (issue #13, w12): KRNIC "할당일자" (allocation date), JPNIC "[割当年月日]" (assignment date), and the English
    // answer's "[Assigned Date]"/"[Allocated Date]" (JPNIC's /e queries).
    "할당일자", "割当年月日", "割振年月日", "assigned date", "allocated date",
    "登録年月日", "注册时间", "등록일", "creation", "record created on", "createddate", "date approved", "domain name commencement date", "first registration date", "domain creation date", "data de registo creation date dd mm yyyy", "dateregistered", "domain dateregistered",
  ],
  "dates.updated": [
    "updated date", "last updated", "updated", "update date", "last modified", "changed", "last update", "modified", "last updated on", "updated on",
    "last changed", "domain last updated date", "record last updated", "record last updated on", "last updated date", "modification date",
    "date de modification", "dernière modification", "derniere modification", "última actualización", "ultima actualizacion",
    // Issue #13: the last change in more languages (tr, ru, es, pt, de, it, nl, pl, cs, zh, ja, ko, fr).
    "son güncelleme", "güncellenme tarihi", "дата изменения", "последнее изменение", "changed on", "última modificación", "ultima modificacion",
    "última atualização", "ultima atualizacao", "zuletzt geändert", "ultima modifica", "laatst gewijzigd", "ostatnia modyfikacja", "poslední změna",
    "更新日期", "最終更新日", "최근 변경일", "dernière mise à jour", "derniere mise a jour",
    "alterado", "última alteração", "geändert", "aktualisiert", "ultimo aggiornamento", "changed date", "last edited", "modified date",
    "last modification", "updated at", "last update date", "lastupdated", "最終更新", "更新时间", "최근 정보 변경일", "last update of whois database", "record last modified", "domain record last updated", "domain last updated", "ultima actualización", "ultima actualizacion", "datelastmodified", "domain datelastmodified",
    // w12: es/pt "Modificado", ar "تاريخ التحديث", ko "변경일".
    "modificado", "تاريخ التحديث", "변경일",
  ],
  "dates.expires": [
    "domain currently expires",
    "registry expiry date", "expiration date", "expiry date", "expires", "expires on", "expire date", "expire", "paid till",
    "expiration time", "registrar registration expiration date", "renewal date", "valid until", "validity", "expiry", "exp date",
    // .kz registrars' servers "Domain expired.........: 2025-04-01 …" (the date the registration runs out).
    "record expires on", "domain expiration date", "domain expired", "registry expiration date", "fecha de vencimiento", "fecha de expiracion",
    "fecha de expiración", "data de expiração", "expiração", "date d expiration", "expire le", "ablaufdatum", "scadenza", "data scadenza",
    // Issue #13: the expiry in more languages (pl, cs/sk, tr, ru, sv, hu, ro, vi, zh, ko, el, it, nl, hr, de, es, pt).
    "data wygaśnięcia", "expirace", "platnost do", "bitiş tarihi", "дата окончания регистрации", "utgår", "lejárat", "data expirării",
    "ngày hết hạn", "到期日期", "만료일", "ημερομηνία λήξης", "data di scadenza", "vervaldatum", "datum isteka", "geldig tot", "gültig bis",
    "ablauf", "vence", "expira", "vencimento", "expira em", "data de validade",
    "datum vypršení", "free date", "paid until", "renewal", "expired", "expiration", "domain expires", "valid till", "expires at",
    "有効期限", "过期时间", "到期时间", "дата окончания", "оплачен до", "사용 종료일", "домен оплачен до", "registry expiry", "billed until", "date renewal", "record will expire on", "record will expire", "data de expiração expiration date dd mm yyyy", "record expired", "datebilleduntil", "domain datebilleduntil",
    // SK-NIC: "Valid Until:" (current layout, above) and "Valid-date          2011-07-23" (older layout).
    "valid date",
    // w12: tr "Son kullanma tarihi", ru "Срок действия", ar "تاريخ الانتهاء", no "Utløpsdato", da "Udløbsdato".
    "son kullanma tarihi", "срок действия", "تاريخ الانتهاء", "utløpsdato", "udløbsdato",
  ],
  "registrar.name": [
    "registrar", "registrar name", "sponsoring registrar", "registrar organization", "registrar organisation", "current registrar",
    "registration service provider", "provider", "agente registrador", "registrador", "bureau d enregistrement", "registrar handle name",
    "注册商", "所属注册机构", "注册服务机构", "регистратор", "реєстратор",
    "registrant registrar", "reseller", "registration service provided by", "sponsoring registrar organization", "registrar company",
    "agent", "registered through", "sponsoring registrar name", "authorized agency", "등록대행자", "registrar of record",
    // .pf "Registrar Compagnie Name : ONATi".
    "registrar compagnie name",
    // w12: a registrar's heading in more registries' words: "Accredited Registrar:", pt "Entidade Registadora", es "Entidad
    // Registradora" (the block of its lines below it).
    "accredited registrar", "entidade registadora", "entidade registradora", "entidad registradora",
    // KazNIC prints "Current Registar: HOSTER.KZ" (sic).
    "current registar",
    // Issue #13: "registrar" in more registries' languages: pl "Rejestrator", cs/sk "Registrátor", tr "Kayıt Kuruluşu",
    // fi "Rekisteröijä", hu "Regisztrátor", ro/nl/sv "Registrator", vi "Nhà đăng ký", ja "レジストラ", zh "注册服务商",
    // es "Agente de registro", de "Registrierstelle", fr-CA "Registraire", it "Registratore", et "Registreerija",
    // lt "Registratorius", lv "Reģistrators", el "Καταχωρητής".
    "rejestrator", "registrátor", "kayıt kuruluşu", "rekisteröijä", "regisztrátor", "registrator", "nhà đăng ký", "レジストラ", "注册服务商",
    "agente de registro", "registrierstelle", "registraire", "registratore", "registreerija", "registratorius", "reģistrators", "καταχωρητής",
    // w20: NIC Uruguay's "Registrado por: … (http://www.nic.org.uy)" under "Nombre de Dominio:" (whois.nic.org.uy).
    "registrado por",
  ],
  "registrar.ianaId": ["registrar iana id", "sponsoring registrar iana id", "iana id", "registrar id", "registrar iana"],
  "registrar.handle": ["registrar handle", "registrar nic handle", "sponsoring registrar id", "registrar id handle"],
  "registrar.url": [
    "registration service url", "registrar url", "referral url", "registrar website", "registrar web", "url", "registrar homepage", "www", "sponsoring registrar website", "sponsoring registrar url"],
  // NIC México's registrars (Akky) print "Whois TCP URI: whois.akky.mx" beside "Whois Web URL:" (answer pasted in
  // https://github.com/likexian/whois-parser/issues/97).
  "registrar.whoisServer": ["registrar whois server", "whois server", "whois", "registrar whois", "whois tcp uri"],
  "registrar.abuseEmail": ["registrar abuse contact email", "abuse contact email", "registrar abuse email", "abuse email"],
  "registrar.abusePhone": ["registrar abuse contact phone", "abuse contact phone", "registrar abuse phone"],
  nameserver: [
    "name server", "nameserver", "nameservers", "name servers", "nserver", "dns", "dns servers", "host name", "hostname", "servidor dns",
    "servidores dns", "serveur dns", "serveurs de noms", "nameserver 1", "nameserver 2", "nameserver 3", "nameserver 4", "name server 1",
    "name server 2", "dns1", "dns2", "dns 1", "dns 2", "primary server", "secondary server", "primary server hostname", "secondary server hostname", "third server hostname",
    "fourth server hostname", "fifth server hostname", "current nameservers", "current name servers", "ns", "ns 1", "ns 2", "domain nameservers",
    "domain servers in listed order", "domain name servers", "domain servers", "domain server", "name server information", "dns information", "servidor de nombres", "nameserver information", "name servers information", "servidor es de nombres de dominio", "servidores de nombres",
    "ネームサーバ", "ネームサーバー", "네임서버", "名称服务器", "域名服务器", "dns серверы", "сервер dns", "сервери dns",
    "dns server", "primary name server", "secondary name server", "dns name server", "serwery dns", "ns hostname", "ns name", "name servers in the listed order", "name servers in listed order", "domain name servers listed in order", "name servers listed in order", "domain name servers in listed order",
    // Issue #13: KISA's Korean answer lists each server as "호스트이름 : ns1…" (Host Name) under "1차 네임서버 정보"; NIC Chile
    // and other Spanish-language registries print "Servidor de Nombre" once per server.
    "호스트이름", "호스트 이름", "servidor de nombre", "servidores de nombre",
    // SK-NIC's older layout (label, a run of spaces, value): "dns_name            ns1.example.sk", once per server.
    "dns name",
    // Issue #13: "name server(s)" in more registries' languages: pl "Serwer DNS"/"Serwery nazw", cs "Jmenný server(y)", tr "Ad sunucusu",
    // "DNS sunucuları", fi "Nimipalvelin(et)", hu "Névszerver(ek)", ro "Server de nume"/"Servere DNS", vi "Máy chủ tên miền",
    // zh-TW "名稱伺服器"/"域名伺服器", fr "Serveur de noms", de "Namensserver", nl "Naamserver(s)", pt "Servidor(es) de nomes",
    // da/no "Navneserver", sv "Namnserver", et "Nimeserver", lt "Vardų serveriai", lv "Vārdu serveri", el "Εξυπηρετητές ονομάτων",
    // ru "Серверы DNS".
    "serwer dns", "serwery nazw", "serwer nazw", "jmenný server", "jmenné servery", "ad sunucusu", "ad sunucuları", "dns sunucuları",
    "nimipalvelin", "nimipalvelimet", "dns palvelimet", "névszerver", "névszerverek", "server de nume", "servere dns", "máy chủ tên miền",
    "名稱伺服器", "域名伺服器", "serveur de noms", "namensserver", "naamserver", "naamservers", "servidor de nomes", "servidores de nomes",
    "navneserver", "namnserver", "nimeserver", "vardų serveriai", "vārdu serveri", "εξυπηρετητές ονομάτων", "серверы dns",
  ],
  // The address of the name server named just before ("Name Server IP", .kr "IP Address" under "Primary Name Server").
  "nameserver.address": ["name server ip", "nameserver ip", "name server ip address", "ns netaddress", "ns ip", "ip address", "ipv4 address", "ipv6 address",
    // KazNIC "Primary ip address", "Secondary ip address" after "Primary server", "Secondary server".
    "primary ip address", "secondary ip address"],
  status: [
    "domain status", "status", "state", "registration status", "estado", "statut", "epp status", "eppstatus", "domain state", "stato", "stav",
    "status de dominio", "situação", "状态", "상태", "estatus del dominio", "estatus", "estado del dominio",
    // JPRS [状態], CNNIC 域名状态, ru/uk "Состояние"/"Статус"/"Стан", tr "durum" ("flags" is not one: EURid keys print "flags:KSK").
    "状態", "域名状态", "состояние", "статус", "стан", "durum",
    // The status label in more registries' languages (issue #13, "Parser generality"): pt "Estatuto", de "Zustand",
    // fi "Tila", hu "Állapot", ro "Stare", vi "Trạng thái" (VNNIC), pl "Status domeny"/"Stan domeny", hr/sr/sl
    // "Status domene"/"Stanje", el "Κατάσταση", tr "Alan adı durumu", it "Stato dominio", es "Situación", et "Staatus",
    // lt "Statusas", lv "Statuss", da/no "Tilstand", ja "ステータス", ko "도메인 상태", zh-TW "狀態"/"域名狀態".
    "estatuto", "zustand", "tila", "állapot", "allapot", "stare", "trạng thái", "status domeny", "stan domeny", "status domene", "stanje",
    "κατάσταση", "alan adı durumu", "stato dominio", "situación", "situacion", "staatus", "statusas", "statuss", "tilstand",
    "ステータス", "도메인 상태", "狀態", "域名狀態",
    // w12: fr "État"/"Statut du domaine", cs/sk "Stav domény", pl "Stan", hr/sr "Stanje domene", ru "Статус домена", ar "الحالة"/
    // "حالة النطاق", vi "Trạng thái tên miền", ja "ドメインステータス", zh-TW "網域狀態"; en "Status of domain", "Registry status",
    // "Domain Status Info", "Object status", "Lifecycle state".
    "état", "etat", "statut du domaine", "stav domény", "stav domeny", "stan", "stanje domene", "статус домена", "الحالة", "حالة",
    "حالة النطاق", "trạng thái tên miền", "ドメインステータス", "網域狀態", "status of domain", "registry status", "domain status info",
    "object status", "lifecycle state", "domain lifecycle",
    // w25: JPRS's lock lines, one value a line, read as statuses as stated ("[Lock Status] AgentChangeLocked", Japanese
    // "[ロック状態]"; printed since 12 November 2023 by the answers' own notice; lock-publishing.ts names the values).
    "lock status", "ロック状態",
  ],
  // FRED's keyset object (.cz, .cr, .tz …) "dnskey: 257 3 13 …": the domain's keys (its flags, protocol, algorithm read as signed).
  dnssec: ["dnssec", "signing key", "署名鍵", "dnssec status", "ds records", "secure dns", "domain signed", "dnskey",
    // RNIDS (.rs) "DNSSEC signed: no"; .it "Signed: no" (its DNSSEC section); "DNSSEC Status", "DNSSEC delegation".
    "dnssec signed", "signed", "dnssec delegation"],
  // Labels whose presence with a value is the delegation's key data, so the domain is signed (docs/parsing.md, "DNSSEC"):
  // IANA and AFNIC "ds-rdata", AFNIC (.fr/.re/.wf …) "dsl-id" (the domain's link to its DS list), "ds-list" and "key1-tag" (that object), EURid/DNS Belgium
  // "keyTag:" lines under "Keys:", Neustar/PIR-style "DS Key Tag 1", registro.br "ds-record", FRED's "keyset" link.
  "dnssec.data": ["ds rdata", "ds list", "dsl id", "key1 tag", "key tag", "keytag", "ds key tag", "ds key tag 1", "ds record", "ds data", "keyset",
    "ds digest", "ds keytag"],
  referral: ["refer", "referralserver", "referral server"],
  // KRNIC (whois.kisa.or.kr) "IPv4 Address"/"IPv4주소" (the camel-case split of normalizeKey makes "IPv4" "i pv4"),
  // JPNIC "[IPネットワークアドレス]" (NIR answers, issue #13 w12).
  "network.range": ["netrange", "inetnum", "inet6num", "ip range", "net range", "address range", "i pv4 address", "i pv6 address", "i pv4주소", "i pv6주소", "ipネットワークアドレス",
    // RWhois (RFC 2167, the servers ARIN's ReferralServer names) "network:IP-Network:192.0.2.0/26".
    "ip network"],
  "network.cidr": ["cidr", "route", "route6"],
  // KRNIC "Service Name"/"서비스명" (its netname), JPNIC "[ネットワーク名]".
  "network.name": ["netname", "network name", "net name", "service name", "서비스명", "ネットワーク名"],
  // RWhois "network:ID:NETBLK-…" (tokenize.ts names an RWhois ID with its class).
  "network.handle": ["nethandle", "net handle", "network handle", "network id"],
  "network.parent": ["parent", "parent handle"],
  "network.type": ["nettype", "net type", "network type"],
  // KRNIC "기관명" (organization name).
  "network.organization": ["orgname", "org name", "org-name", "organisation name", "owner", "organization name", "기관명"],
  "network.country": ["country"],
  "asn.number": ["aut num", "asnumber", "as number", "autnum"],
  "asn.name": ["as name", "asname"],
  "asn.handle": ["ashandle", "as handle"],
  "contact.ref": [],
};

export const FIELD_ALIASES: ReadonlyMap<string, FieldTarget> = (() => {
  const map = new Map<string, FieldTarget>();
  for (const [target, labels] of Object.entries(TABLE) as [FieldTarget, string[]][]) {
    for (const label of labels) if (!map.has(label)) map.set(label, target);
  }
  return map;
})();

/** Label prefixes (and headings) that name a contact role. Longest first. */
export const ROLE_PREFIXES: readonly [string, ContactRole][] = [
  ["administrative contact", "administrative"],
  ["administrative", "administrative"],
  // ATI (.tn) heads its administrative block "Administrativ contact" (sic; whois.ati.tn's answers, kept in
  // https://github.com/flipbit/whois/tree/3a37fcf44c899610e6e30d7bd833f54399bd9c0d/tests/Whois.Tests/Samples/whois.ati.tn/tn/found).
  ["administrativ contact", "administrative"],
  ["admin contact", "administrative"],
  ["admin c", "administrative"],
  ["admin", "administrative"],
  ["technical contact", "technical"],
  ["technical contacts", "technical"],
  ["technical", "technical"],
  ["tech contact", "technical"],
  ["tech c", "technical"],
  ["tech", "technical"],
  ["billing contact", "billing"],
  ["billing c", "billing"],
  ["billing", "billing"],
  ["registrant contact", "registrant"],
  ["registrant", "registrant"],
  ["holder of domain name", "registrant"],
  ["holder c", "registrant"],
  ["holder", "registrant"],
  ["owner contact", "registrant"],
  ["owner c", "registrant"],
  ["owner", "registrant"],
  ["domain holder", "registrant"],
  ["titular", "registrant"],
  ["titulaire", "registrant"],
  // Role headings in the registries' languages (DK Hostmaster "Administrator", DENIC "Holder", .pt "Entidade Gestora",
  // "Responsável Técnico"; es/it/fr/de/nl holder, administrative and technical contacts).
  ["administrator", "administrative"],
  ["registrante", "registrant"],
  ["inhaber", "registrant"],
  ["domaininhaber", "registrant"],
  ["houder", "registrant"],
  ["contacto administrativo", "administrative"],
  ["contatto amministrativo", "administrative"],
  ["contact administratif", "administrative"],
  ["administrativer ansprechpartner", "administrative"],
  ["contacto tecnico", "technical"],
  ["contacto técnico", "technical"],
  ["contatto tecnico", "technical"],
  ["contact technique", "technical"],
  ["technischer ansprechpartner", "technical"],
  ["responsável técnico", "technical"],
  ["responsavel tecnico", "technical"],
  ["entidade gestora", "billing"],
  // registro.br's Portuguese answer names each contact by handle: "c-titular:", "c-admin:", "c-técnico:", "c-cobrança:"
  // (pasted in https://github.com/funcoeszz/funcoeszz/issues/141; its English answer says owner-c, admin-c, tech-c, billing-c).
  ["c titular", "registrant"],
  ["c admin", "administrative"],
  ["c técnico", "technical"],
  ["c tecnico", "technical"],
  ["c cobrança", "billing"],
  ["c cobranca", "billing"],
  // Issue #13 ("Parser generality"): role headings in more registries' languages, over a block of bare lines or
  // labelled ones. Holder: en "Domain Owner"/"Subscriber", pl "Abonent", cs/sk "Držitel"/"Držiteľ", hr "Nositelj",
  // sl "Imetnik", tr "Sahibi"/"Alan adı sahibi", ru "Владелец", uk "Власник", ja "登録者", zh "注册人"/"注册者"/"所有者"/"持有人".
  // Administrative / technical: de "Administrativer/Technischer Kontakt", pl "Kontakt administracyjny/techniczny",
  // nl "Administratief/Technisch contact", cs "Administrativní/Technický kontakt", sk "Administratívny/Technický kontakt",
  // tr "İdari/Teknik irtibat", ru "Административный/Технический контакт", zh "管理联系人"/"技术联系人".
  ["domain owner", "registrant"],
  // KazNIC (.kz): the holder's block is headed "Organization Using Domain Name" (then Name, Organization Name, Street
  // Address, City, State, Postal Code, Country), the administrative one "Administrative Contact/Agent"; the .kz servers
  // of registrars (Megahost's whois.megahost.kz) head it "Organization or Person Using Domain Name".
  ["organization using domain name", "registrant"],
  ["organization or person using domain name", "registrant"],
  ["subscriber", "registrant"],
  ["abonent", "registrant"],
  ["držitel", "registrant"],
  ["držiteľ", "registrant"],
  ["nositelj", "registrant"],
  ["imetnik", "registrant"],
  ["alan adı sahibi", "registrant"],
  ["sahibi", "registrant"],
  ["владелец", "registrant"],
  ["власник", "registrant"],
  ["登録者", "registrant"],
  ["注册人", "registrant"],
  ["注册者", "registrant"],
  ["所有者", "registrant"],
  ["持有人", "registrant"],
  ["administrativer kontakt", "administrative"],
  ["kontakt administracyjny", "administrative"],
  ["administratief contact", "administrative"],
  ["administrativní kontakt", "administrative"],
  ["administratívny kontakt", "administrative"],
  // (Turkish "İ" lower-cases to "i" + a combining dot, which label normalization turns into a space: "İdari İrtibat" → "i dari i rtibat".)
  ["idari irtibat", "administrative"],
  ["i dari i rtibat", "administrative"],
  ["административный контакт", "administrative"],
  ["管理联系人", "administrative"],
  ["technischer kontakt", "technical"],
  ["kontakt techniczny", "technical"],
  ["technisch contact", "technical"],
  ["technický kontakt", "technical"],
  ["teknik irtibat", "technical"],
  ["teknik i rtibat", "technical"],
  ["технический контакт", "technical"],
  ["技术联系人", "technical"],
  // Issue #13: KISA's English section names the administrative contact "Administrative Contact(AC)" and its fields
  // "AC E-Mail", "AC Phone Number" (its Korean section, printed first, says the same: the English one is read, so
  // a contact is never half Korean, half English). JPRS's "[登録者名]" (registrant name), "[登録担当者]" (registration
  // contact handle) and "[技術連絡担当者]" (technical contact handle), as the .co.jp answers print them.
  ["ac", "administrative"],
  ["登録者名", "registrant"],
  ["登録担当者", "administrative"],
  // JPNIC "m. [管理者連絡窓口]" (the network's administrative contact handle).
  ["管理者連絡窓口", "administrative"],
  ["技術連絡担当者", "technical"],
  // LACNIC and registro.br "routing-c:": "the technical point of contact for the ASN" (LACNIC's WHOIS FAQ,
  // https://www.lacnic.net/1137/3/lacnic/sistema-de-administrac%C3%A3o-de-recursos-e-whois-faq), as tech-c is for a block.
  ["routing c", "technical"],
  ["zone contact", "technical"],
  ["zone c", "technical"],
  ["abuse contact", "abuse"],
  ["abuse c", "abuse"],
  ["abuse", "abuse"],
  ["noc", "noc"],
  ["org abuse", "abuse"],
  ["org tech", "technical"],
  ["org noc", "noc"],
  ["r abuse", "abuse"],
  ["r tech", "technical"],
  ["r noc", "noc"],
  // .lu "adm-name", "tec-email" (abbreviated roles)
  ["adm", "administrative"],
  ["tec", "technical"],
  // .lu "org-name", "org-address": the holder organisation (ARIN's "OrgName" stays a network field, above)
  ["org", "registrant"],
];

export type ContactFieldTarget =
  | "name" | "organization" | "email" | "phone" | "fax" | "street" | "city" | "state" | "postalCode" | "country" | "countryCode"
  | "handle" | "created" | "updated" | "namePart";

/**
 * Contact field labels in more registries' languages (issue #13, "Parser generality"): inside a role section ("Technischer
 * Kontakt:" then "Telefon:", "PLZ:", "Stadt:") or after a role prefix. de, pl, cs, tr, ru, nl, fr, es, pt, fi, hu, ro, sv/da/no,
 * ja, zh; each row names its languages. (Korean labels are left out: KISA's Korean section repeats its English one.)
 */
const MORE_CONTACT_FIELDS: readonly (readonly [ContactFieldTarget, readonly string[]])[] = [
  // de/pl/cs/tr/ru "Jméno", "Ad Soyad", "Имя", "ФИО"; ja "名前"; zh "联系人"; fr "Nom complet".
  ["name", ["jméno", "ad soyad", "adı soyadı", "имя", "фио", "名前", "联系人", "nom complet", "nimi", "név", "nume"]],
  // pl "Organizacja", cs "Organizace", tr "Kuruluş", ru "Организация", fr "Raison sociale", es "Organización"/"Empresa", zh "组织"/"单位", fi "Organisaatio".
  ["organization", ["organizacja", "organizace", "kuruluş", "организация", "raison sociale", "organización", "empresa", "组织", "单位", "organisaatio", "szervezet", "organizație",
    // .pf (whois.registry.pf) "Registrant Compagnie Name", "Tech 1 Compagnie Name" (French spelling in English labels).
    "compagnie name", "compagnie"]],
  // tr "E-posta", fr "Courriel"/"Adresse électronique", es "Correo"/"Correo electrónico", zh "电子邮件"/"邮箱", ru "Электронная почта", fi "Sähköposti".
  ["email", ["e posta", "courriel", "adresse électronique", "correo", "correo electrónico", "电子邮件", "邮箱", "электронная почта", "sähköposti", "e mail cím"]],
  // de/pl/cs/sv/da/no/tr "Telefon", "Telefonnummer"; ru "Телефон"; fr "Téléphone"; ja "電話番号"; zh "电话"; fi "Puhelin"; hu "Telefonszám".
  ["phone", ["telefon", "telefonnummer", "телефон", "téléphone", "電話番号", "电话", "puhelin", "telefonszám", "numer telefonu"]],
  // pl/tr "Faks", ru "Факс", fr "Télécopie", zh "传真".
  ["fax", ["faks", "факс", "télécopie", "传真", "fax číslo"]],
  // pl/tr/nl "Adres", cs/sk/hr "Adresa", pl "Ulica", de "Straße", ru "Адрес", ja "住所", zh "地址", fi "Osoite", hu "Cím", ro "Adresă".
  ["street", ["adres", "adresa", "ulica", "straße", "strasse", "адрес", "住所", "地址", "osoite", "cím", "adresă", "gatuadress"]],
  // pl "Miasto", de "Stadt"/"Ort", cs "Město", tr "Şehir", ru "Город", nl "Plaats"/"Woonplaats", zh "城市", fi "Kaupunki", hu "Város", ro "Oraș".
  ["city", ["miasto", "stadt", "město", "şehir", "город", "plaats", "woonplaats", "城市", "kaupunki", "város", "oraș", "postort"]],
  // zh "省份", ru "Регион"/"Область".
  ["state", ["省份", "регион", "область"]],
  // pl "Kod pocztowy", de "PLZ"/"Postleitzahl", cs "PSČ", tr "Posta kodu", ru "Индекс", es/pt "Código postal", ja "郵便番号", zh "邮编", fi "Postinumero", hu "Irányítószám", ro "Cod poștal".
  ["postalCode", ["kod pocztowy", "plz", "postleitzahl", "psč", "posta kodu", "индекс", "почтовый индекс", "código postal", "郵便番号", "邮编", "postinumero", "irányítószám", "cod poștal", "postnummer",
    // w20: Traficom (.fi) "postal............: 00100" in its Holder block (https://github.com/caarlos0/domain_exporter/pull/116).
    "postal"]],
  // pl "Kraj", cs "Země"/"Stát", tr "Ülke", ru "Страна", zh "国家", fi "Maa", hu "Ország", ro "Țară".
  ["country", ["kraj", "země", "ülke", "страна", "国家", "maa", "ország", "țară", "tara"]],
  // w20: HKIRC's holder block names the company in English and in Chinese ("Company English Name (…):", "Company Chinese
  // name:"); the English one comes first and is kept.
  ["organization", ["company english name", "company chinese name"]],
  // HKIRC's contacts ("Given name: JACK", "Family name: BI"): the parts of one name, joined in the answer's order.
  ["namePart", ["given name", "family name", "first name", "last name", "surname"]],
];

/** Label (after the role prefix, or inside a contact section) → contact field. */
export const CONTACT_FIELD_ALIASES: ReadonlyMap<string, ContactFieldTarget> = new Map<string, ContactFieldTarget>([
  ...(["name", "contact name", "person", "nome", "nombre", "nom", "full name", "contact", "responsible", "role"].map((l) => [l, "name"]) as [string, ContactFieldTarget][]),
  ...(["organization", "organisation", "org", "organization name", "company", "company name", "org name", "organizacion", "organização", "organizzazione", "firma", "societe", "entidade"].map((l) => [l, "organization"]) as [string, ContactFieldTarget][]),
  ...(["email", "e mail", "mail", "email address", "contact email", "correo electronico", "e mail address", "abuse mailbox"].map((l) => [l, "email"]) as [string, ContactFieldTarget][]),
  ...(["phone", "phone number", "telephone", "tel", "voice", "teléfono", "telefono", "telefone", "phone no", "contact phone"].map((l) => [l, "phone"]) as [string, ContactFieldTarget][]),
  // NeuStar (.us, .biz) and .CO Internet print "Registrant Facsimile Number", "Administrative Contact Facsimile Number";
  // RIPE-style "fax-no" and DENIC "Fax-no" normalize to "fax no"; "Telefax" (de/nl/no), "Fax Nr." (de), "Fax Num".
  ...(["fax", "fax number", "facsimile", "facsimile number", "facsimile telephone number", "fax no", "fax nr", "fax num", "fax phone", "telefax", "telefax number", "fax tel"].map((l) => [l, "fax"]) as [string, ContactFieldTarget][]),
  ...(["street", "address", "street address", "address1", "address 1", "address2", "address 2", "address3", "address 3", "street1", "street2", "street3", "address line", "postal address", "direccion", "dirección", "endereço", "indirizzo", "adresse", "addr"].map((l) => [l, "street"]) as [string, ContactFieldTarget][]),
  ...(["city", "town", "ciudad", "cidade", "città", "ville", "locality", "ort"].map((l) => [l, "city"]) as [string, ContactFieldTarget][]),
  ...(["state", "state province", "state prov", "province", "region", "estado", "provincia", "county", "state or province"].map((l) => [l, "state"]) as [string, ContactFieldTarget][]),
  ...(["postal code", "postalcode", "zip", "zip code", "zipcode", "postcode", "post code", "codigo postal", "cep", "cap", "code postal", "pc"].map((l) => [l, "postalCode"]) as [string, ContactFieldTarget][]),
  ...(["country", "pais", "país", "pays", "land", "paese", "country name", "country economy"].map((l) => [l, "country"]) as [string, ContactFieldTarget][]),
  ...(["country code", "countrycode", "cc"].map((l) => [l, "countryCode"]) as [string, ContactFieldTarget][]),
  ...(["id", "handle", "contact id", "contactid", "nic handle", "nic hdl", "registry id", "contact handle", "c", "nic", "code"].map((l) => [l, "handle"]) as [string, ContactFieldTarget][]),
  ...(["created", "creation date", "registered"].map((l) => [l, "created"]) as [string, ContactFieldTarget][]),
  ...(["updated", "last update", "last updated", "changed", "modified", "last modified"].map((l) => [l, "updated"]) as [string, ContactFieldTarget][]),
  ...MORE_CONTACT_FIELDS.flatMap(([field, labels]) => labels.map((label) => [label, field] as [string, ContactFieldTarget])),
]);

/** Role prefixes grouped by their first word, so most labels are rejected with one lookup. */
const PREFIXES_BY_FIRST_WORD: ReadonlyMap<string, [string, ContactRole][]> = (() => {
  const map = new Map<string, [string, ContactRole][]>();
  for (const entry of ROLE_PREFIXES) {
    const first = entry[0].split(" ")[0] ?? entry[0];
    map.set(first, [...(map.get(first) ?? []), entry]);
  }
  return map;
})();

/** Prefixes that name a role only before a contact field ("org-name"), never alone ("org: TSN", "org-id"). */
export const FIELD_ONLY_PREFIXES: ReadonlySet<string> = new Set(["org"]);

/** Splits "registrant phone" into role + remainder, longest prefix first. */
export function splitRole(key: string): { role: ContactRole; rest: string } | undefined {
  const space = key.indexOf(" ");
  const candidates = PREFIXES_BY_FIRST_WORD.get(space === -1 ? key : key.slice(0, space));
  if (!candidates) return undefined;
  for (const [prefix, role] of candidates) {
    if (key === prefix) return FIELD_ONLY_PREFIXES.has(prefix) ? undefined : { role, rest: "" };
    if (key.startsWith(`${prefix} `)) {
      const rest = key.slice(prefix.length + 1);
      if (FIELD_ONLY_PREFIXES.has(prefix) && CONTACT_FIELD_ALIASES.get(rest) === "handle") return undefined;
      return { role, rest };
    }
  }
  return undefined;
}
