/** What kind of object a port-43 query asks about, as far as query syntax goes. */
export type QueryKindForServer = "domain" | "ip" | "cidr" | "asn" | "handle";

/** `{q}` is replaced by the query value. */
type Templates = Partial<Record<QueryKindForServer, string>>;

interface ProfileRow {
  /** Query syntax per kind; a missing kind sends the bare value. */
  query?: Templates;
  /** iconv-lite charset of the answers (default utf-8, which falls back to windows-1252 on invalid bytes). */
  charset?: string;
  /** How IDNs are sent: A-label (default) or Unicode. */
  idn?: "ace" | "unicode";
  /** Politeness: sustained queries per second and parallel connections this server tolerates. */
  qps?: number;
  concurrency?: number;
  /** Why the row exists. */
  notes: string;
}

export interface ServerProfile {
  host: string;
  charset?: string;
  idn: "ace" | "unicode";
  qps?: number;
  concurrency?: number;
  notes?: string;
  formatQuery(value: string, kind: QueryKindForServer): string;
}

/** Every server not listed: bare query, UTF-8, A-labels, polite defaults. */
const BASE: Required<Pick<ProfileRow, "idn" | "qps" | "concurrency">> = { idn: "ace", qps: 1, concurrency: 2 };

const RIR_ASN = { asn: "{q}" };

/**
 * Per-server quirks, one row per server. Add a server by adding a row.
 * Sources: each registry's own port-43 documentation and long-standing client
 * practice (GNU whois, the peers in shared/research).
 */
export const SERVER_PROFILES: Readonly<Record<string, ProfileRow>> = Object.freeze({
  "whois.iana.org": { qps: 5, concurrency: 4, notes: "root zone database; answers refer:/whois: for TLDs, IPs and ASNs" },
  "whois.verisign-grs.com": {
    query: { domain: "domain {q}" },
    qps: 20,
    concurrency: 8,
    notes: "thin registry: `domain X` restricts the answer to domain objects (a bare name also matches name servers)",
  },
  "ccwhois.verisign-grs.com": { query: { domain: "domain {q}" }, qps: 10, concurrency: 4, notes: ".cc, Verisign syntax" },
  "tvwhois.verisign-grs.com": { query: { domain: "domain {q}" }, qps: 10, concurrency: 4, notes: ".tv, Verisign syntax" },
  "whois.denic.de": {
    query: { domain: "-T dn,ace {q}" },
    idn: "ace",
    charset: "utf-8",
    qps: 1,
    concurrency: 1,
    notes: "DENIC: `-T dn,ace` returns the full domain object with the A-label; it also accepts Unicode names",
  },
  "whois.jprs.jp": { query: { domain: "{q}/e" }, charset: "iso-2022-jp", qps: 1, concurrency: 1, notes: "JPRS: `/e` for English labels; otherwise ISO-2022-JP Japanese" },
  "whois.dk-hostmaster.dk": { query: { domain: "--show-handles {q}" }, charset: "iso-8859-1", notes: "DK Hostmaster: show contact handles" },
  "whois.punktum.dk": { query: { domain: "--show-handles {q}" }, charset: "iso-8859-1", notes: "Punktum dk (formerly DK Hostmaster)" },
  "whois.arin.net": {
    query: { ip: "n + {q}", cidr: "n + {q}", asn: "a + {q}", handle: "+ {q}" },
    qps: 5,
    concurrency: 4,
    notes: "ARIN: `n +` network with details, `a +` ASN with details; answers ReferralServer for other RIRs' space",
  },
  "whois.ripe.net": {
    query: { ip: "-B {q}", cidr: "-B {q}", ...RIR_ASN, handle: "-B {q}" },
    charset: "utf-8",
    qps: 5,
    concurrency: 3,
    notes: "RIPE: -B shows unfiltered objects; 3 connections per IP (ERROR:306) and a daily personal-object quota (ERROR:201)",
  },
  "whois.apnic.net": { query: { ip: "-B {q}", cidr: "-B {q}", ...RIR_ASN }, qps: 5, concurrency: 3, notes: "APNIC: RIPE software" },
  "whois.afrinic.net": { query: { ip: "-B {q}", cidr: "-B {q}", ...RIR_ASN }, qps: 5, concurrency: 3, notes: "AFRINIC: RIPE software" },
  "whois.lacnic.net": { charset: "iso-8859-1", qps: 2, concurrency: 2, notes: "LACNIC: Latin-1 answers" },
  "whois.nic.ad.jp": { query: { ip: "{q}/e", cidr: "{q}/e" }, charset: "iso-2022-jp", notes: "JPNIC: `/e` for English" },
  "whois.nic.or.kr": { charset: "euc-kr", notes: "KRNIC: EUC-KR" },
  "whois.kr": { charset: "utf-8", notes: "KISA" },
  "whois.tcinet.ru": { charset: "utf-8", qps: 1, notes: ".ru/.su: strict rate limits" },
  "whois.nic.it": { qps: 1, concurrency: 1, notes: ".it: low query limits" },
  "whois.dns.lu": { qps: 1, concurrency: 1, notes: ".lu: 1 query/s and 100/h" },
  "whois.nic.fr": { charset: "iso-8859-1", notes: "AFNIC: Latin-1 answers" },
  "whois.nic.hu": { charset: "iso-8859-2", notes: ".hu: Latin-2" },
  "whois.cctld.by": { charset: "utf-8", notes: ".by" },
  "whois.ua": { charset: "utf-8", notes: ".ua" },
  "whois.registro.br": { charset: "iso-8859-1", notes: ".br: Latin-1" },
  "whois.nic.ve": { charset: "iso-8859-1", notes: ".ve: Latin-1" },
  "whois.nic.cl": { charset: "iso-8859-1", notes: ".cl: Latin-1" },
  "whois.nic.ar": { charset: "utf-8", notes: ".ar" },
  "whois.twnic.net.tw": { charset: "utf-8", notes: ".tw" },
  "whois.cnnic.cn": { charset: "utf-8", notes: ".cn" },
  "whois.thnic.co.th": { charset: "utf-8", notes: ".th" },
});

const cache = new Map<string, ServerProfile>();

/** The profile for `host`: the base defaults with that server's row over them. */
export function profileFor(host: string): ServerProfile {
  const key = host.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const row = SERVER_PROFILES[key];
  const templates = row?.query ?? {};
  const profile: ServerProfile = {
    host: key,
    idn: row?.idn ?? BASE.idn,
    qps: row?.qps ?? BASE.qps,
    concurrency: row?.concurrency ?? BASE.concurrency,
    formatQuery: (value, kind) => {
      const template = templates[kind];
      return template === undefined ? value : template.replace("{q}", value);
    },
  };
  if (row?.charset !== undefined) profile.charset = row.charset;
  if (row?.notes !== undefined) profile.notes = row.notes;
  cache.set(key, profile);
  return profile;
}
