import type { ServeContact, ServeDomain, ServeNameserver } from "./dataset.js";
import { networkRange, type ContactView, type ObjectView } from "./data.js";

/**
 * RDAP answers (RFC 9083) for the resolved views: rdapConformance, notices, self links, events,
 * entities with jCard (RFC 7095) vcardArray, and RFC 9537 `redacted` members (method "removal") for
 * the personal fields the policy withholds.
 */
type Json = Record<string, unknown>;

export const RDAP_CONTENT_TYPE = "application/rdap+json";
const CONFORMANCE = ["rdap_level_0", "redacted", "cidr0"];

export function notices(service: string): Json[] {
  return [
    { title: "Terms of Use", description: [`${service}: queries are logged and accounted per source; personal data is limited per 24 hours.`] },
  ];
}

const link = (base: string, path: string): Json => ({ value: `${base}${path}`, rel: "self", href: `${base}${path}`, type: RDAP_CONTENT_TYPE });

function events(dates: { created?: string; updated?: string; expires?: string }): Json[] {
  const out: Json[] = [];
  if (dates.created) out.push({ eventAction: "registration", eventDate: dates.created });
  if (dates.expires) out.push({ eventAction: "expiration", eventDate: dates.expires });
  if (dates.updated) out.push({ eventAction: "last changed", eventDate: dates.updated });
  return out;
}

function vcard(contact: ServeContact, redacted: boolean): unknown[] {
  const props: unknown[] = [["version", {}, "text", "4.0"]];
  props.push(["fn", {}, "text", redacted ? "" : contact.kind === "organisation" ? (contact.organization ?? contact.name) : contact.name]);
  props.push(["kind", {}, "text", contact.kind === "person" ? "individual" : contact.kind === "role" ? "group" : "org"]);
  if (contact.organization) props.push(["org", {}, "text", contact.organization]);
  if (!redacted && (contact.street.length > 0 || contact.city || contact.countryCode)) {
    props.push(["adr", contact.countryCode ? { cc: contact.countryCode } : {}, "text", ["", "", contact.street.length > 1 ? contact.street : (contact.street[0] ?? ""), contact.city ?? "", contact.state ?? "", contact.postalCode ?? "", ""]]);
  } else if (redacted && (contact.state || contact.countryCode)) {
    props.push(["adr", contact.countryCode ? { cc: contact.countryCode } : {}, "text", ["", "", "", "", contact.state ?? "", "", ""]]);
  }
  if (!redacted && contact.phone) props.push(["tel", { type: "voice" }, "uri", `tel:${contact.phone}`]);
  if (!redacted && contact.fax) props.push(["tel", { type: "fax" }, "uri", `tel:${contact.fax}`]);
  if (!redacted && contact.email) props.push(["email", {}, "text", contact.email]);
  return ["vcard", props];
}

const ROLE: Readonly<Record<ContactView["role"], string>> = { registrant: "registrant", administrative: "administrative", technical: "technical", abuse: "abuse", org: "registrant" };

function entity(contact: ContactView | ServeContact, base: string, role?: string): Json {
  const redacted = "redacted" in contact && contact.redacted;
  return {
    objectClassName: "entity",
    ...(redacted ? {} : { handle: contact.handle }),
    ...(role ? { roles: [role] } : {}),
    vcardArray: vcard(contact, redacted),
    ...(redacted ? {} : { links: [link(base, `entity/${encodeURIComponent(contact.handle)}`)] }),
    ...(contact.created || contact.updated ? { events: events(contact) } : {}),
  };
}

