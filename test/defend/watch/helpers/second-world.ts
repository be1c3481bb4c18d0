/**
 * A second watch world, written apart from src/server/dataset/watch-world.ts and in other registries'
 * styles: one mutable registration table rendered the way five real registries answer.
 *
 * Port 43, from each registry's published answer format:
 * - DENIC (.de): `Domain:`/`Nserver:`/`Dnskey:`/`Status: connect`/`Changed:` (DENIC whois documentation,
 *   "Domain Query" output; no registrar, no expiry, no holder on the public server).
 * - Nominet (.uk): indented sections whose labels stand on a line of their own ("Registrar:", "Relevant
 *   dates:", "Name servers:"), dates as 02-Jan-2010 (Nominet's WHOIS output description).
 * - AFNIC (.fr): RPSL-like blocks, `eppstatus:`, `holder-c:` pointing at a `nic-hdl:` block that carries
 *   the holder's name and e-mail (AFNIC's "Guide du service Whois").
 * - Verisign (.com): a thin registry answer (ICANN RA Specification 4) referring to the registrar's
 *   server by `Registrar WHOIS Server:`, which answers in the 2013 RAA format with the registrant.
 * - RIPE NCC: an RPSL `inetnum` with `org:`, `mnt-by:` and its `organisation` object (RIPE Database
 *   Query Reference Manual).
 * - IANA (whois.iana.org): its TLD object (`refer:`, `domain:`, `organisation:`, `whois:`, `source: IANA`,
 *   as `whois -h whois.iana.org TLD` prints it) for `.zqw`, a TLD in no built-in table: the lookup must learn
 *   the registry from it. `.zqw`'s registry answers as a thick gTLD registry does (ICANN Registry
 *   Agreement, Specification 4, §1.4: `Registrant Organization:`, `Registrar IANA ID:`), with no referral.
 * RDAP, from RFC 9083 (objectClassName, status, events, entities with jCard, nameservers, secureDNS)
 * with RFC 8056 status names; the .com registry answer links the registrar's RDAP (rel "related").
 */

export interface Holder {
  handle: string;
  org: string;
  email: string;
}

export interface Registrar {
  name: string;
  ianaId: string;
  /** Its port-43 and RDAP host names (mapped to loopback by the test's --servers file). */
  whois: string;
  rdap: string;
}

export interface Registration {
  /** A-label, lower case. */
  name: string;
  registrar?: Registrar;
  nameservers: string[];
  /** EPP statuses (RFC 5731), e.g. clientTransferProhibited. */
  statuses: string[];
  holder?: Holder;
  /** A DS record when the delegation is signed. */
  ds?: { keyTag: number; algorithm: number; digestType: number; digest: string };
  created: string;
  updated: string;
  expires: string;
}

export interface Netblock {
  start: string;
  end: string;
  cidr: string;
  netname: string;
  org: Holder;
  mntBy: string;
  changed: string;
}

/**
 * A transient failure a registry can show: its own rate-limit text / HTTP 429, a 5xx, no answer at all,
 * or "lag": one "no match" / 404 (a replica behind), then the truth.
 */
export type Fault = "rate-limit" | "error" | "timeout" | "lag";

export const REGISTRY = {
  de: { whois: "whois.denic.de", rdap: "rdap.denic.de" },
  uk: { whois: "whois.nic.uk", rdap: "rdap.nominet.uk" },
  fr: { whois: "whois.nic.fr", rdap: "rdap.nic.fr" },
  com: { whois: "whois.verisign-grs.com", rdap: "rdap.verisign.com" },
  ripe: { whois: "whois.ripe.net", rdap: "rdap.db.ripe.net" },
  /** A TLD in no built-in table: port 43 learns it from IANA, RDAP from the bootstrap file (RFC 9224). */
  zqw: { whois: "whois.nic.zqw", rdap: "rdap.nic.zqw" },
} as const;

/** IANA's port-43 server: asked for a TLD no table knows. */
export const IANA_WHOIS = "whois.iana.org";

export const REG_ONE: Registrar = { name: "RegOne Domains, Inc.", ianaId: "9101", whois: "whois.regone.example", rdap: "rdap.regone.example" };
export const REG_TWO: Registrar = { name: "Quickhost Registrar LLC", ianaId: "9202", whois: "whois.quickhost.example", rdap: "rdap.quickhost.example" };
export const REGISTRARS = [REG_ONE, REG_TWO];

