/**
 * The sandbox world's domain records, written for whoislens in the layouts the
 * real registries use. Names, people and addresses are fictional.
 */
import { ACME, ACME_TECH, GLOBEX, INITECH, KAFFEE, type SandboxContact } from "./people.js";
import { AUDIT_DOMAINS } from "./audit.js";
import { LOOKALIKE_DOMAINS } from "./lookalikes.js";

export { REGISTRARS, type SandboxContact, type SandboxRegistrar } from "./people.js";

export interface SandboxDomain {
  name: string;
  unicodeName?: string;
  handle: string;
  registrar: "one" | "two";
  created: string;
  updated: string;
  expires: string;
  statuses: string[];
  nameservers: { name: string; ipv4?: string }[];
  signed: boolean;
  /** Contacts shown by the registrar; absent role = not published. */
  registrant?: SandboxContact;
  admin?: SandboxContact;
  tech?: SandboxContact;
  /** The registrar withholds personal data (privacy service + redaction markers). */
  privacy?: boolean;
  /** Override for the registrar WHOIS server the registry names (fault modes). */
  registrarWhois?: string;
  /** Override for the registrar RDAP link (fault modes). */
  registrarRdap?: string;
}


const NS_ACME = [{ name: "ns1.acme-dns.example" }, { name: "ns2.acme-dns.example" }];
/** A big DNS host shared by unrelated customers (Acme, Globex, Initech, Kaffeehaus…). */
const NS_BIGDNS = [{ name: "ns1.bigdns.example" }, { name: "ns2.bigdns.example" }];
/** Registrar One's default (parking) name servers, given to domains whose owner set none. */
const NS_PARKING = [{ name: "ns1.parking.registrar-one.sandbox" }, { name: "ns2.parking.registrar-one.sandbox" }];