/** RFC 9537 §4.2 removal entries for each redacted contact's fields (JSONPath into this answer). */
function redactions(contacts: ContactView[]): Json[] {
  const fields: [string, string][] = [["Name", "fn"], ["Street", "adr"], ["Phone", "tel"], ["Email", "email"]];
  return contacts
    .filter((c) => c.redacted)
    .flatMap((c) => {
      const label = c.role === "registrant" ? "Registrant" : c.role === "administrative" ? "Admin" : c.role === "technical" ? "Tech" : "Contact";
      return [
        { name: { type: `Registry ${label} ID` }, prePath: `$.entities[?(@.roles[0]=='${ROLE[c.role]}')].handle`, method: "removal", reason: { type: "Server policy" } },
        ...fields.map(([field, prop]) => ({ name: { type: `${label} ${field}` }, prePath: `$.entities[?(@.roles[0]=='${ROLE[c.role]}')].vcardArray[1][?(@[0]=='${prop}')]`, method: "removal", reason: { type: "Server policy" } })),
      ];
    });
}

function registrarEntity(domain: ServeDomain): Json {
  const { registrar } = domain;
  return {
    objectClassName: "entity",
    roles: ["registrar"],
    ...(registrar.ianaId ? { handle: registrar.ianaId, publicIds: [{ type: "IANA Registrar ID", identifier: registrar.ianaId }] } : {}),
    vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", registrar.name]]],
    ...(registrar.url ? { links: [{ value: registrar.url, rel: "about", href: registrar.url, type: "text/html" }] } : {}),
    ...(registrar.abuseEmail || registrar.abusePhone
      ? {
          entities: [
            {
              objectClassName: "entity",
              roles: ["abuse"],
              vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Abuse contact"], ...(registrar.abusePhone ? [["tel", { type: "voice" }, "uri", `tel:${registrar.abusePhone}`]] : []), ...(registrar.abuseEmail ? [["email", {}, "text", registrar.abuseEmail]] : [])]],
            },
          ],
        }
      : {}),
  };
}

/** RFC 5731 status "clientTransferProhibited" → RFC 8056 "client transfer prohibited" ("ok" → "active"). */
const rdapStatus = (status: string): string => (status === "ok" ? "active" : status.replace(/([A-Z])/g, " $1").toLowerCase());

export function domainJson(domain: ServeDomain, base: string, contacts: ContactView[], nameservers: { name: string; ipv4: string[]; ipv6: string[] }[]): Json {
  const redacted = redactions(contacts);
  return {
    objectClassName: "domain",
    ...(domain.handle ? { handle: domain.handle } : {}),
    ldhName: domain.name,
    ...(domain.unicodeName ? { unicodeName: domain.unicodeName } : {}),
    status: domain.statuses.map(rdapStatus),
    events: events(domain),
    nameservers: nameservers.map((ns) => ({
      objectClassName: "nameserver",
      ldhName: ns.name,
      ...(ns.ipv4.length + ns.ipv6.length > 0 ? { ipAddresses: { ...(ns.ipv4.length ? { v4: ns.ipv4 } : {}), ...(ns.ipv6.length ? { v6: ns.ipv6 } : {}) } } : {}),
    })),
    secureDNS: { delegationSigned: domain.dnssec },
    entities: [registrarEntity(domain), ...contacts.map((c) => entity(c, base, ROLE[c.role]))],
    links: [link(base, `domain/${domain.name}`)],
    ...(redacted.length > 0 ? { redacted } : {}),
  };
}

/** The RDAP body of a resolved object (without the top-level rdapConformance and notices). */
function objectJson(view: ObjectView, base: string): Json {
  switch (view.type) {
    case "domain":
      return domainJson(view.domain, base, view.contacts, view.nameservers);
    case "nameserver": {
      const { nameserver } = view;
      const addresses = { ...(nameserver.ipv4.length ? { v4: nameserver.ipv4 } : {}), ...(nameserver.ipv6.length ? { v6: nameserver.ipv6 } : {}) };
      return { objectClassName: "nameserver", ldhName: nameserver.name, ...(Object.keys(addresses).length ? { ipAddresses: addresses } : {}), links: [link(base, `nameserver/${nameserver.name}`)] };
    }
    case "entity": {
      const holds = view.holds ?? [];
      const networks = holds.filter((held) => held.type === "ip").map((held) => resourceJson(held, base, false));
      const autnums = holds.filter((held) => held.type === "autnum").map((held) => resourceJson(held, base, false));
      return { ...entity(view.contact, base), ...(networks.length > 0 ? { networks } : {}), ...(autnums.length > 0 ? { autnums } : {}) };
    }
    case "ip":
    case "autnum":
      return resourceJson(view, base, true);
  }
}