const DAY = 86_400_000;
/** An ISO date `days` from now, at midnight UTC (expiry-near counts whole days). */
export const daysFromNow = (days: number): string => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString().replace(".000Z", "Z");

const upper = (s: string): string => s.toUpperCase();
const tldOf = (name: string): string => name.slice(name.lastIndexOf(".") + 1);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Nominet's date style: 02-Jan-2010. */
const nominetDate = (iso: string): string => {
  const d = new Date(iso);
  return `${String(d.getUTCDate()).padStart(2, "0")}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
};
/** DENIC's Changed: style, local time with offset. */
const denicDate = (iso: string): string => new Date(Date.parse(iso) + 3_600_000).toISOString().replace(/\.\d+Z$/, "+01:00");

/** EPP status → RDAP status (RFC 8056 §2). */
const rdapStatus = (epp: string): string => (epp === "ok" ? "active" : epp.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`));

export class SecondWorld {
  readonly domains = new Map<string, Registration>();
  readonly netblocks: Netblock[] = [];
  /** Domains (or netblock CIDRs) whose servers fail for now, on both protocols. */
  readonly faults = new Map<string, Fault>();
  /** Hosts that are down for now: port 43 closes without a word, RDAP answers 503. */
  readonly down = new Set<string>();
  /** Names a paid reverse-WHOIS API (WhoisXML style) reports for a term: term → domains. */
  readonly reverseIndex = new Map<string, string[]>();
  /** Bumped by `noise()`: the database timestamp every answer shows and the legal notice's wording. */
  databaseUpdated = "2026-12-01T06:00:00Z";
  noticeVersion = 0;
  readonly asked = { whois: 0, rdap: 0, reverse: 0 };
  /** Queries IANA's port-43 server answered (also counted in `asked.whois`). */
  ianaAsked = 0;
  /** The wait a rate-limit answer names (RDAP Retry-After, Nominet's "replenished in N seconds"). */
  retryAfterSeconds = 3600;
  /** A rate limit that answers once and then lets the retry through (a bucket refilled by the wait). */
  readonly onceLimited = new Set<string>();
  /** Every query as it arrived: host, the query, when (ms), and the fault it was answered with. */
  readonly log: { host: string; query: string; at: number; fault?: Fault }[] = [];

  constructor(domains: Registration[], netblocks: Netblock[]) {
    for (const d of domains) this.domains.set(d.name, structuredClone(d));
    this.netblocks.push(...netblocks.map((n) => structuredClone(n)));
  }

  update(name: string, change: Partial<Registration>): void {
    const current = this.domains.get(name);
    if (!current) throw new Error(`no such domain ${name}`);
    this.domains.set(name, { ...current, ...change });
  }

  /**
   * What must not alert: every answer's "last update of the database" moves, the legal notice is
   * reworded, each `Updated`/`Changed`/`last-update` date moves, name servers come back in another
   * order and another letter case.
   */
  noise(): void {
    this.databaseUpdated = "2026-12-07T05:30:00Z";
    this.noticeVersion += 1;
    for (const d of this.domains.values()) {
      d.updated = "2026-12-06T22:10:00Z";
      d.nameservers = [...d.nameservers].reverse().map((ns, i) => (i % 2 === 0 ? ns.toUpperCase() : ns.toLowerCase()));
    }
    for (const n of this.netblocks) n.changed = "2026-12-06T22:10:00Z";
  }

  private notice(): string {
    return this.noticeVersion === 0
      ? "The data in this record is provided for information purposes only. Any use for mass unsolicited advertising is prohibited."
      : "This information is supplied for lookup purposes only; it must not be used to send bulk unsolicited messages or for any other unlawful purpose.";
  }

  // ---------------------------------------------------------------- port 43

