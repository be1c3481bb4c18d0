import { decodeUriOrKeep } from "../../util/decode-uri.js";
import { findDomain, REGISTRARS, type SandboxContact, type SandboxDomain } from "./domains.js";
import { holderAddress, rdapAdr } from "./holders.js";
import { LACNIC_PERSON_ADDRESS, LACNIC_PERSONS } from "./lacnic.js";
import { ASNS, findNetwork, NETWORKS, RIR_HOSTS, type SandboxNetwork, type SandboxRir } from "./networks.js";

/** RDAP answers (RFC 9083, gTLD response profile) for the sandbox's RDAP hosts. */
type Json = Record<string, unknown>;
export interface RdapReply {
  status: number;
  body: Json | string;
  headers?: Record<string, string>;
}

const CONFORMANCE = ["rdap_level_0", "redacted", "icann_rdap_response_profile_1", "icann_rdap_technical_implementation_guide_1"];
export const notFound = (what: string): RdapReply => ({ status: 404, body: { rdapConformance: ["rdap_level_0"], errorCode: 404, title: "Not Found", description: [`${what} not found`] } });

const spelled = (status: string): string => status.replace(/([A-Z])/g, " $1").toLowerCase().trim().replace(/^ok$/, "active");

function vcard(contact: Pick<SandboxContact, "name"> & Partial<SandboxContact>): unknown[] {
  const properties: unknown[] = [["version", {}, "text", "4.0"], ["fn", {}, "text", contact.name]];
  if (contact.organization) properties.push(["org", {}, "text", contact.organization]);
  if (contact.street) {
    properties.push(["adr", { cc: contact.countryCode }, "text", ["", "", contact.street, contact.city ?? "", contact.state ?? "", contact.postalCode ?? "", ""]]);
  }
  if (contact.phone) properties.push(["tel", { type: "voice" }, "uri", `tel:${contact.phone}`]);
  if (contact.fax) properties.push(["tel", { type: "fax" }, "uri", `tel:${contact.fax}`]);
  if (contact.email) properties.push(["email", {}, "text", contact.email]);
  return ["vcard", properties];
}

/** A holder's card: its name and, where holders.ts knows it, the address its port-43 objects carry (one source for both). */
function holderCard(rir: SandboxRir, handle: string, org: string): unknown[] {
  const card = vcard({ name: org, organization: org }) as [string, unknown[]];
  const address = holderAddress(handle);
  if (address) card[1].splice(3, 0, rdapAdr(rir, address));
  return card;
}

function registrarEntity(domain: SandboxDomain): Json {
  const registrar = REGISTRARS[domain.registrar];
  return {
    objectClassName: "entity",
    handle: registrar.ianaId,
    roles: ["registrar"],
    publicIds: [{ type: "IANA Registrar ID", identifier: registrar.ianaId }],
    vcardArray: vcard({ name: registrar.name }),
    links: [{ href: registrar.url, rel: "about", type: "text/html", value: registrar.url }],
    entities: [{ objectClassName: "entity", roles: ["abuse"], vcardArray: vcard({ name: "Abuse Desk", phone: registrar.abusePhone, email: registrar.abuseEmail }) }],
  };
}

function baseDomain(domain: SandboxDomain, selfUrl: string): Json {
  return {
    rdapConformance: CONFORMANCE,
    objectClassName: "domain",
    handle: domain.handle,
    ldhName: domain.name.toUpperCase(),
    ...(domain.unicodeName ? { unicodeName: domain.unicodeName } : {}),
    links: [{ value: selfUrl, rel: "self", href: selfUrl, type: "application/rdap+json" }],
    status: domain.statuses.map(spelled),
    events: [
      { eventAction: "registration", eventDate: domain.created },
      { eventAction: "expiration", eventDate: domain.expires },
      { eventAction: "last changed", eventDate: domain.updated },
      { eventAction: "last update of RDAP database", eventDate: "2026-11-24T10:00:00Z" },
    ],
    nameservers: domain.nameservers.map((ns) => ({ objectClassName: "nameserver", ldhName: ns.name.toUpperCase() })),
    secureDNS: { delegationSigned: domain.signed },
    notices: [{ title: "Terms of Use", description: ["Service subject to Terms of Use."] }],
  };
}

function contactEntity(role: string, contact: SandboxContact): Json {
  return { objectClassName: "entity", handle: contact.handle, roles: [role], vcardArray: vcard(contact) };
}

const REDACTED_ROLES: [string, string][] = [["registrant", "Registrant"], ["administrative", "Admin"], ["technical", "Tech"]];

