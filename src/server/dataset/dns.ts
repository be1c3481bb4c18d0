/**
 * The sandbox world's DNS: one row per owner name, served by src/server/dns/ (`sandbox.dns`).
 *
 * A row with an SOA is a zone apex: the server is authoritative for it and every name under it
 * (unknown names there get NXDOMAIN; names under no apex get REFUSED). NS rows of the domains
 * repeat the name servers their WHOIS/RDAP records list (test/server/dns.test.ts checks it).
 * Addresses: the organisation Acme Widgets lives in the world's netblocks (198.51.100.0/24 ARIN,
 * 203.0.113.0/24 RIPE, 2001:db8:1234::/48 RIPE); everyone else (the shared DNS host BigDNS, the
 * unrelated organisations it hosts, Registrar One's parking) in 192.0.2.0/24 and 2001:db8:53::/48,
 * documentation space no RIR of the world registers, so nothing there leads back to Acme.
 */
import { AUDIT_DNS } from "./audit.js";
import { LOOKALIKE_ZONE } from "./lookalikes.js";

export interface DnsMx {
  priority: number;
  exchange: string;
}

export interface DnsSoa {
  mname: string;
  /** The zone contact as a name (`hostmaster.acme-widgets.example` = hostmaster@acme-widgets.example). */
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  /** Negative-caching TTL (RFC 2308). */
  minimum: number;
}

export interface DnsRecords {
  A?: readonly string[];
  AAAA?: readonly string[];
  MX?: readonly DnsMx[];
  NS?: readonly string[];
  /** One entry per TXT record; entries over 255 bytes go out as several character-strings. */
  TXT?: readonly string[];
  /** Alone on its name (RFC 1034 §3.6.2); followed inside the table. */
  CNAME?: string;
  /** Present on a zone apex only. */
  SOA?: DnsSoa;
}

/** Owner name (lower case, no trailing dot) → its records. */
export type DnsZoneTable = Record<string, DnsRecords>;

const SERIAL = 2026112401;

/** A zone apex: SOA naming the first name server and the zone contact, plus the NS set. */
function apex(ns: readonly string[], contact: string, records: Omit<DnsRecords, "SOA" | "NS"> = {}): DnsRecords {
  const [local = "hostmaster", domain = ""] = contact.split("@");
  const soa: DnsSoa = { mname: ns[0] ?? "", rname: `${local}.${domain}`, serial: SERIAL, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 };
  return { SOA: soa, NS: ns, ...records };
}

const ACME_NS = ["ns1.acme-dns.example", "ns2.acme-dns.example"];
const BIGDNS_NS = ["ns1.bigdns.example", "ns2.bigdns.example"];
const BIGDNS_CONTACT = "dns-admin@bigdns.example";
const PARKING_NS = ["ns1.parking.registrar-one.sandbox", "ns2.parking.registrar-one.sandbox"];
const PARKING_CONTACT = "hostmaster@registrar-one.sandbox";
const PARKING_PAGE = "192.0.2.100";
const KAFFEE_NS = ["ns1.kaffee-dns.example", "ns2.kaffee-dns.example"];
const ACME_CONTACT = "hostmaster@acme-widgets.example";
const ACME_SPF = "v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/24 ip6:2001:db8:1234::/48 -all";
const BIGDNS_SPF = "v=spf1 include:_spf.bigdns.example ~all";

/** Sixteen verification tokens: a TXT answer over 1,232 bytes, so UDP truncates (TC) and TCP completes. */
const BIG_TXT = Array.from({ length: 16 }, (_, i) => `acme-verification-${String(i).padStart(2, "0")}=${(0x9e3779b1 * (i + 1)).toString(16).padStart(8, "0").repeat(8)}`);

