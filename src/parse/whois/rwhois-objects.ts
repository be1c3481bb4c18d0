import type { Contact, ContactRole, NetworkInfo, WhoisRecord } from "../../record/types.js";
import { ipaddr } from "../../util/cjs-deps.js";
import { ownValue } from "../../util/own.js";
import { countryCodeOf } from "../countries.js";
import { parseDate } from "../dates.js";
import { addressToBigInt, applyCidr, applyRange } from "./network.js";

/**
 * RWhois 1.5 answers (RFC 2167 §3.3) read as the objects they are: every line `class:Attribute[;T]:value`, a
 * blank line between objects, and an attribute of type ID (`;I`) naming another object of the same answer by its
 * `ID`. ISPs print a network with its holder and contacts as referenced objects:
 *
 *   network:Organization;I:ORG-TAIL-NET-4411         organization:ID:ORG-TAIL-NET-4411
 *   network:Tech-Contact;I:222.a.com                  organization:Org-Name:…  Street-Address, City, State,
 *                                                     Postal-Code, Country-Code
 *                                                     contact:ID:222.a.com  contact:Name, Email, Phone, Fax
 *
 * (rwhoisd's own sample data, arineng/rwhoisd sample.data/: IDs "666.10.0.0.0/8", "777.a.com", "222.a.com"; the
 * contact class has the aliases user, person, mailbox in its schema.) The generic reader takes these lines as
 * labels and values one by one; this reader gives the record what the objects say together: the most specific
 * network (the one holding the query, narrowest first), its country, its holder's name, address and country (the
 * registrant, as ARIN's Org block is), and its contacts under their roles with the referenced objects' data.
 */

/** One line of an RWhois object. Class and attribute names are RFC 2167 §3.3 tokens; no nested quantifier. */
const RWHOIS_LINE = /^([a-z][\w-]{0,30}):([A-Za-z][\w-]{0,60})(?:;([A-Z]))?:(.*)$/;

/** Caps on what is read from one answer (attacker-controlled): objects kept, values per attribute. */
export const RWHOIS_OBJECT_LIMITS = { objects: 200, valuesPerAttribute: 20, valueLength: 500 } as const;

/** The network attributes that name other objects, and the role each gives the object (RFC 2167 §3.3, rwhoisd network.tmpl). */
const NETWORK_REFERENCES: Readonly<Record<string, ContactRole>> = {
  "organization": "registrant",
  "tech-contact": "technical",
  "admin-contact": "administrative",
  "abuse-contact": "abuse",
  "noc-contact": "noc",
  "billing-contact": "billing",
};

/** Class names of contact objects (rwhoisd's schema aliases "user", "person", "mailbox" for "contact"). */
const CONTACT_CLASSES: ReadonlySet<string> = new Set(["contact", "user", "person", "mailbox", "role"]);
/** Class names of organization objects (rwhoisd's "organization"; "org" as some ISPs shorten it). */
const ORGANIZATION_CLASSES: ReadonlySet<string> = new Set(["organization", "org", "organisation"]);

export interface RwhoisObject {
  /** Lower-case class name (the line's prefix, or its Class-Name attribute). */
  cls: string;
  /** Lower-case attribute name to its values, in answer order. */
  attributes: Map<string, string[]>;
}

/** The objects of an RWhois answer, in order (at most RWHOIS_OBJECT_LIMITS.objects). */
export function readRwhoisObjects(text: string): RwhoisObject[] {
  const objects: RwhoisObject[] = [];
  let current: RwhoisObject | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const match = line.length > 0 ? RWHOIS_LINE.exec(line) : null;
    if (!match) {
      // A blank line (or any line of another kind: %ok, a comment) ends the object.
      current = undefined;
      continue;
    }
    const cls = (match[1] ?? "").toLowerCase();
    const attribute = (match[2] ?? "").toLowerCase();
    const value = (match[4] ?? "").trim().slice(0, RWHOIS_OBJECT_LIMITS.valueLength);
    // A new class, or a second ID, opens another object even without a blank line between them.
    if (current === undefined || current.cls !== cls || (attribute === "id" && current.attributes.has("id"))) {
      if (objects.length >= RWHOIS_OBJECT_LIMITS.objects) break;
      current = { cls, attributes: new Map() };
      objects.push(current);
    }
    if (value === "") continue;
    const values = current.attributes.get(attribute);
    if (values === undefined) current.attributes.set(attribute, [value]);
    else if (values.length < RWHOIS_OBJECT_LIMITS.valuesPerAttribute) values.push(value);
  }
  for (const object of objects) {
    const named = first(object, "class-name")?.toLowerCase();
    if (named !== undefined && /^[a-z][\w-]{0,30}$/.test(named)) object.cls = named;
  }
  return objects;
}

