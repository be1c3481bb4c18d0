/**
 * Registered look-alikes of Acme's example.com, so `whoislens lookalikes example.com --sandbox` finds
 * hits: a squatter's homoglyph and IDN-homograph names, and a typo name parked behind a privacy
 * service. Hooked into DOMAINS (domains.ts) and DNS_ZONE (dns.ts) by one line each. Fictional people;
 * addresses in 192.0.2.0/24 (documentation space no RIR of the world registers: nothing leads to Acme).
 */
import type { DnsRecords, DnsZoneTable } from "./dns.js";
import type { SandboxContact, SandboxDomain } from "./domains.js";

export const SQUATTER: SandboxContact = {
  handle: "SQUAT-13",
  name: "Mallory Squatter",
  organization: "Lookalike Holdings Ltd",
  street: ["13 Typo Lane"],
  city: "Road Town",
  state: "Tortola",
  postalCode: "VG1110",
  countryCode: "VG",
  phone: "+1.2845550113",
  email: "mallory@lookalike-holdings.example",
};

const NS_SQUAT = [{ name: "ns1.squat-dns.example" }, { name: "ns2.squat-dns.example" }];
const NS_PARKING = [{ name: "ns1.parking.registrar-one.sandbox" }, { name: "ns2.parking.registrar-one.sandbox" }];
const names = (ns: readonly { name: string }[]): string[] => ns.map((n) => n.name);

export const LOOKALIKE_DOMAINS: SandboxDomain[] = [
  // homoglyph (l → 1), with mail: the phishing set-up lookalikes exists to catch.
  { name: "examp1e.com", handle: "8880001_DOMAIN_COM-VRSN", registrar: "two", created: "2026-11-20T10:00:00Z", updated: "2026-11-20T10:00:00Z", expires: "2027-11-20T10:00:00Z", statuses: ["clientTransferProhibited"], nameservers: NS_SQUAT, signed: false, registrant: SQUATTER, admin: SQUATTER, tech: SQUATTER },
  // homoglyph (m → rn), mail by an MX at the squatter's host.
  { name: "exarnple.com", handle: "8880002_DOMAIN_COM-VRSN", registrar: "two", created: "2026-11-21T10:00:00Z", updated: "2026-11-21T10:00:00Z", expires: "2027-11-21T10:00:00Z", statuses: ["clientTransferProhibited"], nameservers: NS_SQUAT, signed: false, registrant: SQUATTER, admin: SQUATTER, tech: SQUATTER },
  // transposition, parked, registrant behind the registrar's privacy service; mail by the A record (no MX).
  { name: "exampel.com", handle: "8880003_DOMAIN_COM-VRSN", registrar: "one", created: "2025-03-03T03:03:03Z", updated: "2026-03-03T03:03:03Z", expires: "2027-03-03T03:03:03Z", statuses: ["clientTransferProhibited"], nameservers: NS_PARKING, signed: false, privacy: true },
  // IDN homograph: Cyrillic а (U+0430) for the a; delegated, but no address and no MX: cannot take mail.
  { name: "xn--exmple-4nf.com", unicodeName: "exаmple.com", handle: "8880004_DOMAIN_COM-VRSN", registrar: "one", created: "2026-12-01T12:00:00Z", updated: "2026-12-01T12:00:00Z", expires: "2027-12-01T12:00:00Z", statuses: ["ok"], nameservers: NS_SQUAT, signed: false, registrant: SQUATTER, admin: SQUATTER, tech: SQUATTER },
];

const SOA_BASE = { serial: 2026120101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 };
const apex = (ns: string[], rname: string, records: Omit<DnsRecords, "SOA" | "NS"> = {}): DnsRecords => ({ SOA: { mname: ns[0] ?? "", rname, ...SOA_BASE }, NS: ns, ...records });
const SQUAT_CONTACT = "hostmaster.squat-dns.example";

export const LOOKALIKE_ZONE: DnsZoneTable = {
  "examp1e.com": apex(names(NS_SQUAT), SQUAT_CONTACT, { A: ["192.0.2.200"], MX: [{ priority: 10, exchange: "mail.examp1e.com" }] }),
  "mail.examp1e.com": { A: ["192.0.2.201"] },
  "exarnple.com": apex(names(NS_SQUAT), SQUAT_CONTACT, { A: ["192.0.2.202"], MX: [{ priority: 10, exchange: "mx.squat-dns.example" }] }),
  "exampel.com": apex(names(NS_PARKING), "hostmaster.registrar-one.sandbox", { A: ["192.0.2.100"] }),
  "xn--exmple-4nf.com": apex(names(NS_SQUAT), SQUAT_CONTACT),
  "squat-dns.example": apex(names(NS_SQUAT), SQUAT_CONTACT),
  "ns1.squat-dns.example": { A: ["192.0.2.210"] },
  "ns2.squat-dns.example": { A: ["192.0.2.211"] },
  "mx.squat-dns.example": { A: ["192.0.2.212"] },
};