export const DNS_ZONE: DnsZoneTable = {
  // The world's TLDs: unregistered names under them are NXDOMAIN, as a recursive resolver would say.
  com: apex(["a.gtld-servers.net", "b.gtld-servers.net"], "nstld@verisign-grs.com"),
  net: apex(["a.gtld-servers.net", "b.gtld-servers.net"], "nstld@verisign-grs.com"),
  org: apex(["a0.org.afilias-nst.info", "b0.org.afilias-nst.org"], "hostmaster@donuts.email"),
  app: apex(["ns-tld1.charlestonroadregistry.com", "ns-tld2.charlestonroadregistry.com"], "cloud-dns-hostmaster@google.com"),
  de: apex(["a.nic.de", "f.nic.de"], "its@denic.de"),
  jp: apex(["a.dns.jp", "b.dns.jp"], "hostmaster@dns.jp"),

  // Acme Widgets (registrant ACME in WHOIS), name servers ns{1,2}.acme-dns.example.
  "example.com": apex(ACME_NS, ACME_CONTACT, {
    A: ["198.51.100.10"],
    AAAA: ["2001:db8:1234::10"],
    MX: [{ priority: 10, exchange: "mail.example.com" }],
    TXT: [ACME_SPF],
  }),
  "www.example.com": { CNAME: "example.com" },
  "mail.example.com": { A: ["198.51.100.25"], AAAA: ["2001:db8:1234::25"] },
  "_dmarc.example.com": { TXT: ["v=DMARC1; p=reject; rua=mailto:dmarc@acme-widgets.example"] },
  "acme-widgets.com": apex(ACME_NS, ACME_CONTACT, {
    A: ["198.51.100.20"],
    AAAA: ["2001:db8:1234::20"],
    MX: [
      { priority: 10, exchange: "mx1.acme-widgets.com" },
      { priority: 20, exchange: "mx2.acme-widgets.com" },
    ],
    TXT: [ACME_SPF, "acme-site-verification=3f9c2a1b7d"],
  }),
  "www.acme-widgets.com": { CNAME: "acme-widgets.com" },
  "mx1.acme-widgets.com": { A: ["198.51.100.26"] },
  "mx2.acme-widgets.com": { A: ["203.0.113.26"], AAAA: ["2001:db8:1234::26"] },
  "vpn.acme-widgets.com": { A: ["203.0.113.10"] },
  "big.acme-widgets.com": { TXT: BIG_TXT },
  "example.net": apex(ACME_NS, ACME_CONTACT, {
    A: ["198.51.100.30"],
    AAAA: ["2001:db8:1234::30"],
    MX: [{ priority: 10, exchange: "mail.example.com" }],
    TXT: [ACME_SPF],
  }),
  "example.org": apex(ACME_NS, ACME_CONTACT, {
    A: ["198.51.100.40"],
    AAAA: ["2001:db8:1234::40"],
    MX: [{ priority: 10, exchange: "mail.example.com" }],
    TXT: [ACME_SPF],
  }),
  "beispiel.de": apex(ACME_NS, ACME_CONTACT, { A: ["203.0.113.40"], MX: [{ priority: 10, exchange: "mx2.acme-widgets.com" }] }),
  "example.jp": apex(ACME_NS, ACME_CONTACT, { A: ["203.0.113.50"], AAAA: ["2001:db8:1234::50"], MX: [{ priority: 10, exchange: "mx2.acme-widgets.com" }] }),
  // Acme on the shared DNS host: only the addresses tie it to Acme.
  "acme-widgets.net": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["198.51.100.21"],
    AAAA: ["2001:db8:1234::21"],
    MX: [{ priority: 10, exchange: "mx1.acme-widgets.com" }],
  }),
  // Acme behind a privacy service in WHOIS; its own name servers and an address in Acme's RIPE block.
  "acmewidgets-store.com": apex(ACME_NS, ACME_CONTACT, {
    A: ["203.0.113.70"],
    MX: [{ priority: 10, exchange: "mx2.acme-widgets.com" }],
    TXT: [ACME_SPF],
  }),

  // Registrar One's parking (referral fault domains): the shared parking page address.
  "loop-referral.com": apex(PARKING_NS, PARKING_CONTACT, { A: [PARKING_PAGE] }),
  "private-referral.com": apex(PARKING_NS, PARKING_CONTACT, { A: [PARKING_PAGE] }),

  // Everyone else on the shared BigDNS: shared hosting addresses and the shared mail relay.
  "privacy-example.com": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["192.0.2.70"],
    MX: [{ priority: 10, exchange: "mx.bigdns.example" }],
  }),
  "globex-example.com": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["192.0.2.120"],
    AAAA: ["2001:db8:53::120"],
    MX: [{ priority: 10, exchange: "mx.bigdns.example" }],
    TXT: [BIGDNS_SPF],
  }),
  "www.globex-example.com": { CNAME: "globex-example.com" },
  "globex-example.net": apex(BIGDNS_NS, BIGDNS_CONTACT, { A: ["192.0.2.121"], MX: [{ priority: 10, exchange: "mx.bigdns.example" }] }),
  "initech-example.com": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["192.0.2.130"],
    MX: [{ priority: 10, exchange: "mx.bigdns.example" }],
    TXT: [BIGDNS_SPF],
  }),

  // Kaffeehaus Beispiel (unrelated to Acme), shared hosting at BigDNS and its own kaffee-dns.
  "xn--caf-dma.com": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["192.0.2.80"],
    MX: [{ priority: 10, exchange: "mx.bigdns.example" }],
    TXT: [BIGDNS_SPF],
  }),
  "www.xn--caf-dma.com": { CNAME: "xn--caf-dma.com" },
  "sunset-example.app": apex(BIGDNS_NS, BIGDNS_CONTACT, {
    A: ["192.0.2.81"],
    MX: [{ priority: 10, exchange: "mx.bigdns.example" }],
    TXT: [BIGDNS_SPF],
  }),
  "xn--bcher-kva.de": apex(KAFFEE_NS, "domains@kaffeehaus.example", { A: ["192.0.2.90"], MX: [{ priority: 10, exchange: "mx.kaffee-dns.example" }] }),

  // The name servers' own zones (glue for the NS names above).
  "acme-dns.example": apex(ACME_NS, ACME_CONTACT),
  "ns1.acme-dns.example": { A: ["198.51.100.53"], AAAA: ["2001:db8:1234::53"] },
  "ns2.acme-dns.example": { A: ["203.0.113.53"], AAAA: ["2001:db8:1234:1::53"] },
  "bigdns.example": apex(BIGDNS_NS, BIGDNS_CONTACT, { A: ["192.0.2.10"] }),
  "ns1.bigdns.example": { A: ["192.0.2.53"], AAAA: ["2001:db8:53::53"] },
  "ns2.bigdns.example": { A: ["192.0.2.54"], AAAA: ["2001:db8:53::54"] },
  "mx.bigdns.example": { A: ["192.0.2.25"] },
  "_spf.bigdns.example": { TXT: ["v=spf1 ip4:192.0.2.0/24 -all"] },
  "kaffee-dns.example": apex(KAFFEE_NS, "domains@kaffeehaus.example"),
  "ns1.kaffee-dns.example": { A: ["192.0.2.60"] },
  "ns2.kaffee-dns.example": { A: ["192.0.2.61"] },
  "mx.kaffee-dns.example": { A: ["192.0.2.62"] },
  // The registrars' own names (`.sandbox`, the world's private TLD).
  sandbox: apex(["a.nic.sandbox", "b.nic.sandbox"], "hostmaster@nic.sandbox"),
  "parking.registrar-one.sandbox": apex(PARKING_NS, PARKING_CONTACT, { A: [PARKING_PAGE] }),
  "ns1.parking.registrar-one.sandbox": { A: ["192.0.2.101"] },
  "ns2.parking.registrar-one.sandbox": { A: ["192.0.2.102"] },
  ...AUDIT_DNS,
  ...LOOKALIKE_ZONE,
};
