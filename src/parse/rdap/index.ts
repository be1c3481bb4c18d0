import { domainToASCII } from "node:url";
import type { Contact, ContactField, ContactRole, Nameserver, WhoisRecord } from "../../record/types.js";
import { isPrivacyService } from "../privacy.js";
import { readJCard } from "./jcard.js";
import { applyRedactions } from "./redacted.js";
import { decodeUriOrKeep } from "../../util/decode-uri.js";
import { ownValue } from "../../util/own.js";
import { limitNote, RECORD_LIMITS, UniqueList } from "../limits.js";
import { ipaddr } from "../../util/cjs-deps.js";
import { rangeToCidrs } from "../whois/network.js";
import { numberQueryKind } from "../whois/number-query.js";

export interface RdapParseOptions {
  server?: string;
  url?: string;
  query?: string;
}

type Json = Record<string, unknown>;

const MAX_ITEMS = 100;
const MAX_ENTITY_DEPTH = 4;

const asObject = (value: unknown): Json | undefined => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value.slice(0, MAX_ITEMS) : []);
const asString = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

const ROLE_MAP: Record<string, ContactRole> = {
  registrant: "registrant",
  administrative: "administrative",
  technical: "technical",
  billing: "billing",
  abuse: "abuse",
  registrar: "registrar",
  reseller: "reseller",
  noc: "noc",
};

/** RDAP spelled-out statuses (RFC 8056) into EPP camelCase; unknown words stay as given. */
export function eppStatus(value: string): string {
  const words = value.trim().split(/\s+/);
  if (words.length === 1) return value.trim();
  return words.map((word, index) => (index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())).join("");
}

/** Parses an RDAP JSON answer (RFC 9083) into the normalized record. Never throws. */
export function parseRdap(json: unknown, options: RdapParseOptions = {}): WhoisRecord {
  const server = options.server ?? hostOf(options.url) ?? "unknown";
  const record: WhoisRecord = {
    query: options.query ?? "",
    kind: "domain",
    status: "unknown",
    source: options.url ? { protocol: "rdap", server, url: options.url } : { protocol: "rdap", server },
  };
  try {
    fill(record, asObject(json));
  } catch {
    // a hostile or broken shape: keep what was read
  }
  return record;
}

function fill(record: WhoisRecord, root: Json | undefined): void {
  if (!root) return;
  if (typeof root.errorCode === "number") {
    record.status = root.errorCode === 404 ? "available" : root.errorCode === 429 ? "throttled" : root.errorCode === 400 ? "invalid" : "unknown";
    // An error answer names no object class: an address's or AS number's error is about that, as over port 43 (number-query.ts).
    record.kind = numberQueryKind(record.query) ?? record.kind;
    return;
  }
  const objectClass = asString(root.objectClassName)?.toLowerCase();
  // (RFC 9910 §4.2 RIR searches answer "ipSearchResults"/"autnumSearchResults"; ARIN's origin-AS search its own member.)
  const searchResults = asArray(root.domainSearchResults ?? root.entitySearchResults ?? root.nameserverSearchResults ?? root.ipSearchResults ?? root.autnumSearchResults ?? root.arin_originas0_networkSearchResults);
  if (!objectClass && searchResults.length > 0) return fill(record, asObject(searchResults[0]));
  record.status = "registered";
  switch (objectClass) {
    case "ip network":
      record.kind = "ip";
      record.network = network(root);
      break;
    case "autnum":
      record.kind = "asn";
      record.asn = autnum(root);
      break;
    case "entity":
      record.kind = "entity";
      resources(record, root);
      break;
    case "nameserver":
      record.kind = "nameserver";
      break;
    default:
      domain(record, root);
  }
  events(record, root);
  const statuses = asArray(root.status).map(asString).filter((s): s is string => s !== undefined).map(eppStatus);
  if (statuses.length > 0) record.statuses = statuses;
  if (statuses.some((s) => /^(inactive|removed|obscured)$/i.test(s)) && objectClass === "domain") record.status = "registered";
  entities(record, root);
  links(record, root);
  const port43 = asString(root.port43);
  if (port43) (record.registrar ??= {}).whoisServer ??= port43.toLowerCase();
  const remarks = asArray(root.remarks).flatMap((remark) => asArray(asObject(remark)?.description).map(asString)).filter((r): r is string => r !== undefined);
  if (remarks.length > 0) record.remarks = remarks;
  applyRedactions(record, root);
  if (record.kind === "entity" || record.kind === "nameserver") {
    const self = entityContact(root, 0);
    if (record.kind === "nameserver") {
      const ns = nameserver(root);
      if (ns) record.nameservers = [ns];
    } else if (self) record.contacts = [...(record.contacts ?? []), self];
  }
}