  /** The answer of the port-43 server `host` to one query line; undefined: keep the connection silent (a timeout). */
  whois(host: string, line: string): string | undefined {
    this.asked.whois += 1;
    // GNU whois sends DENIC "-T dn,ace NAME" and RIPE "-B NAME"-style flags: the last word is the query.
    const query = (line.trim().split(/\s+/).pop() ?? "").toLowerCase();
    const fault = this.down.has(host) ? "error" : this.faultFor(query, host);
    if (fault === "timeout") return undefined;
    if (fault === "lag") this.faults.delete(query);
    if (host === IANA_WHOIS) return this.ianaWhois(query);
    if (host === REGISTRY.ripe.whois) return fault && fault !== "lag" ? ripeFault(fault) : this.ripeWhois(query);
    const d = fault === "lag" ? undefined : this.domains.get(query);
    if (fault && fault !== "lag") return whoisFault(host, fault, this.retryAfterSeconds);
    if (host === REGISTRY.de.whois) return this.denicWhois(query, d);
    if (host === REGISTRY.uk.whois) return this.nominetWhois(query, d);
    if (host === REGISTRY.fr.whois) return this.afnicWhois(query, d);
    if (host === REGISTRY.com.whois) return this.verisignWhois(query, d);
    if (host === REGISTRY.zqw.whois) return this.thickWhois(query, d);
    const registrar = REGISTRARS.find((r) => r.whois === host);
    if (registrar) return this.registrarWhois(query, d?.registrar?.whois === host ? d : undefined, registrar);
    return "% unknown server\n";
  }

  private faultFor(query: string, host: string): Fault | undefined {
    const fault = this.findFault(query);
    this.log.push({ host, query, at: Date.now(), ...(fault ? { fault } : {}) });
    if (fault === "rate-limit" && this.onceLimited.delete(query)) this.faults.delete(query);
    return fault;
  }

  private findFault(query: string): Fault | undefined {
    for (const [key, fault] of this.faults) if (query === key || query === key.split("/")[0] || query.startsWith(`${key}/`)) return fault;
    return undefined;
  }

  private denicWhois(query: string, d: Registration | undefined): string {
    const head = `% Restricted rights.\n%\n% Terms and Conditions of Use\n%\n% ${this.notice()}\n%\n% Copyright (c) 2010 DENIC eG\n\n`;
    if (!d) return `${head}Domain: ${query}\nStatus: free\n`;
    const lines = [`Domain: ${d.name}`, ...d.nameservers.map((ns) => `Nserver: ${ns}`)];
    if (d.ds) lines.push(`Dnskey: 257 3 ${d.ds.algorithm} AwEAAd${d.ds.digest.slice(0, 24)}`);
    lines.push("Status: connect", `Changed: ${denicDate(d.updated)}`);
    return `${head}${lines.join("\n")}\n`;
  }

  private nominetWhois(query: string, d: Registration | undefined): string {
    const foot = `\n    WHOIS lookup made at ${this.databaseUpdated.slice(11, 19)} ${nominetDate(this.databaseUpdated)}\n\n-- \n${this.notice()}\nCopyright Nominet UK 1996 - 2026.\n`;
    if (!d) return `\n    No match for "${query}".\n${foot}`;
    const status = d.statuses.includes("pendingDelete") ? "Renewal required." : "Registered until expiry date.";
    return [
      "",
      "    Domain name:",
      `        ${d.name}`,
      "",
      "    Registrant:",
      `        ${d.holder?.org ?? "Data not disclosed"}`,
      "",
      "    Registrar:",
      `        ${d.registrar?.name ?? "No registrar listed"} [Tag = ${upper((d.registrar?.name ?? "NONE").split(/\W/)[0] ?? "NONE")}]`,
      `        URL: https://www.${(d.registrar?.whois ?? "none.example").replace(/^whois\./, "")}`,
      "",
      "    Relevant dates:",
      `        Registered on: ${nominetDate(d.created)}`,
      `        Expiry date:  ${nominetDate(d.expires)}`,
      `        Last updated:  ${nominetDate(d.updated)}`,
      "",
      "    Registration status:",
      `        ${status}`,
      "",
      "    Name servers:",
      ...d.nameservers.map((ns) => `        ${ns}`),
      "",
      foot,
    ].join("\n");
  }

