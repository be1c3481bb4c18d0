/** What kind of object a port-43 query asks about, as far as query syntax goes. */
export type QueryKindForServer = "domain" | "ip" | "cidr" | "asn" | "handle";

/**
 * Query templates per kind. `{q}` is the value (ASNs as "AS15169"), `{n}` the bare
 * ASN number ("15169"). A kind without a template sends `{q}`.
 */
export type QueryTemplates = Partial<Record<QueryKindForServer, string>>;

/** One row of the table: only what differs from BASE_PROFILE. */
export interface ProfileRow {
  query?: QueryTemplates;
  /** iconv-lite name of the answers' charset; "utf-8" also falls back to windows-1252 on invalid bytes (net/decode). */
  charset?: string;
  /** How IDNs are sent: A-label (default) or Unicode. */
  idn?: "ace" | "unicode";
  /** Politeness: sustained queries per second and parallel connections. */
  qps?: number;
  concurrency?: number;
  /** How this server points elsewhere, for the referral follower's readers. */
  referral?: string;
  /** Why the row exists; `limits` says whether qps/concurrency are published or our estimate. */
  notes: string;
  limits?: "published" | "estimate";
}

export interface ServerProfile {
  host: string;
  /** Templates after merging the row over BASE_PROFILE. */
  query: Readonly<Record<QueryKindForServer, string>>;
  charset?: string;
  idn: "ace" | "unicode";
  qps: number;
  concurrency: number;
  referral?: string;
  /** Set only for servers with a row (bulk/ treats those limits as known). */
  notes?: string;
  limits?: "published" | "estimate";
  formatQuery(value: string, kind: QueryKindForServer): string;
}

/** Every server without a row: the bare value, ASNs as "AS<n>", A-labels, one query a second, two connections. */
export const BASE_PROFILE = Object.freeze({
  query: Object.freeze({ domain: "{q}", ip: "{q}", cidr: "{q}", asn: "AS{n}", handle: "{q}" }) as Readonly<Record<QueryKindForServer, string>>,
  idn: "ace" as const,
  qps: 1,
  concurrency: 2,
});

/** RIPE database software (RIPE NCC, APNIC, AFRINIC): -B shows objects unfiltered; no -r, because we want the contact objects. */
const RIPE_SOFTWARE: QueryTemplates = { domain: "-B {q}", ip: "-B {q}", cidr: "-B {q}", asn: "-B AS{n}", handle: "-B {q}" };
const VERISIGN_THIN: QueryTemplates = { domain: "domain {q}" };
const VERISIGN_NOTE = "Verisign: `domain X` restricts the match to domain objects (a bare name also matches name servers and registrars; `=X` shows them all in full)";
const DK_HOSTMASTER: QueryTemplates = { domain: "--charset=utf-8 --show-handles {q}" };

/**
 * Per-server quirks, one row per server; adding a server means adding a row.
 * Sources: each registry's port-43 documentation where published, else long-standing
 * client practice (GNU whois' query formats and charset list, checked, not copied).
 */
