import { domainToASCII, domainToUnicode } from "node:url";
import type { Contact, ContactField, ContactRole, Nameserver, WhoisRecord } from "../../record/types.js";
import { isPrivacyService, isRedactedValue } from "../privacy.js";
import { parseDate } from "../dates.js";
import { jCardRoles, readJCard } from "./jcard.js";
import { readJSContact } from "./jscontact.js";
import { statusMeaning } from "../whois/status-words.js";
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
  // A status copied from port 43 with ICANN's explanation ("clientHold https://icann.org/epp#clientHold", or the URL in
  // brackets): record.md keeps the status without its URL. Dropping whole words keeps this linear on hostile input.
  const words = value.trim().split(/\s+/).filter((word) => !/^\(?https?:\/\//i.test(word));
  if (words.length <= 1) return words[0] ?? value.trim();
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
  // RFC 9083 §6 gives errorCode as a number; Red Dog (the .mx software) writes it as a string ("404").
  const errorCode = typeof root.errorCode === "number" ? root.errorCode : typeof root.errorCode === "string" ? Number(root.errorCode.trim()) : undefined;
  if (errorCode !== undefined) {
    record.status = errorCode === 404 ? "available" : errorCode === 429 ? "throttled" : errorCode === 400 ? "invalid" : "unknown";
    // A 404 whose text gives the registry's word for a name it withholds ("Registry Reserved", as the .fun registry
    // answers, rdap-org/client.rdap.org#13) is reserved, read with the port-43 status words' table.
    if (errorCode === 404 && errorLines(root).some((line) => statusMeaning(line) === "reserved")) record.status = "reserved";
    // An error answer names no object class: an address's or AS number's error is about that, as over port 43 (number-query.ts).
    record.kind = numberQueryKind(record.query) ?? record.kind;
    return;
  }
  // (RFC 9910 §4.2 RIR searches answer "ipSearchResults"/"autnumSearchResults"; ARIN's origin-AS search its own member.)
  const searchResults = asArray(root.domainSearchResults ?? root.entitySearchResults ?? root.nameserverSearchResults ?? root.ipSearchResults ?? root.autnumSearchResults ?? root.arin_originas0_networkSearchResults);
  if (!asString(root.objectClassName) && searchResults.length > 0) return fill(record, asObject(searchResults[0]));
  const objectClass = objectClassOf(root);
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
  // (RFC 9083 §4.3 description is a list; Red Dog wrote one string, NICMx/rdap-server#51.)
  const remarks = asArray(root.remarks)
    .flatMap((remark) => {
      const description = asObject(remark)?.description;
      return typeof description === "string" ? [description] : asArray(description);
    })
    .map(asString)
    .filter((r): r is string => r !== undefined);
  if (remarks.length > 0) record.remarks = remarks;
  applyRedactions(record, root);
  if (record.kind === "entity" || record.kind === "nameserver") {
    const self = entityContact(root, 0);
    if (record.kind === "nameserver") {
      const ns = nameserver(root);
      if (ns) record.nameservers = [ns];
    } else if (self) {
      // The entity looked up is the record's subject (roles [], as port 43 gives it); a registrar looked up by its IANA
      // ID (RFC 9082 §3.1.5, roles ["registrar"]) is also the record's registrar.
      if (rolesOf(root).includes("registrar")) registrar(record, root);
      record.contacts = [...(record.contacts ?? []), self];
    }
  }
}

/** An error answer's title and description lines (RFC 9083 §6; a single string accepted). */
function errorLines(root: Json): string[] {
  const description = typeof root.description === "string" ? [root.description] : asArray(root.description);
  return [root.title, ...description].map(asString).filter((line): line is string => line !== undefined);
}

/**
 * RFC 9083 §4.7 makes objectClassName mandatory, yet servers leave it out (icann/icann-rdap#66; RIPE's older
 * answers). A member that only one class has (RFC 9083 §5) names the class; the first row that matches decides.
 */
const CLASS_MEMBERS: readonly (readonly [member: string, objectClass: string])[] = [
  ["startAutnum", "autnum"],
  ["endAutnum", "autnum"],
  ["startAddress", "ip network"],
  ["ipVersion", "ip network"],
  ["cidr0_cidrs", "ip network"],
  ["nameservers", "domain"],
  ["secureDNS", "domain"],
  ["ipAddresses", "nameserver"],
  ["vcardArray", "entity"],
  ["jscontact_card", "entity"],
  ["roles", "entity"],
];

function objectClassOf(root: Json): string | undefined {
  const named = asString(root.objectClassName)?.toLowerCase();
  if (named) return named;
  return CLASS_MEMBERS.find(([member]) => Object.hasOwn(root, member))?.[1];
}

function domain(record: WhoisRecord, root: Json): void {
  const name = asString(root.ldhName) ?? asString(root.unicodeName);
  if (name) {
    const ascii = domainToASCII(name.toLowerCase().replace(/\.$/, "")) || name.toLowerCase();
    record.domain = { name: ascii };
    // RFC 9083 §5.3 leaves unicodeName optional: without it an A-label's Unicode form is derived, as the port-43
    // parser derives it, so both protocols give one record for the same IDN.
    const unicode = asString(root.unicodeName)?.replace(/\.$/, "") ?? (ascii.includes("xn--") ? domainToUnicode(ascii) : undefined);
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
  // A name given in Unicode only (RFC 9083 §5.2 unicodeName) is kept as its A-label, as a domain's name is.
  const lower = name.toLowerCase().replace(/\.$/, "");
  const out: Nameserver = { name: /^[\x20-\x7e]*$/.test(lower) ? lower : domainToASCII(lower) || lower };
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
  const dates = eventDates(root);
  if (dates) record.dates = { ...dates, ...record.dates };
}

/**
 * RFC 9083 §4.5 dates, read as the port-43 parser reads dates (parse/dates.ts): a date without a zone
 * ("2019-04-30T21:02:11") is the registry's UTC clock, not the machine's local time (Date.parse), and fractional
 * seconds are dropped, so both protocols give one value for the same event.
 */
function eventDates(owner: Json): NonNullable<WhoisRecord["dates"]> | undefined {
  let dates: NonNullable<WhoisRecord["dates"]> | undefined;
  for (const item of asArray(owner.events)) {
    const event = asObject(item);
    const action = asString(event?.eventAction)?.toLowerCase();
    const field = action ? ownValue(EVENT_FIELDS, action) : undefined;
    const raw = asString(event?.eventDate);
    const date = field && raw ? parseDate(raw) : undefined;
    if (field && date) (dates ??= {})[field] ??= date;
  }
  return dates;
}

function entities(record: WhoisRecord, root: Json): void {
  const kept = new UniqueList<Contact>(RECORD_LIMITS.contacts);
  const organisations = new Set<string>();
  const visit = (list: unknown, depth: number, insideRegistrar: boolean): void => {
    if (depth > MAX_ENTITY_DEPTH) return;
    for (const item of asArray(list)) {
      const entity = asObject(item);
      if (!entity) continue;
      const roles = rolesOf(entity);
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
  // A domain has no abuse desk of its own: an abuse entity beside the registrar, not nested in it, is the registrar's
  // (the gTLD profile nests it; registrars' own servers often list it at the top, meeb/whoisit#7). It stays a contact.
  const topAbuse = record.kind === "domain" && record.registrar ? contacts.find((c) => c.roles.includes("abuse")) : undefined;
  if (topAbuse?.email && record.registrar) record.registrar.abuseEmail ??= topAbuse.email;
  if (topAbuse?.phone && record.registrar) record.registrar.abusePhone ??= topAbuse.phone;
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

function rolesOf(entity: Json): ContactRole[] {
  const listed = asArray(entity.roles);
  return (listed.length > 0 ? listed : jCardRoles(entity.vcardArray))
    .map((r) => ownValue(ROLE_MAP, String(r).toLowerCase()))
    .filter((r): r is ContactRole => r !== undefined);
}

function registrar(record: WhoisRecord, entity: Json): void {
  const out = (record.registrar ??= {});
  const card: Contact = { roles: [] };
  readJCard(entity.vcardArray, card);
  readJSContact(entity.jscontact_card, card);
  if (card.organization ?? card.name) out.name ??= (card.organization ?? card.name) as string;
  for (const item of asArray(entity.publicIds)) {
    const id = asObject(item);
    if (/iana/i.test(asString(id?.type) ?? "") && /^\d+$/.test(asString(id?.identifier) ?? "")) out.ianaId ??= asString(id?.identifier);
  }
  const handle = asString(entity.handle);
  if (handle && /^\d+$/.test(handle)) out.ianaId ??= handle;
  else if (handle) out.handle ??= handle;
  // The registrar's web address: its "about" link (gTLD RDAP Response Profile 2024 §2.4), else a link that is neither
  // its own RDAP object ("self", sent by some without a type) nor typed as RDAP.
  const links = asArray(entity.links).map(asObject).filter((l) => asString(l?.href) !== undefined);
  const relOf = (link: Json | undefined): string => asString(link?.rel)?.toLowerCase() ?? "";
  const url = links.find((l) => relOf(l) === "about") ?? links.find((l) => relOf(l) !== "self" && !/rdap/i.test(asString(l?.type) ?? ""));
  const href = asString(url?.href);
  if (href) out.url ??= href;
  const port43 = asString(entity.port43);
  if (port43) out.whoisServer ??= port43.toLowerCase();
}

function entityContact(entity: Json, _depth: number): Contact | undefined {
  const contact: Contact = { roles: [] };
  const handle = asString(entity.handle);
  // "REDACTED FOR PRIVACY" as the handle withholds the "Registry Registrant ID" (gTLD RDAP Response Profile): no handle.
  if (handle && isRedactedValue(handle)) contact.redacted = ["handle"];
  else if (handle) contact.handle = handle;
  readJCard(entity.vcardArray, contact);
  readJSContact(entity.jscontact_card, contact);
  // The entity's own events (RFC 9083 §5.1): when the contact was registered and last changed.
  const dates = eventDates(entity);
  if (dates?.created) contact.created = dates.created;
  if (dates?.updated) contact.updated = dates.updated;
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