/** An ip network or autnum object; listed inside its holder's entity it goes without its own entities. */
function resourceJson(view: Extract<ObjectView, { type: "ip" | "autnum" }>, base: string, withEntities: boolean): Json {
  const redacted = withEntities ? redactions(view.contacts) : [];
  const tail = withEntities ? { entities: view.contacts.map((c) => entity(c, base, ROLE[c.role])) } : {};
  if (view.type === "ip") {
    const { network } = view;
    const range = networkRange(network);
    const [prefix = "", length = "0"] = network.cidr.split("/");
    return {
      objectClassName: "ip network",
      handle: network.handle,
      startAddress: range.start,
      endAddress: range.end,
      ipVersion: range.v6 ? "v6" : "v4",
      name: network.name,
      ...(network.type ? { type: network.type } : {}),
      ...(network.country ? { country: network.country.toUpperCase() } : {}),
      ...(network.parent ? { parentHandle: network.parent } : {}),
      cidr0_cidrs: [{ [range.v6 ? "v6prefix" : "v4prefix"]: prefix, length: Number(length) }],
      status: ["active"],
      events: events(network),
      ...tail,
      links: [link(base, `ip/${network.cidr}`)],
      ...(redacted.length > 0 ? { redacted } : {}),
    };
  }
  const { autnum } = view;
  return {
    objectClassName: "autnum",
    handle: `AS${autnum.number}`,
    startAutnum: autnum.number,
    endAutnum: autnum.number,
    name: autnum.name,
    ...(autnum.country ? { country: autnum.country.toUpperCase() } : {}),
    status: ["active"],
    events: events(autnum),
    ...tail,
    links: [link(base, `autnum/${autnum.number}`)],
    ...(redacted.length > 0 ? { redacted } : {}),
  };
}

export function rdapObject(view: ObjectView, base: string, service: string): Json {
  return { rdapConformance: CONFORMANCE, ...objectJson(view, base), notices: notices(service) };
}

export function rdapSearch(found: { domains?: ServeDomain[]; nameservers?: ServeNameserver[] }, base: string, service: string): Json {
  return {
    rdapConformance: CONFORMANCE,
    ...(found.domains
      ? { domainSearchResults: found.domains.map((d) => ({ objectClassName: "domain", ldhName: d.name, ...(d.handle ? { handle: d.handle } : {}), status: d.statuses.map(rdapStatus), links: [link(base, `domain/${d.name}`)] })) }
      : {}),
    ...(found.nameservers ? { nameserverSearchResults: found.nameservers.map((ns) => ({ objectClassName: "nameserver", ldhName: ns.name, links: [link(base, `nameserver/${ns.name}`)] })) } : {}),
    notices: notices(service),
  };
}

export function rdapHelp(service: string): Json {
  return {
    rdapConformance: CONFORMANCE,
    notices: [
      ...notices(service),
      { title: "Queries", description: ["domain/NAME, nameserver/NAME, entity/HANDLE, ip/ADDRESS[/LENGTH], autnum/NUMBER, domains?name=PATTERN, nameservers?name=PATTERN (one * matches any run; 2 literal characters first)."] },
    ],
  };
}

/** RFC 9083 §6 error body. */
export function rdapError(status: number, title: string, description: string[]): Json {
  return { rdapConformance: ["rdap_level_0"], errorCode: status, title, description };
}