  private afnicWhois(query: string, d: Registration | undefined): string {
    const head = `%%\n%% This is the AFNIC Whois server.\n%%\n%% complete date format: YYYY-MM-DDThh:mm:ssZ\n%%\n%% Rights restricted by copyright.\n%% ${this.notice()}\n%%\n\n`;
    if (!d) return `${head}%% NOT FOUND\n`;
    const pad = (label: string, value: string): string => `${`${label}:`.padEnd(31)}${value}`;
    const status = d.statuses.includes("redemptionPeriod") ? "REDEMPTION" : d.statuses.includes("pendingDelete") ? "DELETED" : "ACTIVE";
    const blocks = [
      [
        pad("domain", d.name),
        pad("status", status),
        ...d.statuses.map((s) => pad("eppstatus", s)),
        pad("hold", "NO"),
        ...(d.holder ? [pad("holder-c", d.holder.handle), pad("admin-c", d.holder.handle)] : []),
        pad("tech-c", "TECH1-FRNIC"),
        pad("registrar", d.registrar?.name ?? ""),
        pad("Expiry Date", d.expires),
        pad("created", d.created),
        pad("last-update", d.updated),
        pad("source", "FRNIC"),
      ],
      [...d.nameservers.map((ns) => pad("nserver", ns)), ...(d.ds ? [pad("ds-rdata", `${d.ds.keyTag} ${d.ds.algorithm} ${d.ds.digestType} ${d.ds.digest}`)] : []), pad("source", "FRNIC")],
      [pad("registrar", d.registrar?.name ?? ""), pad("address", "1 rue de l'Exemple"), pad("country", "FR"), pad("e-mail", `support@${(d.registrar?.whois ?? "none.example").replace(/^whois\./, "")}`), pad("anonymous", "NO"), pad("source", "FRNIC")],
      ...(d.holder
        ? [[pad("nic-hdl", d.holder.handle), pad("type", "ORGANIZATION"), pad("contact", d.holder.org), pad("address", "10 avenue de la Gare"), pad("country", "FR"), pad("e-mail", d.holder.email), pad("changed", d.updated), pad("anonymous", "NO"), pad("source", "FRNIC")]]
        : []),
    ];
    return `${head}${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
  }

  private icannStatus(d: Registration): string[] {
    return d.statuses.map((s) => `Domain Status: ${s} https://icann.org/epp#${s}`);
  }

  private verisignWhois(query: string, d: Registration | undefined): string {
    const tail = `>>> Last update of whois database: ${this.databaseUpdated} <<<\n\nNOTICE: ${this.notice()}\n\nTERMS OF USE: You are not authorized to access or query our Whois database through the use of electronic processes that are high-volume and automated.\n`;
    if (!d) return `No match for "${upper(query)}".\n${tail}`;
    return [
      `   Domain Name: ${upper(d.name)}`,
      `   Registry Domain ID: ${d.name.length}${d.created.slice(0, 4)}_DOMAIN_COM-VRSN`,
      `   Registrar WHOIS Server: ${d.registrar?.whois ?? ""}`,
      `   Registrar URL: http://www.${(d.registrar?.whois ?? "").replace(/^whois\./, "")}`,
      `   Updated Date: ${d.updated}`,
      `   Creation Date: ${d.created}`,
      `   Registry Expiry Date: ${d.expires}`,
      `   Registrar: ${d.registrar?.name ?? ""}`,
      `   Registrar IANA ID: ${d.registrar?.ianaId ?? ""}`,
      "   Registrar Abuse Contact Email: abuse@registrar.example",
      "   Registrar Abuse Contact Phone: +1.5555550100",
      ...this.icannStatus(d).map((l) => `   ${l}`),
      ...d.nameservers.map((ns) => `   Name Server: ${upper(ns)}`),
      `   DNSSEC: ${d.ds ? "signedDelegation" : "unsigned"}`,
      ...(d.ds ? [`   DNSSEC DS Data: ${d.ds.keyTag} ${d.ds.algorithm} ${d.ds.digestType} ${upper(d.ds.digest)}`] : []),
      "   URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/",
      `${tail}`,
    ].join("\n");
  }

  /** IANA's answer for a TLD (or a name under it: IANA answers with the TLD's object), as whois.iana.org prints it. */
  private ianaWhois(query: string): string {
    this.ianaAsked += 1;
    const head = "% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n% This query returned 1 object\n\n";
    const tld = tldOf(query);
    if (tld !== "zqw") return `% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n%\n% This query returned 0 objects.\n`;
    return [
      `${head}refer:        ${REGISTRY.zqw.whois}`,
      "",
      "domain:       ZQW",
      "",
      "organisation: Zeta Quay Registry Services Ltd.",
      "address:      1 Harbour Road",
      "address:      Quayside",
      "address:      Zeta Islands",
      "",
      "contact:      administrative",
      "name:         Registry Manager",
      "organisation: Zeta Quay Registry Services Ltd.",
      "e-mail:       admin@nic.zqw",
      "",
      "nserver:      A.NIC.ZQW 192.0.2.53",
      "",
      `whois:        ${REGISTRY.zqw.whois}`,
      "",
      "status:       ACTIVE",
      "remarks:      Registration information: https://nic.zqw/",
      "",
      "created:      2015-06-11",
      "changed:      2026-02-03",
      "source:       IANA",
      "",
    ].join("\n");
  }