export const DOMAINS: SandboxDomain[] = [
  {
    name: "example.com",
    handle: "2336799_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "1995-08-14T04:00:00Z",
    updated: "2024-08-14T07:01:34Z",
    expires: "2027-08-13T04:00:00Z",
    statuses: ["clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"],
    nameservers: NS_ACME,
    signed: true,
    registrant: ACME,
    admin: ACME,
    tech: ACME_TECH,
  },
  {
    name: "acme-widgets.com",
    handle: "1029384756_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2009-03-02T18:22:10Z",
    updated: "2025-02-20T09:00:00Z",
    expires: "2026-12-20T18:22:10Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_ACME,
    signed: false,
    registrant: ACME,
    admin: ACME,
    tech: ACME_TECH,
  },
  {
    name: "privacy-example.com",
    handle: "5550001_DOMAIN_COM-VRSN",
    registrar: "two",
    created: "2018-06-01T12:00:00Z",
    updated: "2025-05-30T12:00:00Z",
    expires: "2026-06-01T12:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: false,
    privacy: true,
  },
  {
    name: "xn--caf-dma.com",
    unicodeName: "café.com",
    handle: "7770001_DOMAIN_COM-VRSN",
    registrar: "two",
    created: "2012-01-10T08:30:00Z",
    updated: "2024-12-01T08:30:00Z",
    expires: "2027-01-10T08:30:00Z",
    statuses: ["ok"],
    nameservers: NS_BIGDNS,
    signed: false,
    registrant: KAFFEE,
    admin: KAFFEE,
    tech: KAFFEE,
  },
  {
    name: "loop-referral.com",
    handle: "6660001_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2020-02-02T00:00:00Z",
    updated: "2025-02-02T00:00:00Z",
    expires: "2026-02-02T00:00:00Z",
    statuses: ["ok"],
    nameservers: NS_PARKING,
    signed: false,
    registrarWhois: "whois.loop-a.sandbox",
    registrarRdap: "https://rdap.loop-a.sandbox/domain/loop-referral.com",
  },
  {
    name: "private-referral.com",
    handle: "6660002_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2021-03-03T00:00:00Z",
    updated: "2025-03-03T00:00:00Z",
    expires: "2026-03-03T00:00:00Z",
    statuses: ["ok"],
    nameservers: NS_PARKING,
    signed: false,
    registrarWhois: "10.1.2.3",
    registrarRdap: "http://10.1.2.3/domain/private-referral.com",
  },
  {
    name: "example.org",
    handle: "D402200000000000001-LROR",
    registrar: "one",
    created: "1995-08-31T04:00:00Z",
    updated: "2025-07-01T10:00:00Z",
    expires: "2026-08-30T04:00:00Z",
    statuses: ["clientTransferProhibited", "serverDeleteProhibited"],
    nameservers: NS_ACME,
    signed: true,
    registrant: ACME,
    admin: ACME,
    tech: ACME_TECH,
    privacy: true,
  },
  {
    name: "example.net",
    handle: "208319_DOMAIN_NET-VRSN",
    registrar: "two",
    created: "1995-08-14T04:00:00Z",
    updated: "2024-08-14T07:01:38Z",
    expires: "2027-08-13T04:00:00Z",
    statuses: ["clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"],
    nameservers: NS_ACME,
    signed: true,
    registrant: ACME,
    admin: ACME,
    tech: ACME_TECH,
  },
  {
    name: "sunset-example.app",
    handle: "1A2B3C4D5-APP",
    registrar: "two",
    created: "2019-05-07T16:20:00Z",
    updated: "2025-04-11T08:00:00Z",
    expires: "2027-05-07T16:20:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: true,
    registrant: KAFFEE,
    admin: KAFFEE,
    tech: KAFFEE,
  },
  {
    name: "acme-widgets.net",
    handle: "1029384757_DOMAIN_NET-VRSN",
    registrar: "two",
    created: "2014-10-01T09:00:00Z",
    updated: "2025-09-01T09:00:00Z",
    expires: "2027-10-01T09:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: false,
    registrant: ACME,
    admin: ACME,
    tech: ACME_TECH,
  },
  {
    name: "acmewidgets-store.com",
    handle: "8880001_DOMAIN_COM-VRSN",
    registrar: "two",
    created: "2021-11-11T11:00:00Z",
    updated: "2025-11-01T11:00:00Z",
    expires: "2026-12-31T11:00:00Z",
    statuses: ["ok"],
    nameservers: NS_ACME,
    signed: false,
    privacy: true,
  },
  {
    name: "globex-example.com",
    handle: "9990001_DOMAIN_COM-VRSN",
    registrar: "one",
    created: "2001-04-01T00:00:00Z",
    updated: "2025-04-01T00:00:00Z",
    expires: "2027-04-01T00:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: false,
    registrant: GLOBEX,
    admin: GLOBEX,
    tech: GLOBEX,
  },
  {
    name: "globex-example.net",
    handle: "9990002_DOMAIN_NET-VRSN",
    registrar: "one",
    created: "2003-06-15T00:00:00Z",
    updated: "2025-06-15T00:00:00Z",
    expires: "2027-06-15T00:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: false,
    registrant: GLOBEX,
    admin: GLOBEX,
    tech: GLOBEX,
  },
  {
    name: "initech-example.com",
    handle: "9990003_DOMAIN_COM-VRSN",
    registrar: "two",
    created: "1999-02-19T00:00:00Z",
    updated: "2025-02-19T00:00:00Z",
    expires: "2027-02-19T00:00:00Z",
    statuses: ["clientTransferProhibited"],
    nameservers: NS_BIGDNS,
    signed: false,
    registrant: INITECH,
    admin: INITECH,
    tech: INITECH,
  },
  ...AUDIT_DOMAINS,
  ...LOOKALIKE_DOMAINS,
];

export const UNREGISTERED = ["never-registered-example.com", "available-example.org", "frei-beispiel.de"];

export function findDomain(name: string): SandboxDomain | undefined {
  const lower = name.toLowerCase();
  return DOMAINS.find((domain) => domain.name === lower || domain.unicodeName === lower);
}