function domain(record: WhoisRecord, root: Json): void {
  const name = asString(root.ldhName) ?? asString(root.unicodeName);
  if (name) {
    const ascii = domainToASCII(name.toLowerCase().replace(/\.$/, "")) || name.toLowerCase();
    record.domain = { name: ascii };
    const unicode = asString(root.unicodeName)?.replace(/\.$/, "");
    if (unicode && unicode.toLowerCase() !== ascii) record.domain.unicodeName = unicode;
    const handle = asString(root.handle);
    if (handle) record.domain.handle = handle;
  }
  const servers = asArray(root.nameservers).map((ns) => nameserver(asObject(ns))).filter((ns): ns is Nameserver => ns !== undefined);
  if (servers.length > 0) record.nameservers = servers;
  const secure = asObject(root.secureDNS);
  if (secure && typeof secure.delegationSigned === "boolean") record.dnssec = secure.delegationSigned ? "signed" : "unsigned";
  // (RFC 9083 §5.3: a server that leaves delegationSigned out but lists DS or key data still states a signed delegation,
  // as the same registry's port-43 "ds-rdata:"/"Dnskey:" lines do.)
  else if (secure && (asArray(secure.dsData).length > 0 || asArray(secure.keyData).length > 0)) record.dnssec = "signed";
}

function nameserver(ns: Json | undefined): Nameserver | undefined {
  const name = asString(ns?.ldhName) ?? asString(ns?.unicodeName);
  if (!ns || !name) return undefined;
  const out: Nameserver = { name: name.toLowerCase().replace(/\.$/, "") };
  const addresses = asObject(ns.ipAddresses);
  const v4 = asArray(addresses?.v4).map(asString).filter((a): a is string => a !== undefined);
  const v6 = asArray(addresses?.v6).map(asString).filter((a): a is string => a !== undefined);
  if (v4.length > 0) out.ipv4 = v4;
  if (v6.length > 0) out.ipv6 = v6;
  return out;
}

function network(root: Json): NonNullable<WhoisRecord["network"]> {
  const out: NonNullable<WhoisRecord["network"]> = {};
  const copy = (key: keyof typeof out, value: unknown): void => {
    const text = asString(value);
    if (text) (out as Record<string, unknown>)[key] = text;
  };
  copy("handle", root.handle);
  copy("name", root.name);
  copy("type", root.type);
  const start = rdapAddress(root.startAddress);
  const end = rdapAddress(root.endAddress);
  if (start !== undefined) out.startAddress = start;
  if (end !== undefined) out.endAddress = end;
  copy("country", root.country);
  copy("parentHandle", root.parentHandle);
  const cidrs = asArray(root.cidr0_cidrs)
    .map(asObject)
    .map((c) => {
      const prefix = asString(c?.v4prefix) ?? asString(c?.v6prefix);
      return prefix && typeof c?.length === "number" ? `${prefix}/${c.length}` : undefined;
    })
    .filter((c): c is string => c !== undefined);
  if (cidrs.length > 0) out.cidrs = cidrs;
  // Without the cidr0 extension (RIPE's and LACNIC's servers long sent none; https://github.com/meeb/whoisit/pull/8) the
  // range is the block: its CIDR cover, as the port-43 reading of the same range gives it (whois/network.ts).
  else if (start !== undefined && end !== undefined && ipaddr.isValid(start) && ipaddr.isValid(end)) {
    const cover = rangeToCidrs(start, end);
    if (cover.length > 0) out.cidrs = cover;
  }
  return out;
}

/**
 * An RDAP start or end address in the form port 43's reading prints: IPv6 in RFC 5952's form (compressed, lower case; a
 * server that writes "2001:DB8:0:0:0:0:0:0" names the same address), a prefix length dropped (RIPE's server wrote
 * "2001:2002:2003::/128" there until https://github.com/RIPE-NCC/whois/pull/539). Anything else is kept as written.
 */
function rdapAddress(value: unknown): string | undefined {
  const text = asString(value);
  if (text === undefined) return undefined;
  const slash = text.indexOf("/");
  const address = slash === -1 ? text : text.slice(0, slash);
  if (address.includes(":") && ipaddr.IPv6.isValid(address)) return ipaddr.IPv6.parse(address).toString();
  return slash !== -1 && ipaddr.isValid(address) ? address : text;
}

/** An organisation's own networks and autnums, capped: a hostile server may list millions. */
const MAX_RESOURCES = 1000;