/** Registry answer: dates, statuses, name servers, registrar; a related link to the registrar's RDAP. */
export function registryDomain(name: string, selfUrl: string, tld: string): RdapReply {
  const domain = findDomain(name);
  if (!domain || !domain.name.endsWith(`.${tld}`)) return notFound(`domain ${name}`);
  const body = baseDomain(domain, selfUrl);
  const registrar = REGISTRARS[domain.registrar];
  const related = domain.registrarRdap ?? `https://${registrar.rdapHost}/domain/${domain.name}`;
  (body.links as unknown[]).push({ value: selfUrl, rel: "related", href: related, type: "application/rdap+json" });
  body.entities = [registrarEntity(domain)];
  if (tld === "org") Object.assign(body, registrarDomainExtras(domain));
  return { status: 200, body };
}

/** Registrar answer: the same domain with its contacts (or RFC 9537 redactions). */
export function registrarDomain(host: string, name: string, selfUrl: string): RdapReply {
  const domain = findDomain(name);
  const registrar = Object.values(REGISTRARS).find((r) => r.rdapHost === host);
  if (!domain || !registrar || REGISTRARS[domain.registrar] !== registrar) return notFound(`domain ${name}`);
  const body = baseDomain(domain, selfUrl);
  body.entities = [registrarEntity(domain)];
  Object.assign(body, registrarDomainExtras(domain));
  return { status: 200, body };
}

function registrarDomainExtras(domain: SandboxDomain): Json {
  const entities: Json[] = [registrarEntity(domain)];
  if (domain.privacy) {
    entities.push({
      objectClassName: "entity",
      roles: ["registrant"],
      vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""], ["org", {}, "text", "Privacy Protect Service Ltd."], ["adr", { cc: "IS" }, "text", ["", "", "", "", "Reykjavik", "", ""]]]],
    });
    const redacted = REDACTED_ROLES.flatMap(([role, label]) =>
      ["Name", "Email", "Phone", "Street"].map((field) => ({
        name: { type: `${label === "Registrant" ? "Registrant" : label} ${field}` },
        prePath: `$.entities[?(@.roles[0]=='${role}')].vcardArray[1][?(@[0]=='${field === "Name" ? "fn" : field === "Email" ? "email" : field === "Phone" ? "tel" : "adr"}')]`,
        method: "removal",
        reason: { type: "Server policy" },
      })),
    );
    return { entities, redacted };
  }
  for (const [role, contact] of [["registrant", domain.registrant], ["administrative", domain.admin], ["technical", domain.tech]] as const) {
    if (contact) entities.push(contactEntity(role, contact));
  }
  return { entities };
}

function networkBody(network: SandboxNetwork, selfUrl: string): Json {
  const [prefix, length] = network.cidr.split("/");
  return {
    rdapConformance: ["rdap_level_0", "cidr0"],
    objectClassName: "ip network",
    handle: network.handle,
    startAddress: network.start,
    endAddress: network.end,
    ipVersion: network.cidr.includes(":") ? "v6" : "v4",
    name: network.name,
    type: network.type,
    country: network.country,
    parentHandle: network.parent,
    cidr0_cidrs: [{ [network.cidr.includes(":") ? "v6prefix" : "v4prefix"]: prefix, length: Number(length) }],
    status: ["active"],
    events: [{ eventAction: "registration", eventDate: network.created }, { eventAction: "last changed", eventDate: network.updated }],
    links: [{ value: selfUrl, rel: "self", href: selfUrl, type: "application/rdap+json" }],
    entities: [
      { objectClassName: "entity", handle: network.orgHandle, roles: ["registrant"], vcardArray: holderCard(network.rir, network.orgHandle, network.org) },
      { objectClassName: "entity", handle: `ABUSE-${network.orgHandle}`, roles: ["abuse"], vcardArray: vcard({ name: "Abuse Desk", email: network.abuseEmail }) },
    ],
  };
}

/** RFC 9083 §5.1: an organisation's entity lists its networks and autnums (ARIN fills these). */
function orgResources(handle: string, rir: SandboxRir, selfUrl: string): Json {
  const base = selfUrl.replace(/entity\/[^/]+$/, "");
  return {
    networks: NETWORKS.filter((n) => n.orgHandle === handle && n.rir === rir).map((n) => networkBody(n, `${base}ip/${n.cidr}`)),
    autnums: ASNS.filter((a) => a.orgHandle === handle && a.rir === rir).map((a) => ({
      objectClassName: "autnum", handle: `AS${a.number}`, startAutnum: a.number, endAutnum: a.number, name: a.name, country: a.country,
      links: [{ value: selfUrl, rel: "self", href: `${base}autnum/${a.number}`, type: "application/rdap+json" }],
    })),
  };
}

interface ContactEntity extends Pick<SandboxContact, "name"> {
  handle: string;
  rir: SandboxRir;
  roles: string[];
  email?: string;
  phone?: string;
  /** An address row of holders.ts (LACNIC's persons sit at their owner's). */
  address?: ReturnType<typeof holderAddress>;
}