  /** A thick gTLD registry (RA Specification 4 §1.4): the registrant and the registrar in the registry's own answer, no referral. */
  private thickWhois(query: string, d: Registration | undefined): string {
    const tail = `>>> Last update of WHOIS database: ${this.databaseUpdated} <<<\n\nFor more information on Whois status codes, please visit https://icann.org/epp\n\n${this.notice()}\n`;
    if (!d) return `The queried object does not exist: DOMAIN NOT FOUND\n${tail}`;
    const h = d.holder;
    return [
      `Domain Name: ${d.name}`,
      `Registry Domain ID: D${d.created.slice(0, 4)}${d.name.length}-ZQW`,
      `Registrar WHOIS Server: `,
      `Registrar URL: https://www.${(d.registrar?.whois ?? "").replace(/^whois\./, "")}`,
      `Updated Date: ${d.updated}`,
      `Creation Date: ${d.created}`,
      `Registry Expiry Date: ${d.expires}`,
      `Registrar: ${d.registrar?.name ?? ""}`,
      `Registrar IANA ID: ${d.registrar?.ianaId ?? ""}`,
      ...this.icannStatus(d),
      "Registry Registrant ID: REDACTED FOR PRIVACY",
      "Registrant Name: REDACTED FOR PRIVACY",
      `Registrant Organization: ${h?.org ?? ""}`,
      "Registrant Country: SE",
      `Registrant Email: ${h?.email ?? ""}`,
      ...d.nameservers.map((ns) => `Name Server: ${ns}`),
      `DNSSEC: ${d.ds ? "signedDelegation" : "unsigned"}`,
      tail,
    ].join("\n");
  }

  private registrarWhois(query: string, d: Registration | undefined, registrar: Registrar): string {
    if (!d) return `No match for domain "${query}" at ${registrar.name}.\n`;
    const h = d.holder;
    return [
      `Domain Name: ${d.name}`,
      `Registrar WHOIS Server: ${registrar.whois}`,
      `Updated Date: ${d.updated}`,
      `Creation Date: ${d.created}`,
      `Registrar Registration Expiration Date: ${d.expires}`,
      `Registrar: ${registrar.name}`,
      `Registrar IANA ID: ${registrar.ianaId}`,
      ...this.icannStatus(d),
      "Registry Registrant ID: REDACTED FOR PRIVACY",
      "Registrant Name: REDACTED FOR PRIVACY",
      `Registrant Organization: ${h?.org ?? ""}`,
      "Registrant Country: US",
      `Registrant Email: ${h?.email ?? ""}`,
      "Admin Name: REDACTED FOR PRIVACY",
      `Admin Organization: ${h?.org ?? ""}`,
      `Admin Email: ${h?.email ?? ""}`,
      ...d.nameservers.map((ns) => `Name Server: ${ns}`),
      `DNSSEC: ${d.ds ? "signedDelegation" : "unsigned"}`,
      `>>> Last update of WHOIS database: ${this.databaseUpdated} <<<`,
      "",
      this.notice(),
      "",
    ].join("\n");
  }