function resources(record: WhoisRecord, root: Json): void {
  // Not asArray: its cap (MAX_ITEMS, 100) is for lists of one object's parts; an organisation holds more.
  const listed = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const networks = listed(root.networks).slice(0, MAX_RESOURCES).map(asObject).filter((n): n is Json => n !== undefined).map(network);
  const autnums = listed(root.autnums).slice(0, MAX_RESOURCES).map(asObject).filter((a): a is Json => a !== undefined).map(autnum);
  for (const [name, count] of [["networks", listed(root.networks).length], ["autnums", listed(root.autnums).length]] as const) {
    if (count > MAX_RESOURCES) (record.warnings ??= []).push({ code: "WL_WARN_TRUNCATED", message: `${name}: ${count} listed, the first ${MAX_RESOURCES} kept` });
  }
  if (networks.length === 0 && autnums.length === 0) return;
  record.resources = {};
  if (networks.length > 0) record.resources.networks = networks;
  if (autnums.length > 0) record.resources.autnums = autnums;
}

function autnum(root: Json): NonNullable<WhoisRecord["asn"]> {
  const out: NonNullable<WhoisRecord["asn"]> = {};
  const handle = asString(root.handle);
  if (handle) out.handle = /^\d+$/.test(handle) ? `AS${handle}` : handle;
  const name = asString(root.name);
  if (name) out.name = name;
  if (typeof root.startAutnum === "number") out.start = root.startAutnum;
  if (typeof root.endAutnum === "number") out.end = root.endAutnum;
  const country = asString(root.country);
  if (country) out.country = country;
  return out;
}

const EVENT_FIELDS: Record<string, "created" | "updated" | "expires"> = {
  registration: "created",
  expiration: "expires",
  "last changed": "updated",
};

function events(record: WhoisRecord, root: Json): void {
  for (const item of asArray(root.events)) {
    const event = asObject(item);
    const action = asString(event?.eventAction)?.toLowerCase();
    const field = action ? ownValue(EVENT_FIELDS, action) : undefined;
    const date = asString(event?.eventDate);
    if (!field || !date || Number.isNaN(Date.parse(date))) continue;
    const iso = new Date(Date.parse(date)).toISOString().replace(".000Z", "Z");
    (record.dates ??= {})[field] ??= iso;
  }
}

function entities(record: WhoisRecord, root: Json): void {
  const kept = new UniqueList<Contact>(RECORD_LIMITS.contacts);
  const organisations = new Set<string>();
  const visit = (list: unknown, depth: number, insideRegistrar: boolean): void => {
    if (depth > MAX_ENTITY_DEPTH) return;
    for (const item of asArray(list)) {
      const entity = asObject(item);
      if (!entity) continue;
      const roles = asArray(entity.roles).map((r) => ownValue(ROLE_MAP, String(r).toLowerCase())).filter((r): r is ContactRole => r !== undefined);
      if (roles.includes("registrar")) registrar(record, entity);
      // Entities nested under the registrar (its abuse desk) describe the registrar, not the object.
      const contactRoles = insideRegistrar ? [] : roles.filter((r) => r !== "registrar");
      if (contactRoles.length > 0) {
        const contact = entityContact(entity, depth);
        if (contact) {
          contact.roles = contactRoles;
          if (contactRoles.includes("registrant") && contact.handle !== undefined && vcardKind(entity) === "org") organisations.add(contact.handle);
          mergeInto(kept, contact);
        }
      }
      if (roles.includes("abuse") && insideRegistrar) {
        const abuse = entityContact(entity, depth);
        if (abuse?.email && record.registrar) record.registrar.abuseEmail ??= abuse.email;
        if (abuse?.phone && record.registrar) record.registrar.abusePhone ??= abuse.phone;
      }
      visit(entity.entities, depth + 1, insideRegistrar || roles.includes("registrar"));
    }
  };
  visit(root.entities, 0, false);
  const contacts = record.kind === "ip" || record.kind === "asn" ? organisationFirst(kept.items, organisations) : kept.items;
  if (contacts.length > 0) record.contacts = contacts;
  const note = limitNote("contacts", kept);
  if (note) record.notes = [...(record.notes ?? []), note];
  if (record.network && record.network.organization === undefined) {
    const owner = contacts.find((c) => c.roles.includes("registrant"));
    const name = owner?.organization ?? owner?.name;
    if (name) record.network.organization = name;
  }
}

/**
 * RIPE's RDAP lists the resource's maintainers ("mnt-by:") as registrant entities beside its organisation
 * (https://github.com/RIPE-NCC/whois/pull/740), often before it: the holder is the registrant whose vCard kind is "org"
 * (the rule https://github.com/20c/rdap/pull/46 adopted after reading "RIPE-NCC-END-MNT" as networks' holder). Those
 * come first; every other contact keeps its place.
 */
function organisationFirst(contacts: Contact[], organisations: ReadonlySet<string>): Contact[] {
  if (organisations.size === 0) return contacts;
  const isHolder = (contact: Contact): boolean => contact.handle !== undefined && organisations.has(contact.handle) && contact.roles.includes("registrant");
  return [...contacts.filter(isHolder), ...contacts.filter((contact) => !isHolder(contact))];
}