function first(object: RwhoisObject, attribute: string): string | undefined {
  return object.attributes.get(attribute)?.[0];
}

interface Span {
  low: bigint;
  high: bigint;
  family: 4 | 6;
}

function networkOf(object: RwhoisObject): NetworkInfo {
  const network: NetworkInfo = {};
  for (const cidr of object.attributes.get("ip-network") ?? []) applyCidr(network, cidr);
  const block = first(object, "ip-network-block");
  if (block !== undefined) applyRange(network, block);
  return network;
}

function spanOf(network: NetworkInfo): Span | undefined {
  if (network.startAddress === undefined || network.endAddress === undefined) return undefined;
  try {
    const low = ipaddr.parse(network.startAddress);
    const high = ipaddr.parse(network.endAddress);
    return { low: addressToBigInt(low), high: addressToBigInt(high), family: low.kind() === "ipv4" ? 4 : 6 };
  } catch {
    return undefined;
  }
}

function addressOf(query: string | undefined): { value: bigint; family: 4 | 6 } | undefined {
  if (query === undefined) return undefined;
  const text = query.trim().split("/")[0] ?? "";
  if (!ipaddr.isValid(text)) return undefined;
  const address = ipaddr.parse(text);
  return { value: addressToBigInt(address), family: address.kind() === "ipv4" ? 4 : 6 };
}

/**
 * The network object the record describes: among those holding the queried address (all of them when the query is
 * not an address, or none holds it), the narrowest; the first of equals.
 */
function chosenNetwork(networks: { object: RwhoisObject; network: NetworkInfo; span: Span | undefined }[], query: string | undefined) {
  const address = addressOf(query);
  const holding = address === undefined ? [] : networks.filter(({ span }) => span !== undefined && span.family === address.family && span.low <= address.value && address.value <= span.high);
  const pool = holding.length > 0 ? holding : networks;
  let best = pool[0];
  for (const candidate of pool) {
    if (best === undefined || candidate.span === undefined) continue;
    if (best.span === undefined || candidate.span.high - candidate.span.low < best.span.high - best.span.low) best = candidate;
  }
  return best;
}

function countryFields(contact: Contact, value: string | undefined): void {
  if (value === undefined) return;
  if (/^[A-Za-z]{2}$/.test(value)) contact.countryCode = value.toUpperCase();
  else {
    contact.country = value;
    const code = countryCodeOf(value);
    if (code !== undefined) contact.countryCode = code;
  }
}

type TextField = "email" | "phone" | "fax" | "city" | "state" | "postalCode";
/** RFC 2167 attribute (lower-cased) → the contact field it fills, first value kept. */
const CONTACT_FIELDS: ReadonlyArray<readonly [string, TextField]> = [["email", "email"], ["phone", "phone"], ["fax", "fax"]];
const ADDRESS_FIELDS: ReadonlyArray<readonly [string, TextField]> = [["city", "city"], ["state", "state"], ["postal-code", "postalCode"]];

function copyFields(contact: Contact, object: RwhoisObject, fields: ReadonlyArray<readonly [string, TextField]>): void {
  for (const [attribute, field] of fields) {
    const value = first(object, attribute);
    if (value !== undefined) contact[field] = value;
  }
}

/** A contact (or holder) from the object an ID names; the referencing value alone when no such object is in the answer. */
function contactFrom(handle: string, object: RwhoisObject | undefined, role: ContactRole): Contact {
  const contact: Contact = { roles: [role], handle };
  if (object === undefined) return contact;
  const organization = ORGANIZATION_CLASSES.has(object.cls);
  const name = organization ? (first(object, "org-name") ?? first(object, "name")) : (first(object, "name") ?? joinedName(object));
  if (name !== undefined) contact.name = name;
  copyFields(contact, object, CONTACT_FIELDS);
  addressFields(contact, object);
  return contact;
}

