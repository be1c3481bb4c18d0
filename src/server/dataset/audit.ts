/**
 * Sandbox additions for `whoislens audit` (src/defend/audit/): what Acme's records lacked for the
 * audit checks. Fictional, like the rest of the world.
 *
 * - acme-legacy.com: a forgotten Acme domain behind the privacy service, no client locks, expiring
 *   within 90 days of the world's publication, delegated to `ns1.acme-legacy-dns.com` (a .com that
 *   is NOT registered: anyone can register it and answer for acme-legacy.com — dangling delegation)
 *   and `ns2.oldhost-example.net` (registered, but expiring within 15 days).
 * - oldhost-example.net: an unrelated hosting company's domain that serves acme-legacy.com; its own
 *   name servers sit inside it, and its registrant is shown in full.
 *
 * - acme-careers.com: registered for Acme by an employee in her own name with her own mailbox (no
 *   organisation), hosted at Oldhost; locks and DNSSEC in order, auto-renew stated by the RGP status
 *   autoRenewPeriod (RFC 3915), expiring within 180 days.
 *
 * Hooked into DOMAINS (domains.ts) and DNS_ZONE (dns.ts) by one spread line each.
 */
import type { DnsZoneTable } from "./dns.js";
import type { SandboxContact, SandboxDomain } from "./domains.js";

/** The registrable domain under which acme-legacy.com's first name server lives; never registered. */
export const DANGLING_NS_DOMAIN = "acme-legacy-dns.com";

const OLDHOST: SandboxContact = {
  handle: "OLDH-11",
  name: "Dana Hoster",
  organization: "Oldhost Hosting Ltd",
  street: ["7 Server Lane"],
  city: "Bristol",
  state: "Bristol",
  postalCode: "BS1 4ST",
  countryCode: "GB",
  phone: "+44.1175550111",
  email: "dana.hoster@oldhost-example.net",
};

/** A person, not a company: the registrant field holds her own name and mailbox. */
const ERIN: SandboxContact = {
  handle: "ERIN-5",
  name: "Erin Example",
  organization: "",
  street: ["22 Elm Street"],
  city: "Springfield",
  state: "IL",
  postalCode: "62704",
  countryCode: "US",
  phone: "+1.2175550187",
  email: "erin.example@freemail.example",
};

const LEGACY_NS = [{ name: `ns1.${DANGLING_NS_DOMAIN}` }, { name: "ns2.oldhost-example.net" }];
const OLDHOST_NS = [{ name: "ns1.oldhost-example.net" }, { name: "ns2.oldhost-example.net" }];

export const AUDIT_DOMAINS: SandboxDomain[] = [
  {
    name: "acme-legacy.com",
    handle: "4440001_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2008-02-26T10:00:00Z",
    updated: "2024-02-26T10:00:00Z",
    expires: "2027-02-26T10:00:00Z",
    statuses: ["ok"],
    nameservers: LEGACY_NS,
    signed: false,
    privacy: true,
  },
  {
    name: "oldhost-example.net",
    handle: "4440002_DOMAIN_NET-VRSN",
    registrar: "two",
    created: "2005-12-14T09:00:00Z",
    updated: "2025-12-14T09:00:00Z",
    expires: "2026-12-14T09:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: OLDHOST_NS,
    signed: false,
    registrant: OLDHOST,
    admin: OLDHOST,
    tech: OLDHOST,
  },
  {
    name: "acme-careers.com",
    handle: "4440003_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2022-04-30T15:00:00Z",
    updated: "2026-11-30T15:00:00Z",
    expires: "2027-04-30T15:00:00Z",
    statuses: ["autoRenewPeriod", "clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"],
    nameservers: OLDHOST_NS,
    signed: true,
    registrant: ERIN,
    admin: ERIN,
    tech: ERIN,
  },
];

const SOA = (mname: string, rname: string) => ({ mname, rname, serial: 2026112401, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 });

export const AUDIT_DNS: DnsZoneTable = {
  "acme-legacy.com": { SOA: SOA(`ns1.${DANGLING_NS_DOMAIN}`, "hostmaster.acme-widgets.example"), NS: LEGACY_NS.map((ns) => ns.name) },
  "oldhost-example.net": { SOA: SOA("ns1.oldhost-example.net", "hostmaster.oldhost-example.net"), NS: OLDHOST_NS.map((ns) => ns.name) },
  "acme-careers.com": { SOA: SOA("ns1.oldhost-example.net", "hostmaster.oldhost-example.net"), NS: OLDHOST_NS.map((ns) => ns.name) },
  "ns1.oldhost-example.net": { A: ["192.0.2.140"] },
  "ns2.oldhost-example.net": { A: ["192.0.2.141"] },
};