/** A vCard's "kind" (RFC 6350 §6.1.4: "org" for an organisation), lower case; undefined when it states none. */
function vcardKind(entity: Json): string | undefined {
  const vcard = asArray(entity.vcardArray);
  for (const property of asArray(vcard[1])) {
    if (Array.isArray(property) && property[0] === "kind") return asString(property[3])?.toLowerCase();
  }
  return undefined;
}

function registrar(record: WhoisRecord, entity: Json): void {
  const out = (record.registrar ??= {});
  const card: Contact = { roles: [] };
  readJCard(entity.vcardArray, card);
  if (card.organization ?? card.name) out.name ??= (card.organization ?? card.name) as string;
  for (const item of asArray(entity.publicIds)) {
    const id = asObject(item);
    if (/iana/i.test(asString(id?.type) ?? "") && /^\d+$/.test(asString(id?.identifier) ?? "")) out.ianaId ??= asString(id?.identifier);
  }
  const handle = asString(entity.handle);
  if (handle && /^\d+$/.test(handle)) out.ianaId ??= handle;
  else if (handle) out.handle ??= handle;
  const url = asArray(entity.links).map(asObject).find((l) => asString(l?.href) && !/rdap/i.test(asString(l?.type) ?? ""));
  const href = asString(url?.href);
  if (href) out.url ??= href;
  const port43 = asString(entity.port43);
  if (port43) out.whoisServer ??= port43.toLowerCase();
}

function entityContact(entity: Json, _depth: number): Contact | undefined {
  const contact: Contact = { roles: [] };
  const handle = asString(entity.handle);
  if (handle) contact.handle = handle;
  readJCard(entity.vcardArray, contact);
  if ([contact.name, contact.organization].some((v) => v !== undefined && isPrivacyService(v))) contact.privacyProxy = true;
  return Object.keys(contact).length > 1 ? contact : undefined;
}

/** The same contact under several roles (one entity per role) is kept once with all its roles: one map lookup each. */
function mergeInto(contacts: UniqueList<Contact>, contact: Contact): void {
  const twin = contacts.add(JSON.stringify({ ...contact, roles: undefined }), () => contact);
  if (twin === undefined || twin === contact) return;
  for (const role of contact.roles) if (!twin.roles.includes(role)) twin.roles.push(role);
}

function links(record: WhoisRecord, root: Json): void {
  for (const item of asArray(root.links)) {
    const link = asObject(item);
    const rel = asString(link?.rel)?.toLowerCase();
    const href = absoluteHref(asString(link?.href), asString(link?.value) ?? record.source.url);
    const type = asString(link?.type)?.toLowerCase() ?? "";
    if (rel === "related" && href && (type.includes("rdap") || /\/domain\//i.test(href)) && !sameDocument(href, record.source.url) && sameObject(href, record.source.url)) {
      record.referral ??= { url: href };
      (record.registrar ??= {}).rdapUrl ??= href;
    }
  }
}

/**
 * RFC 9083 §4.2 links carry absolute hrefs, but some servers write a path ("/registrar/domain/x"): it is
 * resolved against the link's context ("value", RFC 8288 §3.2) or the answer's own URL, as a browser would.
 * Without either a relative href names nothing.
 */
function absoluteHref(href: string | undefined, context: string | undefined): string | undefined {
  if (href === undefined || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  if (context === undefined) return undefined;
  try {
    return new URL(href, context).href;
  } catch {
    return undefined;
  }
}

/**
 * A "related" link is the same object at another server (a registrar's copy of the domain) only when it
 * names the same object: "<class>/<key>" at the end of both paths. An RIR entity's related links name
 * the holder's networks and autnums (other objects): followed as referrals, they merged a network into
 * the organisation's record. Without our own URL (a parsed file), domain links keep the old reading.
 */
function sameObject(href: string, url: string | undefined): boolean {
  const theirs = objectPath(href);
  if (url === undefined) return theirs?.startsWith("domain/") ?? false;
  const ours = objectPath(url);
  return theirs !== undefined && theirs === ours;
}

function objectPath(href: string): string | undefined {
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    return undefined;
  }
  const parts = path.split("/").filter((part) => part !== "");
  // ip/<address>/<length> (a CIDR) has three segments; every other class two.
  const ip = parts.lastIndexOf("ip");
  const tail = ip >= 0 && parts.length - ip <= 3 ? parts.slice(ip) : parts.slice(-2);
  // (A malformed escape is compared as written: it threw, and every section after links was lost.)
  return tail.length >= 2 ? decodeUriOrKeep(tail.join("/")).toLowerCase() : undefined;
}

function sameDocument(href: string, url: string | undefined): boolean {
  return url !== undefined && href.replace(/\/$/, "") === url.replace(/\/$/, "");
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export type { ContactField };