  private netblockFor(query: string): Netblock | undefined {
    const address = query.split("/")[0] ?? "";
    const num = (ip: string): number => ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
    return this.netblocks.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(address) && num(address) >= num(n.start) && num(address) <= num(n.end));
  }

  private ripeWhois(query: string): string {
    const head = `% This is the RIPE Database query service.\n% The objects are in RPSL format.\n%\n% ${this.notice()}\n\n`;
    const n = this.netblockFor(query);
    if (!n) return `${head}%ERROR:101: no entries found\n%\n% No entries found in source RIPE.\n`;
    const pad = (label: string, value: string): string => `${`${label}:`.padEnd(16)}${value}`;
    return [
      head,
      `% Information related to '${n.start} - ${n.end}'\n`,
      pad("inetnum", `${n.start} - ${n.end}`),
      pad("netname", n.netname),
      pad("country", "NL"),
      pad("org", n.org.handle),
      pad("admin-c", "AW1-RIPE"),
      pad("tech-c", "AW1-RIPE"),
      pad("status", "ASSIGNED PA"),
      pad("mnt-by", n.mntBy),
      pad("created", "2019-03-01T10:00:00Z"),
      pad("last-modified", n.changed),
      pad("source", "RIPE"),
      "",
      pad("organisation", n.org.handle),
      pad("org-name", n.org.org),
      pad("org-type", "OTHER"),
      pad("address", "Keizersgracht 1"),
      pad("e-mail", n.org.email),
      pad("mnt-by", n.mntBy),
      pad("created", "2019-03-01T10:00:00Z"),
      pad("last-modified", n.changed),
      pad("source", "RIPE"),
      "",
      `% This query was served by the RIPE Database Query Service version 1.112 (${this.databaseUpdated})`,
      "",
    ].join("\n");
  }

  // ---------------------------------------------------------------- RDAP

  /** The RDAP answer of `host` for `path` (after the host's base): status, body, extra headers; undefined: no answer (a timeout). */
  rdap(host: string, path: string): { status: number; body: unknown; headers?: Record<string, string> } | undefined {
    this.asked.rdap += 1;
    // The bootstrap bases carry their own prefixes (rdap.verisign.com/com/v1/, rdap.nominet.uk/uk/): find the object type.
    const parts = path.replace(/^\/+/, "").split("/");
    const at = parts.findIndex((p) => p === "domain" || p === "ip");
    const kind = at === -1 ? "" : (parts[at] ?? "");
    const query = decodeURIComponent(parts.slice(at + 1).join("/")).toLowerCase();
    const fault = this.down.has(host) ? "error" : this.faultFor(query, host);
    if (fault === "timeout") return undefined;
    if (fault === "rate-limit") return { status: 429, body: { errorCode: 429, title: "Too Many Requests", description: ["Query rate limit exceeded"] }, headers: { "retry-after": String(this.retryAfterSeconds) } };
    if (fault === "error") return { status: 503, body: { errorCode: 503, title: "Service Unavailable" } };
    const notFound = { status: 404, body: { rdapConformance: ["rdap_level_0"], errorCode: 404, title: "Not Found" } };
    if (fault === "lag") {
      this.faults.delete(query);
      return notFound;
    }
    if (kind === "ip") {
      const n = host === REGISTRY.ripe.rdap ? this.netblockFor(query) : undefined;
      return n ? { status: 200, body: this.rdapNetwork(n) } : notFound;
    }
    if (kind !== "domain") return notFound;
    const d = this.domains.get(query);
    if (!d) return notFound;
    const registrar = REGISTRARS.find((r) => r.rdap === host);
    if (registrar) return d.registrar?.rdap === host ? { status: 200, body: this.rdapDomain(d, "registrar") } : notFound;
    const tld = tldOf(d.name);
    const registry = (REGISTRY as Record<string, { rdap: string }>)[tld === "uk" ? "uk" : tld];
    return registry?.rdap === host ? { status: 200, body: this.rdapDomain(d, host === REGISTRY.com.rdap ? "thin" : "thick") } : notFound;
  }

  private rdapDomain(d: Registration, style: "thin" | "thick" | "registrar"): unknown {
    const events = [
      { eventAction: "registration", eventDate: d.created },
      { eventAction: "expiration", eventDate: d.expires },
      { eventAction: "last changed", eventDate: d.updated },
      { eventAction: "last update of RDAP database", eventDate: this.databaseUpdated },
    ];
    // DENIC publishes no expiry and no registrar (its RDAP profile mirrors its WHOIS).
    const denic = tldOf(d.name) === "de";
    const entities: unknown[] = [];
    if (d.registrar && !denic) {
      entities.push({
        objectClassName: "entity",
        handle: d.registrar.ianaId,
        roles: ["registrar"],
        publicIds: [{ type: "IANA Registrar ID", identifier: d.registrar.ianaId }],
        vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", d.registrar.name]]],
      });
    }
    if (d.holder && style !== "thin" && !denic) {
      entities.push({
        objectClassName: "entity",
        handle: d.holder.handle,
        roles: ["registrant", "administrative"],
        vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""], ["org", {}, "text", d.holder.org], ["kind", {}, "text", "org"], ["email", {}, "text", d.holder.email]]],
      });
    }
    const self = style === "registrar" ? d.registrar?.rdap : REGISTRY[tldOf(d.name) as keyof typeof REGISTRY]?.rdap;
    const links: unknown[] = [{ rel: "self", href: `https://${self}/domain/${d.name}`, type: "application/rdap+json", value: `https://${self}/domain/${d.name}` }];
    if (style === "thin" && d.registrar) links.push({ rel: "related", href: `https://${d.registrar.rdap}/domain/${d.name}`, type: "application/rdap+json", value: `https://${self}/domain/${d.name}` });
    return {
      rdapConformance: ["rdap_level_0", "icann_rdap_response_profile_0", "icann_rdap_technical_implementation_guide_0"],
      objectClassName: "domain",
      handle: `${d.name.length}_${d.created.slice(0, 4)}-${tldOf(d.name).toUpperCase()}`,
      ldhName: style === "thin" ? upper(d.name) : d.name,
      links,
      status: d.statuses.map(rdapStatus),
      entities,
      events: denic ? events.filter((e) => e.eventAction !== "expiration" && e.eventAction !== "registration") : events,
      nameservers: d.nameservers.map((ns) => ({ objectClassName: "nameserver", ldhName: style === "thin" ? upper(ns) : ns })),
      secureDNS: d.ds ? { delegationSigned: true, dsData: [d.ds] } : { delegationSigned: false },
      notices: [{ title: "Terms of Use", description: [this.notice()] }],
    };
  }

  private rdapNetwork(n: Netblock): unknown {
    const [prefix = "", length = "32"] = n.cidr.split("/");
    return {
      rdapConformance: ["rdap_level_0", "cidr0"],
      objectClassName: "ip network",
      handle: `${n.start} - ${n.end}`,
      startAddress: n.start,
      endAddress: n.end,
      ipVersion: "v4",
      name: n.netname,
      type: "ASSIGNED PA",
      country: "NL",
      status: ["active"],
      cidr0_cidrs: [{ v4prefix: prefix, length: Number(length) }],
      entities: [
        { objectClassName: "entity", handle: n.org.handle, roles: ["registrant"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", n.org.org], ["kind", {}, "text", "org"], ["email", {}, "text", n.org.email]]] },
      ],
      events: [{ eventAction: "last changed", eventDate: n.changed }],
      notices: [{ title: "Terms and Conditions", description: [this.notice()] }],
    };
  }

  // ---------------------------------------------------------------- reverse WHOIS (WhoisXML API v2 style)

  /** WhoisXML Reverse WHOIS API v2: `preview` answers `domainsCount`, `purchase` the `domainsList`. */
  reverse(body: unknown): { status: number; body: unknown } {
    this.asked.reverse += 1;
    const request = body as { mode?: string; basicSearchTerms?: { include?: string[] } };
    const term = (request.basicSearchTerms?.include?.[0] ?? "").toLowerCase();
    const domains = this.reverseIndex.get(term) ?? [];
    return request.mode === "purchase" ? { status: 200, body: { domainsCount: domains.length, domainsList: domains } } : { status: 200, body: { domainsCount: domains.length } };
  }
}

/** Each registry's own words for "slow down" and "try later" (DENIC's access-control error, Verisign's and Nominet's texts). */
function whoisFault(host: string, fault: "rate-limit" | "error", retryAfterSeconds: number): string {
  if (fault === "error") return "";
  if (host === REGISTRY.de.whois) return "% Error: 55000000002 Connection refused; access control limit reached. Please try again later.\n";
  if (host === REGISTRY.uk.whois) return `\n    The WHOIS query quota for 127.0.0.1 has been exceeded\n    and will be replenished in ${retryAfterSeconds} seconds.\n\n`;
  if (host === REGISTRY.fr.whois) return "%% Too many requests from your IP address. Please try again later.\n";
  return "WHOIS LIMIT EXCEEDED - SEE WWW.VERISIGN.COM FOR MORE INFORMATION\n";
}

function ripeFault(fault: "rate-limit" | "error"): string {
  return fault === "error" ? "" : "%ERROR:201: access denied for 127.0.0.1\n%\n% Sorry, access from your host has been permanently\n% denied because of a repeated excessive querying.\n";
}