export const SERVER_PROFILES: Readonly<Record<string, ProfileRow>> = Object.freeze({
  "whois.iana.org": { qps: 5, concurrency: 4, limits: "estimate", referral: "`refer:` (and `whois:`) line names the TLD's or RIR's server", notes: "IANA root zone database: TLDs, IP blocks, ASNs" },
  "whois.verisign-grs.com": { query: VERISIGN_THIN, qps: 20, concurrency: 8, limits: "estimate", referral: "`Registrar WHOIS Server:` (thin registry)", notes: `.com/.net. ${VERISIGN_NOTE}` },
  "ccwhois.verisign-grs.com": { query: VERISIGN_THIN, qps: 10, concurrency: 4, limits: "estimate", notes: `.cc. ${VERISIGN_NOTE}` },
  "tvwhois.verisign-grs.com": { query: VERISIGN_THIN, qps: 10, concurrency: 4, limits: "estimate", notes: `.tv. ${VERISIGN_NOTE}` },
  "whois.nic.tv": { query: VERISIGN_THIN, qps: 10, concurrency: 4, limits: "estimate", notes: `.tv (Verisign back end). ${VERISIGN_NOTE}` },
  "whois.denic.de": {
    query: { domain: "-T dn,ace {q}" },
    charset: "utf-8",
    qps: 1,
    concurrency: 1,
    limits: "estimate",
    notes: "DENIC: `-T dn,ace` returns the domain object with holder data and the A-label; it accepts Unicode names too, we send A-labels",
  },
  "whois.jprs.jp": { query: { domain: "{q}/e" }, charset: "utf-8", qps: 1, concurrency: 1, limits: "estimate", notes: "JPRS: `/e` asks for English labels (ASCII); without it answers are Japanese in ISO-2022-JP" },
  "whois.nic.ad.jp": { query: { ip: "{q}/e", cidr: "{q}/e", asn: "AS {n}/e", handle: "{q}/e" }, charset: "utf-8", notes: "JPNIC: `/e` for English; ASNs written `AS 2497`" },
  "whois.dk-hostmaster.dk": { query: DK_HOSTMASTER, charset: "utf-8", notes: "DK Hostmaster: contact handles shown only on request; --charset=utf-8 or the answer is Latin-1" },
  "whois.punktum.dk": { query: DK_HOSTMASTER, charset: "utf-8", notes: "Punktum dk (DK Hostmaster's successor for .dk), same syntax" },
  "whois.arin.net": {
    query: { ip: "n + {q}", cidr: "n + {q}", asn: "a + {n}", handle: "+ {q}" },
    qps: 5,
    concurrency: 4,
    limits: "estimate",
    referral: "`ReferralServer: whois://…` (or rwhois://) for space ARIN does not hold",
    notes: "ARIN: `n` network, `a` ASN (bare number), `+` full details; GNU whois sends `r + = X` for CIDRs, `n + X` matches the enclosing network",
  },
  "whois.ripe.net": {
    query: RIPE_SOFTWARE,
    charset: "utf-8",
    qps: 5,
    concurrency: 3,
    limits: "published",
    notes: "RIPE NCC: at most 3 simultaneous connections per address (ERROR:208) and a daily quota of personal objects (ERROR:201); -r would drop contacts",
  },
  "whois.apnic.net": { query: RIPE_SOFTWARE, qps: 5, concurrency: 3, limits: "estimate", notes: "APNIC: RIPE database software" },
  "whois.afrinic.net": { query: RIPE_SOFTWARE, qps: 5, concurrency: 3, limits: "estimate", notes: "AFRINIC: RIPE database software" },
  "whois.lacnic.net": { charset: "utf-8", qps: 2, concurrency: 2, limits: "estimate", referral: "answers for other RIRs' space with a pointer", notes: "LACNIC: own software; older answers were Latin-1 (the UTF-8 decoder falls back)" },
  "whois.nic.or.kr": { charset: "utf-8", notes: "KRNIC (KISA) IP WHOIS; historically EUC-KR" },
  "whois.kr": { charset: "utf-8", notes: "KISA .kr" },
  "whois.tcinet.ru": { charset: "utf-8", qps: 1, concurrency: 1, limits: "estimate", notes: ".ru/.su/.рф (TCI): strict rate limits; the old RIPN server answered in KOI8-R" },
  "whois.nic.it": { qps: 1, concurrency: 1, limits: "estimate", notes: ".it: low query limits, blocks bursts" },
  "whois.dns.lu": { charset: "iso-8859-1", qps: 1, concurrency: 1, limits: "estimate", notes: ".lu: Latin-1 answers, low query limits" },
  "whois.eu": { charset: "utf-8", qps: 1, concurrency: 1, limits: "estimate", notes: "EURid: rate-limited, contacts withheld on port 43" },
  "whois.nic.fr": { charset: "utf-8", notes: "AFNIC (.fr, .re, .pm, .tf, .wf, .yt)" },
  "whois.nic.hu": { charset: "iso-8859-2", notes: ".hu: 8-bit answers; Hungarian needs Latin-2 (ő, ű)" },
  "whois.registro.br": { charset: "iso-8859-1", notes: ".br: Latin-1 answers" },
  "whois.cira.ca": { charset: "iso-8859-1", notes: ".ca: Latin-1 answers" },
  "whois.fi": { charset: "iso-8859-1", notes: ".fi: Latin-1 answers" },
  "whois.isnic.is": { charset: "iso-8859-1", notes: ".is: Latin-1 answers" },
  "whois.norid.no": { charset: "iso-8859-1", notes: ".no: Latin-1 answers" },
  "whois.ax": { charset: "iso-8859-1", notes: ".ax: Latin-1 answers" },
  "whois.nic.ve": { charset: "iso-8859-1", notes: ".ve: Latin-1 answers" },
  "whois.nic.cl": { charset: "utf-8", notes: ".cl" },
  "whois.cnnic.cn": { charset: "utf-8", notes: ".cn" },
  "cwhois.cnnic.cn": { charset: "utf-8", notes: ".中国 / .中國" },
  "whois.twnic.net.tw": { charset: "utf-8", notes: ".tw" },
  "whois.kg": { charset: "windows-1251", notes: ".kg: Cyrillic answers in windows-1251" },
});

const cache = new Map<string, ServerProfile>();

/** The profile for `host`: BASE_PROFILE with that server's row merged over it. */
export function profileFor(host: string): ServerProfile {
  const key = host.trim().toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const row = Object.hasOwn(SERVER_PROFILES, key) ? SERVER_PROFILES[key] : undefined;
  const query = Object.freeze({ ...BASE_PROFILE.query, ...(row?.query ?? {}) });
  const profile: ServerProfile = {
    host: key,
    query,
    idn: row?.idn ?? BASE_PROFILE.idn,
    qps: row?.qps ?? BASE_PROFILE.qps,
    concurrency: row?.concurrency ?? BASE_PROFILE.concurrency,
    formatQuery: (value, kind) => formatQuery(query[kind], value, kind),
  };
  if (row?.charset !== undefined) profile.charset = row.charset;
  if (row?.referral !== undefined) profile.referral = row.referral;
  if (row?.notes !== undefined) profile.notes = row.notes;
  if (row?.limits !== undefined) profile.limits = row.limits;
  if (cache.size < 10_000) cache.set(key, Object.freeze(profile));
  return profile;
}

const ASN_VALUE = /^(?:as)?\s*(\d{1,10})$/i;

/**
 * Fills a template. Line breaks are removed from the value: a query is one line
 * on the wire, and a CR/LF inside it would smuggle a second query.
 */
export function formatQuery(template: string, value: string, kind: QueryKindForServer): string {
  const clean = value.includes("\n") || value.includes("\r") ? value.replace(/[\r\n]+/g, " ").trim() : value.trim();
  let q = clean;
  let n = clean;
  if (kind === "asn") {
    const digits = ASN_VALUE.exec(clean)?.[1];
    if (digits !== undefined) {
      n = String(Number(digits));
      q = `AS${n}`;
    }
  }
  // Most templates are the bare value.
  if (template === "{q}") return q;
  return template.replace(/\{([qn])\}/g, (_, name: string) => (name === "n" ? n : q));
}