function joinedName(object: RwhoisObject): string | undefined {
  const parts = [first(object, "first-name"), first(object, "last-name")].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function addressFields(contact: Contact, object: RwhoisObject): void {
  const street = object.attributes.get("street-address") ?? object.attributes.get("address");
  if (street !== undefined) contact.street = [...street];
  copyFields(contact, object, ADDRESS_FIELDS);
  countryFields(contact, first(object, "country-code") ?? first(object, "country"));
}

/** Two contacts with the same data under different roles are one contact with both roles (record.md). */
function addContact(contacts: Contact[], contact: Contact): void {
  const key = JSON.stringify({ ...contact, roles: [] });
  const same = contacts.find((other) => JSON.stringify({ ...other, roles: [] }) === key);
  if (same === undefined) contacts.push(contact);
  else for (const role of contact.roles) if (!same.roles.includes(role)) same.roles.push(role);
}

/**
 * Gives `record` what the RWhois objects of `text` say about the queried network (see the file's comment). An
 * answer without a network object is left as the generic reader made it.
 */
export function applyRwhoisObjects(record: WhoisRecord, text: string, query: string | undefined): void {
  const objects = readRwhoisObjects(text);
  const networks = objects.filter((object) => object.cls === "network").map((object) => {
    const network = networkOf(object);
    return { object, network, span: spanOf(network) };
  });
  const chosen = chosenNetwork(networks, query);
  if (chosen === undefined) return;
  const byId = new Map<string, RwhoisObject>();
  for (const object of objects) {
    const id = first(object, "id");
    if (id !== undefined && !byId.has(id.toLowerCase())) byId.set(id.toLowerCase(), object);
  }
  const { object } = chosen;
  const network: NetworkInfo = { ...chosen.network };
  const handle = first(object, "id");
  if (handle !== undefined) network.handle = handle;
  const name = first(object, "network-name") ?? first(object, "net-name");
  if (name !== undefined) network.name = name;
  const type = first(object, "network-type");
  if (type !== undefined) network.type = type;

  const contacts: Contact[] = [];
  // The holder: a referenced organization object, or the holder's lines on the network itself (Org-Name, Street-Address…).
  const orgReference = first(object, "organization");
  const orgObject = orgReference === undefined ? undefined : byId.get(orgReference.toLowerCase());
  const inlineName = first(object, "org-name");
  let holder: Contact | undefined;
  if (orgReference !== undefined && (orgObject !== undefined || inlineName === undefined)) {
    holder = contactFrom(orgReference, orgObject !== undefined && ORGANIZATION_CLASSES.has(orgObject.cls) ? orgObject : undefined, "registrant");
    // An unresolved reference is a handle, not a name (rwhoisd's "777.a.com").
    if (orgObject === undefined) holder.handle = orgReference;
  } else if (inlineName !== undefined) {
    holder = { roles: ["registrant"], name: inlineName };
    addressFields(holder, object);
  }
  if (holder?.name !== undefined) network.organization = holder.name;
  const country = first(object, "country-code") ?? holder?.countryCode ?? holder?.country;
  if (country !== undefined) network.country = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : country;
  if (holder !== undefined) addContact(contacts, holder);

  for (const [attribute, values] of object.attributes) {
    if (attribute === "organization") continue;
    const role = ownValue(NETWORK_REFERENCES, attribute);
    if (role === undefined) continue;
    for (const value of values) {
      const referenced = byId.get(value.toLowerCase());
      addContact(contacts, contactFrom(value, referenced !== undefined && (CONTACT_CLASSES.has(referenced.cls) || ORGANIZATION_CLASSES.has(referenced.cls)) ? referenced : undefined, role));
    }
  }
  // The chosen network's own dates (the generic reader kept the first network's).
  const created = parseDateOf(first(object, "created"));
  const updated = parseDateOf(first(object, "updated"));
  if (created !== undefined || updated !== undefined) {
    record.dates = { ...record.dates };
    if (created !== undefined) record.dates.created = created;
    if (updated !== undefined) record.dates.updated = updated;
  }
  record.network = network;
  record.kind = "ip";
  if (contacts.length > 0) record.contacts = contacts;
}

function parseDateOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseDate(value);
}

/**
 * The first in-answer referral of an RWhois answer (RFC 2167 §3.3.11, `%referral rwhois://host:port/auth-area=…`; a
 * `whois://` URL is allowed there too), as written: the lookup follows it with the guards of every referral.
 */
export function rwhoisReferral(text: string): string | undefined {
  const at = text.indexOf("%referral");
  if (at === -1) return undefined;
  const match = /(?:^|\n)%referral[ \t]+((?:r?whois):\/\/[^\s]{1,300})/i.exec(text.slice(at === 0 ? 0 : at - 1));
  return match?.[1];
}