function contactCard(contact: ContactEntity): unknown[] {
  const card = vcard(contact) as [string, unknown[]];
  if (contact.address) card[1].splice(2, 0, rdapAdr(contact.rir, contact.address));
  return card;
}

/** The RIRs' point-of-contact objects (ARIN POC, RIPE role/person/mntner) as RDAP entities. */
const CONTACT_ENTITIES: ContactEntity[] = [
  { handle: "ABUSE-ACMEW-ARIN", rir: "arin", roles: ["abuse"], name: "Abuse Desk", email: "abuse@acme-widgets.example", phone: "+1-217-555-0100" },
  { handle: "AWE1-RIPE", rir: "ripe", roles: ["abuse"], name: "Acme Widgets NOC", email: "abuse@acme-widgets.example", phone: "+31 20 555 0101" },
  { handle: "CB123-RIPE", rir: "ripe", roles: ["administrative"], name: "Clara Beispiel", phone: "+31 20 555 0102" },
  { handle: "ACME-MNT", rir: "ripe", roles: ["registrant"], name: "ACME-MNT" },
  { handle: "KL1-AP", rir: "apnic", roles: ["technical"], name: "Kangaroo Logistics network operations", email: "noc@kangaroo-logistics.example", phone: "+61-7-5550-0101" },
  // LACNIC's persons: handles without a -SUFFIX, the same rows port 43 renders (lacnic.ts).
  ...LACNIC_PERSONS.map((p) => ({ handle: p.handle, rir: "lacnic" as const, roles: p.roles, name: p.name, email: p.email, phone: p.tel, address: LACNIC_PERSON_ADDRESS })),
];

/**
 * ARIN's RDAP answers a question about another registry's resource with a redirect to that registry's RDAP
 * (303 See Other, RFC 7480 §5.2; the NRO RDAP profile has the RIRs redirect so): the client asks again there.
 * The other registries answer 404 for what they do not hold.
 */
function elsewhere(rir: SandboxRir, holder: SandboxRir | undefined, path: string, what: string): RdapReply {
  if (rir !== "arin" || holder === undefined) return notFound(what);
  return { status: 303, body: "", headers: { location: `${RIR_HOSTS[holder].rdapBase}${path}` } };
}

export function rirAnswer(rir: SandboxRir, path: string, selfUrl: string): RdapReply {
  const ip = /^ip\/(.+)$/.exec(path);
  if (ip) {
    const network = findNetwork(decodeUriOrKeep(ip[1] ?? ""));
    return network && network.rir === rir ? { status: 200, body: networkBody(network, selfUrl) } : elsewhere(rir, network?.rir, path, `network ${ip[1]}`);
  }
  const autnum = /^autnum\/(\d+)$/.exec(path);
  if (autnum) {
    const asn = ASNS.find((a) => a.number === Number(autnum[1]) && a.rir === rir);
    if (!asn) return elsewhere(rir, ASNS.find((a) => a.number === Number(autnum[1]))?.rir, path, `autnum ${autnum[1]}`);
    return {
      status: 200,
      body: {
        rdapConformance: ["rdap_level_0"], objectClassName: "autnum", handle: `AS${asn.number}`, startAutnum: asn.number, endAutnum: asn.number,
        name: asn.name, country: asn.country, status: ["active"], links: [{ value: selfUrl, rel: "self", href: selfUrl, type: "application/rdap+json" }],
        entities: [{ objectClassName: "entity", handle: asn.orgHandle, roles: ["registrant"], vcardArray: holderCard(asn.rir, asn.orgHandle, asn.org) }],
      },
    };
  }
  const entity = /^entity\/([^/]+)$/.exec(path);
  if (entity) {
    const handle = decodeUriOrKeep(entity[1] ?? "").toUpperCase();
    const owner = [...NETWORKS, ...ASNS].find((o) => o.orgHandle === handle && o.rir === rir);
    const contact = CONTACT_ENTITIES.find((c) => c.handle === handle && c.rir === rir);
    if (!owner && !contact) return notFound(`entity ${handle}`);
    const card = owner ? holderCard(rir, handle, owner.org) : contactCard(contact as ContactEntity);
    return {
      status: 200,
      body: {
        rdapConformance: ["rdap_level_0"], objectClassName: "entity", handle, roles: contact?.roles ?? ["registrant"], vcardArray: card,
        links: [{ value: selfUrl, rel: "self", href: selfUrl, type: "application/rdap+json" }],
        events: [{ eventAction: "registration", eventDate: "2009-03-30T00:00:00Z" }],
        ...(owner ? orgResources(handle, rir, selfUrl) : {}),
      },
    };
  }
  return notFound(path);
}
